import { describe, expect, it } from 'vitest';
import {
  ffmpegVersion,
  LineTail,
  parseFfmpegVersion,
  ProgressParser,
  runFfmpeg,
} from '../../src/render/run.ts';
import type { RenderProgress } from '../../src/render/types.ts';
import { PhotoreelError } from '../../src/errors.ts';
import { rejection } from '../helpers/errors.ts';

describe('ProgressParser', () => {
  it('turns -progress blocks into a fraction and an ETA', () => {
    let now = 1000;
    const parser = new ProgressParser(10_000, () => now);
    now = 3000;
    const out = parser.push('frame=75\nfps=30\nout_time_us=2500000\nprogress=continue\nframe=150\nout_ti');
    expect(out).toEqual([{ fraction: 0.25, frame: 75, etaMs: 6000 }]);
    now = 5000;
    expect(parser.push('me_us=5000000\nprogress=continue\n')).toEqual([
      { fraction: 0.5, frame: 150, etaMs: 4000 },
    ]);
    expect(parser.push('frame=300\nout_time_us=10000000\nprogress=end\n')).toEqual([
      { fraction: 1, frame: 300, etaMs: 0 },
    ]);
  });

  it('ignores out_time=N/A at the start', () => {
    const parser = new ProgressParser(1000);
    expect(parser.push('frame=0\nout_time_us=N/A\nprogress=continue\n')[0]!.fraction).toBe(0);
  });
});

describe('LineTail', () => {
  it('keeps the last lines only', () => {
    const tail = new LineTail(3);
    tail.push('a\nb\nc\r\nd\ne');
    expect(tail.text()).toBe('c\nd\ne');
  });
});

describe('ffmpeg version', () => {
  it('parses release and distribution versions', () => {
    expect(parseFfmpegVersion('ffmpeg version 5.1.9-0+deb12u1 Copyright')).toEqual([5, 1, 9]);
    expect(parseFfmpegVersion('ffmpeg version n7.0 Copyright')).toEqual([7, 0, 0]);
    expect(parseFfmpegVersion('nonsense')).toBeUndefined();
  });

  it('accepts the installed ffmpeg', async () => {
    expect(await ffmpegVersion()).toMatch(/^\d+\.\d+/);
  });

  it('says FFMPEG_MISSING when ffmpeg is not there', async () => {
    const err = await rejection(
      runFfmpeg({ args: ['-version'], durationMs: 1, ffmpeg: '/nonexistent/ffmpeg' }),
    );
    expect(err.key).toBe('FFMPEG_MISSING');
  });
});

describe('runFfmpeg', () => {
  it('reports progress to the end', async () => {
    const seen: RenderProgress[] = [];
    await runFfmpeg({
      args: ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=10:d=2', '-f', 'null', '-'],
      durationMs: 2000,
      onProgress: (p) => seen.push(p),
    });
    expect(seen.at(-1)).toMatchObject({ fraction: 1, frame: 20 });
    for (let i = 1; i < seen.length; i++)
      expect(seen[i]!.fraction).toBeGreaterThanOrEqual(seen[i - 1]!.fraction);
  });

  it('throws RENDER_FAILED with the tail of the log', async () => {
    const err = await rejection(
      runFfmpeg({
        args: ['-v', 'error', '-i', '/nonexistent/input.mp4', '-f', 'null', '-'],
        durationMs: 1000,
      }),
    );
    expect(err.key).toBe('RENDER_FAILED');
    expect(String(err.details?.logTail)).toContain('/nonexistent/input.mp4');
    expect(err.message).toContain('No such file');
  });

  it('stops an ffmpeg that makes no progress', async () => {
    // Reading a FIFO nobody writes to: ffmpeg waits forever, silent.
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { execFileSync } = await import('node:child_process');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'photoreel-stall-'));
    const fifo = path.join(dir, 'never.wav');
    execFileSync('mkfifo', [fifo]);
    try {
      const err = await rejection(
        runFfmpeg({
          args: ['-v', 'error', '-i', fifo, '-f', 'null', '-'],
          durationMs: 1000,
          stallTimeoutMs: 1500,
        }),
      );
      expect(err.key).toBe('RENDER_FAILED');
      expect(err.details?.stalled).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('cancels on abort', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const p = runFfmpeg({
      args: ['-re', '-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=10:d=60', '-f', 'null', '-'],
      durationMs: 60_000,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    const err = await rejection(p);
    expect(err.key).toBe('RENDER_CANCELLED');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  const RAW = ['-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', '16x16', '-framerate', '10', '-i', 'pipe:0'];

  it('feeds stdin: the frames written are the frames encoded', async () => {
    let frames = 0;
    await runFfmpeg({
      args: ['-v', 'error', ...RAW, '-f', 'null', '-'],
      durationMs: 500,
      onProgress: (p) => (frames = p.frame ?? frames),
      feed: async (stdin) => {
        for (let i = 0; i < 5; i++) stdin.write(Buffer.alloc(16 * 16 * 1.5, i * 20));
      },
    });
    expect(frames).toBe(5);
  });

  it('a cancelled render stops at once: the encoder does not finish its buffered frames first', async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    // A slow encoder holding many frames (a long lookahead): a graceful stop would encode them all.
    const p = runFfmpeg({
      args: [
        '-v',
        'error',
        '-f',
        'lavfi',
        '-i',
        'testsrc2=s=1280x720:r=30:d=60',
        '-c:v',
        'libx264',
        '-preset',
        'veryslow',
        '-x264-params',
        'rc-lookahead=250',
        '-f',
        'null',
        '-',
      ],
      durationMs: 60_000,
      signal: controller.signal,
      onSpawn: () =>
        setTimeout(() => {
          abortedAt = Date.now();
          controller.abort();
        }, 1500),
    });
    const err = await rejection(p);
    expect(err.key).toBe('RENDER_CANCELLED');
    expect(Date.now() - abortedAt).toBeLessThan(1000);
  });

  it('a failing feed stops ffmpeg and its error is the one thrown', async () => {
    const err = await rejection(
      runFfmpeg({
        args: ['-v', 'error', ...RAW, '-f', 'null', '-'],
        durationMs: 500,
        feed: async () => {
          throw new PhotoreelError('RENDER_FAILED', 'the frame path broke');
        },
      }),
    );
    expect(err.message).toBe('the frame path broke');
  });

  it('a feed that stops writing is stopped by the watchdog, and told to stop', async () => {
    let told = false;
    const err = await rejection(
      runFfmpeg({
        args: ['-v', 'error', ...RAW, '-f', 'null', '-'],
        durationMs: 500,
        stallTimeoutMs: 1500,
        feed: (_stdin, signal) =>
          new Promise<void>((resolve) =>
            signal.addEventListener('abort', () => {
              told = true;
              resolve();
            }),
          ),
      }),
    );
    expect(err.key).toBe('RENDER_FAILED');
    expect(err.details?.stalled).toBe(true);
    expect(told).toBe(true);
  });
});
