// Measures the intermediate format for prepared photos: encode time, size and ffmpeg decode time
// of a 1920x1080 photo, PNG at zlib levels 1 and 6 against JPEG q92 and q95. Run once:
//   npx tsx test/media/bench-format.ts
// It prints one line per format with medians of a few runs measured in this one process.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Sharp } from 'sharp';

const dir = mkdtempSync(path.join(os.tmpdir(), 'photoreel-bench-'));
const W = 1920;
const H = 1080;
const RUNS = 5;

// A real photograph (the bundled coffee sample) scaled to cover the canvas, as prepareImage would.
const src = path.join(import.meta.dirname, '..', '..', 'samples', 'photos', '01-coffee.jpg');
const raw = await sharp(src).resize(W, H, { fit: 'cover' }).raw().toBuffer({ resolveWithObject: true });
const input = (): Sharp =>
  sharp(raw.data, { raw: { width: raw.info.width, height: raw.info.height, channels: raw.info.channels } });

const formats: Array<[string, string, (s: Sharp) => Sharp]> = [
  ['png level 1', 'png', (s) => s.png({ compressionLevel: 1, adaptiveFiltering: false })],
  ['png level 1 adaptive', 'png', (s) => s.png({ compressionLevel: 1, adaptiveFiltering: true })],
  ['png level 6', 'png', (s) => s.png({ compressionLevel: 6 })],
  ['jpeg q92', 'jpg', (s) => s.jpeg({ quality: 92, chromaSubsampling: '4:4:4' })],
  ['jpeg q95', 'jpg', (s) => s.jpeg({ quality: 95, chromaSubsampling: '4:4:4' })],
];
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

for (const [label, ext, write] of formats) {
  const out = path.join(dir, `out.${ext}`);
  const enc: number[] = [];
  const dec: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    await write(input()).toFile(out);
    enc.push(performance.now() - t);
    // ffmpeg decodes the still 30 times, as a 1-second still at 30 fps would if looped naively.
    t = performance.now();
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-loop',
      '1',
      '-framerate',
      '30',
      '-t',
      '1',
      '-i',
      out,
      '-f',
      'null',
      '-',
    ]);
    dec.push(performance.now() - t);
  }
  const back = await sharp(out).raw().toBuffer();
  let err = 0;
  for (let i = 0; i < back.length; i++) err = Math.max(err, Math.abs(back[i]! - raw.data[i]!));
  console.log(
    `${label.padEnd(21)} encode ${median(enc).toFixed(0).padStart(4)} ms  size ${(statSync(out).size / 1024).toFixed(0).padStart(5)} KB  ffmpeg 30 decodes ${median(dec).toFixed(0).padStart(5)} ms  max error ${err}`,
  );
}
rmSync(dir, { recursive: true, force: true });
