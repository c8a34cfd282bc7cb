/**
 * A frame worker: keeps the stills of the items on screen, draws the frames it is given (warp,
 * transition, text) straight into its frame slots and says which is done. Everything it does is
 * synchronous and deterministic, so which worker draws a frame never changes its bytes.
 *
 * Its warp kernel's memory is shared: the slots are frames in it, and the main thread pipes them to
 * ffmpeg from there (no copy between threads). Two more frames of it hold the two sides of a
 * transition; a crossfade is mixed in WebAssembly, other transitions in JavaScript.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { frameBytes, type Frame } from './frame.ts';
import type { FromWorker, Layer, ToWorker, FrameJob } from './frame-job.ts';
import { blend, drawOverlay, fadeWeight, loadKernel, type Kernel, type Overlay } from './frame-parts.ts';

const port = parentPort;
if (!port) throw new Error('frame-worker runs in a worker thread');

/**
 * The frame workers' nice value. Measured A/B on a vertical 10-photo render (4 runs each): the CPU
 * used per second of render rose from 1.83–1.87 to 1.86–1.91 cores, the same work in less time.
 */
const WORKER_NICE = 10;

lowerPriority();

/**
 * This thread yields to ffmpeg: the encoder is what a render waits for, and its threads leave the
 * cores idle now and then (waiting on each other); a frame worker at a lower priority fills those gaps
 * instead of taking turns with x264. Against its own encoder it cannot starve: when frames run out,
 * x264 waits and the workers run.
 * (Linux: a thread's nice value is set through its thread id; elsewhere this does nothing.)
 */
function lowerPriority(): void {
  try {
    const tid = Number(/task\/(\d+)$/.exec(readlinkSync('/proc/thread-self'))?.[1]);
    if (tid > 0) setPriority(tid, WORKER_NICE);
  } catch {
    // not Linux, or not allowed: the default priority
  }
}

let W = 0;
let H = 0;
let overlays: Overlay[] = [];
let kernel: Kernel | undefined;
/** The kernel's frames: the slots first, then the two sides of a transition. */
let frames: Frame[] = [];
let slotCount = 0;
const stills = new Map<number, Frame>();
/** The item held by each of the kernel's two source lanes (items alternate lanes). */
const lanes = [-1, -1];

/** Lane of item `i`, its still loaded there if it is not yet. */
function lane(item: number): number {
  const l = item % 2;
  if (lanes[l] !== item) {
    const still = stills.get(item);
    if (!still) throw new Error(`frame worker: still of item ${item} was not sent`);
    kernel!.setSource(still, l);
    lanes[l] = item;
  }
  return l;
}

/** Draws a layer into the kernel's frame `into`. */
function draw(layer: Layer, into: number): void {
  const out = frames[into]!;
  if (layer.kind === 'still') kernel!.warp(layer.map, { lane: lane(layer.item), into });
  else if (layer.kind === 'clip') out.data.set(layer.data.subarray(0, frameBytes(W, H)));
  else {
    out.data.fill(16, 0, W * H);
    out.data.fill(128, W * H);
  }
}

function render(job: FrameJob): void {
  if (!(job.slot >= 0 && job.slot < slotCount)) throw new Error(`frame worker: no frame slot ${job.slot}`);
  const [first, second] = job.layers;
  if (second && job.transition) {
    const from = slotCount;
    const to = slotCount + 1;
    draw(first!, from);
    draw(second, to);
    const { type, progress } = job.transition;
    if (type === 'fade') kernel!.fade(from, to, job.slot, fadeWeight(progress));
    else blend(type, frames[from]!, frames[to]!, progress, frames[job.slot]!);
  } else if (first) {
    draw(first, job.slot);
  }
  for (const o of overlays) drawOverlay(frames[job.slot]!, o, job.f);
}

port.on('message', (msg: ToWorker) => {
  try {
    if (msg.type === 'init') {
      W = msg.w;
      H = msg.h;
      overlays = msg.overlays as Overlay[];
      // A new render (this thread may have drawn an earlier one): nothing of the last one is kept.
      stills.clear();
      lanes.fill(-1);
      kernel ??= loadKernel();
      kernel.outputSize(W, H);
      slotCount = msg.slots;
      frames = kernel.frames(slotCount + 2);
      const reply: FromWorker = { type: 'ready', slots: frames.slice(0, slotCount).map((f) => f.data) };
      port.postMessage(reply);
    } else if (msg.type === 'still') {
      stills.set(msg.item, { w: msg.w, h: msg.h, data: msg.data });
    } else if (msg.type === 'drop') {
      stills.delete(msg.item);
      // The lane keeps its copy until another item needs it; a dropped item is never drawn again.
    } else {
      render(msg.job);
      const reply: FromWorker = { type: 'frame', f: msg.job.f, slot: msg.job.slot };
      port.postMessage(reply);
    }
  } catch (e) {
    const reply: FromWorker = {
      type: 'error',
      message: e instanceof Error ? (e.stack ?? e.message) : String(e),
    };
    port.postMessage(reply);
  }
});
