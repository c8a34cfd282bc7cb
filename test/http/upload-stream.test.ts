/**
 * Over real HTTP: an upload over the limit streams in, is answered 413 / 4002 (not a dropped connection),
 * and leaves nothing on disk (bench/server.ts measures memory while 200 MB stream in).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/start/start-server.ts';
import { httpSession, httpToken, tempDir, testConfig } from '../helpers/server.ts';

function multipartStream(boundary: string, bytes: number): Readable {
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="big.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunk = Buffer.alloc(64 * 1024, 7);
  let sent = 0;
  return new Readable({
    read() {
      if (sent === 0) this.push(head);
      if (sent >= bytes) {
        this.push(tail);
        this.push(null);
        return;
      }
      const n = Math.min(chunk.length, bytes - sent);
      sent += n;
      this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
}

describe('streamed uploads over HTTP', () => {
  let server: RunningServer;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    tmp = await tempDir('photoreel-stream-');
    server = await startServer(
      testConfig(path.join(tmp.dir, 'data'), { maxUploadMb: 2, serveWorker: false }),
    );
  });
  afterAll(async () => {
    await server.close();
    await tmp.cleanup();
  });

  it('answers 4002 to a 20 MB upload against a 2 MB limit and keeps nothing', async () => {
    const { headers } = await httpToken(server.url, 'stream-1');
    const session = await httpSession(server.url, headers);
    const boundary = 'xYzBoundary42';
    const r = await fetch(`${server.url}/api/upload-video/nemo_agent/me/${session}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: Readable.toWeb(multipartStream(boundary, 20 * 1024 * 1024)) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    expect(r.status).toBe(413);
    expect(((await r.json()) as { code: number }).code).toBe(4002);
    const dir = path.join(server.service.config.dataDir, 'uploads', session);
    expect(await readdir(dir).catch(() => [])).toEqual([]);
  });
});
