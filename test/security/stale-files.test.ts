import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../src/start/start-server.ts';
import { startWorker } from '../../src/start/start-worker.ts';
import { sweepStaleFiles } from '../../src/service/sweep-stale-files.ts';
import { tempDir, testConfig } from '../helpers/server.ts';

/** The pid of a process that has exited. */
function deadPid(): number {
  return spawnSync('true').pid as number;
}

async function put(file: string, ageMs: number, dir = false): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  if (dir) {
    await mkdir(file, { recursive: true });
    await writeFile(path.join(file, 'frame-0001.raw'), 'x');
  } else {
    await writeFile(file, 'x');
  }
  const t = new Date(Date.now() - ageMs);
  await utimes(file, t, t);
  return file;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function dataDir(): Promise<string> {
  const tmp = await tempDir('photoreel-sweep-');
  cleanups.push(tmp.cleanup);
  return path.join(tmp.dir, 'data');
}

const HOUR = 3_600_000;

describe('a starting server or worker removes what a killed one left', () => {
  it('removes temp files of dead writers and keeps media, the database and live writers’ files', async () => {
    const data = await dataDir();
    const dead = deadPid();
    const sleeper = spawn('sleep', ['60']);
    cleanups.push(async () => void sleeper.kill('SIGKILL'));
    const live = sleeper.pid as number;
    const stale = [
      await put(path.join(data, 'renders', `.r_1.mp4.${dead}-1.partial`), 5 * 60_000),
      await put(path.join(data, 'uploads', 's_1', `.incoming-${dead}-abcd1234`), 5 * 60_000),
      await put(path.join(data, 'uploads', 's_1', '.incoming-abcd1234'), 5 * 60_000),
      await put(path.join(data, 'cache', `p.jpg.${dead}.0a1b2c3d4e5f.tmp`), 5 * 60_000),
      await put(path.join(data, 'renders', `.work-${dead}-r_2`), 5 * 60_000, true),
      // Our own pid in an old file: written by an earlier process that had it (a restarted container).
      await put(path.join(data, 'renders', `.r_3.mp4.${process.pid}-1.partial`), 5 * 60_000),
      // Nobody has written it for hours: abandoned even if its pid is now someone else's.
      await put(path.join(data, 'renders', `.r_4.mp4.${live}-1.partial`), 2 * HOUR),
    ];
    const kept = [
      await put(path.join(data, 'uploads', 's_1', 'a_1.jpg'), 2 * HOUR),
      await put(path.join(data, 'renders', 'r_1.mp4'), 2 * HOUR),
      await put(path.join(data, 'photoreel.db'), 2 * HOUR),
      // A live process is still rendering into it.
      await put(path.join(data, 'renders', `.r_5.mp4.${live}-1.partial`), 5 * 60_000),
    ];
    const fresh = await put(path.join(data, 'renders', `.r_6.mp4.${dead}-1.partial`), 0);

    const r = await sweepStaleFiles(data, { quietMs: 1500 });
    expect(r.removed.sort()).toEqual([...stale].sort());
    for (const f of stale) expect(existsSync(f), f).toBe(false);
    for (const f of kept) expect(existsSync(f), f).toBe(true);
    // Written a moment ago: judged again once nobody has written it for quietMs.
    expect(r.pending).toEqual([fresh]);
    expect(existsSync(fresh)).toBe(true);
    await r.recheckDone;
    expect(existsSync(fresh)).toBe(false);
    for (const f of kept) expect(existsSync(f), f).toBe(true);
  });

  it('a file still being written is kept by the later look', async () => {
    const data = await dataDir();
    const file = await put(path.join(data, 'renders', `.r_1.mp4.${deadPid()}-1.partial`), 0);
    const r = await sweepStaleFiles(data, { quietMs: 1500 });
    expect(r.pending).toEqual([file]);
    const t = setInterval(() => void writeFile(file, 'more'), 200);
    await r.recheckDone;
    clearInterval(t);
    expect(existsSync(file)).toBe(true);
  });

  it('startServer and startWorker sweep their data folder', async () => {
    for (const start of ['server', 'worker'] as const) {
      const data = await dataDir();
      const partial = await put(path.join(data, 'renders', `.r_1.mp4.${deadPid()}-1.partial`), 10 * 60_000);
      const upload = await put(path.join(data, 'uploads', 's_1', `.incoming-${deadPid()}-x`), 10 * 60_000);
      const config = testConfig(data);
      if (start === 'server') {
        const server = await startServer({ ...config, serveWorker: false });
        await server.close();
      } else {
        const worker = startWorker(config);
        await new Promise((r) => setTimeout(r, 500));
        await worker.close();
      }
      expect(existsSync(partial), `${start}: ${partial}`).toBe(false);
      expect(existsSync(upload), `${start}: ${upload}`).toBe(false);
    }
  });
});
