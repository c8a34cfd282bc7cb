/**
 * The web page end to end, as people use it: real Chromium (Debian's /usr/bin/chromium) drives the built page
 * against a real server on 127.0.0.1, opened at a LAN-style origin (http://photoreel.test:<port>/). A desktop in
 * English and a touch phone (390x844) in Chinese go from photos to a downloaded video with the buttons and fields
 * only; the controls cost no credits and make one undo step each; keyboard only; axe-core; offline and
 * server-down; a new project that can be taken back. Screenshots of each step go to test-output/web/<run>/.
 */
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffmpeg, makeMusic, makePhoto, makeText } from '../helpers/media.ts';
import {
  axeViolations,
  credits,
  editRequests,
  itemOrder,
  openPage,
  sessionState,
  shot,
  skipWeb,
  startRig,
  type WebRig,
} from './web-harness.ts';

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
    { r: 240, g: 200, b: 40 },
  ];
  const photos: string[] = [];
  for (const [i, colour] of colours.entries()) {
    const file = path.join(dir, `photo-${i + 1}.jpg`);
    photos.push(await makePhoto(file, { width: 640, height: 480, colour, label: String(i + 1) }));
  }
  const music = await makeMusic(path.join(dir, 'tune.m4a'), 3);
  const text = await makeText(path.join(dir, 'notes.txt'), 'These are notes, not a photo.\n'.repeat(20));
  const big = path.join(dir, 'huge.png');
  await sharp(noise(1000 * 1000 * 3), { raw: { width: 1000, height: 1000, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toFile(big);
  return { photos, music, text, big };
}

const secondsValues = (page: Page) =>
  page.getByTestId('item-seconds').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));

/** The visible answer of the last instruction, once it is complete. */
async function lastAnswer(page: Page): Promise<string> {
  const answer = page.getByTestId('answer').last();
  await answer.and(page.locator('[data-done="true"]')).waitFor({ timeout: 60_000 });
  return (await answer.textContent()) ?? '';
}

/** Waits until the page has no edit waiting or in flight and the server holds what it shows. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const q = (
        window as unknown as { photoreel: { edits: { pending: boolean; flush(): Promise<unknown> } } }
      ).photoreel.edits;
      return !q.pending;
    },
    undefined,
    { timeout: 10_000 },
  );
  await page.evaluate(() =>
    (window as unknown as { photoreel: { edits: { flush(): Promise<unknown> } } }).photoreel.edits.flush(),
  );
}

/** Exports and waits for the finished video; double-clicks Export to prove one render starts. */
async function exportVideo(page: Page, rig: WebRig, doneText: RegExp, name: string): Promise<string> {
  const before = (await sessionState(page, rig)).generated_media.length;
  await page.getByTestId('export').dblclick();
  await page.getByTestId('job').waitFor({ state: 'visible' });
  await page
    .locator('[data-testid="job"][data-state="rendering"], [data-testid="result"]:not(.hidden)')
    .first()
    .waitFor({ timeout: 60_000 });
  await shot(page, rig, `${name}-exporting`);
  // Until it is done or failed (a failure shows its message at once, not after a timeout).
  await page
    .locator('[data-testid="job"][data-state="completed"], [data-testid="job"][data-state="failed"]')
    .waitFor({ timeout: 120_000 });
  expect(await page.getByTestId('job-status').textContent()).toMatch(doneText);
  // One render for two clicks, and the second click did nothing else (no Cancel under the pointer).
  expect((await sessionState(page, rig)).generated_media.length).toBe(before + 1);
  expect(await page.getByTestId('notice').textContent()).toBe('');
  // The finished video is scrolled into view and plays in the page.
  await page.waitForFunction(
    () => (document.querySelector('#result-video') as HTMLVideoElement).readyState >= 2,
    undefined,
    {
      timeout: 30_000,
    },
  );
  await page.waitForTimeout(600); // the smooth scroll
  const box = await page.getByTestId('result-video').boundingBox();
  const viewport = page.viewportSize()!;
  expect(box).not.toBeNull();
  expect(box!.y).toBeLessThan(viewport.height);
  expect(box!.y + box!.height).toBeGreaterThan(0);
  await shot(page, rig, `${name}-exported`);
  return (await page.getByTestId('download').getAttribute('href')) as string;
}

