/**
 * The web page end to end: real Chromium (Debian's, /usr/bin/chromium) drives the built page against a
 * real server (startServer: SQLite, ffmpeg) on 127.0.0.1. Skips only when Chromium is missing and CI is
 * not set; with CI=true a missing Chromium fails.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMusic, makePhoto, makeText } from '../helpers/media.ts';
import { probe } from '../helpers/video.ts';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHOTS = path.join(ROOT, 'test-output', 'screenshots');
const haveChromium = existsSync(CHROMIUM);
const skip = !haveChromium && !process.env.CI;
if (skip)
  console.warn(
    `Skipping the web page tests: ${CHROMIUM} is missing (install chromium; with CI=true they fail).`,
  );

interface Running {
  url: string;
  close(): Promise<void>;
}

/** Deterministic noise (a PNG of it does not compress): for a file over the upload limit. */
function noise(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  let x = 0x2545f491;
  for (let i = 0; i < bytes; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

async function makeMedia(dir: string) {
  const colours = [
    { r: 220, g: 60, b: 50 },
    { r: 40, g: 160, b: 80 },
    { r: 50, g: 90, b: 210 },
  ];
  const photos: string[] = [];
  for (const [i, colour] of colours.entries()) {
    const file = path.join(dir, `photo-${i + 1}.jpg`);
    photos.push(await makePhoto(file, { width: 640, height: 480, colour, label: String(i + 1) }));
  }
  const music = await makeMusic(path.join(dir, 'tune.m4a'));
  const text = await makeText(path.join(dir, 'notes.txt'), 'These are notes, not a photo.\n'.repeat(20));
  const big = path.join(dir, 'huge.png');
  await sharp(noise(1000 * 1000 * 3), { raw: { width: 1000, height: 1000, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toFile(big);
  return { photos, music, text, big };
}

describe.skipIf(skip)('web page', () => {
  let tmp: string;
  let server: Running;
  let context: BrowserContext;
  let media: Awaited<ReturnType<typeof makeMedia>>;

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package.`);
    tmp = await mkdtemp(path.join(os.tmpdir(), 'photoreel-web-'));
    await mkdir(SHOTS, { recursive: true });
    const { build } = await import('vite');
    // Built into the temp dir (not web/dist) so a parallel run or an open server is not disturbed.
    const webDir = path.join(tmp, 'web');
    await build({
      configFile: path.join(ROOT, 'web', 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: webDir },
    });
    media = await makeMedia(tmp);
    const { startServer } = await import('../../src/service/index.ts');
    const { loadConfig } = await import('../../src/service/config.ts');
    server = await startServer(
      loadConfig({
        port: 0,
        host: '127.0.0.1',
        dataDir: path.join(tmp, 'data'),
        maxUploadMb: 1,
        logLevel: 'silent',
      }),
      { webDir },
    );
    context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
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
      ],
      viewport: { width: 1280, height: 900 },
      locale: 'en-US',
      acceptDownloads: true,
    });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  async function open(page: Page): Promise<void> {
    await page.goto(server.url);
    await page.locator('body[data-ready="true"]').waitFor({ timeout: 30_000 });
  }

  async function lastAnswer(page: Page): Promise<string> {
    const answer = page.getByTestId('answer').last();
    await answer.and(page.locator('[data-done="true"]')).waitFor({ timeout: 60_000 });
    return (await answer.textContent()) ?? '';
  }

  function itemOrder(page: Page): Promise<(string | null)[]> {
    return page.getByTestId('timeline-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-src')));
  }

  it('goes from photos and words to a downloaded MP4', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await open(page);
    await page.getByTestId('timeline-empty').waitFor();
    await page.screenshot({ path: path.join(SHOTS, '1-empty.png') });

    // Upload 3 photos and a music file through the file input: each gets its own progress row.
    await page.getByTestId('file-input').setInputFiles([...media.photos, media.music]);
    await page.locator('[data-testid="upload"].ok').nth(3).waitFor({ timeout: 60_000 });
    // The page puts the photos on the timeline as soon as they are in.
    await page.getByTestId('timeline-item').nth(2).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('timeline-item').count()).toBe(3);
    // In the order the files were chosen.
    expect(await page.locator('[data-testid="timeline-item"] .name').allTextContents()).toEqual([
      'photo-1.jpg',
      'photo-2.jpg',
      'photo-3.jpg',
    ]);

    // Words in the chat box: the answer streams in, then the timeline is redrawn from the state.
    await page
      .getByTestId('chat-input')
      .fill("make it vertical 720p with music, 1 second each and add the title 'Porto'");
    await page.getByRole('button', { name: 'Send' }).click();
    const answer = await lastAnswer(page);
    expect(answer).toMatch(/Timeline/);
    await expect
      .poll(() => page.getByTestId('canvas').textContent(), { timeout: 20_000 })
      .toContain('720×1280');
    expect(await page.getByTestId('title').textContent()).toBe('Porto');
    expect(await page.getByTestId('music').textContent()).toContain('tune');
    expect(
      await page
        .getByTestId('item-seconds')
        .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
    ).toEqual(['1', '1', '1']);
    await page.screenshot({ path: path.join(SHOTS, '2-timeline.png'), fullPage: true });

    // Export: a progress bar while it renders, then the video plays in the page with a download link.
    await page.getByRole('button', { name: 'Export video' }).click();
    await page.getByTestId('job').waitFor({ state: 'visible' });
    await page
      .locator('[data-testid="job"][data-state="rendering"], [data-testid="download"]:not(.hidden)')
      .first()
      .waitFor({ timeout: 120_000 });
    await page.screenshot({ path: path.join(SHOTS, '3-exporting.png'), fullPage: true });
    const download = page.getByTestId('download');
    await download.waitFor({ state: 'visible', timeout: 240_000 });
    expect(await page.getByTestId('job-status').textContent()).toBe('Done.');
    // The finished video plays in the page (Chromium decodes it: size known, first frame shown).
    await page.waitForFunction(
      () => (document.querySelector('video') as HTMLVideoElement).readyState >= 2,
      undefined,
      {
        timeout: 30_000,
      },
    );
    expect(
      await page.evaluate(() => {
        const v = document.querySelector('video') as HTMLVideoElement;
        return [v.videoWidth, v.videoHeight];
      }),
    ).toEqual([720, 1280]);
    await page.screenshot({ path: path.join(SHOTS, '4-done.png'), fullPage: true });

    // The link downloads without the token; ffprobe checks what a viewer would notice.
    const url = (await download.getAttribute('href')) as string;
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const file = path.join(tmp, 'out.mp4');
    await writeFile(file, Buffer.from(await res.arrayBuffer()));
    const info = await probe(file);
    expect(info.format).toContain('mp4');
    expect({ w: info.video?.width, h: info.video?.height }).toEqual({ w: 720, h: 1280 });
    expect(info.duration).toBeGreaterThan(2.7);
    expect(info.duration).toBeLessThan(3.4);
    expect(info.audio).toBeDefined();

    // The quick preview: the same draft on a ~360p canvas, played in the same place.
    await page.getByRole('button', { name: 'Preview (low resolution)' }).click();
    await page
      .locator('[data-testid="player"][data-kind="preview"]:not(.hidden)')
      .waitFor({ timeout: 120_000 });
    const previewUrl = (await page.getByTestId('download').getAttribute('href')) as string;
    expect(previewUrl).not.toBe(url);
    const previewFile = path.join(tmp, 'preview.mp4');
    await writeFile(previewFile, Buffer.from(await (await fetch(previewUrl)).arrayBuffer()));
    const preview = await probe(previewFile);
    expect({ w: preview.video?.width, h: preview.video?.height }).toEqual({ w: 360, h: 640 });
    expect(Math.abs(preview.duration - info.duration)).toBeLessThan(0.3);
  }, 360_000);

  it('reorders with the keyboard buttons and by dragging, edits seconds, and Undo puts it back', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await open(page);
    const before = await itemOrder(page);
    expect(before).toHaveLength(3);
    // Editing an item's seconds sends words through the same edits; Undo takes them back.
    const canvas = () => page.getByTestId('canvas').textContent();
    await page.getByRole('spinbutton', { name: 'Seconds for item 1' }).fill('2');
    await page.getByRole('spinbutton', { name: 'Seconds for item 1' }).press('Tab');
    await expect.poll(canvas, { timeout: 30_000 }).toMatch(/, 4 s$/);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(canvas, { timeout: 30_000 }).toMatch(/, 3 s$/);

    await page.getByRole('button', { name: 'Move item 3 earlier' }).click();
    await expect.poll(() => itemOrder(page), { timeout: 30_000 }).toEqual([before[0], before[2], before[1]]);
    // Focus follows the moved item, so pressing Enter again keeps moving it.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Move item 2 earlier',
    );
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => itemOrder(page), { timeout: 30_000 }).toEqual(before);

    // Dragging the first item onto the last puts it last.
    await page.getByTestId('timeline-item').first().dragTo(page.getByTestId('timeline-item').last());
    await expect.poll(() => itemOrder(page), { timeout: 30_000 }).toEqual([before[1], before[2], before[0]]);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => itemOrder(page), { timeout: 30_000 }).toEqual(before);
  }, 120_000);

  it('says plainly why a file was refused', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await open(page);
    await page.getByTestId('file-input').setInputFiles([media.text]);
    const refusedType = page.getByTestId('refused').last();
    await refusedType.waitFor({ timeout: 30_000 });
    expect(await refusedType.textContent()).toBe(
      'notes.txt was not added: this kind of file is not supported. Use a photo, clip or music file.',
    );
    await page.getByTestId('file-input').setInputFiles([media.big]);
    await page.getByTestId('refused').nth(1).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('refused').nth(1).textContent()).toBe(
      'huge.png was not added: it is too large. Compress or trim it and try again.',
    );
    await page.screenshot({ path: path.join(SHOTS, '5-refused.png'), fullPage: true });
  }, 120_000);

  it('gets a new token on 1001 and a new session on 1002 by itself', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await open(page);
    const session = await page.evaluate(() => localStorage.getItem('photoreel.session'));
    // A token the server does not know: the page asks for a new one and keeps its session.
    await page.evaluate(() => localStorage.setItem('photoreel.token', 'not-a-real-token'));
    await open(page);
    expect(await page.getByTestId('timeline-item').count()).toBe(3);
    // In the order the files were chosen.
    expect(await page.locator('[data-testid="timeline-item"] .name').allTextContents()).toEqual([
      'photo-1.jpg',
      'photo-2.jpg',
      'photo-3.jpg',
    ]);
    expect(await page.evaluate(() => localStorage.getItem('photoreel.token'))).not.toBe('not-a-real-token');
    expect(await page.evaluate(() => localStorage.getItem('photoreel.session'))).toBe(session);
    // A session that is gone: the page starts a new, empty one.
    await page.evaluate(() => localStorage.setItem('photoreel.session', 'no-such-session'));
    await open(page);
    await page.getByTestId('timeline-empty').waitFor();
    const fresh = await page.evaluate(() => localStorage.getItem('photoreel.session'));
    expect(fresh).not.toBe('no-such-session');
    expect(fresh).not.toBe(session);
    expect(await page.getByTestId('notice').textContent()).toBe('');
    // Back to the project with the photos for the tests that follow.
    await page.evaluate((sid) => localStorage.setItem('photoreel.session', sid as string), session);
  }, 60_000);

  it('fits a phone screen without sideways scrolling, and speaks Chinese', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await open(page);
    await page.getByTestId('timeline-item').first().waitFor();
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await page.screenshot({ path: path.join(SHOTS, '6-phone.png'), fullPage: true });

    await page.getByRole('button', { name: 'Switch the interface to Chinese' }).click();
    expect(await page.locator('#timeline-h').textContent()).toBe('时间线');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    // Chinese words in the chat: the answer comes back in Chinese and the title changes.
    await page.getByTestId('chat-input').fill('把标题改成“里斯本”');
    await page.getByRole('button', { name: '发送' }).click();
    expect(await lastAnswer(page)).toMatch(/标题/);
    await expect.poll(() => page.getByTestId('title').textContent(), { timeout: 20_000 }).toBe('里斯本');
    await page.screenshot({ path: path.join(SHOTS, '7-phone-zh.png'), fullPage: true });
    // Back to English for whoever uses this profile next.
    await page.getByRole('button', { name: '将界面切换为英文' }).click();
    await page.close();
  }, 60_000);

  it('adds a photo uploaded later to the end of the timeline, keeping the edits', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await open(page);
    const before = await itemOrder(page);
    expect(before).toHaveLength(3);
    const seconds = () =>
      page.getByTestId('item-seconds').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(await seconds()).toEqual(['1', '1', '1']);
    const extra = path.join(tmp, 'photo-4.jpg');
    await makePhoto(extra, { width: 640, height: 480, colour: { r: 240, g: 200, b: 40 } });
    const uploaded = await page.locator('[data-testid="upload"].ok').count();
    await page.getByTestId('file-input').setInputFiles([extra]);
    await page.locator('[data-testid="upload"].ok').nth(uploaded).waitFor({ timeout: 60_000 });
    // The timeline is not rebuilt by the upload: the button appends the new photo.
    const add = page.getByRole('button', { name: 'Add the new photos to the timeline' });
    await add.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await itemOrder(page)).toEqual(before);
    await add.click();
    expect(await lastAnswer(page)).toMatch(/Added 1 photo/);
    await expect.poll(() => page.getByTestId('timeline-item').count(), { timeout: 30_000 }).toBe(4);
    expect((await itemOrder(page)).slice(0, 3)).toEqual(before);
    expect(await page.locator('[data-testid="timeline-item"] .name').last().textContent()).toBe(
      'photo-4.jpg',
    );
    expect(await seconds()).toEqual(['1', '1', '1', '1']);
    expect(await page.getByTestId('title').textContent()).toBe('里斯本');
    await add.waitFor({ state: 'hidden', timeout: 30_000 });
  }, 120_000);
});
