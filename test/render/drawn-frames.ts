/** The frames the renderer draws, before any encoding (what a lossless encode would hold). */
import { Writable } from 'node:stream';
import { drawFrames } from '../../src/render/render-draft.ts';
import type { RenderAsset } from '../../src/render/types.ts';

/** One drawn frame's luma plane (BT.709 limited range). */
export interface Luma {
  w: number;
  h: number;
  y: Uint8Array;
}

export async function drawnLuma(
  draft: unknown,
  assets: Record<string, RenderAsset>,
  cacheDir: string,
): Promise<Luma[]> {
  const chunks: Buffer[] = [];
  const into = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      cb();
    },
  });
  const { frames, width, height } = await drawFrames({ draft, assets, cacheDir, into });
  const all = Buffer.concat(chunks);
  const size = (width * height * 3) / 2;
  if (all.length !== frames * size) throw new Error(`drew ${all.length / size} frames, expected ${frames}`);
  return Array.from({ length: frames }, (_, i) => ({
    w: width,
    h: height,
    y: new Uint8Array(all.subarray(i * size, i * size + width * height)),
  }));
}

/** Mean squared Laplacian of the luma (interior pixels): how much fine detail a frame holds. */
export function laplacianEnergy(f: Luma, margin = 4): number {
  const { w, h, y } = f;
  let sum = 0;
  let n = 0;
  for (let r = margin; r < h - margin; r++) {
    for (let c = margin; c < w - margin; c++) {
      const i = r * w + c;
      const l = 4 * y[i]! - y[i - 1]! - y[i + 1]! - y[i - w]! - y[i + w]!;
      sum += l * l;
      n++;
    }
  }
  return sum / n;
}
