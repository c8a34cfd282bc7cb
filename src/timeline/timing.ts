import { videoTrack, type Draft, type VideoItem } from './draft.ts';

/** Where each video item sits on the timeline, in ms. Items play back to back. */
export interface ItemTiming {
  index: number;
  start: number;
  end: number;
}

/** Where the transition out of item `index` blends into `index + 1`: centred on their cut. */
export interface TransitionTiming {
  index: number;
  cut: number;
  start: number;
  end: number;
  d: number;
}

export function itemTimings(items: readonly Pick<VideoItem, 'd'>[]): ItemTiming[] {
  let start = 0;
  return items.map((item, index) => {
    const t = { index, start, end: start + item.d };
    start += item.d;
    return t;
  });
}

/** Transitions that actually blend (not `cut`, not zero-length, not after the last item). */
export function transitionTimings(items: readonly VideoItem[]): TransitionTiming[] {
  const timings = itemTimings(items);
  const out: TransitionTiming[] = [];
  items.forEach((item, index) => {
    const tr = item.m.tr;
    const timing = timings[index];
    if (!tr || tr.type === 'cut' || tr.d <= 0 || index === items.length - 1 || !timing) return;
    out.push({ index, cut: timing.end, start: timing.end - tr.d / 2, end: timing.end + tr.d / 2, d: tr.d });
  });
  return out;
}

/** The video's length: exactly the sum of its items' durations. */
export function totalMs(draft: Draft): number {
  return (videoTrack(draft)?.sg ?? []).reduce((sum, item) => sum + item.d, 0);
}

/** Number of frames the video has at the draft's frame rate. */
export function totalFrames(draft: Draft): number {
  return Math.round((totalMs(draft) * draft.fps) / 1000);
}

/** The item on screen at `ms` (the incoming one from the cut on), or -1 past the end. */
export function itemAt(draft: Draft, atMs: number): number {
  const items = videoTrack(draft)?.sg ?? [];
  const hit = itemTimings(items).find((t) => atMs >= t.start && atMs < t.end);
  return hit ? hit.index : -1;
}
