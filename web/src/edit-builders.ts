/**
 * The structured edits the page's controls send (POST …/edits): the JSON of src/timeline/edits, built from
 * what a person did. Pure: no I/O, no DOM. Positions are 0-based.
 */
import type { Draft, MediaInfo } from './api-types.ts';
import { FITS, MOTIONS, TEXT_POSITIONS, type VideoItem } from '../../src/timeline/draft.ts';
import { TRANSITIONS } from '../../src/timeline/transitions.ts';
import { DEFAULTS, slideshowDraft } from '../../src/timeline/build.ts';
import {
  PRESETS,
  presetOf,
  presetSize,
  type PresetName,
  type Resolution,
} from '../../src/timeline/presets.ts';

export interface EditJSON {
  name: string;
  args: Record<string, unknown>;
}

export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];
export {
  FITS as FIT_NAMES,
  MOTIONS as MOTION_NAMES,
  TEXT_POSITIONS as POSITION_NAMES,
} from '../../src/timeline/draft.ts';
/** The transitions offered in the inspector: every one the renderer (and the preview) draws. */
export const TRANSITION_CHOICES = ['none', ...TRANSITIONS, 'random'] as const;

const ms = (seconds: number) => Math.max(1, Math.round(seconds * 1000));

export function videoItems(draft: Draft | null): VideoItem[] {
  const track = draft?.t.find((t) => t.tt === 0);
  return track?.tt === 0 ? track.sg : [];
}

export function moveEdit(from: number, to: number, count: number): EditJSON | undefined {
  if (from === to || from < 0 || to < 0 || from >= count || to >= count) return undefined;
  return { name: 'move_item', args: { from, to } };
}

export function durationEdit(index: number, seconds: number): EditJSON | undefined {
  if (!Number.isFinite(seconds) || seconds <= 0 || index < 0) return undefined;
  return { name: 'set_item_duration', args: { items: [index], ms: ms(seconds) } };
}

export function removeEdit(index: number): EditJSON {
  return { name: 'remove_item', args: { index } };
}

export function fitEdit(items: number[] | 'all', fit: (typeof FITS)[number]): EditJSON {
  return { name: 'set_fit', args: { items, fit } };
}

export function motionEdit(items: number[] | 'all', type: (typeof MOTIONS)[number]): EditJSON {
  return { name: 'set_motion', args: { items, type } };
}

/** The transition out of item `index` (or every cut): a type and/or a length in seconds. */
export function transitionEdit(
  items: number[] | 'all',
  type: string | undefined,
  seconds?: number,
): EditJSON {
  const args: Record<string, unknown> = { items };
  if (type) args.type = type;
  if (seconds !== undefined && Number.isFinite(seconds) && seconds >= 0) args.d = Math.round(seconds * 1000);
  return { name: 'set_transition', args };
}

/** The resolution the canvas is at now (its shorter side), so a format change keeps it. */
export function resolutionOf(draft: Pick<Draft, 'w' | 'h'>): Resolution {
  const short = Math.min(draft.w, draft.h);
  if (short >= 2160) return '4k';
  if (short >= 1440) return '1440';
  if (short >= 1080) return '1080';
  return '720';
}

/** The format a canvas is in (youtube, vertical, square, portrait), whatever its resolution. */
export function currentPreset(draft: Pick<Draft, 'w' | 'h'> | null): PresetName | undefined {
  if (!draft) return undefined;
  const name = presetOf(draft.w, draft.h)?.split('-')[0];
  if (name && name in PRESETS) return name as PresetName;
  // Any canvas of the same shape counts (a 1280x720 YouTube draft).
  return PRESET_NAMES.find((p) => Math.abs(PRESETS[p].w / PRESETS[p].h - draft.w / draft.h) < 0.01);
}

export function presetEdit(draft: Pick<Draft, 'w' | 'h'>, preset: PresetName): EditJSON | undefined {
  const size = presetSize(preset, resolutionOf(draft));
  if (size.w === draft.w && size.h === draft.h) return undefined;
  return { name: 'set_canvas', args: { ...size, preset } };
}

export function nameEdit(name: string): EditJSON {
  const n = name.trim().slice(0, 200);
  return { name: 'set_name', args: { name: n || null } };
}

export interface TextFields {
  text?: string;
  s?: number;
  d?: number;
  pos?: (typeof TEXT_POSITIONS)[number];
  size?: number;
  color?: string;
}

