import type { VideoItem } from '../timeline/draft.ts';
import type { Edit } from '../timeline/edit.ts';
import { insertItem } from '../timeline/edits/remove-item.ts';
import { removeItems } from '../timeline/edits/remove-items.ts';
import { setOrder } from '../timeline/edits/set-order.ts';
import {
  clipIndexes,
  items,
  photoIndexes,
  problem,
  say,
  type Outcome,
  type ParseContext,
  type Parser,
} from './context.ts';
import { findRefs } from './refs.ts';

/** A clip word: "clip", "clips", "footage", "videos", "my video" (not "the video", which is the whole thing). */
const CLIP =
  /\bclips?\b|\bfootage\b|\bvideos\b|\b(?:my|that|this|the other|both|two) (?:video|clip)s?\b|视频片段|片段|(?:那|这|两|几|一|\d)\s*段视频|视频素材/;
const PHOTO = /\bphotos?\b|\bpictures?\b|\bpics?\b|\bimages?\b|\bstills\b|照片|图片|相片/;
const ONLY = /\b(?:only|just|alone|nothing but|purely)\b|只(?:要|用|留|保留)?|纯|仅/;
const REMOVE =
  /\b(?:remove|delete|drop|scrap|take (?:\w+ )*out|get rid of|lose|ditch|skip|without|no)\b|去掉|删掉|删除|不放|不要|拿掉|去除/;
const START =
  /\b(?:start|beginning|begin|front|open(?:s|ing)?(?: (?:the video|it))? with|first thing|opener)\b|开场|开头|最前|片头/;
const END = /\b(?:end|last|ending|close|finish|very end)\b|最后|结尾|末尾|片尾/;
const MIDDLE = /\b(?:middle|center|centre|between)\b|中间|之间/;
const AFTER = /\bafter\b|后面|之后|后边/;
const BEFORE = /\bbefore\b|前面|之前|前边/;

function clipMedia(ctx: ParseContext) {
  return ctx.media.filter((m) => m.kind === 'video');
}

/** Which clips the words name: "the first clip", "the other clip", "both clips", default every clip. */
function namedClips(ctx: ParseContext, t: string): string[] {
  const all = clipMedia(ctx).map((m) => m.id);
  const first = /\bfirst (?:clip|video)\b|第一段/.test(t);
  const second = /\b(?:second|other) (?:clip|video)\b|第二段|另一段/.test(t);
  if (first && !second) return all.slice(0, 1);
  if (second && !first) return all.slice(1, 2);
  return all;
}

