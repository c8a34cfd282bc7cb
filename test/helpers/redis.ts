/**
 * Starts a real `redis-server` for tests: 127.0.0.1, a free port, no persistence, a temp dir.
 * Tests that need Redis skip only when redis-server is missing and CI is not set; with CI=true they fail.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface RunningRedis {
  url: string;
  port: number;
  /** The redis-server process (tests freeze it with SIGSTOP and thaw it with SIGCONT). */
  pid: number;
  stop(): Promise<void>;
}

/** True when a `redis-server` binary is on the PATH. */
export function hasRedisServer(): boolean {
  const r = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

/**
 * Whether Redis tests should be skipped: only when redis-server is missing and CI is not set.
 * Prints why, so a skipped run is never mistaken for a passing one.
 */
export function skipWithoutRedis(): boolean {
  if (hasRedisServer()) return false;
  if (process.env.CI) return false; // in CI the tests run and fail loudly in startRedis()
  console.warn(
    'Skipping Redis tests: redis-server is not installed. Install it with `sudo apt-get install -y redis-server`.',
  );
  return true;
}

async function freePort(): Promise<number> {
  return await new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function ping(port: number): Promise<boolean> {
  return await new Promise<boolean>((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    let answer = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts redis-server and resolves once it answers PING. */
export async function startRedis(): Promise<RunningRedis> {
  if (!hasRedisServer()) {
    throw new Error('redis-server is not installed: install it with `sudo apt-get install -y redis-server`.');
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'photoreel-redis-'));
  for (let tries = 0; ; tries++) {
    const port = await freePort();
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let log = '';
    child.stdout?.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
    child.stderr?.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
    const deadline = Date.now() + 10_000;
    let up = false;
    while (Date.now() < deadline && child.exitCode === null) {
      if (await ping(port)) {
        up = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    if (up) {
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        pid: child.pid ?? 0,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGCONT');
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited(child);
          await rm(dir, { recursive: true, force: true });
        },
      };
    }
    child.kill('SIGKILL');
    await exited(child);
    // Another process may have taken the port between probing and binding: try a new one.
    if (tries >= 2) {
      await rm(dir, { recursive: true, force: true });
      throw new Error(`redis-server did not start on 127.0.0.1:${port}:\n${log}`);
    }
  }
}
