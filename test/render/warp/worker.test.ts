import { describe, expect, it } from 'vitest';
import { startWorker } from '../../../src/render/start-worker.ts';
import { loadWarpKernel } from '../../../src/render/warp/index.ts';
import { textureFrame } from './images.ts';

describe('warp kernel in a worker thread', () => {
  it('loads synchronously in a worker and draws the same bytes as in the main thread', async () => {
    const still = textureFrame(180, 120, 11, 0.5);
    const map = { scale: 1.09, x: 5.3, y: 2.9 };
    const worker = startWorker(new URL('./warp-worker.ts', import.meta.url), {
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
