import path from 'node:path';
import sharp from 'sharp';
import type { Sharp } from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectMedia } from '../../src/media/inspect.ts';
import { prepareImage } from '../../src/media/prepare.ts';
import { thumbnail } from '../../src/media/thumbnail.ts';
import { BLUE, GREEN, near, quadrantColours, quadrants, RED, tempDir, WHITE } from './helpers.ts';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

const W = 240;
const H = 160;

/**
 * Stores the upright test card the way a camera with this EXIF orientation would: pixels turned
 * by the inverse of what the tag tells a viewer to do, so that applying the tag shows it upright.
 */
async function storedFor(orientation: number): Promise<Buffer> {
  const up = await quadrants(W, H).png().toBuffer();
  const step = (b: Buffer, f: (s: Sharp) => Sharp): Promise<Buffer> => f(sharp(b)).png().toBuffer();
  switch (orientation) {
    case 1:
      return up;
    case 2: // viewer mirrors left-right
      return step(up, (s) => s.flop());
    case 3: // viewer turns 180°
      return step(up, (s) => s.rotate(180));
    case 4: // viewer mirrors top-bottom
      return step(up, (s) => s.flip());
    case 5: // viewer transposes (mirror over the main diagonal): its own inverse
      return step(await step(up, (s) => s.rotate(90)), (s) => s.flop());
    case 6: // viewer turns 90° clockwise: store turned 90° anticlockwise
      return step(up, (s) => s.rotate(270));
    case 7: // viewer transverses (mirror over the other diagonal): its own inverse
      return step(await step(up, (s) => s.rotate(270)), (s) => s.flop());
    case 8: // viewer turns 90° anticlockwise: store turned clockwise
      return step(up, (s) => s.rotate(90));
    default:
      throw new Error(`no orientation ${orientation}`);
  }
}

describe('EXIF orientation 1-8', () => {
  for (const orientation of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`orientation ${orientation} ends upright`, async () => {
      const file = path.join(dir, `o${orientation}.jpg`);
      await sharp(await storedFor(orientation))
        .withMetadata({ orientation })
        .jpeg({ quality: 95 })
        .toFile(file);
      const stored = await sharp(file).metadata();
      expect(stored.orientation ?? 1).toBe(orientation);

      const info = await inspectMedia(file);
      expect([info.width, info.height]).toEqual([W, H]);

      const prepared = await prepareImage(file, {
        width: W,
        height: H,
        fit: 'contain',
        cacheDir: path.join(dir, 'cache'),
      });
      const q = await quadrantColours(prepared.path);
      expect([q.width, q.height]).toEqual([W, H]);
      expect(near(q.tl, RED), `top-left ${q.tl}`).toBe(true);
      expect(near(q.tr, GREEN), `top-right ${q.tr}`).toBe(true);
      expect(near(q.bl, BLUE), `bottom-left ${q.bl}`).toBe(true);
      expect(near(q.br, WHITE), `bottom-right ${q.br}`).toBe(true);

      const thumb = await thumbnail(file, { size: 120, cacheDir: path.join(dir, 'thumbs') });
      const t = await quadrantColours(thumb);
      expect([t.width, t.height]).toEqual([120, 80]);
      expect(near(t.tl, RED) && near(t.tr, GREEN) && near(t.bl, BLUE)).toBe(true);
    });
  }
});
