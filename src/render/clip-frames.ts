import type { Readable } from 'node:stream';
import { PhotoreelError } from '../errors.ts';
import { spawnChild } from '../media/spawn-child.ts';
import type { Fit } from '../timeline/draft.ts';
import { frameBytes } from './frame.ts';
import { ffmpegBinary, LineTail } from './run.ts';

export interface ClipDecode {
  path: string;
  /** Where in the clip to start, ms. */
  fromMs: number;
  /** Frames to deliver: the clip is cut there, or its last frame held when it is shorter. */
  frames: number;
  fit: Fit;
  /** Animated GIF: loops within its item. */
  gif: boolean;
  w: number;
  h: number;
  fps: { num: number; den: number };
}

/** The blur fit in ffmpeg: the clip contained over a blurred, darkened copy of itself filling the frame. */
export function clipFitFilter(fit: Fit, w: number, h: number): string {
  if (fit === 'cover')
    return `scale=${w}:${h}:force_original_aspect_ratio=increase:flags=bicubic,crop=${w}:${h}`;
  if (fit === 'contain') {
    return `scale=${w}:${h}:force_original_aspect_ratio=decrease:flags=bicubic,pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2:black`;
  }
  const sw = Math.max(2, Math.round(w / 8 / 2) * 2);
  const sh = Math.max(2, Math.round(h / 8 / 2) * 2);
  const bg =
    `scale=${sw}:${sh}:force_original_aspect_ratio=increase,crop=${sw}:${sh},boxblur=4:2,` +
    `scale=${w}:${h}:flags=bilinear,eq=brightness=-0.12`;
  const fg = `scale=${w}:${h}:force_original_aspect_ratio=decrease:flags=bicubic`;
  return `split=2[bg][fg];[bg]${bg}[b];[fg]${fg}[f];[b][f]overlay=(W-w)/2:(H-h)/2`;
}

/** ffmpeg arguments that decode a clip to exactly `frames` raw yuv420p frames (BT.709 limited) on stdout. Pure. */
export function clipDecodeArgs(c: ClipDecode): string[] {
  const fps = `${c.fps.num}/${c.fps.den}`;
  const seconds = (c.frames * c.fps.den) / c.fps.num;
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'level+warning'];
  if (c.fromMs > 0) args.push('-ss', (c.fromMs / 1000).toFixed(6));
  if (c.gif) args.push('-ignore_loop', '0');
  args.push('-t', (seconds + 1).toFixed(6), '-i', c.path, '-an', '-sn', '-dn');
  const graph =
    `[0:v:0]fps=${fps},${clipFitFilter(c.fit, c.w, c.h)},scale=out_color_matrix=bt709:out_range=tv,` +
    `format=yuv420p,setsar=1,tpad=stop_mode=clone:stop=-1,trim=end_frame=${c.frames}[v]`;
  args.push('-filter_complex', graph, '-map', '[v]', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', 'pipe:1');
  return args;
}

/**
 * The frames of a clip, decoded by ffmpeg at canvas size, one Uint8Array per frame (its own buffer,
 * so it can be transferred). Stops ffmpeg when the caller stops early. A decode failure throws
 * RENDER_FAILED with ffmpeg's log tail.
 */
export async function* clipFrames(c: ClipDecode, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  const size = frameBytes(c.w, c.h);
  const child = spawnChild(ffmpegBinary(), clipDecodeArgs(c), { stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout = child.stdout as Readable;
  const stderr = child.stderr as Readable;
  const tail = new LineTail(30);
  stderr.setEncoding('utf8');
  stderr.on('data', (s: string) => tail.push(s));
  const exited = new Promise<number | null>((resolve) => {
    child.on('close', (code) => resolve(code));
    child.on('error', () => resolve(-1));
  });
  const onAbort = (): void => void child.kill('SIGKILL');
  signal?.addEventListener('abort', onAbort, { once: true });
  let delivered = 0;
  try {
    let frame = new Uint8Array(size);
    let filled = 0;
    for await (const chunk of stdout as AsyncIterable<Buffer>) {
      let off = 0;
      while (off < chunk.length) {
        const n = Math.min(size - filled, chunk.length - off);
        frame.set(chunk.subarray(off, off + n), filled);
        filled += n;
        off += n;
        if (filled === size) {
          if (delivered < c.frames) {
            delivered++;
            yield frame;
          }
          frame = new Uint8Array(size);
          filled = 0;
        }
      }
    }
    const code = await exited;
    if (delivered < c.frames) {
      const logTail = tail.text();
      throw new PhotoreelError(
        'RENDER_FAILED',
        `The clip ${c.path.split('/').pop()} could not be decoded (ffmpeg exit code ${code}). The log tail in the details says more; check the file and export again.`,
        { logTail, exitCode: code },
      );
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}
