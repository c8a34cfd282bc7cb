import type { Readable } from 'node:stream';
import { PhotoreelError } from '../errors.ts';
import { spawnChild } from './spawn-child.ts';

export interface RunToolOptions {
  /** Kill the tool after this long (ms). */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Stop reading (and kill the tool) past this many bytes of standard output. */
  maxOutputBytes?: number;
}

export interface RunToolResult {
  /** Exit code, or null when the tool was killed. */
  code: number | null;
  stdout: Buffer;
  /** The last few KB of standard error, for messages. */
  stderrTail: string;
  timedOut: boolean;
  /** Standard output went past maxOutputBytes. */
  overflow: boolean;
}

const STDERR_TAIL = 4096;

/**
 * Runs ffmpeg or ffprobe (no shell) and collects its output. Never hangs: the tool is killed
 * after `timeoutMs`, when `signal` aborts (the promise then rejects with the signal's reason),
 * or when it writes more than `maxOutputBytes`. A missing binary is FFMPEG_MISSING.
 */
export function runTool(
  cmd: 'ffmpeg' | 'ffprobe',
  args: readonly string[],
  o: RunToolOptions,
): Promise<RunToolResult> {
  return new Promise((resolve, reject) => {
    if (o.signal?.aborted) {
      reject(abortReason(o.signal));
      return;
    }
    const child = spawnChild(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = child.stdout as Readable;
    const stderrStream = child.stderr as Readable;
    const out: Buffer[] = [];
    let outBytes = 0;
    let stderr = '';
    let timedOut = false;
    let overflow = false;
    let aborted = false;
    const kill = (): void => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, o.timeoutMs);
    const onAbort = (): void => {
      aborted = true;
      kill();
    };
    o.signal?.addEventListener('abort', onAbort, { once: true });
    stdout.on('data', (chunk: Buffer) => {
      if (overflow) return;
      outBytes += chunk.length;
      if (o.maxOutputBytes !== undefined && outBytes > o.maxOutputBytes) {
        overflow = true;
        kill();
        return;
      }
      out.push(chunk);
    });
    stderrStream.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL);
    });
    const done = (): void => {
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
    };
    child.on('error', (err: NodeJS.ErrnoException) => {
      done();
      if (err.code === 'ENOENT') {
        reject(
          new PhotoreelError('FFMPEG_MISSING', undefined, {
            tool: cmd,
          }),
        );
      } else {
        reject(err);
      }
    });
    child.on('close', (code) => {
      done();
      if (aborted && o.signal) {
        reject(abortReason(o.signal));
        return;
      }
      resolve({ code, stdout: Buffer.concat(out), stderrTail: stderr.trim(), timedOut, overflow });
    });
  });
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}
