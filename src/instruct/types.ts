import type { HistoryJSON } from '../timeline/history.ts';
import type { Draft } from '../timeline/draft.ts';
import type { EditJSON } from '../timeline/edit.ts';

/** A media item the session has, as the instruction engine sees it. */
export interface InstructMedia {
  id: string;
  kind: 'image' | 'video' | 'audio';
  /** Label (sanitised file name). */
  name: string;
  /** Upload order is the array order. */
  capturedAt?: string;
  durationMs?: number;
}

/** Undo/redo stacks, kept with the draft: defined with the history, in the timeline. */
export type { HistoryJSON };

export interface InstructContext {
  draft: Draft;
  media: InstructMedia[];
  history?: HistoryJSON;
}

/** Words the protocol routes elsewhere: the service acts on them. */
export type Route = 'export' | 'credits' | 'status' | 'upload';

export interface InstructResult {
  /** Edits applied, in order (empty when nothing changed). */
  edits: EditJSON[];
  draft: Draft;
  history: HistoryJSON;
  /** What was understood and changed, in the person's language, ending with the one-line summary. */
  reply: string;
  language: 'en' | 'zh';
  /** Set when the words ask for something the service does (export, credits, …). */
  routes: Route[];
  /** Clauses that were not understood (also named in the reply). */
  notUnderstood: string[];
  /** True when the draft changed. */
  changed: boolean;
}
