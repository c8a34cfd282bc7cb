import { audioTracks } from '../timeline/draft.ts';
import type { Edit } from '../timeline/edit.ts';
import { setItemDuration } from '../timeline/edits/set-item-duration.ts';
import { totalMs } from '../timeline/timing.ts';
import {
  isClip,
  items,
  listLabel,
  mediaById,
  noPhotos,
  photoIndexes,
  problem,
  say,
  seconds,
  type Outcome,
  type ParseContext,
  type Parser,
  type Said,
} from './context.ts';
import { findDurations } from './quantities.ts';
import { findFactor } from './multiplier.ts';
import { findRefs, outOfRangeSaid } from './refs.ts';

export const MIN_ITEM_MS = 100;
export const MAX_ITEM_MS = 10 * 60 * 1000;
export const MAX_TOTAL_MS = 2 * 3600 * 1000;
/** "faster" / "slower": every photo ×0.75 / ÷0.75. "shorter" / "longer" without a number: ×0.8 / ×1.25. */
export const FASTER = 0.75;
export const SHORTER = 0.8;

const EACH = /\b(?:each|every|per|apiece|all(?: the)? photos|all of them|a piece)\b|每|都|全部|所有|各/;
const TOTAL =
  /\b(?:total|in total|overall|altogether|whole|entire|the video|the (?:movie|slideshow|reel|clip)|make it|it to|length|long|runtime|run time|run|runs|last|lasts)\b|总|一共|整个|全长|时长|视频|影片|整体/;
const FASTER_RE =
  /\b(?:faster|quicker|speed (?:it |everything |things )?up|snappier|pacier|more quickly|quick(?:en)?(?: it)? up|pick up the pace|too slow|tighten(?: it)?(?: up)?|tighter|drags|dragging|sluggish)\b|太慢|加快|快一点|快一些|快点|节奏快|更快|加速|拖沓|紧凑|拖拉/;
const SLOWER_RE =
  /\b(?:slower|slow (?:it )?down|more slowly|relaxed|calmer|less rushed|too fast|too quick)\b|太快|放慢|慢一点|慢一些|慢点|节奏慢|更慢|减速/;
const LONGER_RE =
  /\b(?:longer|lengthen|extend|stretch|more time|too short|breathe|linger|hold (?:them|each photo|it) longer)\b|太短|延长|加长|长一点|长一些|更长|久一点|多停/;
const SHORTER_RE =
  /\b(?:shorter|shorten|trim|less time|cut down|briefer|too long)\b|太长|缩短|短一点|短一些|更短|减少时间|少停/;
/** "the rest", "the others", "everything in between", "其余": the photos an earlier clause did not name. */
const REST =
  /\b(?:the rest|the others|(?:all )?(?:the )?other (?:photos|pictures|ones|images)|everything (?:else|in between)|(?:the )?remaining(?: ones| photos)?|in between)\b|其余|其他|其它|剩下的?|剩余/;
/** "keep the total at 20 seconds but give the first photo 8": the total stays, the rest share what is left. */
/** "…, split the rest evenly", "其他几张平分剩下的时间": the total stays as it is. */
export const SPLIT_REST =
  /\bsplit the rest\b|\bshare the rest\b|\b(?:of those|of the) seconds\b|平分剩下|平分剩余|其余平分/;
export const KEEP_TOTAL =
  /\bsplit the rest\b|\bshare the rest\b|\b(?:of those|of the) seconds\b|平分剩下|平分剩余|其余平分|\b(?:keep|hold|leave) (?:the )?(?:total|overall|whole video|video|length|runtime)(?: length)? (?:at|to|of)\b|\btotal (?:stays|fixed)\b|总(?:时长|长)(?:保持|不变|固定)/;

/** "to 5 seconds" (absolute) beats "by 2 seconds" (relative). */
const ABSOLUTE = /\bto\s*$|到\s*$|成\s*$|为\s*$/;

function ms(n: number): number {
  return Math.round(n);
}

