import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from './cli-helpers.ts';

const cli = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const tsx = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
const children: ChildProcess[] = [];

/** Starts `photoreel <args>` as a user would, collecting stderr. */
function start(args: string[], cwd: string): { child: ChildProcess; stderr: () => string } {
  const child = spawn(process.execPath, ['--import', tsx, cli, ...args], {
    cwd,
    env: { ...process.env, PHOTOREEL_LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  return { child, stderr: () => err };
}

async function waitFor(check: () => RegExpMatchArray | null, ms = 30_000): Promise<RegExpMatchArray> {
  const until = Date.now() + ms;
  for (;;) {
    const m = check();
    if (m) return m;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('photoreel serve and worker', () => {
  it('serve listens where it says, answers the API, and stops cleanly on Ctrl-C', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const { child, stderr } = start(['serve', '--port', '0', '--data', 'data'], dir);
      const [, url] = await waitFor(() => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr()));
      const health = (await (await fetch(`${url}/healthz`)).json()) as { code: number };
      expect(health.code).toBe(0);
      const token = await fetch(`${url}/api/auth/anonymous-token`, { method: 'POST' });
      expect(token.status).toBe(400);
      child.kill('SIGINT');
      expect(await exitCode(child)).toBe(0);
    } finally {
      await cleanup();
    }
  });

  it('worker starts on a data folder and stops cleanly on SIGTERM', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const { child, stderr } = start(['worker', '--data', path.join(dir, 'data')], dir);
      await waitFor(() => /worker is rendering from the embedded queue/.exec(stderr()));
      child.kill('SIGTERM');
      expect(await exitCode(child)).toBe(0);
    } finally {
      await cleanup();
    }
  });

  it('refuses a wrong setting, naming it', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const { child, stderr } = start(['serve', '--port', 'eighty'], dir);
      expect(await exitCode(child)).toBe(1);
      expect(stderr()).toMatch(/port.*\(code 400\)/);
    } finally {
      await cleanup();
    }
  });
});
