import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { PhotoreelError } from '../errors.ts';
import { spawnChild } from '../media/spawn-child.ts';
import type { RenderProgress } from './types.ts';

export interface RunOptions {
  args: string[];
  /** Expected length of the output, to turn ffmpeg's out_time into a fraction. */
  durationMs: number;
  onProgress?: (p: RenderProgress) => void;
  signal?: AbortSignal;
  /** ffmpeg binary (default: $PHOTOREEL_FFMPEG or `ffmpeg` on the PATH). */
  ffmpeg?: string;
  /** Called with the child's pid once it runs (benchmarks sample its memory). */
  onSpawn?: (pid: number) => void;
  /** ffmpeg is stopped (RENDER_FAILED) when it writes nothing, no progress and no log, for this long. Default 120 s. */
  stallTimeoutMs?: number;
  /**
   * Writes ffmpeg's input (`-i pipe:0`) and ends it. When it fails, ffmpeg is stopped and its error is
   * the one thrown; when ffmpeg fails first, ffmpeg's error (with the log tail) is.
   */
  feed?: (stdin: Writable, signal: AbortSignal) => Promise<void>;
}

const LOG_LINES = 50;
export const MIN_FFMPEG: readonly [number, number] = [5, 1];

export function ffmpegBinary(explicit?: string): string {
  return explicit ?? process.env.PHOTOREEL_FFMPEG ?? 'ffmpeg';
}

/** Parses `ffmpeg -version` output: `ffmpeg version 5.1.9-0+deb12u1` → [5, 1, 9]. Undefined when unreadable. */
export function parseFfmpegVersion(text: string): number[] | undefined {
  const m = /ffmpeg version n?(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

const versionCache = new Map<string, Promise<string>>();

/** `bin -version`'s standard output, through the one child-process helper (killed after `timeoutMs`). */
function versionText(
  bin: string,
  timeoutMs: number,
  done: (err: NodeJS.ErrnoException | null, stdout: string) => void,
): void {
  const child = spawnChild(bin, ['-hide_banner', '-version'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  let settled = false;
  const settle = (err: NodeJS.ErrnoException | null): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    done(err, out);
  };
  const timer = setTimeout(() => {
    child.kill('SIGKILL');
    settle(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }));
  }, timeoutMs);
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (s: string) => (out += s));
  child.on('error', (e: NodeJS.ErrnoException) => settle(e));
  child.on('close', (code) =>
    settle(code === 0 ? null : Object.assign(new Error(`exit code ${code}`), { code: `exit ${code}` })),
  );
}

/**
 * The installed ffmpeg's version (`5.1.9`). Throws FFMPEG_MISSING when ffmpeg is absent
 * or older than 5.1. Git builds (`N-…`) are accepted as new.
 */
export function ffmpegVersion(bin = ffmpegBinary()): Promise<string> {
  let cached = versionCache.get(bin);
  if (!cached) {
    cached = new Promise<string>((resolve, reject) => {
      versionText(bin, 15000, (err, stdout) => {
        if (err) {
          reject(
            new PhotoreelError(
              'FFMPEG_MISSING',
              `ffmpeg could not be started (${(err as NodeJS.ErrnoException).code ?? err.message}): install ffmpeg 5.1 or newer, e.g. \`sudo apt-get install -y ffmpeg\`, and try again.`,
            ),
          );
          return;
        }
        if (/ffmpeg version N-/.test(stdout)) {
          resolve('git');
          return;
        }
        const v = parseFfmpegVersion(stdout);
        const [major = 0, minor = 0] = v ?? [];
        if (!v || major < MIN_FFMPEG[0] || (major === MIN_FFMPEG[0] && minor < MIN_FFMPEG[1])) {
          reject(
            new PhotoreelError(
              'FFMPEG_MISSING',
              `ffmpeg ${v ? v.join('.') : '(unknown version)'} is too old: photoreel needs ffmpeg 5.1 or newer; install it and try again.`,
            ),
          );
          return;
        }
        resolve(v.join('.'));
      });
    });
    versionCache.set(bin, cached);
    cached.catch(() => versionCache.delete(bin));
  }
  return cached;
}

/** Keeps the last `max` lines of a stream of text chunks. */
export class LineTail {
  private lines: string[] = [];
  private partial = '';
  constructor(private readonly max = LOG_LINES) {}
  push(chunk: string): void {
    const parts = (this.partial + chunk).split(/\r?\n|\r/);
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      if (line.trim() === '') continue;
      this.lines.push(line);
      if (this.lines.length > this.max) this.lines.shift();
    }
  }
  text(): string {
    const all = this.partial.trim() ? [...this.lines, this.partial] : this.lines;
    return all.slice(-this.max).join('\n');
  }
}

/**
 * Reads `-progress` key=value blocks. Each block ends with `progress=continue|end`;
 * returns the progress to report at block ends.
 */
export class ProgressParser {
  private buffer = '';
  private current: Record<string, string> = {};
  private readonly started: number;
  constructor(
    private readonly durationMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }
  push(chunk: string): RenderProgress[] {
    const out: RenderProgress[] = [];
    const lines = (this.buffer + chunk).split('\n');
    this.buffer = lines.pop() ?? '';
    for (const raw of lines) {
      const line = raw.trim();
      const eq = line.indexOf('=');
      if (eq <= 0) continue;
      const key = line.slice(0, eq);
      const value = line.slice(eq + 1);
      this.current[key] = value;
      if (key === 'progress') {
        out.push(this.report(value === 'end'));
        this.current = {};
      }
    }
    return out;
  }
  private report(end: boolean): RenderProgress {
    const us = Number(this.current.out_time_us ?? this.current.out_time_ms);
    const frame = Number(this.current.frame);
    const doneMs = Number.isFinite(us) && us > 0 ? us / 1000 : 0;
    const fraction = end
      ? 1
      : this.durationMs > 0
        ? Math.min(0.999, Math.max(0, doneMs / this.durationMs))
        : 0;
    const elapsed = this.now() - this.started;
    const p: RenderProgress = { fraction };
    if (Number.isFinite(frame)) p.frame = frame;
    if (end) p.etaMs = 0;
    else if (fraction > 0.02) p.etaMs = Math.round((elapsed * (1 - fraction)) / fraction);
    return p;
  }
}

