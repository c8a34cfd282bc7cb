import { open } from 'node:fs/promises';

/**
 * The frame layout of an animated GIF, WebP or PNG, read from its structure (no pixel is decoded).
 * Decoders allocate the canvas (and some enlarge it to fit a frame that sticks out), so a file of a
 * few KB can claim a 65535x65535 canvas with 1x1 frames: intake judges all three numbers.
 */
export interface AnimationLayout {
  /** The logical canvas as the file declares it. */
  canvasWidth: number;
  canvasHeight: number;
  /** The canvas a decoder needs: the declared one, enlarged to hold every frame's rectangle. */
  extentWidth: number;
  extentHeight: number;
  /** The largest frame's own size (by pixels). */
  frameWidth: number;
  frameHeight: number;
  frames: number;
  /** Sum of the frame delays as stored, ms (GIF: before the browsers' 20 ms rule). */
  delayMs: number;
}

/** Reads bytes of a file at positions; past the end it returns fewer (or none). */
export type ReadAt = (pos: number, len: number) => Promise<Buffer>;

/** The layout of a GIF, WebP or (A)PNG file, or undefined for other types or a still WebP/PNG. */
export async function readAnimationLayout(file: string, ext: string): Promise<AnimationLayout | undefined> {
  if (ext !== 'gif' && ext !== 'webp' && ext !== 'png') return undefined;
  const fh = await open(file, 'r');
  try {
    const read = bufferedReader(async (buf, pos) => (await fh.read(buf, 0, buf.length, pos)).bytesRead);
    if (ext === 'gif') return await gifLayout(read);
    if (ext === 'webp') return await webpLayout(read);
    return await apngLayout(read);
  } finally {
    await fh.close();
  }
}

/** A ReadAt over 64 KB windows of a file (a GIF is read in many small sub-blocks). */
export function bufferedReader(fill: (buf: Buffer, pos: number) => Promise<number>): ReadAt {
  const size = 1 << 16;
  let win = Buffer.alloc(0);
  let winPos = 0;
  return async (pos, len) => {
    if (pos >= winPos && pos + len <= winPos + win.length)
      return win.subarray(pos - winPos, pos - winPos + len);
    if (len > size) {
      const big = Buffer.alloc(len);
      return big.subarray(0, await fill(big, pos));
    }
    const buf = Buffer.alloc(size);
    win = buf.subarray(0, await fill(buf, pos));
    winPos = pos;
    return win.subarray(0, Math.min(len, win.length));
  };
}

class Extent {
  w = 0;
  h = 0;
  fw = 0;
  fh = 0;
  frames = 0;
  delayMs = 0;
  constructor(
    readonly cw: number,
    readonly ch: number,
  ) {
    this.w = cw;
    this.h = ch;
  }
  frame(x: number, y: number, w: number, h: number): void {
    this.frames++;
    this.w = Math.max(this.w, x + w);
    this.h = Math.max(this.h, y + h);
    if (w * h > this.fw * this.fh) {
      this.fw = w;
      this.fh = h;
    }
  }
  layout(): AnimationLayout {
    return {
      canvasWidth: this.cw,
      canvasHeight: this.ch,
      extentWidth: this.w,
      extentHeight: this.h,
      frameWidth: this.fw,
      frameHeight: this.fh,
      frames: this.frames,
      delayMs: this.delayMs,
    };
  }
}

/**
 * GIF: the logical screen, then every image descriptor (left, top, width, height); extensions and
 * image data are skipped sub-block by sub-block. A file cut short ends the walk (what is there counts).
 */
