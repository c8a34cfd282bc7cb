/**
 * Fixtures of the instruction corpus: the session media and drafts the words apply to.
 * No vitest here, so bench/instruct.ts can run the same cases.
 */
import { interpret } from '../../src/instruct/interpret.ts';
import type { InstructContext, InstructMedia, InstructResult, Route } from '../../src/instruct/types.ts';
import { slideshowDraft } from '../../src/timeline/build.ts';
import { addText } from '../../src/timeline/edits/text-edits.ts';
import { parseDraft, type Draft } from '../../src/timeline/draft.ts';
import type { PresetName } from '../../src/timeline/presets.ts';

export const photos: InstructMedia[] = [
  { id: 'p1', kind: 'image', name: 'lisbon-3.jpg', capturedAt: '2024-06-02T10:00:00Z' },
  { id: 'p2', kind: 'image', name: 'alfama-1.jpg', capturedAt: '2024-06-05T10:00:00Z' },
  { id: 'p3', kind: 'image', name: 'tram-2.jpg', capturedAt: '2024-06-01T10:00:00Z' },
  { id: 'p4', kind: 'image', name: 'beach-5.jpg', capturedAt: '2024-06-04T10:00:00Z' },
  { id: 'p5', kind: 'image', name: 'sunset-4.jpg', capturedAt: '2024-06-03T10:00:00Z' },
];
export const song: InstructMedia = { id: 'm1', kind: 'audio', name: 'sunny-day.m4a', durationMs: 24000 };
export const song2: InstructMedia = { id: 'm2', kind: 'audio', name: 'rainy-night.mp3', durationMs: 40000 };
export const clipA: InstructMedia = { id: 'c1', kind: 'video', name: 'waves.mp4', durationMs: 6000 };
export const clipB: InstructMedia = { id: 'c2', kind: 'video', name: 'tram-ride.mov', durationMs: 4000 };

const empty = (): Draft => parseDraft({ v: 1, w: 1920, h: 1080, fps: 30, t: [] });
const fromMedia = (media: InstructMedia[], music?: InstructMedia) =>
  slideshowDraft(
    media
      .filter((m) => m.kind !== 'audio')
      .map((m) => ({
        id: m.id,
        kind: m.kind === 'video' ? 'video' : 'image',
        ...(m.durationMs ? { durationMs: m.durationMs } : {}),
      })),
    music ? { music: { id: music.id } } : {},
  );

/** Starting points: the session's media and draft before the words. */
export const FIXTURES = {
  /** 5 photos, 3 s each, fade transitions, Ken Burns, music 80%. */
  base: (): InstructContext => ({ draft: fromMedia(photos, song), media: [...photos, song, song2] }),
  /** The same with a title "Porto" and a caption on photo 3. */
  titled: (): InstructContext => {
    const d = addText({ text: 'Porto', s: 0, d: 3000, pos: 'center', size: 0.08 }).apply(
      fromMedia(photos, song),
    );
    return {
      draft: addText({ text: 'Tram 28', s: 6000, d: 3000, pos: 'bottom', size: 0.05 }).apply(d),
      media: [...photos, song],
    };
  },
  /** 5 photos, no music in the draft, a song uploaded. */
  nomusic: (): InstructContext => ({ draft: fromMedia(photos), media: [...photos, song] }),
  /** 5 photos and nothing else uploaded. */
  silent: (): InstructContext => ({ draft: fromMedia(photos), media: [...photos] }),
  /** photo, clip, photo, clip, photo; music. */
  clips: (): InstructContext => {
    const media = [photos[0]!, clipA, photos[1]!, clipB, photos[2]!];
    return { draft: fromMedia(media, song), media: [...media, song] };
  },
  /** Nothing in the draft yet; photos, a clip and a song uploaded. */
  fresh: (): InstructContext => ({ draft: empty(), media: [...photos, clipA, song] }),
  /**
   * 3 photos already edited (2 s each, 0.8 s dissolve, cover, varied motion, music), then 2 more photos
   * and a clip uploaded that are not in the video yet.
   */
  partial: (): InstructContext => ({
    draft: slideshowDraft(
      photos.slice(0, 3).map((m) => ({ id: m.id, kind: 'image' })),
      {
        seconds: 2,
        transition: 'dissolve',
        transitionMs: 800,
        fit: 'cover',
        music: { id: song.id, durationMs: song.durationMs ?? 0 },
      },
    ),
    media: [...photos, clipA, song],
  }),
  /** Nothing at all. */
  none: (): InstructContext => ({ draft: empty(), media: [] }),
};
export type FixtureName = keyof typeof FIXTURES;

/** The effect a case expects. Photo numbers are 1-based, times in seconds. */
export interface Expect {
  from?: FixtureName;
  /** Instructions said first (their history carries over). */
  after?: string[];
  preset?: PresetName | `${PresetName}-${'720' | '4k'}`;
  fps?: number;
  /** `photo` N lasts `seconds`. */
  photo?: number;
  seconds?: number;
  /** Every photo (not clips) lasts this long. */
  each?: number;
  total?: number;
  /** Every photo got shorter / longer than before. */
  shorter?: boolean;
  longer?: boolean;
  transition?: string;
  /** Only the cut after photo N changed (1-based). */
  between?: number;
  trSeconds?: number;
  trLonger?: boolean;
  motion?: string;
  motionOf?: number;
  amountUp?: boolean;
  amountDown?: boolean;
  fit?: string;
  title?: string;
  titlePos?: string;
  titleSeconds?: number;
  noTitle?: boolean;
  caption?: { photo?: number; text: string; pos?: string };
  texts?: number;
  music?: string | null;
  volume?: number;
  quieter?: boolean;
  louder?: boolean;
  fadeIn?: number;
  fadeOut?: number;
  loop?: boolean;
  clipVolume?: number;
  order?: string[];
  count?: number;
  route?: Route;
  /** Nothing changed and the reply says why (impossible, or an answer). */
  unchanged?: boolean;
  /** Clauses the reply says it did not understand. */
  notUnderstood?: number;
  reply?: RegExp;
  changed?: boolean;
  /** The project name (draft `m.name`). */
  name?: string;
  /** Every item's length in seconds, in order. */
  durations?: number[];
  /** A text holding these words has this colour (hex). */
  textColor?: [string, string];
  /** A text holding these words starts at 0 ('start') or runs to the end of the video ('end'). */
  textAt?: [string, 'start' | 'end'];
  /** Undo steps in the history after the words. */
  undoSteps?: number;
  /**
   * This many items were appended at the end: the items before are unchanged (but for the cut into the
   * first new one) and new photos look like the old ones (seconds, transition, fit).
   */
  added?: number;
}

export type Case = [string, Expect];

export function run(
  text: string,
  e: Expect,
): { result: InstructResult; before: Draft; ctx: InstructContext } {
  let ctx = FIXTURES[e.from ?? 'base']();
  for (const pre of e.after ?? []) {
    const r = interpret(pre, ctx);
    ctx = { ...ctx, draft: r.draft, history: r.history };
  }
  const before = ctx.draft;
  return { result: interpret(text, ctx), before, ctx };
}