/** Spreads a total over the photos (clips keep their length), to the millisecond. */
export function spreadTotal(
  ctx: ParseContext,
  total: number,
): { edit: Edit; perPhoto: number } | { problem: Said } {
  const all = items(ctx);
  const photos = photoIndexes(ctx);
  if (photos.length === 0) {
    return {
      problem: say(
        'There are only clips, and clips keep their own length: name a clip to change it ("make clip 1 5 seconds").',
        '视频里只有视频片段，片段保持自己的时长：请指定片段（"第1段视频5秒"）。',
      ),
    };
  }
  const clipMs = all.reduce((s, it, i) => s + (isClip(ctx, i) ? it.d : 0), 0);
  const left = total - clipMs;
  if (left < photos.length * MIN_ITEM_MS) {
    return {
      problem: say(
        `${seconds(total).en} is too short: the clips alone take ${seconds(clipMs).en} and each photo needs at least 0.1 s. Nothing was changed.`,
        `${seconds(total).zh}太短了：视频片段本身就有${seconds(clipMs).zh}，每张照片至少需要0.1秒。没有做任何修改。`,
      ),
    };
  }
  const base = Math.floor(left / photos.length);
  const extra = left - base * photos.length;
  const list = photos.map((_, k) => base + (k < extra ? 1 : 0));
  return { edit: setItemDuration({ items: photos, ms: list }), perPhoto: left / photos.length };
}

function totalOutcome(ctx: ParseContext, total: number, why?: Said): Outcome {
  if (total > MAX_TOTAL_MS) {
    return problem(
      'That is longer than 2 hours, the most one video can be. Nothing was changed.',
      '超过了2小时，这是单个视频的上限。没有做任何修改。',
    );
  }
  const r = spreadTotal(ctx, total);
  if ('problem' in r) return { kind: 'problem', said: r.problem };
  const per = seconds(r.perPhoto);
  return {
    kind: 'edits',
    edits: [r.edit],
    said: say(
      `Length: ${seconds(total).en} in total${why ? ` (${why.en})` : ''}, about ${per.en} per photo; clips keep their length.`,
      `总时长：${seconds(total).zh}${why ? `（${why.zh}）` : ''}，每张照片约${per.zh}，视频片段保持原长。`,
    ),
  };
}

/** Caps a clip at the length of its source (from its start point). */
function clipCap(ctx: ParseContext, index: number, want: number): number {
  const item = items(ctx)[index];
  if (!item || !isClip(ctx, index)) return want;
  const source = mediaById(ctx, item.src)?.durationMs;
  if (!source) return want;
  return Math.max(1, Math.min(want, source - (item.m.from ?? 0)));
}

function perItem(ctx: ParseContext, indexes: number[], values: number[], what: Said): Outcome {
  const capped = indexes.map((i, k) => clipCap(ctx, i, values[k] ?? 0));
  const bad = values.find((v) => v < MIN_ITEM_MS);
  if (bad !== undefined) {
    return problem(
      `${bad <= 0 ? 'A duration must be positive' : 'Each item needs at least 0.1 s'}: say for example "3 seconds per photo". Nothing was changed.`,
      `${bad <= 0 ? '时长必须大于0' : '每个素材至少0.1秒'}：比如可以说"每张3秒"。没有做任何修改。`,
    );
  }
  if (values.some((v) => v > MAX_ITEM_MS)) {
    return problem(
      'One photo can stay on screen for 10 minutes at most. Nothing was changed.',
      '单张照片最多显示10分钟。没有做任何修改。',
    );
  }
  const wasCapped = capped.some((v, k) => v !== values[k]);
  return {
    kind: 'edits',
    edits: [setItemDuration({ items: indexes, ms: capped })],
    said: what,
    ...(wasCapped
      ? {
          note: say(
            'a clip cannot play longer than its own length, so it was kept at its full length',
            '视频片段不能超过它本身的长度，已设为完整长度',
          ),
        }
      : {}),
  };
}

