/**
 * URL imports refuse private, loopback and link-local addresses: given as literals, behind a host name,
 * or on a redirect hop from an allowed server. The allowed server runs on 127.0.0.1, allowed by address and port
 * in the test config (PHOTOREEL_ALLOW_PRIVATE_URLS=127.0.0.1:<port>), so only that first hop may pass.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePhoto, makeText } from '../helpers/media.ts';
import { testApp, tokenAndSession, type TestApp } from '../helpers/server.ts';

function serve(
  handler: http.RequestListener,
): Promise<{ server: http.Server; port: number; hits: string[] }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    handler(req, res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as AddressInfo).port, hits }),
    ),
  );
}

describe('URL imports', () => {
  let t: TestApp;
  let allowed: Awaited<ReturnType<typeof serve>>;
  let forbidden: Awaited<ReturnType<typeof serve>>;
  let photo: Buffer;
  let session: string;
  let auth: { authorization: string };
  let redirectTo = '';

  beforeAll(async () => {
    forbidden = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      res.end(photo);
    });
    allowed = await serve((req, res) => {
      if (req.url === '/photo.jpg' || req.url === '/final/beach%20day.jpg') {
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': photo.length });
        res.end(photo);
      } else if (req.url === '/redirect-out') {
        res.writeHead(302, { location: redirectTo });
        res.end();
      } else if (req.url === '/redirect-in') {
        res.writeHead(301, { location: '/final/beach%20day.jpg' });
        res.end();
      } else if (req.url === '/loop') {
        res.writeHead(302, { location: '/loop' });
        res.end();
      } else if (req.url === '/text.jpg') {
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        res.end('just words, not an image');
      } else if (req.url === '/huge.jpg') {
        res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': 50 * 1024 * 1024 });
        res.end();
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    t = await testApp({ allowPrivateUrls: [`127.0.0.1:${allowed.port}`], maxUploadMb: 1 });
    photo = await readFile(await makePhoto(path.join(t.dir, 'p.jpg')));
    await makeText(path.join(t.dir, 'unused.txt'));
    ({ session, auth } = await tokenAndSession(t.app));
  });
  afterAll(async () => {
    allowed.server.close();
    forbidden.server.close();
    await t.close();
  });

  const importUrl = (url: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/upload-video/nemo_agent/me/${session}`,
      headers: auth,
      payload: { urls: [url], source_type: 'url' },
    });

  it('imports from an allowed server, and follows a redirect that stays allowed', async () => {
    const a = await importUrl(`http://127.0.0.1:${allowed.port}/photo.jpg`);
    expect(a.json()).toMatchObject({
      code: 0,
      data: { files: [{ kind: 'image', mime: 'image/jpeg', name: 'photo.jpg', width: 320, height: 240 }] },
    });
    const b = await importUrl(`http://127.0.0.1:${allowed.port}/redirect-in`);
    expect(b.json().data.files[0].name).toBe('beach day.jpg');
    expect(b.json().data.files[0].id).toMatch(/^a_[0-9a-f]+$/);
  });

  it.each([
    ['loopback', () => `http://127.0.0.1:${forbidden.port}/p.jpg`],
    ['private 10.x', () => 'http://10.0.0.1/p.jpg'],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
    ['IPv6 loopback', () => `http://[::1]:${forbidden.port}/p.jpg`],
    ['IPv4-mapped IPv6', () => `http://[::ffff:127.0.0.1]:${forbidden.port}/p.jpg`],
    ['unspecified', () => `http://0.0.0.0:${forbidden.port}/p.jpg`],
    ['a host name that resolves to loopback', () => `http://localhost:${forbidden.port}/p.jpg`],
    ['the allowed address on another port', () => `http://127.0.0.1:${forbidden.port}/photo.jpg`],
  ])('refuses %s', async (_what, url) => {
    const before = forbidden.hits.length;
    const r = await importUrl(url());
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe(400);
    expect(forbidden.hits.length).toBe(before); // never connected
  });

  it.each([
    ['loopback on another port', () => `http://127.0.0.1:${forbidden.port}/p.jpg`],
    ['a host name that resolves to loopback', () => `http://localhost:${forbidden.port}/p.jpg`],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
    ['a non-http scheme', () => 'file:///etc/passwd'],
  ])('refuses a redirect from the allowed server to %s', async (_what, target) => {
    redirectTo = target();
    const before = forbidden.hits.length;
    const r = await importUrl(`http://127.0.0.1:${allowed.port}/redirect-out`);
    expect(r.statusCode).toBe(400);
    expect(r.json().code).toBe(400);
    expect(forbidden.hits.length).toBe(before);
  });

  it('stops after 5 redirects', async () => {
    const r = await importUrl(`http://127.0.0.1:${allowed.port}/loop`);
    expect(r.json().code).toBe(400);
    expect(r.json().message).toMatch(/redirect/);
  });

  it('applies the type and size rules, keeping nothing of a refused file', async () => {
    const text = await importUrl(`http://127.0.0.1:${allowed.port}/text.jpg`);
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe(4001);
    const huge = await importUrl(`http://127.0.0.1:${allowed.port}/huge.jpg`);
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe(4002);
    const files = await readdir(path.join(t.service.config.dataDir, 'uploads', session));
    expect(files.every((f) => /^a_[0-9a-f]+\.jpg$/.test(f))).toBe(true);
  });
});
