import { slideshowDraft, type SlideSource, type SlideshowOptions } from '../timeline/build.ts';
import { replaceDraft } from '../timeline/edits/replace-draft.ts';
import { setItemDuration } from '../timeline/edits/set-item-duration.ts';
import type { Edit } from '../timeline/edit.ts';
import { items, say, type Clause, type Outcome, type ParseContext, type Parser } from './context.ts';
import { findFormat } from './parse-format.ts';
import { spreadTotal } from './parse-timing.ts';
import { findTransitionType } from './transition-words.ts';
import { findDurations } from './quantities.ts';
import { quotesIn } from './quotes.ts';
import { naturalCompare } from './sort.ts';
import type { InstructMedia } from './types.ts';

export type MediaOrder = 'upload' | 'oldest' | 'newest' | 'name';

/** Photos and clips of the session in the asked order (upload order = array order). */
export function orderedMedia(media: readonly InstructMedia[], order: MediaOrder): InstructMedia[] {
  const visual = media.filter((m) => m.kind === 'image' || m.kind === 'video');
  const withIndex = visual.map((m, i) => ({ m, i }));
  const byDate = (dir: 1 | -1) =>
    withIndex.sort((a, b) => {
      const x = a.m.capturedAt;
      const y = b.m.capturedAt;
      if (x && y && x !== y) return x < y ? -dir : dir;
      if (x && !y) return -1;
      if (!x && y) return 1;
      return a.i - b.i;
    });
  if (order === 'oldest') byDate(1);
  if (order === 'newest') byDate(-1);
  if (order === 'name') withIndex.sort((a, b) => naturalCompare(a.m.name, b.m.name) || a.i - b.i);
  return withIndex.map((x) => x.m);
}

export function slideSources(ctx: ParseContext, order: MediaOrder): SlideSource[] {
  return orderedMedia(ctx.media, order).map((m) => ({
    id: m.id,
    kind: m.kind === 'video' ? 'video' : 'image',
    ...(m.durationMs !== undefined ? { durationMs: m.durationMs } : {}),
  }));
}

export function findMediaOrder(text: string): MediaOrder | undefined {
  if (
    /\b(?:oldest first|by date|chronological(?:ly)?|by (?:capture )?time|in date order|when (?:they were )?taken)\b|按时间|按拍摄|从旧到新|时间顺序|按日期|最早的在前/.test(
      text,
    )
  )
    return 'oldest';
  if (
    /\b(?:newest first|latest first|most recent first|reverse chronological)\b|从新到旧|最新的在前|倒着按时间/.test(
      text,
    )
  )
    return 'newest';
  if (/\b(?:by name|by file ?name|alphabetical(?:ly)?|a to z|a-z)\b|按名称|按名字|按文件名|按字母/.test(text))
    return 'name';
  if (
    /\b(?:order i uploaded|upload order|uploaded order|order (?:they were|i) (?:uploaded|added|sent)|original order)\b|上传顺序|按上传|原来的顺序|原始顺序/.test(
      text,
    )
  )
    return 'upload';
  return undefined;
}

const CREATE = [
  /\binto (?:a |an |one )?(?:[a-z0-9:-]+ ){0,3}(?:slideshow|video|movie|reel|montage|film|clip)\b/,
  /\b(?:make|create|build|generate|produce|compile|do|put together) (?:me )?(?:a|an|new|one|my) (?:[a-z0-9:-]+ ){0,3}(?:slideshow|video|movie|reel|montage|film|clip)\b/,
  /\b(?:slideshow|video|vid|movie|reel|montage|tiktok|short|story|recap|clip) (?:from|of|out of|with|using) (?:these|my|the|all|them|those|every)\b/,
  /^(?:a |new )?slideshow$/,
  /(?:做|生成|制作|合成|创建|弄|剪|变)(?:成|出)?(?:一个|个|一段|段|一部|部)?[^，,。]{0,8}?(?:视频|幻灯片|影片|短片|相册|vlog|电子相册)/,
];
const ABOUT_MEDIA =
  /\b(?:photos?|these|them|those|uploads?|uploaded|pictures|new|all|my)\b|照片|这些|图片|素材|上传|相片|新的/;