/** "fit the music", "as long as the song", "配合音乐长度": total = the music's length. */
export const parseFitMusic: Parser = (clause, ctx) => {
  const t = clause.text;
  const fit =
    /\b(?:fit|match|sync|align|same length as|as long as|length of|end with|lasts? as long as)\b.*\b(?:music|song|track|audio|soundtrack|bgm)\b/.test(
      t,
    ) ||
    /(?:配合|匹配|对齐|适配|跟|和|与|按|根据|按照)(?:背景)?(?:音乐|歌曲|歌|配乐)(?:的)?(?:长度|时长|一样长|对齐|同步)?|(?:音乐|歌曲|配乐)(?:一样|同样)长|卡点/.test(
      t,
    );
  if (!fit) return undefined;
  if (items(ctx).length === 0) return noPhotos();
  const current = audioTracks(ctx.draft)[0]?.sg[0]?.src;
  const audio = current ? mediaById(ctx, current) : ctx.media.find((m) => m.kind === 'audio');
  if (!audio?.durationMs) {
    return problem(
      audio
        ? `I do not know how long "${audio.name}" is, so I cannot fit the video to it. Say a length instead, e.g. "make it 30 seconds".`
        : 'There is no music to fit: upload a song first, then say "fit the music".',
      audio
        ? `不知道"${audio.name}"有多长，无法对齐。可以直接说时长，比如"视频30秒"。`
        : '还没有音乐可以对齐：先上传一首歌，再说"配合音乐长度"。',
    );
  }
  return totalOutcome(ctx, audio.durationMs, say(`the length of ${audio.name}`, `${audio.name}的长度`));
};

/** Seconds per photo, per item, total length, faster/slower, longer/shorter. */
export const parseTiming: Parser = (clause, ctx) => {
  const refs = findRefs(clause.text, ctx);
  const t = refs.rest;
  const arithmetic = timingArithmetic(clause.text, t, refs.indexes, ctx);
  if (arithmetic) return arithmetic;
  const durations = findDurations(t);
  const faster = FASTER_RE.test(t);
  const slower = SLOWER_RE.test(t);
  const longer = LONGER_RE.test(t);
  const shorter = SHORTER_RE.test(t);
  if (durations.length === 0 && !faster && !slower && !longer && !shorter) return undefined;
  if (refs.outOfRange !== undefined) return { kind: 'problem', said: outOfRangeSaid(refs.outOfRange, ctx) };
  const all = items(ctx);
  if (all.length === 0) return noPhotos();

  const d = durations[0];
  const before = d ? t.slice(0, d.at) : t;
  const relative =
    !!d &&
    (longer || shorter || /\bby\s*$|\b(?:more|less|extra)\b|\badd\b|多|少|加|减/.test(t)) &&
    !ABSOLUTE.test(before);
  const sign = shorter || /\bless\b|少|减/.test(t) ? -1 : 1;

  // Named items: "photo 3 5 seconds", "第二张延长到5秒", "make the last one longer".
  if (refs.indexes.length > 0) {
    const idx = refs.indexes;
    let values: number[];
    let what: Said;
    const label = listLabel(ctx, idx);
    if (d) {
      values = idx.map((i) => (relative ? (all[i]?.d ?? 0) + sign * d.value : d.value));
      what = relative
        ? say(
            `${label.en}: ${sign > 0 ? '+' : '-'}${seconds(d.value).en}.`,
            `${label.zh}：${sign > 0 ? '增加' : '减少'}${seconds(d.value).zh}。`,
          )
        : say(
            `${label.en}: ${seconds(d.value).en}${idx.length > 1 ? ' each' : ''}.`,
            `${label.zh}：${idx.length > 1 ? '各' : ''}${seconds(d.value).zh}。`,
          );
    } else {
      const k = faster ? FASTER : slower ? 1 / FASTER : longer ? 1 / SHORTER : SHORTER;
      values = idx.map((i) => ms((all[i]?.d ?? 0) * k));
      what = say(
        `${label.en}: ${k > 1 ? `${Math.round((k - 1) * 100)}% longer` : `${Math.round((1 - k) * 100)}% shorter`} (now ${seconds(values[0] ?? 0).en}).`,
        `${label.zh}：${k > 1 ? `延长${Math.round((k - 1) * 100)}%` : `缩短${Math.round((1 - k) * 100)}%`}（现在${seconds(values[0] ?? 0).zh}）。`,
      );
    }
    return perItem(ctx, idx, values, what);
  }

  const photos = photoIndexes(ctx);
  if (d) {
    const each = EACH.test(t);
    const total = !each && TOTAL.test(t);
    if (relative) {
      if (each) {
        return perItem(
          ctx,
          photos,
          photos.map((i) => (all[i]?.d ?? 0) + sign * d.value),
          say(
            `Every photo ${sign > 0 ? '+' : '-'}${seconds(d.value).en}.`,
            `每张照片${sign > 0 ? '增加' : '减少'}${seconds(d.value).zh}。`,
          ),
        );
      }
      return totalOutcome(ctx, totalMs(ctx.draft) + sign * d.value);
    }
    if (d.value <= 0) return perItem(ctx, photos, [d.value], say('', ''));
    if (total) return totalOutcome(ctx, d.value);
    const outcome = perItem(
      ctx,
      photos.length > 0 ? photos : all.map((_, i) => i),
      (photos.length > 0 ? photos : all).map(() => d.value),
      say(`Every photo: ${seconds(d.value).en}.`, `每张照片：${seconds(d.value).zh}。`),
    );
    if (!each && outcome.kind === 'edits') {
      outcome.note = say(
        `I read "${seconds(d.value).en}" as per photo; say "make the video ${seconds(d.value).en} long" for the total`,
        `"${seconds(d.value).zh}"按每张照片理解；如果是总时长，请说"视频总长${seconds(d.value).zh}"`,
      );
    }
    return outcome;
  }

  // Relative without numbers: every photo.
  if (photos.length === 0) return noPhotos();
  const k = faster ? FASTER : slower ? 1 / FASTER : longer ? 1 / SHORTER : SHORTER;
  const values = photos.map((i) => Math.max(MIN_ITEM_MS, ms((all[i]?.d ?? 0) * k)));
  const pct = k > 1 ? Math.round((k - 1) * 100) : Math.round((1 - k) * 100);
  const out = perItem(
    ctx,
    photos,
    values,
    k > 1
      ? say(
          `Every photo ${pct}% longer (${seconds(values[0] ?? 0).en} for the first).`,
          `每张照片延长${pct}%（第一张现在${seconds(values[0] ?? 0).zh}）。`,
        )
      : say(
          `Every photo ${pct}% shorter (${seconds(values[0] ?? 0).en} for the first).`,
          `每张照片缩短${pct}%（第一张现在${seconds(values[0] ?? 0).zh}）。`,
        ),
  );
  if (out.kind === 'edits' && (longer || shorter)) {
    out.note = say(
      'no length was given, so every photo changed by the same share; say "make it 20 seconds" for an exact length',
      '没有说具体时长，所以每张照片按同样比例调整；如需精确时长，请说"视频20秒"',
    );
  }
  return out;
};

