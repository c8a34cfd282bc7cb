import { DEFAULTS } from '../timeline/build.ts';
import type { MotionType, VideoItem } from '../timeline/draft.ts';
import type { Edit } from '../timeline/edit.ts';
import { insertItem } from '../timeline/edits/remove-item.ts';
import { setTransition } from '../timeline/edits/set-transition.ts';
import { AUTO_MOTIONS } from '../timeline/build.ts';
import { jsonEqual } from '../timeline/edits/json.ts';
import { items, problem, say, type Outcome, type ParseContext, type Parser } from './context.ts';
import { normalise } from './normalise.ts';
import { createOutcome } from './parse-create.ts';
import { quotesIn } from './quotes.ts';
import type { InstructMedia } from './types.ts';

const NOUNS = '(?:photos|pictures|pics|images|clips|videos|uploads|files|media|ones|items)';
const QUALIFIER =
  '(?:new(?:ly)?(?: uploaded| added)?|uploaded|remaining|other|missing|latest|recent|extra|additional|rest of the|all(?: of)?(?: the| my)?|every|my new)';
/** "add the new photos", "add all photos", "append the remaining clips", "add the photos I just uploaded". */
const EN_ADD = new RegExp(
  `\\b(?:add|append|include|insert|put|bring|throw|stick)(?: in| back)? (?:(?:the|my|those|these|all) )?(?:${QUALIFIER} )+(?:(?:the|my) )?(?:photos? and |pictures? and |images? and )?${NOUNS}\\b|\\b(?:add|append|include|insert|put|bring) (?:in )?(?:the|my|those|these) ${NOUNS} (?:(?:that )?(?:i|we) )?(?:just |recently )?(?:uploaded|added|sent|dropped)\\b|\\b(?:add|append|include|insert|put) (?:in )?the (?:rest|others)\\b`,
);
const ZH_OBJECT =
  '(?:新|新的|新上传的?|刚上传的|刚刚上传的|刚才上传的|最新上传的|后上传的|剩下的|剩余的|其余的|其他的|其它的|所有的?|全部的?|没加的|还没加的|未加入的|没有加入的|上传的)(?:照片|图片|相片|视频|片段|素材|文件)(?:和(?:照片|视频|片段))?';
const ZH_VERB = '(?:加进|加入|加到|加上|添加|放进|放入|插入|补上|补进|追加|加)';
const ZH_ADD = new RegExp(
  `${ZH_OBJECT}(?:都|也|全部|一起|一并)*${ZH_VERB}(?:去|来|进去|进来|到?(?:时间线|视频|最后|末尾|后面)(?:里|中|上)?(?:去|来)?|吧|了|一下)*$|(?:添加|加入|加上|追加|插入|补上|加)(?:一下)?${ZH_OBJECT}`,
);
/** Clauses about something else that happens to say "all photos": "add transitions to all photos". */
const OTHER =
  /\b(?:title|caption|subtitle|text|music|song|audio|transitions?|fades?|effects?|motion|zoom|ken burns|borders?|filters?|seconds?)\b|标题|字幕|文字|音乐|配乐|歌|转场|动效|效果|缩放|滤镜|边框|秒|怎么|如何|\bhow\b/;
const VERB = /\b(?:add|append|include|insert|put|bring)\b|加|添加|插入|放进|放入/;
const CLIPS_ONLY = /\b(?:clips|videos)\b|视频|片段/;
const PHOTOS_TOO = /\b(?:photos|pictures|pics|images)\b|照片|图片|相片/;

function isVisual(m: InstructMedia): boolean {
  return m.kind === 'image' || m.kind === 'video';
}

/** The visual media the clause names by file name ("add beach.jpg", "把photo.jpg加进去"). */
function namedMedia(text: string, quotes: readonly string[], ctx: ParseContext): InstructMedia[] {
  const quoted = quotesIn(text).map((i) => (quotes[i] ?? '').toLowerCase());
  return ctx.media
    .filter(isVisual)
    .map((m) => ({ m, at: text.indexOf(normalise(m.name).text) }))
    .filter(
      ({ m, at }) =>
        (at >= 0 && !/[a-z0-9]/.test(text[at - 1] ?? '')) || quoted.includes(m.name.toLowerCase()),
    )
    .sort((a, b) => a.at - b.at)
    .map(({ m }) => m);
}

/** The most common value (the first seen wins a tie). */
function mostCommon<T>(values: readonly T[]): T | undefined {
  let best: T | undefined;
  let bestCount = 0;
  for (const v of values) {
    const n = values.filter((x) => jsonEqual(x, v)).length;
    if (n > bestCount) {
      best = v;
      bestCount = n;
    }
  }
  return best;
}

/** How the draft treats its photos now: seconds, transition, motion (a type or the auto cycle) and fit. */
function currentStyle(ctx: ParseContext, videoIds: Set<string>) {
  const all = items(ctx);
  const photos = all.map((it, i) => ({ it, i })).filter(({ it }) => !videoIds.has(it.src));
  const ms = mostCommon(photos.map(({ it }) => it.d)) ?? DEFAULTS.seconds * 1000;
  const cuts = all.slice(0, -1).map((it) => it.m.tr);
  const tr = cuts.length > 0 ? mostCommon(cuts) : { type: DEFAULTS.transition, d: DEFAULTS.transitionMs };
  const motions = photos.map(({ it }) => it.m.motion);
  const auto =
    photos.length > 1 &&
    photos.every(({ it, i }) => it.m.motion?.type === AUTO_MOTIONS[i % AUTO_MOTIONS.length]);
  const motion = mostCommon(motions) ?? { type: 'zoom-in' as MotionType, amount: DEFAULTS.motionAmount };
  const amount = mostCommon(motions.map((m) => m?.amount).filter((a) => a !== undefined));
  const fit = mostCommon(all.map((it) => it.m.fit)) ?? DEFAULTS.fit;
  return { ms, tr, auto, motion, amount, fit };
}

