/**
 * Helpers for service and HTTP tests: a temp data folder, a test config, an in-process app (inject),
 * media made on the fly (sharp, ffmpeg lavfi), and a parser for server-sent events.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { buildApp, type BuildAppOptions } from '../../src/http/build-app.ts';
import { loadConfig, type ConfigInput } from '../../src/service/config.ts';
import { createService, type Service } from '../../src/service/create-service.ts';

export async function tempDir(prefix = 'photoreel-svc-'): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export function testConfig(dataDir: string, overrides: Partial<ConfigInput> = {}) {
  return loadConfig({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    logLevel: 'silent',
    renderConcurrency: 1,
    signingSecret: 'test-secret-0123456789abcdef',
    ...overrides,
  });
}

export interface TestApp {
  app: FastifyInstance;
  service: Service;
  dir: string;
  close(): Promise<void>;
}

/** A service on a temp data folder and its app, for `app.inject` (no worker: exports stay queued). */
export async function testApp(
  overrides: Partial<ConfigInput> = {},
  options: BuildAppOptions = {},
): Promise<TestApp> {
  const tmp = await tempDir();
  const service = createService(testConfig(path.join(tmp.dir, 'data'), overrides));
  const app = await buildApp(service, options);
  await app.ready();
  return {
    app,
    service,
    dir: tmp.dir,
    async close() {
      await app.close();
      await service.close();
      await tmp.cleanup();
    },
  };
}

/** A token and a session through the app. */
export async function tokenAndSession(
  app: FastifyInstance,
  clientId = 'c0ffee00-0000-4000-8000-000000000001',
): Promise<{ token: string; session: string; auth: { authorization: string } }> {
  const t = await app.inject({
    method: 'POST',
    url: '/api/auth/anonymous-token',
    headers: { 'x-client-id': clientId },
  });
  const token = (t.json() as { data: { token: string } }).data.token;
  const auth = { authorization: `Bearer ${token}` };
  const s = await app.inject({
    method: 'POST',
    url: '/api/tasks/me/with-session/nemo_agent',
    headers: auth,
    payload: { task_name: 'project', language: 'en' },
  });
  return { token, session: (s.json() as { data: { session_id: string } }).data.session_id, auth };
}

/** A photo with a colour of its own (and a small mark so no two are alike). */
export async function makePhoto(file: string, w = 320, h = 240, hue = 0): Promise<string> {
  const r = (hue * 97) % 256;
  const g = (hue * 53 + 80) % 256;
  const b = (hue * 29 + 160) % 256;
  await sharp({ create: { width: w, height: h, channels: 3, background: { r, g, b } } })
    .composite([
      {
        input: {
          create: {
            width: Math.max(2, w >> 3),
            height: Math.max(2, h >> 3),
            channels: 3,
            background: '#ffffff',
          },
        },
        left: 4,
        top: 4,
      },
    ])
    .jpeg({ quality: 80 })
    .toFile(file);
  return file;
}

/** Runs ffmpeg with lavfi sources; throws with its log on failure. */
export function ffmpeg(args: string[]): void {
  const r = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ffmpeg failed: ${r.stderr}`);
}

/** A short sine tone as m4a (AAC). */
export function makeMusic(file: string, seconds = 4): string {
  ffmpeg(['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`, '-c:a', 'aac', '-b:a', '64k', file]);
  return file;
}

export async function makeText(file: string, text = 'hello, not a picture\n'): Promise<string> {
  await writeFile(file, text);
  return file;
}

export interface Probe {
  width: number;
  height: number;
  durationMs: number;
  hasAudio: boolean;
  videoCodec?: string;
}

export function ffprobe(file: string): Probe {
  const r = spawnSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`ffprobe failed: ${r.stderr}`);
  const j = JSON.parse(r.stdout) as {
    streams: { codec_type: string; codec_name: string; width?: number; height?: number }[];
    format: { duration: string };
  };
  const v = j.streams.find((s) => s.codec_type === 'video');
  return {
    width: v?.width ?? 0,
    height: v?.height ?? 0,
    durationMs: Math.round(Number(j.format.duration) * 1000),
    hasAudio: j.streams.some((s) => s.codec_type === 'audio'),
    ...(v ? { videoCodec: v.codec_name } : {}),
  };
}

export interface SseMessage {
  events: Record<string, unknown>[];
  comments: string[];
}

/** Splits an event stream into its `data:` JSON events and `:` comments. */
export function parseSse(text: string): SseMessage {
  const events: Record<string, unknown>[] = [];
  const comments: string[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith(':')) comments.push(line.slice(1).trim());
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length) events.push(JSON.parse(data.join('\n')) as Record<string, unknown>);
  }
  return { events, comments };
}

/** The parts of an event, whatever they carry. */
export function partsOf(event: Record<string, unknown>): Record<string, unknown>[] {
  return ((event.content as { parts?: Record<string, unknown>[] } | undefined)?.parts ?? []) as Record<
    string,
    unknown
  >[];
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 60_000,
  everyMs = 100,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface PartSpec {
  field?: string;
  /** Written as is into the Content-Disposition header (only `"` escaped), to test hostile names. */
  filename: string;
  data: Buffer;
  type?: string;
}

/** A multipart/form-data body built by hand (exact control over file names). */
export function multipartBody(parts: PartSpec[]): { payload: Buffer; headers: { 'content-type': string } } {
  const boundary = `----photoreel${parts.length}x${Date.now().toString(16)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.field ?? 'files'}"; filename="${p.filename.replace(/"/g, '%22')}"\r\n` +
          `Content-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`,
        'utf8',
      ),
      p.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
