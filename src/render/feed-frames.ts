import { open } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { PhotoreelError } from '../errors.ts';
import { prepareStill } from '../media/prepare.ts';
import type { Draft } from '../timeline/draft.ts';
import { clipFrames } from './clip-frames.ts';
import { frameBytes } from './frame.ts';
import type { Layer } from './frame-job.ts';
import { fpsFraction, frameContents, type Layout } from './layout.ts';
import { prepareTextOverlays } from './text/index.ts';
import { kenBurnsMap, motionTime, stillSize, type Motion } from './motion.ts';
import type { ResolvedItem } from './render-draft.ts';
import { WorkerPool } from './worker-pool.ts';

export interface FeedItem extends ResolvedItem {
  motion: Motion;
}

export interface FeedOptions {
  draft: Draft;
  layout: Layout;
  items: FeedItem[];
  cacheDir: string;
  workers: number;
  fontDir?: string;
  stdin: Writable;
  signal: AbortSignal;
}

/** Photos prepared ahead of the one on screen: enough to hide a decode, few enough to keep memory flat. */
const LOOKAHEAD = 2;
/**
 * Frame slots per worker: frames being drawn, or drawn and waiting for ffmpeg (each one frame of
 * memory, in the worker's shared memory).
 */
const SLOTS_PER_WORKER = 4;

/**
 * The photos to have prepared when item `i` (a photo) is drawn, in the order they are queued: its own
 * first (the frame waits for it), then the next LOOKAHEAD items that are photos. Photos are prepared
 * one at a time in this order, so a photo queued after the one on screen never delays it.
 */
export function stillsToPrepare(items: readonly { clip: boolean }[], i: number): number[] {
  const order = [i];
  for (let j = i + 1; j < items.length && j <= i + LOOKAHEAD; j++) if (!items[j]!.clip) order.push(j);
  return order;
}

interface Still {
  w: number;
  h: number;
  data: Uint8Array;
}

/**
 * Reads a prepared still into shared memory, so every worker sees the same bytes without a copy.
 * The memory is a spare one of the pool's when there is one (WorkerPool.stillMemory).
 */
async function loadStill(file: string, w: number, h: number, pool: WorkerPool): Promise<Still> {
  const size = frameBytes(w, h);
  const data = new Uint8Array(pool.stillMemory(size));
  const fh = await open(file, 'r');
  try {
    let off = 0;
    while (off < size) {
      const { bytesRead } = await fh.read(data, off, size - off, off);
      if (bytesRead === 0) throw new Error(`prepared still ${file} is short`);
      off += bytesRead;
    }
  } finally {
    await fh.close();
  }
  return { w, h, data };
}

function cancelled(): PhotoreelError {
  return new PhotoreelError('RENDER_CANCELLED');
}

/** Resolves when `stdin` can take more, or rejects when it closes or the render stops. */
function drained(stdin: Writable, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error): void => {
      stdin.off('drain', onDrain);
      stdin.off('close', onClose);
      stdin.off('error', onClose);
      signal.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = (): void => done();
    const onClose = (): void => done(Object.assign(new Error('ffmpeg closed its input'), { code: 'EPIPE' }));
    const onAbort = (): void => done(cancelled());
    stdin.on('drain', onDrain);
    stdin.on('close', onClose);
    stdin.on('error', onClose);
    signal.addEventListener('abort', onAbort);
  });
}

/**
 * Draws every frame of the layout, in order, into `stdin` (raw yuv420p): photos are prepared just
 * in time (LOOKAHEAD items ahead) and freed after their last frame, clips are decoded as they play,
 * frames are drawn by the worker pool and written in order with backpressure.
 */
