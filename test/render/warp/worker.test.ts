import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { loadWarpKernel } from '../../../src/render/warp/index.ts';
import { textureFrame } from './images.ts';

/** Starts a worker thread running a TypeScript entry (through tsx, as the renderer does under tsx). */
function tsWorker(entry: URL, job: unknown): Worker {
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const boot =
    "const { workerData } = require('node:worker_threads');" +
    'import(workerData.tsx).then((m) => { m.register(); return import(workerData.entry); });';
  return new Worker(boot, { eval: true, workerData: { tsx, entry: entry.href, job } });
}

describe('warp kernel in a worker thread', () => {
  it('loads synchronously in a worker and draws the same bytes as in the main thread', async () => {
    const still = textureFrame(180, 120, 11, 0.5);
    const map = { scale: 1.09, x: 5.3, y: 2.9 };
    const worker = tsWorker(new URL('./warp-worker.ts', import.meta.url), {
      w: still.w,
      h: still.h,
      data: still.data,
      outW: 144,
      outH: 96,
      map,
    });
    const fromWorker = await new Promise<Uint8Array>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    const k = loadWarpKernel();
    k.setSource(still);
    k.outputSize(144, 96);
    expect(Buffer.from(fromWorker).equals(Buffer.from(k.warp(map).data))).toBe(true);
  });
});