describe.skipIf(skipWeb)('web page', () => {
  let rig: WebRig;
  let media: Awaited<ReturnType<typeof makeMedia>>;
  let desktop: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    rig = await startRig();
    media = await makeMedia(rig.tmp);
    desktop = await rig.context();
    page = await desktop.newPage();
  }, 120_000);

  afterAll(async () => {
    await rig?.close();
  });

  it('desktop, English, LAN origin: photos to a named download with the controls only, no credits', async () => {
    await openPage(page, rig.url);
    expect(new URL(page.url()).hostname).toBe('photoreel.test');
    await page.getByTestId('timeline-empty').waitFor();
    await shot(page, rig, 'desktop-empty');
    const start = await credits(page, rig);

    // Three photos: the page puts them on the timeline at once, for free.
    await page.getByTestId('file-input').setInputFiles(media.photos.slice(0, 3));
    await page.locator('[data-testid="upload"].ok').nth(2).waitFor({ timeout: 60_000 });
    await page.getByTestId('timeline-item').nth(2).waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="timeline-item"] .name').allTextContents()).toEqual([
      'photo-1.jpg',
      'photo-2.jpg',
      'photo-3.jpg',
    ]);
    // The live player is in the page.
    await page.locator('#player[data-ready="true"] canvas').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('music').textContent()).toBe('No music');

    // Music uploaded after the slideshow exists is used, and listed in the library.
    await page.getByTestId('file-input').setInputFiles([media.music]);
    await expect
      .poll(() => page.getByTestId('music').textContent(), { timeout: 30_000 })
      .toContain('tune.m4a');
    expect(await page.getByTestId('library-item').count()).toBe(4);

    // The current format is highlighted; 9:16 switches to vertical.
    expect(await page.locator('button[data-preset="youtube"]').getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Vertical 9:16 (TikTok, Reels, Shorts)' }).click();
    await expect
      .poll(() => page.locator('button[data-preset="vertical"]').getAttribute('aria-pressed'))
      .toBe('true');
    expect(await page.getByTestId('canvas').textContent()).toMatch(/^1080×1920/);

    // Photo 1 in the inspector: ↑ three times on its seconds is one request, one undo step.
    await page.getByRole('button', { name: 'Item 1: photo-1.jpg' }).click();
    const seconds = page.locator('#insp-seconds');
    await seconds.fill('1');
    await settled(page);
    const sent = await editRequests(page);
    await seconds.press('ArrowUp');
    await seconds.press('ArrowUp');
    await seconds.press('ArrowUp');
    await settled(page);
    expect(await editRequests(page)).toBe(sent + 1);
    await expect.poll(() => secondsValues(page)).toEqual(['1.3', '3', '3']);
    await page.getByRole('button', { name: 'Whole photo' }).click();
    await page.locator('#insp-motion').selectOption('zoom-out');
    await settled(page);
    await shot(page, rig, 'desktop-inspector');

    // The transition after photo 1: a wipe, applied to all.
    await page.getByTestId('transition').first().click();
    await page.locator('#insp-tr-type').selectOption('wipeleft');
    await settled(page);
    await page.getByTestId('apply-all').click();
    await settled(page);
    const draft = (await sessionState(page, rig)).draft!;
    const items = draft.t.find((t) => t.tt === 0)!.sg as unknown as {
      m: { tr?: { type: string }; fit?: string };
    }[];
    expect(items.slice(0, -1).map((s) => s.m.tr?.type)).toEqual(['wipeleft', 'wipeleft']);
    expect(items[0]!.m.fit).toBe('contain');

    // A text, edited in the inspector.
    await page.getByTestId('add-text').click();
    const words = page.locator('#insp-text');
    await words.waitFor();
    await words.fill('Porto');
    await words.press('Enter');
    await expect.poll(() => page.getByTestId('title').textContent()).toBe('Porto');
    await page.locator('#insp-pos').selectOption('top');
    await page.locator('#insp-color').evaluate((el: HTMLInputElement) => {
      el.value = '#ffcc00';
      el.dispatchEvent(new Event('change', { bubbles: true }));
    });
    // The music: volume.
    await page.getByTestId('music').click();
    await page.locator('#insp-volume').fill('0.5');
    await settled(page);
    await expect.poll(() => page.getByTestId('music').textContent()).toContain('50%');

    // Rename: the download is named after the project.
    await page.getByTestId('project-name').fill('Summer');
    await page.getByTestId('project-name').press('Enter');
    await expect.poll(() => page.getByTestId('download').getAttribute('download')).toBe('Summer.mp4');
    await settled(page);
    const after = (await sessionState(page, rig)).draft!;
    const text = after.t.find((t) => t.tt === 7)!.sg[0] as unknown as {
      text: string;
      m: { pos: string; color: string };
    };
    expect(text).toMatchObject({ text: 'Porto', m: { pos: 'top', color: '#ffcc00' } });
    expect(after.m.name).toBe('Summer');
    // Every one of those changes was free.
    expect(await credits(page, rig)).toBe(start);
    await shot(page, rig, 'desktop-edited');

    // Words still work (1 credit), and the reply ends with the summary.
    await page.getByTestId('chat-input').fill('720p, 1 second each');
    await page.getByRole('button', { name: 'Send' }).click();
    expect(await lastAnswer(page)).toMatch(/Timeline \(3 tracks\)/);
    await expect.poll(() => secondsValues(page)).toEqual(['1', '1', '1']);
    expect(await credits(page, rig)).toBe(start - 1);

    const url = await exportVideo(page, rig, /^Done/, 'desktop');
    expect(await page.getByTestId('download').getAttribute('download')).toBe('Summer.mp4');
    const res = await fetch(url.replace('photoreel.test', '127.0.0.1'));
    expect(res.status).toBe(200);
    expect(await page.getByTestId('stale').isVisible()).toBe(false);
    // Changing the timeline marks the export as out of date.
    await page.getByRole('button', { name: 'Move item 2 earlier' }).click();
    await page.getByTestId('stale').waitFor({ state: 'visible', timeout: 10_000 });
    await shot(page, rig, 'desktop-stale', true);
  }, 240_000);

  it('controls make one undo step each, and they, Undo and Redo cost nothing', async () => {
    await openPage(page, rig.url);
    const start = await credits(page, rig);
    const before = await itemOrder(page);
    const answers = await page.getByTestId('answer').count();
    /** Clicks Undo or Redo and waits until the page has the server's answer. */
    const step = async (name: 'Undo' | 'Redo') => {
      await page.getByRole('button', { name }).click();
      await page.waitForFunction(() => !document.body.classList.contains('busy'), undefined, {
        timeout: 10_000,
      });
    };
    const undo = () => step('Undo');
    // Seconds ↑ three times on a timeline card: one step.
    const box = page.getByRole('spinbutton', { name: 'Seconds for item 1' });
    await box.press('ArrowUp');
    await box.press('ArrowUp');
    await box.press('ArrowUp');
    await settled(page);
    expect((await secondsValues(page))[0]).toBe('1.3');
    await page.getByRole('button', { name: 'Move item 3 earlier' }).click();
    await settled(page);
    const moved = await itemOrder(page);
    expect(moved).toEqual([before[0], before[2], before[1]]);
    expect(await credits(page, rig)).toBe(start);
    // One Undo takes the move back, the next the three presses together.
    await undo();
    await expect.poll(() => itemOrder(page)).toEqual(before);
    expect((await secondsValues(page))[0]).toBe('1.3');
    // A mouse drag of item 1's grip onto item 3 (pointer events): one step too, free.
    const beforeDrag = await credits(page, rig);
    const grip = (await page.getByTestId('item-grip').first().boundingBox())!;
    const target = (await page.getByTestId('timeline-item').nth(2).boundingBox())!;
    await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
    await page.mouse.down();
    await page.mouse.move(target.x + target.width / 2, grip.y + grip.height / 2, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => itemOrder(page)).toEqual([before[1], before[2], before[0]]);
    await settled(page);
    expect(await credits(page, rig)).toBe(beforeDrag);
    await undo();
    await expect.poll(() => itemOrder(page)).toEqual(before);
    expect((await secondsValues(page))[0]).toBe('1.3');
    await undo();
    await expect.poll(async () => (await secondsValues(page))[0]).toBe('1');
    // Redo brings the three presses back, then the move; the server's draft is the page's.
    await step('Redo');
    await expect.poll(async () => (await secondsValues(page))[0]).toBe('1.3');
    expect(await itemOrder(page)).toEqual(before);
    await step('Redo');
    await expect.poll(() => itemOrder(page)).toEqual([before[1], before[2], before[0]]);
    const held = (await sessionState(page, rig)).draft!.t.find((t) => t.tt === 0)!.sg;
    expect(held.map((s) => s.src)).toEqual([before[1], before[2], before[0]]);
    expect(held.find((s) => s.src === before[0])?.d).toBe(1300);
    await undo();
    await expect.poll(() => itemOrder(page)).toEqual(before);
    await undo();
    await expect.poll(async () => (await secondsValues(page))[0]).toBe('1');
    // No words were sent for them (no answer in the chat), and no credit was spent.
    expect(await page.getByTestId('answer').count()).toBe(answers);
    expect(await credits(page, rig)).toBe(start);
  }, 60_000);

  it('the live player draws photos from the full-size preview, not the thumbnail, plays clips and the music', async () => {
    // Vertical black and white stripes 8 px apart on a 1600 x 900 photo: about 3 px apart in the 640 px
    // preview, still sharp from the 1280 px file; from the 320 px thumbnail (1.6 px apart) they are grey mush.
    const width = 1600;
    const height = 900;
    const raw = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++)
        raw.fill(x % 8 < 4 ? 0 : 255, (y * width + x) * 3, (y * width + x + 1) * 3);
    const stripes = path.join(rig.tmp, 'stripes.jpg');
    await sharp(raw, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 90 })
      .toFile(stripes);
    // A clip red for its first second, blue for its second: its thumbnail (the frame at 1 s) is all blue.
    const clip = path.join(rig.tmp, 'red-blue.mp4');
    await ffmpeg([
      ...['-f', 'lavfi', '-i', 'color=c=red:s=320x180:r=10:d=1'],
      ...['-f', 'lavfi', '-i', 'color=c=blue:s=320x180:r=10:d=1'],
      ...['-filter_complex', 'concat=n=2:v=1:a=0', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', clip],
    ]);
    const ctx = await rig.context();
    // Every music buffer the page starts (Web Audio), with its length in seconds.
    await ctx.addInitScript(() => {
      const started: number[] = [];
      (window as unknown as { __started: number[] }).__started = started;
      const start = AudioBufferSourceNode.prototype.start;
      AudioBufferSourceNode.prototype.start = function (this: AudioBufferSourceNode, ...args) {
        if (this.buffer) started.push(this.buffer.duration);
        return start.apply(this, args);
      };
    });
    const p = await ctx.newPage();
    try {
      await openPage(p, rig.url);
      await p.getByTestId('file-input').setInputFiles([stripes, clip, media.music]);
      await p.locator('[data-testid="upload"].ok').nth(2).waitFor({ timeout: 60_000 });
      await expect
        .poll(() => p.getByTestId('music').textContent(), { timeout: 30_000 })
        .toContain('tune.m4a');
      await p.locator('#player[data-ready="true"] canvas').waitFor({ timeout: 20_000 });
      const ready = () =>
        p.evaluate(() =>
          (window as unknown as { photoreel: { playerReady(): Promise<void> } }).photoreel.playerReady(),
        );
      await ready();
      // Luminance spread of the middle of the player's picture (paused at 0 s).
      const spread = await p.locator('#player canvas').evaluate((c: HTMLCanvasElement) => {
        const g = c.getContext('2d')!;
        const w = Math.round(c.width / 2);
        const h = Math.round(c.height / 2);
        const d = g.getImageData(Math.round(c.width / 4), Math.round(c.height / 4), w, h).data;
        let sum = 0;
        let sq = 0;
        for (let i = 0; i < d.length; i += 4) {
          const l = 0.299 * d[i]! + 0.587 * d[i + 1]! + 0.114 * d[i + 2]!;
          sum += l;
          sq += l * l;
        }
        const n = d.length / 4;
        return Math.sqrt(sq / n - (sum / n) ** 2);
      });
      expect(spread).toBeGreaterThan(40);
      // The player's files came from …/file: photo and music, one object URL each.
      expect(
        await p.evaluate(
          () => (window as unknown as { photoreel: { files: { size: number } } }).photoreel.files.size,
        ),
      ).toBe(3);
      // The clip moves: red in its first second, blue in its second (from a thumbnail it would be blue throughout).
      await p.getByRole('button', { name: 'Item 2: red-blue.mp4' }).click();
      const colourAt = (offset: number) =>
        p.evaluate(async (offset) => {
          const pr = (
            window as unknown as {
              photoreel: {
                player(): { time: number; seek(ms: number): void };
                playerReady(): Promise<void>;
              };
            }
          ).photoreel;
          const player = pr.player();
          const at = player.time;
          player.seek(at + offset);
          await pr.playerReady();
          const c = document.querySelector<HTMLCanvasElement>('#player canvas')!;
          const [r, , b] = c.getContext('2d')!.getImageData(c.width >> 1, c.height >> 1, 1, 1).data;
          player.seek(at);
          return r! > 150 && b! < 100 ? 'red' : b! > 150 && r! < 100 ? 'blue' : `${r},${b}`;
        }, offset);
      await ready();
      // (Polled: a video element may show its frame a moment after the seek.)
      await expect.poll(() => colourAt(250), { timeout: 5000 }).toBe('red');
      await expect.poll(() => colourAt(1400), { timeout: 5000 }).toBe('blue');
      // Play: the music (3 s) starts through Web Audio.
      await p.getByRole('button', { name: 'Play' }).click();
      await expect
        .poll(() => p.evaluate(() => (window as unknown as { __started: number[] }).__started), {
          timeout: 10_000,
        })
        .toEqual([expect.closeTo(3, 0)]);
      await shot(p, rig, 'desktop-player-sharp');
      // Undo takes the slideshow back (photo and music were put on it in one step): their object URLs are revoked.
      const musicId = (await sessionState(p, rig)).video_infos.find((m) => m.kind === 'audio')!.id;
      type Files = { photoreel: { files: { size: number; get(id: string): string | undefined } } };
      const musicUrl = await p.evaluate(
        (id) => (window as unknown as Files).photoreel.files.get(id),
        musicId,
      );
      expect(musicUrl).toMatch(/^blob:/);
      await p.getByRole('button', { name: 'Undo' }).click();
      await p.getByTestId('timeline-empty').waitFor({ timeout: 10_000 });
      await expect
        .poll(() => p.evaluate(() => (window as unknown as Files).photoreel.files.size), { timeout: 10_000 })
        .toBe(0);
      const fetched = await p.evaluate(
        (u) =>
          fetch(u!).then(
            () => 'loaded',
            () => 'revoked',
          ),
        musicUrl,
      );
      expect(fetched).toBe('revoked');
    } finally {
      await ctx.close();
    }
  }, 60_000);

  it('keyboard only: reorders with the grip, exports and cancels', async () => {
    await openPage(page, rig.url);
    const before = await itemOrder(page);
    // Tab to item 2's grip.
    const tabTo = async (label: RegExp, limit = 60) => {
      for (let i = 0; i < limit; i++) {
        await page.keyboard.press('Tab');
        const name = await page.evaluate(
          () =>
            document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '',
        );
        if (label.test(name)) return;
      }
      throw new Error(`${label} not reached with Tab`);
    };
    await page.locator('body').focus();
    await tabTo(/^Move item 2: drag/);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => itemOrder(page)).toEqual([before[1], before[0], before[2]]);
    // Focus follows the item: another ← is not possible, → puts it back.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(
      /^Move item 1: drag/,
    );
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => itemOrder(page)).toEqual(before);
    await settled(page);
    await tabTo(/^Export video$/, 80);
    const renders = (await sessionState(page, rig)).generated_media.length;
    await page.keyboard.press('Enter');
    await page.getByTestId('job').waitFor({ state: 'visible' });
    // Focus is on Cancel while it renders: Enter cancels, and focus is back on Export.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('cancel');
    await expect.poll(async () => (await sessionState(page, rig)).generated_media.length).toBe(renders + 1);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('job-status').textContent()).toBe('The export was cancelled.');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('export');
    await expect
      .poll(async () => (await sessionState(page, rig)).generated_media.at(-1)?.status, { timeout: 20_000 })
      .toBe('failed');
  }, 150_000);

  it('has no serious or critical accessibility problems (axe-core)', async () => {
    await openPage(page, rig.url);
    await page
      .getByRole('button', { name: 'Item 1: photo-2.jpg' })
      .or(page.getByTestId('item-select').first())
      .first()
      .click();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('music').click();
    expect(await axeViolations(page)).toEqual([]);
  }, 60_000);

  it('tells offline from server-down, keeps typed words, and retries an edit', async () => {
    await openPage(page, rig.url);
    const input = page.getByTestId('chat-input');
    await desktop.setOffline(true);
    await input.fill('make it square');
    await input.press('Enter');
    expect(await lastAnswer(page)).toContain('You are offline');
    expect(await input.inputValue()).toBe('make it square');
    await desktop.setOffline(false);

    await page.route('**/run_sse', (route) => route.abort('connectionrefused'));
    await page.getByRole('button', { name: 'Send' }).click();
    expect(await lastAnswer(page)).toContain('The server does not answer');
    expect(await input.inputValue()).toBe('make it square');
    await page.unroute('**/run_sse');
    await input.fill('');

    // An edit while the server is down: said so, with Try again, which sends it.
    await page.route('**/edits', (route) => route.abort('connectionrefused'));
    const before = await itemOrder(page);
    await page.getByRole('button', { name: 'Move item 2 earlier' }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('The server does not answer');
    await shot(page, rig, 'desktop-server-down');
    await page.unroute('**/edits');
    await page.getByTestId('notice-action').click();
    await expect.poll(() => itemOrder(page)).toEqual([before[1], before[0], before[2]]);
    await settled(page);
    await page.getByRole('button', { name: 'Move item 2 earlier' }).click();
    await expect.poll(() => itemOrder(page)).toEqual(before);
  }, 60_000);

  it('says plainly why a file was refused, for files dropped anywhere on the page', async () => {
    await openPage(page, rig.url);
    const refused = page.getByTestId('refused');
    const already = await refused.count();
    await page.getByTestId('file-input').setInputFiles([media.text]);
    await refused.nth(already).waitFor({ timeout: 30_000 });
    expect(await refused.nth(already).textContent()).toBe(
      'notes.txt was not added: this kind of file is not supported. Use a photo, clip or music file.',
    );
    await page.getByTestId('file-input').setInputFiles([media.big]);
    await refused.nth(already + 1).waitFor({ timeout: 30_000 });
    expect(await refused.nth(already + 1).textContent()).toBe(
      'huge.png was not added: it is too large. Compress or trim it and try again.',
    );
    // A photo dropped on the timeline (not a drop zone): uploaded, in the library, added with "Add".
    const dt = await page.evaluateHandle(async () => {
      const canvas = new OffscreenCanvas(64, 48);
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#8040c0';
      g.fillRect(0, 0, 64, 48);
      const blob = await canvas.convertToBlob({ type: 'image/png' });
      const data = new DataTransfer();
      data.items.add(new File([blob], 'dropped.png', { type: 'image/png' }));
      return data;
    });
    await page.getByTestId('timeline').dispatchEvent('dragenter', { dataTransfer: dt });
    await page.getByTestId('timeline').dispatchEvent('drop', { dataTransfer: dt });
    const row = page.locator('[data-testid="library-item"]', { hasText: 'dropped.png' });
    await row.waitFor({ timeout: 30_000 });
    const count = await page.getByTestId('timeline-item').count();
    await row.getByRole('button', { name: 'Add dropped.png to the end of the timeline' }).click();
    await expect.poll(() => page.getByTestId('timeline-item').count()).toBe(count + 1);
    await settled(page);
  }, 60_000);

  it('keeps a project safe: New project can be taken back, and Projects lists both', async () => {
    await openPage(page, rig.url);
    await page.getByTestId('projects-toggle').click();
    await page.getByTestId('new-project').click();
    await page.getByTestId('timeline-empty').waitFor();
    expect(await page.getByTestId('notice').textContent()).toContain('“Summer” is kept in Projects');
    await page.getByTestId('projects-toggle').click();
    expect(await page.getByTestId('project').allTextContents()).toEqual([
      expect.stringContaining('Untitled project'),
      'Summer',
    ]);
    await page.getByTestId('projects-toggle').click();
    await page.getByRole('button', { name: 'Back to “Summer”' }).click();
    await page.getByTestId('timeline-item').first().waitFor();
    expect(await page.getByTestId('project-name').inputValue()).toBe('Summer');
    // After a reload, the same project and its last export.
    await openPage(page, rig.url);
    expect(await page.getByTestId('project-name').inputValue()).toBe('Summer');
    await page.getByTestId('result').waitFor({ state: 'visible' });
  }, 60_000);

  it('gets a new token on 1001 and a new session on 1002 by itself', async () => {
    await openPage(page, rig.url);
    const session = await page.evaluate(() => localStorage.getItem('photoreel.session'));
    const count = await page.getByTestId('timeline-item').count();
    await page.evaluate(() => localStorage.setItem('photoreel.token', 'not-a-real-token'));
    await openPage(page, rig.url);
    expect(await page.getByTestId('timeline-item').count()).toBe(count);
    expect(await page.evaluate(() => localStorage.getItem('photoreel.token'))).not.toBe('not-a-real-token');
    expect(await page.evaluate(() => localStorage.getItem('photoreel.session'))).toBe(session);
    await page.evaluate(() => localStorage.setItem('photoreel.session', 'no-such-session'));
    await openPage(page, rig.url);
    await page.getByTestId('timeline-empty').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('photoreel.session'))).not.toBe('no-such-session');
    expect(await page.getByTestId('notice').textContent()).toBe('');
  }, 60_000);

  it('touch phone 390x844, Chinese, LAN origin: fits one screen, reorders by touch, exports', async () => {
    const phone = await rig.context({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const p = await phone.newPage();
    await openPage(p, rig.url);
    expect(await p.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await p.getByTestId('file-input').setInputFiles([...media.photos, media.music]);
    await p.getByTestId('timeline-item').nth(3).waitFor({ timeout: 60_000 });
    await expect.poll(() => p.getByTestId('music').textContent(), { timeout: 30_000 }).toContain('tune.m4a');
    const start = await credits(p, rig);

    // No sideways scrolling; thumbnails inside their cards; player, timeline and Export in one screen.
    const layout = await p.evaluate(() => {
      const cards = Array.from(document.querySelectorAll('[data-testid="timeline-item"]')).map((li) => {
        const c = li.getBoundingClientRect();
        const img = li.querySelector('img')!.getBoundingClientRect();
        return (
          img.left >= c.left - 0.5 &&
          img.right <= c.right + 0.5 &&
          img.top >= c.top - 0.5 &&
          img.bottom <= c.bottom + 0.5
        );
      });
      return {
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
        cards,
        player: document.querySelector('#player')!.getBoundingClientRect().top,
        strip: document.querySelector('[data-testid="timeline-items"]')!.getBoundingClientRect().bottom,
        export: document.querySelector('#export')!.getBoundingClientRect().bottom,
        cardsShown: Array.from(document.querySelectorAll('[data-testid="timeline-item"]')).filter(
          (li) => li.getBoundingClientRect().right <= window.innerWidth,
        ).length,
      };
    });
    expect(layout.scroll).toBeLessThanOrEqual(layout.client);
    expect(layout.cards).toEqual(layout.cards.map(() => true));
    expect(layout.player).toBeGreaterThanOrEqual(0);
    expect(layout.export).toBeLessThanOrEqual(844);
    expect(layout.cardsShown).toBeGreaterThanOrEqual(3);
    await shot(p, rig, 'phone-zh');

    // Reorder by touch: drag item 1's grip onto item 3.
    const before = await itemOrder(p);
    const grip = await p.getByTestId('item-grip').first().boundingBox();
    const target = await p.getByTestId('timeline-item').nth(2).boundingBox();
    const cdp = await phone.newCDPSession(p);
    const from = { x: grip!.x + grip!.width / 2, y: grip!.y + grip!.height / 2 };
    const to = { x: target!.x + target!.width / 2, y: from.y };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
    for (let i = 1; i <= 8; i++) {
      await cdp.send('Input.dispatchTouchEvent', {
        type: 'touchMove',
        touchPoints: [{ x: from.x + ((to.x - from.x) * i) / 8, y: from.y }],
      });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(() => itemOrder(p)).toEqual([before[1], before[2], before[0], before[3]]);

    // Chinese words: the reply, its summary included, is Chinese.
    await p.getByTestId('chat-input').fill('每张1秒，720p');
    await p.getByRole('button', { name: '发送' }).click();
    const reply = await lastAnswer(p);
    expect(reply).toMatch(/时间线（2 条轨道）：1\. 视频：4 张照片/);
    expect(reply).not.toMatch(/Timeline|photos|BGM/);
    expect(await credits(p, rig)).toBe(start - 1);
    expect(await axeViolations(p)).toEqual([]);

    await exportVideo(p, rig, /^完成/, 'phone');
    expect(await p.getByTestId('download').getAttribute('download')).toBe('未命名项目.mp4');
    await shot(p, rig, 'phone-zh-exported', true);
    await phone.close();
  }, 180_000);
});
