import { z } from 'zod';
import { PhotoreelError } from '../errors.ts';
import { TRACK_AUDIO, TRACK_TEXT, TRACK_VIDEO } from './tracks.ts';
import { TRANSITION_TYPES } from './transitions.ts';

export { TRACK_AUDIO, TRACK_TEXT, TRACK_VIDEO, audioTracks, textTracks, videoTrack } from './tracks.ts';

/**
 * The draft JSON (spec/draft.md), version 1: the one timeline every part shares. Keys the format does not name
 * are refused (by the draft schema's refinement), except under `m` (of the draft, a track or an item), where the
 * format allows additions.
 */
export const DRAFT_VERSION = 1;

export const FITS = ['cover', 'contain', 'blur'] as const;
export const MOTIONS = [
  'none',
  'zoom-in',
  'zoom-out',
  'pan-left',
  'pan-right',
  'pan-up',
  'pan-down',
] as const;
export const TEXT_POSITIONS = [
  'top',
  'center',
  'bottom',
  'top-left',
  'top-right',
  'bottom-left',
  'bottom-right',
] as const;

const ms = z
  .int()
  .min(0)
  .max(24 * 3600 * 1000);
const positiveMs = z
  .int()
  .min(1)
  .max(24 * 3600 * 1000);
const evenPixels = z.int().min(16).max(4320).multipleOf(2, { message: 'must be an even number of pixels' });

export const transitionSchema = z.looseObject({
  type: z.enum(TRANSITION_TYPES),
  d: ms,
});

export const motionSchema = z.looseObject({
  type: z.enum(MOTIONS),
  /** How far the motion goes: 0.1 zooms by 10% or pans by 10% of the frame. */
  amount: z.number().min(0).max(0.5).optional(),
});

export const videoItemSchema = z.looseObject({
  src: z.string().min(1),
  d: positiveMs,
  m: z
    .looseObject({
      fit: z.enum(FITS).optional(),
      motion: motionSchema.optional(),
      tr: transitionSchema.optional(),
      /** Clips: where in the clip to start, ms. */
      from: ms.optional(),
      /** Clips: volume of the clip's own sound, 0 mutes it. */
      volume: z.number().min(0).max(4).optional(),
    })
    .default({}),
});

export const audioItemSchema = z.looseObject({
  src: z.string().min(1),
  s: ms,
  d: positiveMs,
  m: z
    .looseObject({
      volume: z.number().min(0).max(4).optional(),
      fadeIn: ms.optional(),
      fadeOut: ms.optional(),
      loop: z.boolean().optional(),
    })
    .default({}),
});

export const textItemSchema = z.looseObject({
  text: z.string().min(1).max(500),
  s: ms,
  d: positiveMs,
  m: z
    .looseObject({
      pos: z.enum(TEXT_POSITIONS).optional(),
      /** Font size as a fraction of the canvas's shorter side (text wraps and shrinks to fit). */
      size: z.number().min(0.01).max(0.3).optional(),
      color: z
        .string()
        .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #ffffff')
        .optional(),
    })
    .default({}),
});

export const videoTrackSchema = z.looseObject({
  tt: z.literal(TRACK_VIDEO),
  sg: z.array(videoItemSchema),
  m: z.looseObject({}).optional(),
});
export const audioTrackSchema = z.looseObject({
  tt: z.literal(TRACK_AUDIO),
  sg: z.array(audioItemSchema),
  m: z.looseObject({}).optional(),
});
export const textTrackSchema = z.looseObject({
  tt: z.literal(TRACK_TEXT),
  sg: z.array(textItemSchema),
  m: z.looseObject({}).optional(),
});

export const trackSchema = z.discriminatedUnion('tt', [videoTrackSchema, audioTrackSchema, textTrackSchema]);

const DRAFT_KEYS = new Set(['v', 'w', 'h', 'fps', 't', 'm']);
const TRACK_KEYS = new Set(['tt', 'sg', 'm']);
const ITEM_KEYS: Record<number, Set<string>> = {
  [TRACK_VIDEO]: new Set(['src', 'd', 'm']),
  [TRACK_AUDIO]: new Set(['src', 's', 'd', 'm']),
  [TRACK_TEXT]: new Set(['text', 's', 'd', 'm']),
};