/** Arithmetic and constraints on lengths: factors, "the rest", "keep the total at …", "shave a second off". */
function timingArithmetic(text: string, t: string, named: number[], ctx: ParseContext): Outcome | undefined {
  const all = items(ctx);
  if (all.length === 0) return undefined;
  const photos = photoIndexes(ctx);
  const durations = findDurations(t);
  // "keep the total at 20 seconds but give the first photo 8".
  const keepNow =
    /\bsplit the rest\b|\bshare the rest\b|\b(?:of those|of the) seconds\b|平分剩下|平分剩余|其余平分/.test(
      text,
    );
  if (KEEP_TOTAL.test(text) && named.length > 0 && (durations[0] || keepNow)) {
    const total = keepNow ? all.reduce((sum, it) => sum + it.d, 0) : durations[0]!.value;
    const at = keepNow ? undefined : findDurations(text)[0];
    const after = keepNow ? t : at ? text.slice(at.end) : '';
    const v =
      findDurations(after)[0]?.value ??
      (/(?<![\d.])(\d+(?:\.\d+)?)(?![\d.])/.exec(after)
        ? Number(/(?<![\d.])(\d+(?:\.\d+)?)(?![\d.])/.exec(after)![1]) * 1000
        : undefined);
    if (v === undefined) return undefined;
    const others = photos.filter((i) => !named.includes(i));
    const clipMs = all.reduce((s2, it, i) => s2 + (isClip(ctx, i) ? it.d : 0), 0);
    const left = total - clipMs - v * named.length;
    if (others.length === 0 || left < others.length * MIN_ITEM_MS) {
      return problem(
        `${seconds(total).en} in total cannot hold ${seconds(v).en} for ${listLabel(ctx, named).en} and at least 0.1 s for each other photo. Nothing was changed.`,
        `总长${seconds(total).zh}放不下${listLabel(ctx, named).zh}的${seconds(v).zh}和其余每张至少0.1秒。没有做任何修改。`,
      );
    }
    const base = Math.floor(left / others.length);
    const extra = left - base * others.length;
    const idx = [...named, ...others];
    const ms = [...named.map(() => v), ...others.map((_, k) => base + (k < extra ? 1 : 0))];
    return perItem(
      ctx,
      idx,
      ms,
      say(
        `${listLabel(ctx, named).en}: ${seconds(v).en}; the other photos share the rest (about ${seconds(left / others.length).en} each), ${seconds(total).en} in total.`,
        `${listLabel(ctx, named).zh}：${seconds(v).zh}；其余照片平分剩下的时间（每张约${seconds(left / others.length).zh}），总长${seconds(total).zh}。`,
      ),
    );
  }
  // "then 1.5 s for each of the rest", "其余每张1.5秒", "everything in between 2 s".
  if (REST.test(t) && durations[0] && !findFactor(t)) {
    const touched = ctx.touched ?? [];
    const rest = photos.filter((i) => !touched.includes(i) && !named.includes(i));
    if (rest.length === 0 || rest.length === photos.length) return undefined;
    const v = durations[0].value;
    return perItem(
      ctx,
      rest,
      rest.map(() => v),
      say(`The other photos: ${seconds(v).en} each.`, `其余照片：每张${seconds(v).zh}。`),
    );
  }
  const factor = findFactor(t);
  if (
    factor &&
    !/\b(?:transitions?|fades?|volume|music|zoom|motion)\b|转场|过渡|音量|音乐|放大|动效/.test(t)
  ) {
    if (named.length > 0) {
      // "give the opening photo three times as long as the rest", "cut the final photo's time in half".
      const ref = factor.ofOthers ? all[photos.find((i) => !named.includes(i)) ?? -1]?.d : undefined;
      const values = named.map((i) =>
        Math.round((factor.ofOthers ? (ref ?? all[i]!.d) : all[i]!.d) * factor.value),
      );
      return perItem(
        ctx,
        named,
        values,
        say(
          `${listLabel(ctx, named).en}: ${seconds(values[0] ?? 0).en}${factor.ofOthers ? ` (${factor.value}× the others)` : ` (×${Math.round(factor.value * 100) / 100})`}.`,
          `${listLabel(ctx, named).zh}：${seconds(values[0] ?? 0).zh}${factor.ofOthers ? `（其他照片的${factor.value}倍）` : ''}。`,
        ),
      );
    }
    if (photos.length === 0) return noPhotos();
    const values = photos.map((i) => Math.max(MIN_ITEM_MS, Math.round(all[i]!.d * factor.value)));
    return perItem(
      ctx,
      photos,
      values,
      say(
        `Every photo ×${Math.round(factor.value * 100) / 100} (now ${seconds(values[0] ?? 0).en} for the first).`,
        `每张照片×${Math.round(factor.value * 100) / 100}（第一张现在${seconds(values[0] ?? 0).zh}）。`,
      ),
    );
  }
  // "shave a second off every photo", "take 2 seconds off the last photo", "每张再加一秒".
  const d = durations[0];
  if (d && /\boff\b|\bshave\b|\bminus\b|\bremove \d/.test(t) && !/\bturn off\b/.test(t)) {
    const idx = named.length > 0 ? named : photos;
    return perItem(
      ctx,
      idx,
      idx.map((i) => all[i]!.d - d.value),
      say(
        `${named.length > 0 ? listLabel(ctx, named).en : 'Every photo'}: ${seconds(d.value).en} shorter.`,
        `${named.length > 0 ? listLabel(ctx, named).zh : '每张照片'}：缩短${seconds(d.value).zh}。`,
      ),
    );
  }
  if (d && /再加|再多|多加|加长/.test(t) && named.length === 0) {
    return perItem(
      ctx,
      photos,
      photos.map((i) => all[i]!.d + d.value),
      say(`Every photo: ${seconds(d.value).en} longer.`, `每张照片：增加${seconds(d.value).zh}。`),
    );
  }
  return undefined;
}
