/**
 * Slow bodies: a client sending an upload a byte at a time, one that stalls, and a URL import from a server that
 * trickles, each answered 408 (REQUEST_TIMEOUT) within the configured deadlines, with no temp file left behind.
 */
import http from 'node:http';
import net from 'node:net';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpSession, httpToken } from '../helpers/server.ts';
import { attackServer, type AttackServer } from './raw-http.ts';

/** Every file under `dir`, recursively (none when it does not exist). */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/**
 * Sends an upload's head and first part header, then `trickle` bytes one every `everyMs` (0: none), and resolves
 * with the status line of the answer (or 'closed' when the server closed without one).
 */
function slowUpload(
  port: number,
  url: string,
  auth: string,
  trickle: number,
  everyMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    let timer: NodeJS.Timeout | undefined;
    const give = setTimeout(() => {
      socket.destroy();
      reject(new Error('no answer in 10 s'));
    }, 10_000);
    const finish = (v: string) => {
      clearTimeout(give);
      clearInterval(timer);
      socket.destroy();
      resolve(v);
    };
    socket.on('data', (c: Buffer) => {
      data += c.toString('utf8');
      const line = /^HTTP\/1\.1 (\d{3})/.exec(data);
      if (line?.[1]) finish(line[1]);
    });
    socket.on('close', () => finish('closed'));
    socket.on('error', () => finish('closed'));
    socket.write(
      `POST ${url} HTTP/1.1\r\nhost: x\r\nauthorization: ${auth}\r\n` +
        'content-type: multipart/form-data; boundary=XYZ\r\ncontent-length: 10000000\r\n\r\n' +
        '--XYZ\r\ncontent-disposition: form-data; name="files"; filename="slow.jpg"\r\ncontent-type: image/jpeg\r\n\r\n',
    );
    let sent = 0;
    if (trickle > 0) {
      timer = setInterval(() => {
        if (sent++ < trickle && !socket.destroyed) socket.write('x');
      }, everyMs);
    }
  });
}

describe('upload and URL import deadlines', () => {
  let s: AttackServer;
  let auth: string;
  let session: string;
  let trickler: http.Server;
  let tricklePort = 0;

  beforeAll(async () => {
    trickler = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': '100000' });
      const t = setInterval(() => res.write('x'), 200);
      res.on('close', () => clearInterval(t));
    });
    await new Promise<void>((r) => trickler.listen(0, '127.0.0.1', r));
    tricklePort = (trickler.address() as net.AddressInfo).port;
    s = await attackServer({
      uploadIdleMs: 1000,
      uploadTotalMs: 2500,
      allowPrivateUrls: [`127.0.0.1:${tricklePort}`],
    });
    const t = await httpToken(s.url, 'c0ffee00-0000-4000-8000-000000005105');
    auth = t.headers.Authorization;
    session = await httpSession(s.url, t.headers);
  });
  afterAll(async () => {
    await s?.close();
    trickler?.closeAllConnections();
    await new Promise((r) => trickler?.close(r));
  });

  const uploadUrl = () => `/api/upload-video/nemo_agent/me/${session}`;

  it('a client that trickles bytes under the idle limit is cut at the total deadline with 408', async () => {
    expect(await slowUpload(s.port, uploadUrl(), auth, 1000, 200)).toBe('408');
    expect(await filesUnder(path.join(s.dataDir, 'uploads'))).toEqual([]);
  });

  it('a client that stalls is cut at the idle deadline with 408', async () => {
    expect(await slowUpload(s.port, uploadUrl(), auth, 0, 0)).toBe('408');
    expect(await filesUnder(path.join(s.dataDir, 'uploads'))).toEqual([]);
  });

  it('a URL import from a server that trickles is cut at the total deadline with 408', async () => {
    const r = await fetch(`${s.url}${uploadUrl()}`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify({ urls: [`http://127.0.0.1:${tricklePort}/slow.jpg`], source_type: 'url' }),
      signal: AbortSignal.timeout(10_000),
    });
    expect(r.status).toBe(408);
    expect(((await r.json()) as { code: number }).code).toBe(408);
    expect(await filesUnder(path.join(s.dataDir, 'uploads'))).toEqual([]);
  });
});
