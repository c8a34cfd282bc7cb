/** The pieces a frame is drawn with, in one place: the warp kernel, transitions, text. */
import type { NamedTransition } from '../timeline/transitions.ts';
import type { Frame } from './frame.ts';
import type { WarpMap } from './motion.ts';
import { compositeText, type TextOverlay } from './text/overlay.ts';
import { drawTransition } from './transitions/index.ts';
import { loadWarpKernel } from './warp/index.ts';

export interface Kernel {
  setSource(still: Frame): void;
  warp(map: WarpMap): Frame;
  outputSize(w: number, h: number): void;
}

export function loadKernel(): Kernel {
  return loadWarpKernel();
}

export function blend(type: string, from: Frame, to: Frame, progress: number, out: Frame): void {
  drawTransition(type as NamedTransition, from, to, progress, out);
}

/** Text overlays are plain data made on the main thread (prepareTextOverlays) and drawn in the workers. */
export type Overlay = TextOverlay;

export function drawOverlay(frame: Frame, overlay: Overlay, frameIndex: number): void {
  compositeText(frame, overlay, frameIndex);
}
