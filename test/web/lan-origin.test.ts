/**
 * The page opened over plain HTTP from a LAN-style host name (not localhost, so not a "potentially trustworthy"
 * origin to the browser): Chromium maps photoreel.test to 127.0.0.1 (`--host-resolver-rules`), as a phone on the
 * same Wi-Fi would reach `http://<lan-ip>:8787/`. With `upgrade-insecure-requests` in the CSP the browser would ask
 * for the script and stylesheet over https and the page would come up unstyled and dead.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servePage } from './serve-page.ts';

const CHROMIUM = '/usr/bin/chromium';
const skip = !existsSync(CHROMIUM) && !process.env.CI;
const HOST = 'photoreel.test';

describe.skipIf(skip)('the page over plain HTTP on a LAN-style origin', () => {
  let tmp: string;
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'photoreel-lan-'));
    server = await servePage(tmp);
    origin = `http://${HOST}:${new URL(server.url).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        `--host-resolver-rules=MAP ${HOST} 127.0.0.1`,
        '--disable-background-networking',
        '--disable-component-update',
      ],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('sends no upgrade-insecure-requests and no HSTS over plain HTTP', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/upgrade-insecure-requests/);
    expect(res.headers.get('strict-transport-security')).toBeNull();
    await res.body?.cancel();
  });

  it('loads its stylesheet and script and talks to the API from http://photoreel.test', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Mixed Content|Cross-Origin-Opener-Policy/i.test(m.text()))
        problems.push(m.text());
    });
    page.on('requestfailed', (r) => problems.push(`${r.url()}: ${r.failure()?.errorText ?? 'failed'}`));
    const api = page.waitForResponse((r) => r.url().startsWith(`${origin}/api/`), { timeout: 30_000 });
    const main = await page.goto(`${origin}/`);
    expect(main?.status()).toBe(200);
    await page.waitForLoadState('load');

    // The stylesheet and the script came over plain HTTP from the same origin, with 200.
    const assets = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e as PerformanceResourceTiming)
        .filter((e) => /\/assets\/.+\.(css|js)$/.test(new URL(e.name).pathname))
        .map((e) => ({ url: e.name, status: e.responseStatus })),
    );
    expect(assets.some((a) => a.url.endsWith('.css'))).toBe(true);
    expect(assets.some((a) => a.url.endsWith('.js'))).toBe(true);
    for (const a of assets) {
      expect(a.url.startsWith(`${origin}/assets/`), a.url).toBe(true);
      expect(a.status, a.url).toBe(200);
    }
    // The stylesheet applies: its rules are in the document and change what the body looks like.
    const styled = await page.evaluate(() => ({
      rules: Array.from(document.styleSheets).reduce((n, s) => n + s.cssRules.length, 0),
      margin: getComputedStyle(document.body).margin,
    }));
    expect(styled.rules).toBeGreaterThan(10);
    expect(styled.margin).not.toBe('8px');
    // The script runs: it asks the API for a token and a session over the same plain-HTTP origin.
    const first = await api;
    expect(first.status()).toBeLessThan(500);
    expect(problems).toEqual([]);

    // The real build's assets arrive compressed (brotli), with a year-long immutable cache; the page itself is
    // revalidated on every load.
    const script = assets.find((a) => a.url.endsWith('.js'))!.url;
    const js = await fetch(`${server.url}${new URL(script).pathname}`, {
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(js.headers.get('content-encoding')).toBe('br');
    expect(js.headers.get('cache-control')).toMatch(/max-age=31536000, immutable/);
    await js.arrayBuffer();
    expect(main?.headers()['cache-control']).toBe('no-cache');
    const sizes = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e as PerformanceResourceTiming)
        .filter((e) => e.name.endsWith('.js'))
        .map((e) => ({ encoded: e.encodedBodySize, decoded: e.decodedBodySize })),
    );
    // (Over plain HTTP Chromium asks for gzip, not brotli: the .gz files are what a phone on the LAN gets.)
    const big = sizes.filter((s) => s.decoded > 10_000);
    expect(big.length).toBeGreaterThan(0);
    for (const s of big) expect(s.encoded).toBeLessThan(s.decoded / 2);
    await context.close();
  }, 60_000);
});