/** Appends photos and clips in upload order, styled like the draft's photos; one insert_item each. */
function appendOutcome(ctx: ParseContext, adding: readonly InstructMedia[]): Outcome {
  const videoIds = new Set(ctx.media.filter((m) => m.kind === 'video').map((m) => m.id));
  const style = currentStyle(ctx, videoIds);
  const start = items(ctx).length;
  const edits: Edit[] = [];
  let draft = ctx.draft;
  adding.forEach((m, k) => {
    const index = start + k;
    const clip = m.kind === 'video';
    const motion: VideoItem['m']['motion'] = clip
      ? { type: 'none' }
      : style.auto
        ? {
            type: AUTO_MOTIONS[index % AUTO_MOTIONS.length] ?? 'zoom-in',
            amount: style.amount ?? DEFAULTS.motionAmount,
          }
        : structuredClone(style.motion);
    const item: VideoItem = {
      src: m.id,
      d: clip ? Math.max(1, Math.min(m.durationMs ?? style.ms, DEFAULTS.maxClipMs)) : style.ms,
      m: { fit: style.fit, motion },
    };
    const edit = insertItem({ index, item });
    edits.push(edit);
    draft = edit.apply(draft);
  });
  // Each inserted item is the last one when it goes in (so it has no transition yet): the cuts from the
  // last old item onwards get the draft's usual one, unless the insert already gave it.
  const tr = style.tr;
  const all = draft.t.find((t) => t.tt === 0)?.sg ?? [];
  const cuts = all
    .map((it, i) => ({ it, i }))
    .filter(({ it, i }) => i >= start - 1 && i < all.length - 1 && !jsonEqual(it.m.tr, tr))
    .map(({ i }) => i);
  if (tr && cuts.length > 0) edits.push(setTransition({ items: cuts, type: tr.type, d: tr.d }));
  const photos = adding.filter((m) => m.kind === 'image').length;
  const clips = adding.length - photos;
  const what = say(
    [
      photos ? `${photos} photo${photos === 1 ? '' : 's'}` : '',
      clips ? `${clips} clip${clips === 1 ? '' : 's'}` : '',
    ]
      .filter(Boolean)
      .join(' and '),
    [photos ? `${photos}张照片` : '', clips ? `${clips}段视频` : ''].filter(Boolean).join('和'),
  );
  const names = adding
    .slice(0, 5)
    .map((m) => m.name)
    .join(', ');
  const more = adding.length > 5 ? ', …' : '';
  return {
    kind: 'edits',
    edits,
    said: say(
      `Added ${what.en} at the end (${names}${more})${photos ? `, ${Math.round(style.ms / 100) / 10} s per photo like the others` : ''}.`,
      `已在末尾添加${what.zh}（${names}${more}）${photos ? `，每张${Math.round(style.ms / 100) / 10}秒，与其他照片一致` : ''}。`,
    ),
  };
}

/**
 * "add the new photos", "add all photos", "add beach.jpg", "把新照片加进去", "添加新上传的照片":
 * appends the uploaded photos and clips that are not in the video yet (upload order). On an empty
 * video it makes the slideshow instead.
 */
export const parseAddMedia: Parser = (clause, ctx): Outcome | undefined => {
  const t = clause.text;
  const named = VERB.test(t) || ctx.previous === parseAddMedia ? namedMedia(t, clause.quotes, ctx) : [];
  const bulk = EN_ADD.test(t) || ZH_ADD.test(t);
  if (named.length === 0 && !bulk) return undefined;
  if (named.length === 0 && OTHER.test(t)) return undefined;
  if (named.length > 0 && /\b(?:title|caption|subtitle|text|music|song)\b|标题|字幕|文字|音乐/.test(t))
    return undefined;
  if (items(ctx).length === 0) return createOutcome({ ...clause, text: '' }, ctx);

  const inDraft = new Set(items(ctx).map((it) => it.src));
  if (named.length > 0) {
    const fresh = named.filter((m) => !inDraft.has(m.id));
    if (fresh.length === 0) {
      const list = named.map((m) => m.name).join(', ');
      return problem(
        `${list} ${named.length === 1 ? 'is' : 'are'} already in the video. Nothing was added.`,
        `${list}已经在视频里了，没有添加。`,
      );
    }
    return appendOutcome(ctx, fresh);
  }
  const clipsOnly = CLIPS_ONLY.test(t) && !PHOTOS_TOO.test(t);
  const missing = ctx.media.filter(
    (m) => isVisual(m) && !inDraft.has(m.id) && (!clipsOnly || m.kind === 'video'),
  );
  if (missing.length === 0) {
    const any = ctx.media.some(isVisual);
    return problem(
      any
        ? `Every uploaded ${clipsOnly ? 'clip' : 'photo and clip'} is already in the video. Upload more first (or drop them on the page), then say "add the new photos".`
        : 'There are no photos or clips yet: upload some first.',
      any
        ? `上传的${clipsOnly ? '视频' : '照片和视频'}都已经在视频里了。先上传新的（或拖到页面上），再说"把新照片加进去"。`
        : '还没有照片或视频：请先上传。',
    );
  }
  return appendOutcome(ctx, missing);
};
