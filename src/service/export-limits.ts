/**
 * What an export costs and whether the server renders it: pure, checked before a job is queued.
 * The cost estimate is the work of drawing and encoding every frame: frames × width × height.
 */
import { PhotoreelError } from '../errors.ts';
import type { Draft } from '../timeline/draft.ts';
import { totalFrames, totalMs } from '../timeline/timing.ts';
import type { Config } from './config.ts';

export type ExportLimits = Pick<
  Config,
  'maxVideoSeconds' | 'maxCanvasSide' | 'maxCanvasPixels' | 'maxFps' | 'maxExportCost'
>;

export interface ExportEstimate {
  durationMs: number;
  frames: number;
  /** Pixels of one frame (width × height of the canvas). */
  pixels: number;
  /** frames × pixels: what the renderer draws and encodes. */
  cost: number;
}

/** The export's length, frames, canvas pixels and cost (frames × pixels). */
export function estimateExport(draft: Pick<Draft, 'w' | 'h' | 'fps' | 't'>): ExportEstimate {
  const d = draft as Draft;
  const frames = totalFrames(d);
  const pixels = draft.w * draft.h;
  return { durationMs: totalMs(d), frames, pixels, cost: frames * pixels };
}

const mp = (n: number): string => `${(n / 1e6).toFixed(1)} MP`;

/**
 * The estimate of an export within the limits, or a 4xx naming the first limit it is over:
 * EXPORT_TOO_LONG, EXPORT_CANVAS_TOO_LARGE, EXPORT_FPS_TOO_HIGH, EXPORT_TOO_COSTLY (in that order).
 */
export function checkExportLimits(draft: Draft, limits: ExportLimits): ExportEstimate {
  const e = estimateExport(draft);
  const seconds = e.durationMs / 1000;
  if (e.durationMs > limits.maxVideoSeconds * 1000) {
    throw new PhotoreelError(
      'EXPORT_TOO_LONG',
      `The video is ${seconds.toFixed(1)} s long, over this server's limit of ${limits.maxVideoSeconds} s: shorten it or split it into parts.`,
      { limit: 'maxVideoSeconds', max: limits.maxVideoSeconds, actual: seconds },
    );
  }
  const side = Math.max(draft.w, draft.h);
  if (side > limits.maxCanvasSide || e.pixels > limits.maxCanvasPixels) {
    const bySide = side > limits.maxCanvasSide;
    throw new PhotoreelError(
      'EXPORT_CANVAS_TOO_LARGE',
      bySide
        ? `The video is ${draft.w}x${draft.h}; its longer side is over this server's limit of ${limits.maxCanvasSide} pixels: choose a smaller size, such as 1920x1080.`
        : `The video is ${draft.w}x${draft.h} (${mp(e.pixels)}), over this server's limit of ${mp(limits.maxCanvasPixels)}: choose a smaller size, such as 1920x1080.`,
      bySide
        ? { limit: 'maxCanvasSide', max: limits.maxCanvasSide, actual: side }
        : { limit: 'maxCanvasPixels', max: limits.maxCanvasPixels, actual: e.pixels },
    );
  }
  if (draft.fps > limits.maxFps) {
    throw new PhotoreelError(
      'EXPORT_FPS_TOO_HIGH',
      `The video is ${draft.fps} fps, over this server's limit of ${limits.maxFps} fps: choose ${Math.min(30, limits.maxFps)} or ${limits.maxFps} fps.`,
      { limit: 'maxFps', max: limits.maxFps, actual: draft.fps },
    );
  }
  if (e.cost > limits.maxExportCost) {
    throw new PhotoreelError(
      'EXPORT_TOO_COSTLY',
      `This export would draw ${e.frames} frames of ${draft.w}x${draft.h} (${e.cost} pixels), over this server's limit of ${limits.maxExportCost}: make it shorter, smaller or at a lower frame rate.`,
      { limit: 'maxExportCost', max: limits.maxExportCost, actual: e.cost },
    );
  }
  return e;
}
