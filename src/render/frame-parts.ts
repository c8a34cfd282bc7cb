/** The pieces a frame is drawn with, in one place: the warp kernel, transitions, text. */
import type { Frame } from './frame.ts';
import type { WarpMap } from './motion.ts';
import { standInTransition, standInWarpKernel } from './stand-ins.ts';

export interface Kernel {
  setSource(still: Frame): void;
  warp(map: WarpMap): Frame;
  outputSize(w: number, h: number): void;
}

export function loadKernel(): Kernel {
  return standInWarpKernel();
}

export function blend(type: string, from: Frame, to: Frame, progress: number, out: Frame): void {
  standInTransition(type, from, to, progress, out);
}

/** Text overlays are plain data made on the main thread and drawn in the workers. */
export type Overlay = unknown;

export function drawOverlay(_frame: Frame, _overlay: Overlay, _frameIndex: number): void {}