/** A new text: on photo `item` (it follows the photo), or from `s` for `d` seconds. */
export function addTextEdit(
  text: string,
  at: { item: number } | { s: number; d: number },
): EditJSON | undefined {
  const words = text.trim();
  if (!words) return undefined;
  const args: Record<string, unknown> = { text: words.slice(0, 500) };
  if ('item' in at) args.item = at.item;
  else {
    args.s = Math.max(0, Math.round(at.s * 1000));
    args.d = ms(at.d);
  }
  return { name: 'add_text', args };
}

/** Changes text `index`: seconds for s and d, 0..1 fraction for size, #rrggbb for colour. */
export function setTextEdit(index: number, fields: TextFields): EditJSON | undefined {
  const args: Record<string, unknown> = { index };
  if (fields.text !== undefined) {
    const words = fields.text.trim();
    if (!words) return undefined;
    args.text = words.slice(0, 500);
  }
  if (fields.s !== undefined && Number.isFinite(fields.s) && fields.s >= 0)
    args.s = Math.round(fields.s * 1000);
  if (fields.d !== undefined && Number.isFinite(fields.d) && fields.d > 0) args.d = ms(fields.d);
  if (fields.pos !== undefined) args.pos = fields.pos;
  if (fields.size !== undefined && Number.isFinite(fields.size))
    args.size = Math.min(0.3, Math.max(0.01, Math.round(fields.size * 1000) / 1000));
  if (fields.color !== undefined && /^#[0-9a-fA-F]{6}$/.test(fields.color))
    args.color = fields.color.toLowerCase();
  return Object.keys(args).length > 1 ? { name: 'set_text', args } : undefined;
}

export function removeTextEdit(index: number): EditJSON {
  return { name: 'remove_text', args: { index } };
}

export interface MusicFields {
  src?: string;
  /** 0..4 (1 = as recorded). */
  volume?: number;
  /** Seconds. */
  fadeIn?: number;
  fadeOut?: number;
}

export function musicEdit(fields: MusicFields): EditJSON | undefined {
  const args: Record<string, unknown> = {};
  if (fields.src) args.src = fields.src;
  if (fields.volume !== undefined && Number.isFinite(fields.volume))
    args.volume = Math.min(4, Math.max(0, Math.round(fields.volume * 100) / 100));
  if (fields.fadeIn !== undefined && Number.isFinite(fields.fadeIn) && fields.fadeIn >= 0)
    args.fadeIn = Math.round(fields.fadeIn * 1000);
  if (fields.fadeOut !== undefined && Number.isFinite(fields.fadeOut) && fields.fadeOut >= 0)
    args.fadeOut = Math.round(fields.fadeOut * 1000);
  return Object.keys(args).length ? { name: 'set_music', args } : undefined;
}

export function removeMusicEdit(): EditJSON {
  return { name: 'remove_music', args: {} };
}

/** A new slideshow of the visual uploads, in upload order (the page's "make it" for an empty timeline). */
export function slideshowEdit(media: readonly MediaInfo[], preset?: PresetName): EditJSON | undefined {
  const visual = media.filter((m) => m.kind !== 'audio');
  if (visual.length === 0) return undefined;
  const sources = visual.map((m) => ({
    id: m.id,
    kind: m.kind as 'image' | 'video',
    ...(m.duration_ms ? { durationMs: m.duration_ms } : {}),
  }));
  const music = media.find((m) => m.kind === 'audio');
  const draft = slideshowDraft(sources, {
    ...(preset ? { preset } : {}),
    ...(music
      ? { music: { id: music.id, ...(music.duration_ms ? { durationMs: music.duration_ms } : {}) } }
      : {}),
  });
  return { name: 'replace_draft', args: { draft } };
}

/** Visual uploads not on the timeline, appended in upload order (photos at the current photo length). */
export function addMediaEdit(
  draft: Draft,
  media: readonly MediaInfo[],
  ids?: readonly string[],
): EditJSON | undefined {
  const items = videoItems(draft);
  const used = new Set(items.map((s) => s.src));
  const wanted = media.filter((m) => m.kind !== 'audio' && (ids ? ids.includes(m.id) : !used.has(m.id)));
  if (wanted.length === 0) return undefined;
  const last = items.at(-1);
  const photoMs = last?.d ?? DEFAULTS.seconds * 1000;
  return {
    name: 'insert_items',
    args: {
      items: wanted.map((m, i) => ({
        index: items.length + i,
        item: {
          src: m.id,
          d: m.kind === 'video' && m.duration_ms ? Math.min(m.duration_ms, DEFAULTS.maxClipMs) : photoMs,
          m: { fit: last?.m?.fit ?? DEFAULTS.fit },
        },
      })),
    },
  };
}
