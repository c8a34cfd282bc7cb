import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const tsx = createRequire(import.meta.url).resolve('tsx');
const FIXTURE = fileURLToPath(new URL('./fixtures/long-ffmpeg.ts', import.meta.url));

function alive(pid: number): boolean {
  try {
    // A zombie (exited, not yet reaped) is as good as gone.
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

/** Pids of ffmpeg processes whose parent is `ppid`. */
function ffmpegChildren(ppid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const status = readFileSync(`/proc/${d}/status`, 'utf8');
      if (/^Name:\s+ffmpeg$/m.test(status) && new RegExp(`^PPid:\\s+${ppid}$`, 'm').test(status))
        out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

async function waitFor<T>(get: () => T | undefined, ms: number): Promise<T | undefined> {
  const end = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v !== undefined || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const started: ChildProcess[] = [];
const strays: number[] = [];
afterEach(() => {
  for (const c of started.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  for (const pid of strays.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

describe.runIf(process.platform === 'linux')('ffmpeg dies with the process that started it', () => {
  for (const via of ['render', 'tool'] as const) {
    it(`a SIGKILLed parent leaves no ffmpeg running (${via})`, async () => {
      const child = spawn(process.execPath, ['--import', tsx, FIXTURE, via], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      started.push(child);
      const parent = child.pid as number;
      const ffmpeg = await waitFor(() => ffmpegChildren(parent)[0], 20_000);
      expect(ffmpeg, 'ffmpeg started').toBeDefined();
      strays.push(ffmpeg as number);
      expect(alive(ffmpeg as number)).toBe(true);
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      const gone = await waitFor(() => (alive(ffmpeg as number) ? undefined : true), 3000);
      expect(gone, `ffmpeg ${ffmpeg} still running 3 s after its parent was killed`).toBe(true);
    }, 30_000);
  }
});
