import type { Draft } from '../timeline/draft.ts';
import { videoTrack } from '../timeline/draft.ts';
import type { Edit } from '../timeline/edit.ts';
import type { Language } from './language.ts';
import type { InstructMedia, Route } from './types.ts';

/** A sentence in both languages; the reply picks the person's. */
export interface Said {
  en: string;
  zh: string;
}

export const say = (en: string, zh: string): Said => ({ en, zh });

/** What one clause came to. */
export type Outcome =
  /** Edits to apply in order; `said` tells what changed; `note` names a documented default that was used. */
  | { kind: 'edits'; edits: Edit[]; said: Said; note?: Said }
  /** The clause was understood but cannot be done (photo 9 of 5, no music uploaded…): nothing changes. */
  | { kind: 'problem'; said: Said }
  /** A reply without a change ("what does it look like now?"). */
  | { kind: 'info'; said: Said }
  | { kind: 'route'; route: Route; said: Said }
  | { kind: 'undo' | 'redo'; times: number };

export interface Clause {
  /** Normalised words of this clause (quotes as \uE000n\uE001). */
  text: string;
  /** Every quote of the instruction, by placeholder number. */
  quotes: readonly string[];
}

export interface ParseContext {
  /** The draft as it stands before this clause (earlier clauses already applied). */
  draft: Draft;
  media: readonly InstructMedia[];
  /** The whole normalised instruction (for words that qualify every clause, like "without music"). */
  whole: string;
  language: Language;
  /** The instruction exactly as written (names keep their case: "rename the project to Lily's Christening"). */
  raw?: string;
  /** Items whose length an earlier clause of the same instruction set ("…, then 1.5 s for each of the rest"). */
  touched?: number[];
  /** The text segment touched last (this instruction or the one before): "that text", "it", "那行字". */
  lastText?: number;
  /** Set once "restore the photo I just deleted" was read in this instruction. */
  memo?: { restored?: boolean };
  /** The parser that took the clause before this one ("add a title …, put it at the top"). */
  previous?: Parser | undefined;
}

export type Parser = (clause: Clause, ctx: ParseContext) => Outcome | undefined;

export function mediaById(ctx: ParseContext, id: string): InstructMedia | undefined {
  return ctx.media.find((m) => m.id === id);
}

export function items(ctx: ParseContext) {
  return videoTrack(ctx.draft)?.sg ?? [];
}

/** Clips are video items; everything else on the video track (photos, unknown ids) counts as a photo. */
export function isClip(ctx: ParseContext, index: number): boolean {
  const item = items(ctx)[index];
  return !!item && mediaById(ctx, item.src)?.kind === 'video';
}

export function photoIndexes(ctx: ParseContext): number[] {
  return items(ctx)
    .map((_, i) => i)
    .filter((i) => !isClip(ctx, i));
}

export function clipIndexes(ctx: ParseContext): number[] {
  return items(ctx)
    .map((_, i) => i)
    .filter((i) => isClip(ctx, i));
}

/** "photo 3" / "第3张" (clips: "clip 3" / "第3段"), 1-based for people. */
export function itemLabel(ctx: ParseContext, index: number): Said {
  return isClip(ctx, index)
    ? say(`clip ${index + 1}`, `第${index + 1}段视频`)
    : say(`photo ${index + 1}`, `第${index + 1}张`);
}

export function listLabel(ctx: ParseContext, indexes: readonly number[]): Said {
  const labels = indexes.map((i) => itemLabel(ctx, i));
  const join = (xs: string[], and: string, sep: string) =>
    xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(sep)}${and}${xs.at(-1)}`;
  return say(
    join(
      labels.map((l) => l.en),
      ' and ',
      ', ',
    ),
    join(
      labels.map((l) => l.zh),
      '和',
      '、',
    ),
  );
}

/** 2500 → "2.5 s" / "2.5秒". */
export function seconds(ms: number): Said {
  const s = Math.round(ms / 100) / 10;
  return say(`${s} s`, `${s}秒`);
}

export function problem(en: string, zh: string): Outcome {
  return { kind: 'problem', said: say(en, zh) };
}

/** No items at all: the answer for any edit that needs photos. */
export function noPhotos(): Outcome {
  return problem(
    'There are no photos in the video yet: upload some, then say "turn these photos into a slideshow".',
    '视频里还没有照片：先上传照片，再说"把这些照片做成视频"。',
  );
}