const NO_MUSIC =
  /\b(?:no|without|skip the|silent|no background) (?:music|song|soundtrack|audio|sound)\b|\bsilent\b|\b(?:leave|keep) (?:the )?(?:music|song|soundtrack|audio) out\b|\bleave out (?:the )?(?:music|song|soundtrack)\b|不要音乐|无音乐|不加音乐|不要配乐|没有音乐|不用音乐|不配乐|静音/;
const NO_MOTION =
  /\b(?:no|without) (?:ken burns|motion|movement|zoom(?:ing)?|panning)\b|\b(?:static|still)\b|不要动效|无动效|静止|不要缩放|不动/;

/** The words ask for a new slideshow (the create frame's trigger, without building it). */
export function asksToCreate(text: string): boolean {
  return CREATE.some((re) => re.test(text));
}

/** "turn these photos into a slideshow with transitions and music", "把这些照片做成视频". */
export const parseCreate: Parser = (clause, ctx): Outcome | undefined => {
  const t = clause.text;
  // "…, in that order": the order of the photos just named (said with them).
  if (/^(?:in (?:that|this|the same|the given) order|按(?:这个|此|上面的)顺序(?:排)?)$/.test(t.trim()))
    return { kind: 'info', said: say('', '') };
  if (!CREATE.some((re) => re.test(t))) return undefined;
  if (items(ctx).length > 0 && !ABOUT_MEDIA.test(t)) return undefined;
  return createOutcome(clause, ctx);
};

/**
 * The slideshow of every uploaded photo and clip. `implicit`: made because the words asked for an
 * edit on an empty video; then only the order and music come from the words (the clauses do the rest).
 */
export function createOutcome(clause: Clause, ctx: ParseContext, implicit = false): Outcome {
  const t = clause.text;
  const order = findMediaOrder(ctx.whole) ?? 'upload';
  const all = slideSources(ctx, order);
  const picked = pickedPhotos(ctx.whole, all.filter((s) => s.kind === 'image').length);
  const sources = picked
    ? picked.map((n) => all.filter((s) => s.kind === 'image')[n - 1]).filter((s) => s !== undefined)
    : all;
  if (sources.length === 0) {
    return {
      kind: 'problem',
      said: say(
        'There are no photos or clips yet: upload some first, then say "turn these photos into a slideshow".',
        '还没有照片或视频：请先上传，再说"把这些照片做成视频"。',
      ),
    };
  }
  const format: ReturnType<typeof findFormat> = implicit ? {} : findFormat(ctx.whole);
  const transition = implicit ? undefined : findTransitionType(ctx.whole);
  const audio = ctx.media.find((m) => m.kind === 'audio');
  const noMusic = NO_MUSIC.test(ctx.whole);
  const options: SlideshowOptions = {
    ...(format.preset || (format.resolution && format.resolution !== '1080')
      ? {
          preset:
            format.resolution && format.resolution !== '1080'
              ? `${format.preset ?? 'youtube'}-${format.resolution}`
              : (format.preset ?? 'youtube'),
        }
      : {}),
    ...(format.fps ? { fps: format.fps } : {}),
    ...(transition ? { transition: transition === 'none' ? 'none' : transition } : {}),
    ...(!implicit && NO_MOTION.test(ctx.whole) ? { motion: 'none' as const } : {}),
    ...(audio && !noMusic
      ? { music: { id: audio.id, ...(audio.durationMs ? { durationMs: audio.durationMs } : {}) } }
      : {}),
    ...(ctx.draft.m.seed ? { seed: ctx.draft.m.seed } : {}),
  };
  const q = implicit ? undefined : quotesIn(t)[0];
  if (q !== undefined && clause.quotes[q]) options.title = clause.quotes[q];
  const edits: Edit[] = [];
  let draft = slideshowDraft(sources, options);
  edits.push(replaceDraft({ draft }));

  // "a 20 second video" in the same clause: spread it over the photos.
  const d = implicit ? undefined : findDurations(t)[0];
  let lengthEn = '';
  let lengthZh = '';
  if (d && d.value > 0 && /\b(?:each|per|apiece|every)\b|每张|每个/.test(t)) {
    const e = setItemDuration({ items: draft.t[0]?.sg.map((_, i) => i) ?? [], ms: d.value });
    edits.push(e);
    draft = e.apply(draft);
  } else if (d && d.value > 0) {
    const r = spreadTotal({ ...ctx, draft }, d.value);
    if (!('problem' in r)) {
      edits.push(r.edit);
      draft = r.edit.apply(draft);
      lengthEn = `, ${Math.round(d.value / 100) / 10} s long`;
      lengthZh = `，总长${Math.round(d.value / 100) / 10}秒`;
    }
  }
  const photos = sources.filter((s) => s.kind === 'image').length;
  const clips = sources.length - photos;
  const orderEn = {
    upload: 'in upload order',
    oldest: 'oldest first',
    newest: 'newest first',
    name: 'by name',
  }[order];
  const orderZh = {
    upload: '按上传顺序',
    oldest: '按拍摄时间从旧到新',
    newest: '按拍摄时间从新到旧',
    name: '按名称',
  }[order];
  const trEn = transition === 'none' ? 'hard cuts' : `${transition ?? 'fade'} transitions`;
  const trZh = transition === 'none' ? '无转场' : `${transition ?? 'fade'}转场`;
  const musicEn = options.music
    ? `music: ${audio?.name}`
    : audio
      ? 'no music (as asked)'
      : 'no music (none uploaded)';
  const musicZh = options.music
    ? `音乐：${audio?.name}`
    : audio
      ? '不加音乐（按要求）'
      : '无音乐（没有上传音乐）';
  return {
    kind: 'edits',
    edits,
    said: implicit
      ? say(
          `The video was empty, so I first made a slideshow of ${photos} photo${photos === 1 ? '' : 's'}${clips ? ` and ${clips} clip${clips === 1 ? '' : 's'}` : ''} ${orderEn}: ${trEn}, gentle Ken Burns motion, ${musicEn}.`,
          `视频还是空的，所以先用${photos}张照片${clips ? `和${clips}段视频` : ''}${orderZh}生成了幻灯片：${trZh}，轻微的推拉动效，${musicZh}。`,
        )
      : say(
          `Made a slideshow of ${photos} photo${photos === 1 ? '' : 's'}${clips ? ` and ${clips} clip${clips === 1 ? '' : 's'}` : ''} ${orderEn}${lengthEn}: ${trEn}, ${options.motion === 'none' ? 'no motion' : 'gentle Ken Burns motion'}, ${musicEn}.`,
          `已用${photos}张照片${clips ? `和${clips}段视频` : ''}${orderZh}生成幻灯片${lengthZh}：${trZh}，${options.motion === 'none' ? '无动效' : '轻微的推拉动效'}，${musicZh}。`,
        ),
  };
}

