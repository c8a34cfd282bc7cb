/**
 * Small holes, each through a real server on 127.0.0.1: deeply nested JSON, an over-long multipart boundary,
 * an unsatisfiable Range, a corrupt database behind /healthz, and client disconnects in the log.
 */
import { mkdir, open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobIdOf, signedDownloadUrl } from '../../src/service/exports.ts';
import { sha256Hex } from '../../src/service/ids.ts';
import { httpSession, httpToken, tempDir, waitFor } from '../helpers/server.ts';
import { attackServer, codeOf, rawRequest, type AttackServer } from './raw-http.ts';

const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('small holes', () => {
  let s: AttackServer;
  let token: string;
  let session: string;
  let auth: string;
  const logs: string[] = [];

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (c: Buffer) => logs.push(...c.toString('utf8').split('\n').filter(Boolean)));
    s = await attackServer({ logLevel: 'info' }, { logStream: stream });
    const t = await httpToken(s.url, 'c0ffee00-0000-4000-8000-00000000c0c0');
    token = t.token;
    auth = t.headers.Authorization;
    session = await httpSession(s.url, t.headers);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('deeply nested JSON answers 400 on every JSON route, never 5xx', async () => {
    const deep = nested(100_000);
    const bodies: [string, string, string][] = [
      [
        'PUT',
        `/api/state/nemo_agent/me/${session}/draft`,
        `{"draft":{"v":1,"w":640,"h":360,"fps":30,"t":[],"m":{"x":${deep}}}}`,
      ],
      ['POST', '/api/render/proxy/lambda', `{"id":"r-deep","sessionId":"${session}","draft":${deep}}`],
      ['POST', '/api/tasks/me/with-session/nemo_agent', `{"task_name":${deep}}`],
      ['POST', '/run_sse', `{"session_id":"${session}","new_message":{"parts":[{"text":${deep}}]}}`],
    ];
    for (const [method, url, body] of bodies) {
      const r = await rawRequest(
        s.port,
        `${method} ${url} HTTP/1.1\r\ncontent-type: application/json\r\nauthorization: ${auth}`,
        body,
      );
      expect(r.status, `${method} ${url}: ${r.body.slice(0, 200)}`).toBe(400);
      expect(codeOf(r)).toBe(400);
    }
    // An ordinary draft still nests well within the limit.
    const fine = await rawRequest(
      s.port,
      `PUT /api/state/nemo_agent/me/${session}/draft HTTP/1.1\r\ncontent-type: application/json\r\nauthorization: ${auth}`,
      `{"draft":{"v":1,"w":640,"h":360,"fps":30,"t":[],"m":{"x":${nested(20)}}}}`,
    );
    expect(fine.status).toBe(200);
  });

  it('a multipart boundary over 256 characters answers 400, not 500', async () => {
    const boundary = 'b'.repeat(300);
    const body = `--${boundary}\r\ncontent-disposition: form-data; name="files"; filename="a.jpg"\r\ncontent-type: image/jpeg\r\n\r\nxxxx\r\n--${boundary}--\r\n`;
    const r = await rawRequest(
      s.port,
      `POST /api/upload-video/nemo_agent/me/${session} HTTP/1.1\r\ncontent-type: multipart/form-data; boundary=${boundary}\r\nauthorization: ${auth}`,
      body,
    );
    expect(r.status).toBe(400);
    expect(codeOf(r)).toBe(400);
  });

  it('an unsatisfiable Range answers 416 with the size', async () => {
    const jobId = jobIdOf(sha256Hex(token), 'r-range');
    await mkdir(path.join(s.dataDir, 'renders'), { recursive: true });
    await writeFile(path.join(s.dataDir, 'renders', `${jobId}.mp4`), Buffer.alloc(1000, 1));
    const url = signedDownloadUrl(s.server.service, jobId, s.url);
    const whole = await fetch(url, { headers: { range: 'bytes=0-9' } });
    expect(whole.status).toBe(206);
    const r = await fetch(url, { headers: { range: 'bytes=5000-6000' } });
    expect(r.status).toBe(416);
    expect(r.headers.get('content-range')).toBe('bytes */1000');
  });

  it('client disconnects in the middle of an upload are logged as info, not as errors', async () => {
    const before = logs.length;
    await new Promise<void>((resolve) => {
      const socket = net.connect(s.port, '127.0.0.1', () => {
        socket.write(
          `POST /api/upload-video/nemo_agent/me/${session} HTTP/1.1\r\nhost: x\r\nauthorization: ${auth}\r\n` +
            'content-type: multipart/form-data; boundary=XYZ\r\ncontent-length: 100000\r\n\r\n' +
            '--XYZ\r\ncontent-disposition: form-data; name="files"; filename="a.jpg"\r\ncontent-type: image/jpeg\r\n\r\n' +
            'x'.repeat(1000),
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 200);
      });
    });
    const line = await waitFor(
      async () =>
        logs.slice(before).find((l) => /client went away|unexpected error|request completed/.test(l)),
      10_000,
    );
    expect(line).toBeTruthy();
    const levels = logs.slice(before).map((l) => (JSON.parse(l) as { level: number }).level);
    expect(Math.max(...levels)).toBeLessThan(50);
  });
});

describe('/healthz', () => {
  it('answers 503 naming the database when the database file is corrupt', async () => {
    const tmp = await tempDir();
    const dataDir = path.join(tmp.dir, 'data');
    try {
      let s = await attackServer({}, { dataDir });
      const t = await httpToken(s.url, 'c0ffee00-0000-4000-8000-00000000dead');
      for (let i = 0; i < 20; i++) await httpSession(s.url, t.headers, { task_name: `p${i}`.repeat(50) });
      const fine = await fetch(`${s.url}/healthz`);
      expect(fine.status).toBe(200);
      s.server.service.store.db.pragma('wal_checkpoint(TRUNCATE)');
      await s.server.close();
      // Garbage over the last pages, where the newest rows are (the schema at the start survives).
      const f = await open(path.join(dataDir, 'photoreel.db'), 'r+');
      const pages = (await f.stat()).size / 4096;
      const from = Math.floor(pages * 0.6) * 4096;
      await f.write(Buffer.alloc(pages * 4096 - from, 0xa5), 0, pages * 4096 - from, from);
      await f.close();
      s = await attackServer({}, { dataDir }).catch((e: unknown) => {
        throw new Error(`the server did not start on the corrupt database: ${String(e)}`);
      });
      try {
        const r = await fetch(`${s.url}/healthz`);
        expect(r.status).toBe(503);
        const body = (await r.json()) as { code: number; data: { checks: { database: string } } };
        expect(body.code).toBe(5006);
        expect(body.data.checks.database).not.toBe('ok');
      } finally {
        await s.close();
      }
    } finally {
      await tmp.cleanup();
    }
  });
});