export async function feedFrames(o: FeedOptions): Promise<void> {
  const { draft, layout, items, stdin, signal } = o;
  const canvas = { w: draft.w, h: draft.h };
  const fps = fpsFraction(draft.fps);
  const size = frameBytes(canvas.w, canvas.h);
  const pool = WorkerPool.acquire(o.workers);
  /** Free slots of each worker. */
  const freeSlots = Array.from({ length: o.workers }, () =>
    Array.from({ length: SLOTS_PER_WORKER }, (_, i) => SLOTS_PER_WORKER - 1 - i),
  );
  let slotFreed: (() => void) | undefined;
  const stopped = new AbortController();
  // Stopped from outside (cancel, ffmpeg failed or stalled): nothing waits for frames any more.
  const onAbort = (): void => {
    stopped.abort();
    pool.abort(cancelled());
  };
  signal.addEventListener('abort', onAbort, { once: true });
  pool.onError(() => stopped.abort());

  const stills = new Map<number, Promise<Still>>();
  const sizes = items.map((it) => stillSize(canvas, it.motion));
  const clips = new Map<number, AsyncGenerator<Uint8Array>>();
  const sent = new Set<number>();
  /** Frame → the still it is the last to draw: its memory goes back to the pool once that frame is out. */
  const lastUse = new Map<number, Promise<Still>>();

  // One photo decoded at a time: a 12-MP decode holds a few hundred MB at its peak.
  let preparing: Promise<unknown> = Promise.resolve();
  const still = (i: number): Promise<Still> => {
    let p = stills.get(i);
    if (!p) {
      const it = items[i]!;
      const { w, h } = sizes[i]!;
      p = preparing
        .catch(() => undefined)
        .then(() => prepareStill(it.asset.path, { width: w, height: h, fit: it.fit, cacheDir: o.cacheDir }))
        .then((s) => loadStill(s.path, w, h, pool));
      preparing = p;
      p.catch(() => undefined); // awaited when its item plays; a render stopped before then ignores it
      stills.set(i, p);
    }
    return p;
  };
  const clip = (i: number): AsyncGenerator<Uint8Array> => {
    let g = clips.get(i);
    if (!g) {
      const it = items[i]!;
      const lay = layout.items[i]!;
      g = clipFrames(
        {
          path: it.asset.path,
          fromMs: videoFrom(draft, i) ?? 0,
          frames: lay.clipEnd - lay.clipStart,
          fit: it.fit,
          gif: it.asset.info.kind === 'image',
          w: canvas.w,
          h: canvas.h,
          fps,
        },
        stopped.signal,
      );
      clips.set(i, g);
    }
    return g;
  };

  /** The layer of item `i` at frame `f`; starts preparing the next photos. */
  const layer = async (i: number, f: number): Promise<Layer> => {
    if (i < 0) return { kind: 'black' };
    const it = items[i]!;
    const lay = layout.items[i]!;
    if (it.clip) {
      const r = await clip(i).next();
      if (r.done) throw new PhotoreelError('RENDER_FAILED', `The clip of item ${i + 1} ended early.`);
      if (f === lay.clipEnd - 1) clips.delete(i);
      return { kind: 'clip', data: r.value };
    }
    const own = stillsToPrepare(items, i).map((j) => still(j))[0]!;
    if (!sent.has(i)) {
      const s = await own;
      pool.broadcast({ type: 'still', item: i, w: s.w, h: s.h, data: s.data });
      sent.add(i);
    }
    const t = motionTime(f, lay.clipStart, lay.clipEnd);
    return { kind: 'still', item: i, map: kenBurnsMap(it.motion, t, sizes[i]!, canvas) };
  };

  /** After item i's last frame `f` is handed out: the workers and this thread let go of its still. */
  const release = (i: number, f: number): void => {
    if (i < 0 || items[i]!.clip) return;
    pool.broadcast({ type: 'drop', item: i });
    const p = stills.get(i);
    if (p) lastUse.set(f, p);
    stills.delete(i);
    sent.delete(i);
  };

  let written = 0;
  try {
    const overlays = await prepareTextOverlays(draft, {
      fps,
      frames: layout.frames,
      ...(o.fontDir !== undefined ? { fontDir: o.fontDir } : {}),
    });
    if (signal.aborted) throw cancelled();
    await pool.init({ type: 'init', w: canvas.w, h: canvas.h, overlays, slots: SLOTS_PER_WORKER });
    const contents = frameContents(layout);
    let next = 0;
    while (written < layout.frames) {
      // A frame keeps its slot until ffmpeg has taken its bytes; wait for one if none is free.
      while (next === written && freeSlots[pool.workerOf(next)]!.length === 0) {
        await new Promise<void>((resolve) => {
          slotFreed = resolve;
          stopped.signal.addEventListener('abort', () => resolve(), { once: true });
        });
        if (signal.aborted) throw cancelled();
        if (stopped.signal.aborted) break;
      }
      while (next < layout.frames && freeSlots[pool.workerOf(next)]!.length > 0) {
        if (stopped.signal.aborted) break;
        const c = contents.next().value!;
        const f = next++;
        const slot = freeSlots[pool.workerOf(f)]!.pop()!;
        if (c.kind === 'item') {
          pool.submit({ f, layers: [await layer(c.item, f)], slot });
          if (c.item >= 0 && f === layout.items[c.item]!.clipEnd - 1) release(c.item, f);
        } else {
          const layers = [await layer(c.from, f), await layer(c.to, f)];
          pool.submit({
            f,
            layers,
            transition: { type: c.tr.type, progress: c.progress },
            slot,
          });
          if (f === c.tr.start + c.tr.frames - 1) release(c.from, f);
        }
      }
      if (signal.aborted) throw cancelled();
      const worker = pool.workerOf(written);
      const slot = await pool.take(written);
      // Every frame up to this one is drawn: a still last used by it is no longer read.
      const done = lastUse.get(written);
      if (done) {
        lastUse.delete(written);
        void done.then(
          (st) => pool.spareStill(st.data.buffer as SharedArrayBuffer),
          () => undefined,
        );
      }
      written++;
      const view = pool.slots[worker]![slot]!;
      const ok = stdin.write(Buffer.from(view.buffer, view.byteOffset, size), () => {
        freeSlots[worker]!.push(slot);
        slotFreed?.();
        slotFreed = undefined;
      });
      if (!ok) await drained(stdin, signal);
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    stopped.abort();
    // Kept for the next render when every frame came back; else its threads are stopped.
    if (written === layout.frames) await pool.release();
    else await pool.close();
    for (const g of clips.values()) await g.return(undefined).catch(() => undefined);
  }
}

function videoFrom(draft: Draft, i: number): number | undefined {
  const track = draft.t.find((t) => t.tt === 0);
  if (!track || track.tt !== 0) return undefined;
  return track.sg[i]?.m.from;
}
