/** Media made by hand for intake tests: GIFs of any claimed layout, APNG/WebP patches, cut files. */
import { readFileSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';

/**
 * A GIF89a whose logical screen is `canvas` and whose frames are 1x1 pixels at the given offsets
 * (each a real, decodable 1-pixel LZW stream), 100 ms apart.
 */
export function gifBytes(canvas: [number, number], frames: Array<[number, number]>): Buffer {
  const u16 = (n: number) => [n & 0xff, n >> 8];
  const out: number[] = [
    ...Buffer.from('GIF89a', 'latin1'),
    ...u16(canvas[0]),
    ...u16(canvas[1]),
    0x80,
    0,
    0,
  ];
  out.push(255, 0, 0, 0, 0, 255); // global colour table: red, blue
  for (const [x, y] of frames) {
    out.push(0x21, 0xf9, 4, 0, 10, 0, 0, 0); // graphic control: 10 cs
    out.push(0x2c, ...u16(x), ...u16(y), ...u16(1), ...u16(1), 0);
    out.push(2, 2, 0x44, 0x01, 0); // LZW: clear, index 0, end
  }
  out.push(0x3b);
  return Buffer.from(out);
}

/** Walks PNG chunks; `edit` may change a chunk's data in place; CRCs are recomputed. */
export function editPng(file: string, edit: (type: string, data: Buffer) => void): void {
  const b = Buffer.from(readFileSync(file));
  let pos = 8;
  while (pos + 12 <= b.length) {
    const len = b.readUInt32BE(pos);
    const type = b.toString('latin1', pos + 4, pos + 8);
    edit(type, b.subarray(pos + 8, pos + 8 + len));
    b.writeUInt32BE(crc32(b.subarray(pos + 4, pos + 8 + len)) >>> 0, pos + 8 + len);
    pos += 12 + len;
  }
  writeFileSync(file, b);
}

/** Sets an animated WebP's VP8X canvas size (frames stay as they are, inside it). */
export function setWebpCanvas(file: string, width: number, height: number): void {
  const b = Buffer.from(readFileSync(file));
  const at = b.indexOf('VP8X', 12, 'latin1');
  if (at < 0) throw new Error('no VP8X chunk');
  b.writeUIntLE(width - 1, at + 8 + 4, 3);
  b.writeUIntLE(height - 1, at + 8 + 7, 3);
  writeFileSync(file, b);
}
