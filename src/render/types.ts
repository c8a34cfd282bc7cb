import type { MediaInfo } from '../media/types.ts';

/** An asset the renderer may draw: the original file and what intake learnt of it. */
export interface RenderAsset {
  id: string;
  /** Absolute path of the original file (photos are prepared from it, clips and audio read as they are). */
  path: string;
  info: MediaInfo;
  /** Label for summaries and logs (the sanitised upload name). */
  name?: string;
}

export interface RenderProgress {
  /** 0..1 */
  fraction: number;
  /** Estimated time left, when known. */
  etaMs?: number;
  /** Frames written so far. */
  frame?: number;
}

export interface RenderResult {
  output: string;
  durationMs: number;
  width: number;
  height: number;
}
