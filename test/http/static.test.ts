import { mkdir, writeFile } from 'node:fs/promises';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, testApp } from '../helpers/server.ts';

describe('web page', () => {
  it('is served at / from the built folder, with safe headers', async () => {
    const web = await tempDir('photoreel-web-dist-');
    await mkdir(web.dir, { recursive: true });
    await writeFile(path.join(web.dir, 'index.html'), '<!doctype html><title>photoreel</title>');
    const t = await testApp({}, { webDir: web.dir });
    try {
      const r = await t.app.inject({ method: 'GET', url: '/' });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toMatch(/text\/html/);
      expect(r.body).toContain('photoreel');
      expect(String(r.headers['content-security-policy'])).toContain("default-src 'self'");
      const missing = await t.app.inject({ method: 'GET', url: '/nope.js' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe(404);
    } finally {
      await t.close();
      await web.cleanup();
    }
  });

  it('sends hashed assets with a year-long immutable cache, index.html with no-cache, and the precompressed file the browser accepts', async () => {
    const web = await tempDir('photoreel-web-dist-');
    const js = Buffer.from(`console.log(${JSON.stringify('photoreel '.repeat(400))});\n`);
    const html = Buffer.from(`<!doctype html><title>photoreel</title>${'<p>page</p>'.repeat(200)}`);
    await mkdir(path.join(web.dir, 'assets'), { recursive: true });
    for (const [name, data] of [
      ['index.html', html],
      ['assets/main-D2I_Hec2.js', js],
    ] as const) {
      const file = path.join(web.dir, name);
      await writeFile(file, data);
      await writeFile(`${file}.br`, brotliCompressSync(data));
      await writeFile(`${file}.gz`, gzipSync(data));
    }
    const t = await testApp({}, { webDir: web.dir });
    try {
      const get = (url: string, encoding?: string) =>
        t.app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

      const br = await get('/assets/main-D2I_Hec2.js', 'gzip, deflate, br');
      expect(br.statusCode).toBe(200);
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['content-type']).toMatch(/javascript/);
      expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
      expect(brotliDecompressSync(br.rawPayload).equals(js)).toBe(true);
      expect(br.rawPayload.length).toBeLessThan(js.length / 5);

      const gz = await get('/assets/main-D2I_Hec2.js', 'gzip');
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.rawPayload).equals(js)).toBe(true);

      const plain = await get('/assets/main-D2I_Hec2.js');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.rawPayload.equals(js)).toBe(true);

      for (const url of ['/', '/index.html']) {
        const page = await get(url, 'br');
        expect(page.statusCode, url).toBe(200);
        expect(page.headers['cache-control'], url).toBe('no-cache');
        expect(page.headers['content-type'], url).toMatch(/text\/html/);
        expect(page.headers['content-encoding'], url).toBe('br');
        expect(brotliDecompressSync(page.rawPayload).equals(html), url).toBe(true);
      }
    } finally {
      await t.close();
      await web.cleanup();
    }
  });
});