/**
 * Photos named for a new video, in the order named (1-based upload numbers): "only photos 1 to 4",
 * "from photos 5, 2 and 1 only", "从第5张开始倒着排到第1张". Undefined when the words pick none.
 */
export function pickedPhotos(t: string, count: number): number[] | undefined {
  const range = (a: number, b: number) =>
    Array.from({ length: Math.abs(b - a) + 1 }, (_, k) => (a <= b ? a + k : a - k));
  let out: number[] | undefined;
  let m: RegExpExecArray | null;
  const except =
    /\b(?:every|all(?: the)?|each) (?:photo|picture|pic|image)s? (?:except|but) (?:for )?(?:the |photo |number )?(\d+)/.exec(
      t,
    ) ?? /除了第(\d+)张/.exec(t);
  if ((m = /从第(\d+)张.*?到第(\d+)张/.exec(t))) out = range(Number(m[1]), Number(m[2]));
  else if (except) out = range(1, count).filter((n) => n !== Number(except[1]));
  else if ((m = /只用第(\d+(?:\s*[、,，和]\s*第?\d+)*)张/.exec(t)))
    out = [...m[1]!.matchAll(/\d+/g)].map((x) => Number(x[0]));
  else if (
    (m =
      /\b(?:only|just|using only|from|using) (?:the )?(?:photos?|pictures?|pics|images) (\d+) (?:to|through|thru|-) (\d+)\b/.exec(
        t,
      ))
  )
    out = range(Number(m[1]), Number(m[2]));
  else if (
    (m =
      /\b(?:only|just|using only|from|using|only use|use only|use) (?:the )?(?:photos?|pictures?|pics|images) (\d+(?:\s*(?:,|and|&)\s*\d+)+)/.exec(
        t,
      ))
  )
    out = [...m[1]!.matchAll(/\d+/g)].map((x) => Number(x[0]));
  if (!out || out.length === 0 || out.some((n) => n < 1 || n > count)) return undefined;
  return [...new Set(out)];
}
