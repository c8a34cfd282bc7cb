/**
 * A frame worker: keeps the stills of the items on screen, draws the frames it is given (warp,
 * transition, text) and sends them back. Everything it does is synchronous and deterministic, so
 * which worker draws a frame never changes its bytes.
 */
import { parentPort } from 'node:worker_threads';
import { frameBytes, type Frame } from './frame.ts';
import type { FrameJob, FromWorker, Layer, ToWorker } from './frame-job.ts';
import { blend, drawOverlay, loadKernel, type Kernel, type Overlay } from './frame-parts.ts';

const port = parentPort;
if (!port) throw new Error('frame-worker runs in a worker thread');

let W = 0;
let H = 0;
let overlays: Overlay[] = [];
/** The pool's frame slots (shared memory): frames are drawn straight into them. */
let slots: Uint8Array[] = [];
const stills = new Map<number, Frame>();
/** One kernel per lane (items alternate lanes), so a transition never reloads a source. */
const lanes: { kernel: Kernel; item: number }[] = [];
let scratch: Frame | undefined;
let scratch2: Frame | undefined;

function lane(item: number): Kernel {
  const l = lanes[item % 2]!;
  if (l.item !== item) {
    const still = stills.get(item);
    if (!still) throw new Error(`frame worker: still of item ${item} was not sent`);
    l.kernel.setSource(still);
    l.item = item;
  }
  return l.kernel;
}

/** Draws a layer into `into`. */
function draw(layer: Layer, into: Frame): void {
  const size = frameBytes(W, H);
  if (layer.kind === 'still') {
    const f = lane(layer.item).warp(layer.map);
    into.data.set(f.data.subarray(0, size));
  } else if (layer.kind === 'clip') {
    into.data.set(layer.data.subarray(0, size));
  } else {
    into.data.fill(16, 0, W * H);
    into.data.fill(128, W * H, size);
  }
}

function render(job: FrameJob): void {
  const size = frameBytes(W, H);
  const data = slots[job.slot];
  if (!data || data.length < size) throw new Error(`frame worker: no frame slot ${job.slot}`);
  const out: Frame = { w: W, h: H, data };
  const [first, second] = job.layers;
  if (second && job.transition) {
    // Stills are blended straight from their kernel's view (each lane has its own kernel, and the
    // two items of a transition are on different lanes): no copy.
    let from: Frame;
    if (first!.kind === 'still') from = lane(first!.item).warp(first!.map);
    else {
      scratch ??= { w: W, h: H, data: new Uint8Array(size) };
      draw(first!, scratch);
      from = scratch;
    }
    let to: Frame;
    if (second.kind === 'still') to = lane(second.item).warp(second.map);
    else {
      scratch2 ??= { w: W, h: H, data: new Uint8Array(size) };
      draw(second, scratch2);
      to = scratch2;
    }
    blend(job.transition.type, from, to, job.transition.progress, out);
  } else if (first) {
    draw(first, out);
  }
  for (const o of overlays) drawOverlay(out, o, job.f);
}

port.on('message', (msg: ToWorker) => {
  try {
    if (msg.type === 'init') {
      W = msg.w;
      H = msg.h;
      overlays = msg.overlays as Overlay[];
      slots = msg.slots.map((b) => new Uint8Array(b));
      // A new render (this thread may have drawn an earlier one): nothing of the last one is kept.
      stills.clear();
      scratch = undefined;
      scratch2 = undefined;
      for (let i = 0; i < 2; i++) {
        if (!lanes[i]) lanes.push({ kernel: loadKernel(), item: -1 });
        lanes[i]!.kernel.outputSize(W, H);
        lanes[i]!.item = -1;
      }
    } else if (msg.type === 'still') {
      stills.set(msg.item, { w: msg.w, h: msg.h, data: msg.data });
    } else if (msg.type === 'drop') {
      stills.delete(msg.item);
      for (const l of lanes) if (l.item === msg.item) l.item = -1;
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