/** First meaningful error line of ffmpeg's log, for the one-sentence message. */
function firstError(log: string): string | undefined {
  const lines = log.split('\n');
  return (
    lines.find((l) => /\[(error|fatal)\]/.test(l)) ??
    lines.find((l) => /error|invalid|no such file|not found/i.test(l)) ??
    lines.at(-1)
  )
    ?.replace(/^\[[^\]]*\]\s*/, '')
    .trim();
}

/**
 * Runs ffmpeg with the given arguments, reporting progress from `-progress pipe:1`.
 * Cancels on `signal` (ffmpeg killed at once: a cancelled output is thrown away).
 * Throws RENDER_FAILED (with `logTail`), RENDER_CANCELLED or FFMPEG_MISSING.
 */
export async function runFfmpeg(opts: RunOptions): Promise<void> {
  const bin = ffmpegBinary(opts.ffmpeg);
  if (opts.signal?.aborted) throw new PhotoreelError('RENDER_CANCELLED');
  await ffmpegVersion(bin);
  if (opts.signal?.aborted) throw new PhotoreelError('RENDER_CANCELLED');

  const args = ['-progress', 'pipe:1', '-nostats', ...opts.args];
  const tail = new LineTail(LOG_LINES);
  const parser = new ProgressParser(opts.durationMs);

  await new Promise<void>((resolve, reject) => {
    const child = spawnChild(bin, args, {
      stdio: [opts.feed ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    }) as ChildProcessByStdio<Writable | null, Readable, Readable>;
    let cancelled = false;
    let feedError: unknown;
    const feedStop = new AbortController();
    let stalled = false;
    // Watchdog: -progress writes a block about twice a second, so silence means ffmpeg is stuck.
    const stallMs = opts.stallTimeoutMs ?? 120_000;
    let lastOutput = Date.now();
    const watchdog = setInterval(
      () => {
        if (Date.now() - lastOutput < stallMs || stalled) return;
        stalled = true;
        child.kill('SIGKILL');
      },
      Math.min(5000, Math.max(50, stallMs / 4)),
    );
    watchdog.unref();
    const onAbort = (): void => {
      cancelled = true;
      feedStop.abort();
      // A cancelled render's output is thrown away: ffmpeg is stopped at once, not asked to finish
      // the frames its encoder holds (seconds of work with a long lookahead).
      child.stdin?.destroy();
      child.kill('SIGKILL');
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    if (child.pid !== undefined) opts.onSpawn?.(child.pid);

    if (opts.feed && child.stdin) {
      const stdin = child.stdin;
      // ffmpeg stopping early breaks the pipe: its exit says why, not the EPIPE.
      stdin.on('error', () => undefined);
      opts.feed(stdin, feedStop.signal).then(
        () => stdin.end(),
        (err: unknown) => {
          if (cancelled || feedError !== undefined) return;
          // A broken pipe means ffmpeg stopped: its exit code and log say why.
          const code = (err as NodeJS.ErrnoException | undefined)?.code;
          if (code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ERR_STREAM_WRITE_AFTER_END')
            return;
          feedError = err;
          feedStop.abort();
          child.kill('SIGKILL');
        },
      );
    }

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      lastOutput = Date.now();
      for (const p of parser.push(chunk)) opts.onProgress?.(p);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      lastOutput = Date.now();
      tail.push(chunk);
    });

    const finish = (err?: unknown): void => {
      opts.signal?.removeEventListener('abort', onAbort);
      feedStop.abort();
      clearInterval(watchdog);
      if (err) reject(err);
      else resolve();
    };
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') {
        finish(
          new PhotoreelError(
            'FFMPEG_MISSING',
            `ffmpeg was not found (${bin}): install ffmpeg 5.1 or newer and try again.`,
          ),
        );
      } else {
        finish(
          new PhotoreelError('RENDER_FAILED', `ffmpeg could not be started: ${err.message}.`, {
            logTail: tail.text(),
          }),
        );
      }
    });
    child.on('close', (code, signal) => {
      if (cancelled) {
        finish(new PhotoreelError('RENDER_CANCELLED'));
        return;
      }
      if (code === 0 && feedError === undefined) {
        finish();
        return;
      }
      if (feedError !== undefined) {
        finish(feedError);
        return;
      }
      const logTail = tail.text();
      if (stalled) {
        finish(
          new PhotoreelError(
            'RENDER_FAILED',
            `ffmpeg made no progress for ${Math.round(stallMs / 1000)} s and was stopped. The log tail in the details says more; try again, or report the draft if it happens again.`,
            { logTail, stalled: true },
          ),
        );
        return;
      }
      const why = firstError(logTail);
      finish(
        new PhotoreelError(
          'RENDER_FAILED',
          `ffmpeg stopped with ${signal ? `signal ${signal}` : `exit code ${code}`}${why ? `: ${why}` : ''}. The log tail in the details says more; fix the input and export again.`,
          { logTail, exitCode: code, signal },
        ),
      );
    });
  });
}
