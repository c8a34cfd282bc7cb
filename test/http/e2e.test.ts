/**
 * The whole protocol as a skill client drives it, over real HTTP on 127.0.0.1: token → session → multipart upload
 * (3 photos + music) → run_sse → state → export → poll → download via output.url without the token, with a Range
 * request → ffprobe. Once with the embedded queue (the server renders), once with Redis and a separate worker process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/start/start-server.ts';
import { skipWithoutRedis, startRedis, type RunningRedis } from '../helpers/redis.ts';
import { makeMusic, makePhoto } from '../helpers/media.ts';
import { parseSse, partsOf, postInstruction, tempDir, testConfig, waitFor } from '../helpers/server.ts';
import { probe } from '../helpers/video.ts';

export const INSTRUCTION = 'turn these photos into a 720p vertical video with fades and music, 1 second each';

async function drive(base: string, dir: string): Promise<void> {
  const json = (r: Response) =>
    r.json() as Promise<{ code: number; message: string; data: Record<string, unknown> }>;
  const t = await json(
    await fetch(`${base}/api/auth/anonymous-token`, {
      method: 'POST',
      headers: { 'X-Client-Id': '0b5e55ed-0000-4000-8000-00000000e2e0' },
    }),
  );
  expect(t.code).toBe(0);
  const headers = {
    Authorization: `Bearer ${t.data.token as string}`,
    'X-Skill-Source': 'e2e',
    'X-Skill-Version': '1',
    'X-Skill-Platform': 'vitest',
  };
  const s = await json(
    await fetch(`${base}/api/tasks/me/with-session/nemo_agent`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ task_name: 'project', language: 'en' }),
    }),
  );
  const session = s.data.session_id as string;
  expect(session).toBeTruthy();

  const form = new FormData();
  for (let i = 0; i < 3; i++) {
    const file = await makePhoto(path.join(dir, `photo-${i}.jpg`), { width: 640, height: 480, hue: i + 1 });
    form.append('files', new Blob([await readFile(file)], { type: 'image/jpeg' }), `photo-${i}.jpg`);
  }
  form.append(
    'files',
    new Blob([await readFile(await makeMusic(path.join(dir, 'song.m4a'), 5))], { type: 'audio/mp4' }),
    'song.m4a',
  );
  const up = await json(
    await fetch(`${base}/api/upload-video/nemo_agent/me/${session}`, { method: 'POST', headers, body: form }),
  );
  expect(up.code).toBe(0);
  expect((up.data.files as { kind: string }[]).map((f) => f.kind)).toEqual([
    'image',
    'image',
    'image',
    'audio',
  ]);

  const sse = await postInstruction(base, headers, session, INSTRUCTION);
  expect(sse.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const { events } = parseSse(await sse.text());
  const parts = events.flatMap(partsOf);
  const calls = parts.filter((p) => p.functionCall);
  const responses = parts.filter((p) => p.functionResponse);
  expect(calls.length).toBeGreaterThan(0);
  expect(responses.length).toBe(calls.length);
  const last = parts.at(-1) as { text?: string };
  expect(last.text).toMatch(/Timeline \(/);
  expect(events.every((e) => e.author === 'nemo_agent')).toBe(true);

  const st = await json(await fetch(`${base}/api/state/nemo_agent/me/${session}/latest`, { headers }));
  const draft = (
    st.data.state as { draft: { w: number; h: number; t: { tt: number; sg: { d: number }[] }[] } }
  ).draft;
  expect([draft.w, draft.h]).toEqual([720, 1280]);
  const video = draft.t.find((tr) => tr.tt === 0);
  expect(video?.sg.map((g) => g.d)).toEqual([1000, 1000, 1000]);
  expect(draft.t.some((tr) => tr.tt === 1)).toBe(true);

  const bal = await json(await fetch(`${base}/api/credits/balance/simple`, { headers }));
  expect(bal.data).toEqual({ available: 99, frozen: 0, total: 99 });

  const id = `render_${Date.now()}`;
  const ex = await json(
    await fetch(`${base}/api/render/proxy/lambda`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ id, sessionId: session, draft, output: { format: 'mp4', quality: 'high' } }),
    }),
  );
  expect(ex.data).toMatchObject({ id });
  const done = await waitFor(
    async () => {
      const r = await json(await fetch(`${base}/api/render/proxy/lambda/${id}`, { headers }));
      const d = r.data as {
        status: string;
        progress: number;
        output: { url: string | null };
        error: unknown;
      };
      expect(d.progress).toBeGreaterThanOrEqual(0);
      expect(d.progress).toBeLessThanOrEqual(1);
      if (d.status === 'failed') throw new Error(`render failed: ${JSON.stringify(d.error)}`);
      return d.status === 'completed' ? d : undefined;
    },
    120_000,
    200,
  );
  const url = done.output.url as string;
  expect(url.startsWith(base)).toBe(true);

  // The link works without the bearer token, and honours Range.
  const full = await fetch(url);
  expect(full.status).toBe(200);
  expect(full.headers.get('content-type')).toMatch(/video\/mp4/);
  const bytes = Buffer.from(await full.arrayBuffer());
  const part = await fetch(url, { headers: { Range: 'bytes=100-199' } });
  expect(part.status).toBe(206);
  expect(part.headers.get('content-range')).toBe(`bytes 100-199/${bytes.length}`);
  expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
  const tampered = await fetch(url.replace(/sig=[^&]+/, 'sig=AAAA'));
  expect(tampered.status).toBe(401);

  const out = path.join(dir, 'out.mp4');
  await writeFile(out, bytes);
  const info = await probe(out);
  expect([info.video?.width, info.video?.height]).toEqual([720, 1280]);
  expect(info.video?.codec).toBe('h264');
  expect(Math.abs(info.duration * 1000 - 3000)).toBeLessThan(250);
  expect(info.audio).toBeDefined();

  const st2 = await json(await fetch(`${base}/api/state/nemo_agent/me/${session}/latest`, { headers }));
  expect((st2.data.state as { generated_media: unknown[] }).generated_media).toMatchObject([
    { id, status: 'completed', progress: 1 },
  ]);
}

describe('end to end over HTTP', () => {
  it('embedded queue: the server renders', async () => {
    const tmp = await tempDir('photoreel-e2e-');
    const server = await startServer(testConfig(path.join(tmp.dir, 'data')));
    try {
      await drive(server.url, tmp.dir);
    } finally {
      await server.close();
      await tmp.cleanup();
    }
  });

  describe.skipIf(skipWithoutRedis())('with Redis and a separate worker process', () => {
    let redis: RunningRedis;
    let server: RunningServer;
    let worker: ChildProcess;
    let tmp: Awaited<ReturnType<typeof tempDir>>;
    let workerLog = '';

    beforeAll(async () => {
      redis = await startRedis();
      tmp = await tempDir('photoreel-e2e-redis-');
      const dataDir = path.join(tmp.dir, 'data');
      server = await startServer(testConfig(dataDir, { redisUrl: redis.url, serveWorker: false }));
      worker = spawn(process.execPath, ['--import', 'tsx', 'src/start/worker-main.ts'], {
        cwd: path.resolve(import.meta.dirname, '../..'),
        env: {
          ...process.env,
          PHOTOREEL_DATA: dataDir,
          PHOTOREEL_REDIS_URL: redis.url,
          PHOTOREEL_RENDER_CONCURRENCY: '1',
          PHOTOREEL_LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      worker.stdout?.on('data', (c: Buffer) => (workerLog = (workerLog + c.toString()).slice(-4000)));
      worker.stderr?.on('data', (c: Buffer) => (workerLog = (workerLog + c.toString()).slice(-4000)));
    });
    afterAll(async () => {
      if (worker && worker.exitCode === null) {
        const exited = new Promise((r) => worker.once('exit', r));
        worker.kill('SIGTERM');
        await exited;
      }
      await server?.close();
      await redis?.stop();
      await tmp?.cleanup();
    });

    it('the worker process renders what the server queued', async () => {
      try {
        await drive(server.url, tmp.dir);
      } catch (e) {
        throw new Error(`${(e as Error).message}\nworker log:\n${workerLog}`);
      }
    });
  });
});
