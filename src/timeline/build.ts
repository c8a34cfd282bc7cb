import {
  DRAFT_VERSION,
  TRACK_AUDIO,
  TRACK_TEXT,
  TRACK_VIDEO,
  type Draft,
  type Fit,
  type MotionType,
  type VideoItem,
} from './draft.ts';
import { parsePreset } from './presets.ts';
import type { TransitionType } from './transitions.ts';

/** A photo or clip to put on the video track, in order. */
export interface SlideSource {
  id: string;
  kind: 'image' | 'video';
  /** Clips: their length; they play whole unless longer than `maxClipMs`. */
  durationMs?: number;
}

export interface SlideshowOptions {
  preset?: string;
  fps?: number;
  /** Seconds each photo stays on screen. */
  seconds?: number;
  /** A transition name, `cut`, `random`, or `none` for hard cuts. */
  transition?: TransitionType | 'none';
  transitionMs?: number;
  /** `auto` varies the Ken Burns motion from photo to photo (deterministically). */
  motion?: MotionType | 'auto';
  motionAmount?: number;
  fit?: Fit;
  music?: { id: string; durationMs?: number; volume?: number };
  title?: string;
  name?: string;
  seed?: string;
  maxClipMs?: number;
}

export const DEFAULTS = {
  preset: 'youtube',
  fps: 30,
  seconds: 3,
  transition: 'fade' as TransitionType,
  transitionMs: 500,
  motionAmount: 0.1,
  fit: 'blur' as Fit,
  musicVolume: 0.8,
  musicFadeIn: 500,
  musicFadeOut: 1500,
  titleMs: 3000,
  maxClipMs: 15000,
};

/** The cycle `auto` motion follows: gentle, varied, never the same twice in a row. */
export const AUTO_MOTIONS: MotionType[] = ['zoom-in', 'pan-right', 'zoom-out', 'pan-left'];

/**
 * A slideshow draft from photos and clips: the starting point of `make` and of
 * "turn these photos into a video". Pure: same input, same draft.
 */
export function slideshowDraft(sources: readonly SlideSource[], options: SlideshowOptions = {}): Draft {
  const preset = parsePreset(options.preset ?? DEFAULTS.preset);
  if (!preset) throw new RangeError(`Unknown preset "${options.preset}"`);
  const itemMs = Math.max(1, Math.round((options.seconds ?? DEFAULTS.seconds) * 1000));
  const transition = options.transition ?? DEFAULTS.transition;
  const trMs = options.transitionMs ?? DEFAULTS.transitionMs;
  const amount = options.motionAmount ?? DEFAULTS.motionAmount;
  const fit = options.fit ?? DEFAULTS.fit;

  const items: VideoItem[] = sources.map((src, i) => {
    const d =
      src.kind === 'video'
        ? Math.max(1, Math.min(src.durationMs ?? itemMs, options.maxClipMs ?? DEFAULTS.maxClipMs))
        : itemMs;
    const motion: MotionType =
      src.kind === 'video'
        ? 'none'
        : options.motion === undefined || options.motion === 'auto'
          ? (AUTO_MOTIONS[i % AUTO_MOTIONS.length] ?? 'zoom-in')
          : options.motion;
    return {
      src: src.id,
      d,
      m: { fit, motion: motion === 'none' ? { type: 'none' } : { type: motion, amount } },
    };
  });
  items.forEach((item, i) => {
    const next = items[i + 1];
    if (!next || transition === 'none' || transition === 'cut') return;
    item.m.tr = { type: transition, d: Math.min(trMs, item.d, next.d) };
  });

  const total = items.reduce((s, it) => s + it.d, 0);
  const draft: Draft = {
    v: DRAFT_VERSION,
    w: preset.w,
    h: preset.h,
    fps: options.fps ?? DEFAULTS.fps,
    t: [{ tt: TRACK_VIDEO, sg: items }],
    m: {
      preset: options.preset ?? DEFAULTS.preset,
      ...(options.name ? { name: options.name } : {}),
      ...(options.seed ? { seed: options.seed } : {}),
    },
  };
  if (options.music && total > 0) {
    draft.t.push({
      tt: TRACK_AUDIO,
      sg: [
        {
          src: options.music.id,
          s: 0,
          d: total,
          m: {
            volume: options.music.volume ?? DEFAULTS.musicVolume,
            fadeIn: DEFAULTS.musicFadeIn,
            fadeOut: Math.min(DEFAULTS.musicFadeOut, total),
            loop: true,
          },
        },
      ],
    });
  }
  if (options.title && total > 0) {
    draft.t.push({
      tt: TRACK_TEXT,
      sg: [
        {
          text: options.title,
          s: 0,
          d: Math.min(DEFAULTS.titleMs, total),
          m: { pos: 'center', size: 0.08, color: '#ffffff' },
        },
      ],
    });
  }
  return draft;
}
