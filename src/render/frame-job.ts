import type { WarpMap } from './motion.ts';

/** What one frame is made of, as the main thread tells a worker (structured-clonable). */
export type Layer =
  { kind: 'still'; item: number; map: WarpMap } | { kind: 'clip'; data: Uint8Array } | { kind: 'black' };

export interface FrameJob {
  f: number;
  /** One layer, or two blended by `transition`. */
  layers: Layer[];
  transition?: { type: string; progress: number };
  /** The frame slot to draw into: an index into the slots of the worker that draws the frame. */
  slot: number;
}

/** Messages to a frame worker. */
export type ToWorker =
  | { type: 'init'; w: number; h: number; overlays: unknown[]; slots: number }
  | { type: 'still'; item: number; w: number; h: number; data: Uint8Array }
  | { type: 'drop'; item: number }
  | { type: 'frame'; job: FrameJob };

/**
 * Messages from a frame worker. `ready` answers `init` with the worker's frame slots: views on its
 * shared memory, where it draws the frames and the main thread reads them.
 */
export type FromWorker =
  | { type: 'ready'; slots: Uint8Array[] }
  | { type: 'frame'; f: number; slot: number }
  | { type: 'error'; message: string };
