import { mkdir, writeFile } from 'node:fs/promises';
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
});