export async function gifLayout(read: ReadAt): Promise<AnimationLayout | undefined> {
  const head = await read(0, 13);
  if (head.length < 13 || head.toString('latin1', 0, 3) !== 'GIF') return undefined;
  const e = new Extent(head.readUInt16LE(6), head.readUInt16LE(8));
  let pos = 13 + colourTable(head[10]!);
  const skipSubBlocks = async (): Promise<boolean> => {
    for (;;) {
      const n = (await read(pos, 1))[0];
      if (n === undefined) return false;
      pos += 1 + n;
      if (n === 0) return true;
    }
  };
  for (;;) {
    const b = (await read(pos, 1))[0];
    if (b === 0x2c) {
      const d = await read(pos + 1, 9);
      if (d.length < 9) break;
      e.frame(d.readUInt16LE(0), d.readUInt16LE(2), d.readUInt16LE(4), d.readUInt16LE(6));
      pos += 10 + colourTable(d[8]!) + 1; // + LZW minimum code size
      if (!(await skipSubBlocks())) break;
    } else if (b === 0x21) {
      const label = (await read(pos + 1, 1))[0];
      if (label === 0xf9) {
        const g = await read(pos + 2, 6);
        if (g.length === 6 && g[0] === 4) e.delayMs += g.readUInt16LE(2) * 10;
      }
      pos += 2;
      if (!(await skipSubBlocks())) break;
    } else {
      break; // trailer (0x3b), the end of the file, or bytes that are not GIF
    }
  }
  return e.layout();
}

function colourTable(packed: number): number {
  return packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0;
}

/** WebP: the VP8X canvas and every ANMF frame; undefined for a still (no animation flag). */
export async function webpLayout(read: ReadAt): Promise<AnimationLayout | undefined> {
  const head = await read(0, 12);
  if (
    head.length < 12 ||
    head.toString('latin1', 0, 4) !== 'RIFF' ||
    head.toString('latin1', 8, 12) !== 'WEBP'
  )
    return undefined;
  const end = head.readUInt32LE(4) + 8;
  let pos = 12;
  let e: Extent | undefined;
  while (pos + 8 <= end) {
    const c = await read(pos, 8);
    if (c.length < 8) break;
    const type = c.toString('latin1', 0, 4);
    const size = c.readUInt32LE(4);
    if (type === 'VP8X') {
      const x = await read(pos + 8, 10);
      if (x.length < 10 || !(x[0]! & 0x02)) return undefined;
      e = new Extent(x.readUIntLE(4, 3) + 1, x.readUIntLE(7, 3) + 1);
    } else if (type === 'ANMF' && e) {
      const f = await read(pos + 8, 16);
      if (f.length < 16) break;
      e.frame(f.readUIntLE(0, 3) * 2, f.readUIntLE(3, 3) * 2, f.readUIntLE(6, 3) + 1, f.readUIntLE(9, 3) + 1);
      e.delayMs += f.readUIntLE(12, 3);
    }
    pos += 8 + size + (size & 1);
  }
  return e?.layout();
}

/** PNG: IHDR's size is the canvas; an APNG's fcTL chunks are its frames. Undefined for a still PNG. */
export async function apngLayout(read: ReadAt): Promise<AnimationLayout | undefined> {
  const head = await read(0, 24);
  if (head.length < 24 || head.readUInt32BE(0) !== 0x89504e47 || head.toString('latin1', 12, 16) !== 'IHDR')
    return undefined;
  const e = new Extent(head.readUInt32BE(16), head.readUInt32BE(20));
  let animated = false;
  let pos = 8;
  for (;;) {
    const c = await read(pos, 8);
    if (c.length < 8) break;
    const size = c.readUInt32BE(0);
    const type = c.toString('latin1', 4, 8);
    if (type === 'acTL') animated = true;
    else if (type === 'fcTL') {
      const f = await read(pos + 8, 24);
      if (f.length < 24) break;
      e.frame(f.readUInt32BE(12), f.readUInt32BE(16), f.readUInt32BE(4), f.readUInt32BE(8));
      const num = f.readUInt16BE(20);
      const den = f.readUInt16BE(22) || 100;
      e.delayMs += Math.round((num * 1000) / den);
    } else if (type === 'IEND' || (type === 'IDAT' && !animated)) break; // acTL comes before IDAT
    pos += 12 + size;
  }
  return animated && e.frames > 0 ? e.layout() : undefined;
}