/** Keeping only photos or only clips, and placing clips (start, end, between or after photos). */
export const parseClips: Parser = (clause, ctx): Outcome | undefined => {
  const t = clause.text;
  if (!CLIP.test(t)) return undefined;
  const all = items(ctx);
  if (all.length === 0 && clipMedia(ctx).length === 0) return undefined;
  const clips = clipIndexes(ctx);
  const photos = photoIndexes(ctx);
  const photoWords = PHOTO.test(t);

  // "keep just the pictures", "take the two videos out", "纯照片", "去掉那两段视频".
  const dropClips =
    (REMOVE.test(t) && !(photoWords && /\bscrap the photos\b|去掉照片|删掉照片/.test(t))) ||
    (ONLY.test(t) &&
      photoWords &&
      !/(?:clips?|videos?|片段|视频) (?:alone|only)/.test(t) &&
      /(?:only|just|纯|只)\s*(?:the )?(?:photos?|pictures?|pics|images|照片|图片)/.test(t));
  const dropPhotos =
    /\b(?:scrap|remove|delete|drop|lose|ditch) (?:all )?(?:the )?(?:photos|pictures|pics|images)\b|(?:clips?|videos) alone\b|\bonly (?:the )?(?:clips|videos)\b|只(?:要|用|留|保留)?(?:视频|片段)|去掉(?:所有)?照片|删掉(?:所有)?照片/.test(
      t,
    );
  if (dropPhotos) {
    if (clips.length === 0)
      return problem(
        'There are no clips in the video to keep. Nothing was changed.',
        '视频里没有视频片段可以保留。没有做任何修改。',
      );
    if (photos.length === 0)
      return { kind: 'info', said: say('There are only clips already.', '已经只有视频片段了。') };
    return {
      kind: 'edits',
      edits: [removeItems({ indices: photos })],
      said: say(
        `Removed the ${photos.length} photos; the ${clips.length} clip${clips.length === 1 ? '' : 's'} stay.`,
        `已去掉${photos.length}张照片，保留${clips.length}段视频。`,
      ),
    };
  }
  if (dropClips && !START.test(t) && !END.test(t)) {
    if (clips.length === 0)
      return { kind: 'info', said: say('There are no clips in the video.', '视频里没有视频片段。') };
    if (photos.length === 0)
      return problem(
        'That would leave the video empty: there are only clips. Nothing was changed.',
        '这样视频就空了：里面只有视频片段。没有做任何修改。',
      );
    return {
      kind: 'edits',
      edits: [removeItems({ indices: clips })],
      said: say(
        `Removed the ${clips.length} clip${clips.length === 1 ? '' : 's'}; only photos now.`,
        `已去掉${clips.length}段视频，只保留照片。`,
      ),
    };
  }

  // Placing clips.
  const wanted = namedClips(ctx, t);
  if (wanted.length === 0) return undefined;
  const where = START.test(t)
    ? 'start'
    : END.test(t)
      ? 'end'
      : MIDDLE.test(t) || AFTER.test(t) || BEFORE.test(t)
        ? 'ref'
        : undefined;
  if (!where) return undefined;
  // Photos by their number among photos ("between photo 2 and photo 3", "第一张照片后面").
  let anchor: number | undefined;
  if (where === 'ref') {
    const refs = findRefs(t.replace(CLIP, ' '), ctx);
    const photoNums =
      refs.indexes.length > 0 ? refs.indexes : MIDDLE.test(t) ? [Math.ceil(photos.length / 2) - 1] : [];
    if (photoNums.length === 0) return undefined;
    const photoAt = (i: number) => photos[i] ?? i;
    const a = photoAt(Math.min(...photoNums));
    anchor = BEFORE.test(t) && !MIDDLE.test(t) && !AFTER.test(t) ? a : a + 1;
  }
  // New order: photos and the other items keep their order; the named clips go to the place asked.
  const others = all.map((it, i) => ({ it, i })).filter(({ it }) => !wanted.includes(it.src));
  const moving = wanted.map((id) => ({ id, i: all.findIndex((it) => it.src === id) }));
  let at = where === 'start' ? 0 : where === 'end' ? others.length : 0;
  if (where === 'ref' && anchor !== undefined) {
    const anchorSrc = all[anchor - 1]?.src;
    at = anchorSrc ? others.findIndex(({ it }) => it.src === anchorSrc) + 1 : 0;
  }
  const present = moving.filter((m) => m.i >= 0);
  const missing = moving.filter((m) => m.i < 0);
  const edits: Edit[] = [];
  if (present.length > 0) {
    const order = [
      ...others.slice(0, at).map((o) => o.i),
      ...present.map((m) => m.i),
      ...others.slice(at).map((o) => o.i),
    ];
    if (!order.every((v, i) => v === i)) edits.push(setOrder({ order }));
  }
  // Clips not in the video yet are put in at that place.
  let index = at + present.length;
  const fit = all[0]?.m.fit;
  for (const m of missing) {
    const media = clipMedia(ctx).find((c) => c.id === m.id);
    const item: VideoItem = {
      src: m.id,
      d: Math.max(1, Math.min(media?.durationMs ?? 3000, 15000)),
      m: { ...(fit ? { fit } : {}), motion: { type: 'none' } },
    };
    edits.push(insertItem({ index, item }));
    index++;
  }
  const n = wanted.length;
  const placeEn =
    where === 'start' ? 'at the start' : where === 'end' ? 'at the end' : `at position ${at + 1}`;
  const placeZh = where === 'start' ? '放在开头' : where === 'end' ? '放在最后' : `放在第${at + 1}个位置`;
  if (edits.length === 0)
    return {
      kind: 'info',
      said: say(`The clip${n === 1 ? ' is' : 's are'} already ${placeEn}.`, `视频片段已经${placeZh}了。`),
    };
  return {
    kind: 'edits',
    edits,
    said: say(
      `${n === 1 ? 'The clip' : `The ${n} clips`} ${placeEn}.`,
      `${n === 1 ? '视频片段' : `${n}段视频`}${placeZh}。`,
    ),
  };
};
