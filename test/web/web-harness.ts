/**
 * What the web page tests share: the page built into a temp folder, a real server (startServer: SQLite,
 * ffmpeg) on 127.0.0.1, Debian's Chromium opening it under a LAN-style host name (photoreel.test, mapped to
 * 127.0.0.1 by the browser, so the origin is plain http and not loopback), screenshots per run, and the
 * page's own token for checking what the server holds.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { servePage } from './serve-page.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const LAN_HOST = 'photoreel.test';
export const haveChromium = existsSync(CHROMIUM);
/** Without Chromium the tests skip, except under CI (CI=true), where they fail. */
export const skipWeb = !haveChromium && !process.env.CI;
if (skipWeb)
  console.warn(
    `Skipping the web page tests: ${CHROMIUM} is missing (install chromium; with CI=true they fail).`,
  );

export interface WebRig {
  tmp: string;
  /** http://photoreel.test:<port>/ */
  url: string;
  browser: Browser;
  shots: string;
  context(options?: BrowserContextOptions): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function startRig(config: { maxUploadMb?: number } = {}): Promise<WebRig> {
  if (!haveChromium) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package.`);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'photoreel-web-'));
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const shots = path.join(ROOT, 'test-output', 'web', stamp);
  await mkdir(shots, { recursive: true });
  const server = await servePage(tmp, { maxUploadMb: config.maxUploadMb ?? 1, renderConcurrency: 1 });
  const port = new URL(server.url).port;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--host-resolver-rules=MAP ${LAN_HOST} 127.0.0.1`,
    ],
  });
  return {
    tmp,
    url: `http://${LAN_HOST}:${port}/`,
    browser,
    shots,
    context: (options = {}) =>
      browser.newContext({
        viewport: { width: 1366, height: 768 },
        locale: 'en-US',
        acceptDownloads: true,
        ...options,
      }),
    async close() {
      await browser.close();
      await server.close();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}

export async function openPage(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
}

let shotNo = 0;
/** A screenshot of this step, numbered in run order. */
export async function shot(page: Page, rig: WebRig, name: string, fullPage = false): Promise<string> {
  const file = path.join(rig.shots, `${String(++shotNo).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** A call to the server with the page's own token (what the page's session holds, its credits). */
export async function pageApi<T>(page: Page, rig: WebRig, url: string, init: RequestInit = {}): Promise<T> {
  const token = await page.evaluate(() => localStorage.getItem('photoreel.token'));
  const res = await fetch(new URL(url, rig.url.replace(LAN_HOST, '127.0.0.1')), {
    ...init,
    headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
  });
  const body = (await res.json()) as { code: number; data: T };
  if (body.code !== 0) throw new Error(`${url}: ${JSON.stringify(body)}`);
  return body.data;
}

export async function credits(page: Page, rig: WebRig): Promise<number> {
  return (await pageApi<{ available: number }>(page, rig, '/api/credits/balance/simple')).available;
}

export interface PageState {
  draft: {
    w: number;
    h: number;
    m: { name?: string };
    t: { tt: number; sg: { src?: string; d: number; text?: string }[] }[];
  } | null;
  generated_media: { id: string; status: string }[];
  video_infos: { id: string; name: string; kind: string }[];
}

export async function sessionState(page: Page, rig: WebRig): Promise<PageState> {
  const sid = await page.evaluate(() => localStorage.getItem('photoreel.session'));
  return (await pageApi<{ state: PageState }>(page, rig, `/api/state/nemo_agent/me/${sid}/latest`)).state;
}

/** How many edit requests the page has sent (its edit queue counts them). */
export function editRequests(page: Page): Promise<number> {
  return page.evaluate(
    () => (window as unknown as { photoreel: { edits: { sent: number } } }).photoreel.edits.sent,
  );
}

/** The page's timeline order (asset ids). */
export function itemOrder(page: Page): Promise<(string | null)[]> {
  return page.getByTestId('timeline-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-src')));
}

/** axe-core run in the page: the serious and critical violations, as "rule: target" lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  const source = await readFile(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await page.evaluate(source);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: unknown,
            opts: unknown,
          ): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}