/** Keys the format does not name are refused on the draft, its tracks and items: additions belong under `m`. */
function refuseUnknownKeys(draft: { t: { tt: number; sg: object[] }[] }, ctx: z.core.$RefinementCtx): void {
  const check = (o: object, known: Set<string>, path: (string | number)[]) => {
    for (const key of Object.keys(o)) {
      if (known.has(key)) continue;
      ctx.addIssue({
        code: 'custom',
        path: [...path, key],
        message: 'is not a key of the draft format: put additions under "m"',
      });
      return;
    }
  };
  check(draft, DRAFT_KEYS, []);
  draft.t.forEach((track, ti) => {
    check(track, TRACK_KEYS, ['t', ti]);
    const known = ITEM_KEYS[track.tt];
    if (known) track.sg.forEach((item, si) => check(item, known, ['t', ti, 'sg', si]));
  });
}

export const draftSchema = z
  .looseObject({
    v: z.literal(DRAFT_VERSION),
    w: evenPixels,
    h: evenPixels,
    fps: z.number().min(1).max(120),
    t: z.array(trackSchema),
    m: z
      .looseObject({
        preset: z.string().optional(),
        name: z.string().max(200).optional(),
        /** Seed for `random` transitions and shuffles; same seed, same choices. */
        seed: z.string().max(100).optional(),
      })
      .default({}),
  })
  .superRefine((draft, ctx) => {
    refuseUnknownKeys(draft, ctx);
    const videoTracks = draft.t.filter((t) => t.tt === TRACK_VIDEO);
    if (videoTracks.length > 1) {
      ctx.addIssue({ code: 'custom', path: ['t'], message: 'must have at most one video track (tt 0)' });
    }
    draft.t.forEach((track, ti) => {
      if (track.tt !== TRACK_VIDEO) return;
      track.sg.forEach((item, i) => {
        const tr = item.m.tr;
        const next = track.sg[i + 1];
        if (!tr || !next) return;
        const limit = Math.min(item.d, next.d);
        if (tr.d > limit) {
          ctx.addIssue({
            code: 'custom',
            path: ['t', ti, 'sg', i, 'm', 'tr', 'd'],
            message: `must be at most ${limit} ms, the shorter neighbour's duration`,
          });
        }
      });
    });
  });

export type Draft = z.infer<typeof draftSchema>;
export type Track = z.infer<typeof trackSchema>;
export type VideoTrack = z.infer<typeof videoTrackSchema>;
export type AudioTrack = z.infer<typeof audioTrackSchema>;
export type TextTrack = z.infer<typeof textTrackSchema>;
export type VideoItem = z.infer<typeof videoItemSchema>;
export type AudioItem = z.infer<typeof audioItemSchema>;
export type TextItem = z.infer<typeof textItemSchema>;
export type Fit = (typeof FITS)[number];
export type MotionType = (typeof MOTIONS)[number];
export type TextPosition = (typeof TEXT_POSITIONS)[number];
/** A draft as JSON may arrive, before defaults are filled in. */
export type DraftInput = z.input<typeof draftSchema>;

/** Formats zod issues as `t[0].sg[2].d: must be at least 1` lines. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path
        .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
        .join('');
      return `${path || '(draft)'}: ${issue.message}`;
    })
    .join('; ');
}

/**
 * Reads a draft from untrusted JSON: every entry point calls this.
 * Throws DRAFT_TOO_NEW for a newer version, DRAFT_INVALID naming the field otherwise.
 */
export function parseDraft(input: unknown): Draft {
  if (input && typeof input === 'object' && 'v' in input) {
    const v = (input as { v: unknown }).v;
    if (typeof v === 'number' && v > DRAFT_VERSION) {
      throw new PhotoreelError(
        'DRAFT_TOO_NEW',
        `This draft is version ${v}, and this photoreel reads version ${DRAFT_VERSION}: upgrade photoreel to open it.`,
      );
    }
  }
  const result = draftSchema.safeParse(input);
  if (!result.success) {
    throw new PhotoreelError(
      'DRAFT_INVALID',
      `The draft is not valid: ${describeIssues(result.error.issues)}.`,
      {
        issues: result.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
      },
    );
  }
  return result.data;
}
