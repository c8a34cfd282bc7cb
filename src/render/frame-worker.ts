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
const stills = new Map<number, Frame>();
/** One kernel per lane (items alternate lanes), so a transition never reloads a source. */
const lanes: { kernel: Kernel; item: number }[] = [];
let scratch: Frame | undefined;

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

function render(job: FrameJob): ArrayBuffer {
  const size = frameBytes(W, H);
  const buffer = job.out && job.out.byteLength === size ? job.out : new ArrayBuffer(size);
  const out: Frame = { w: W, h: H, data: new Uint8Array(buffer) };
  const [first, second] = job.layers;
  if (second && job.transition) {
    scratch ??= { w: W, h: H, data: new Uint8Array(size) };
    draw(first!, scratch);
    // The second layer drawn straight from the kernel's view when it is a still (no copy).
    let to: Frame;
    if (second.kind === 'still') to = lane(second.item).warp(second.map);
    else {
      draw(second, out);
      to = { w: W, h: H, data: out.data.slice() };
    }
    blend(job.transition.type, scratch, to, job.transition.progress, out);
  } else if (first) {
    draw(first, out);
  }
  for (const o of overlays) drawOverlay(out, o, job.f);
  return buffer;
}

port.on('message', (msg: ToWorker) => {
  try {
    if (msg.type === 'init') {
      W = msg.w;
      H = msg.h;
      overlays = msg.overlays as Overlay[];
      for (let i = 0; i < 2; i++) {
        const kernel = loadKernel();
        kernel.outputSize(W, H);
        lanes.push({ kernel, item: -1 });
      }
    } else if (msg.type === 'still') {
      stills.set(msg.item, { w: msg.w, h: msg.h, data: msg.data });
    } else if (msg.type === 'drop') {
      stills.delete(msg.item);
      for (const l of lanes) if (l.item === msg.item) l.item = -1;
    } else {
      const data = render(msg.job);
      const reply: FromWorker = { type: 'frame', f: msg.job.f, data };
      port.postMessage(reply, [data]);
    }
  } catch (e) {
    const reply: FromWorker = {
      type: 'error',
      message: e instanceof Error ? (e.stack ?? e.message) : String(e),
    };
    port.postMessage(reply);
  }
});
