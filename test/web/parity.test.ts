/**
 * What you see is what you export: the in-page player (web/src/player, mounted by web/player-harness.html)
 * and the MP4 the real server exports from the same draft show the same pictures. For each draft, frames
 * are taken from the player (seek, then the canvas) and from the MP4 (ffmpeg, the same frame numbers,
 * scaled to the preview size) and compared by SSIM on luma (test/web/player-ssim.ts).
 * Real Chromium, real server on 127.0.0.1, real ffmpeg. Skips only when Chromium is missing and CI is not set.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMusic } from '../helpers/media.ts';
import type { Draft, PreviewPlayer } from '../../web/src/player/index.ts';
import { differenceBox, luma, ssimTiles } from './player-ssim.ts';
import { servePage } from './serve-page.ts';

/** What web/player-harness.html puts on window. */
interface Harness {
  __player?: PreviewPlayer;
  __mount(draft: Draft): PreviewPlayer;
}

const CHROMIUM = '/usr/bin/chromium';
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = path.join(ROOT, 'test-output', 'parity');
const haveChromium = existsSync(CHROMIUM);
const skip = !haveChromium && !process.env.CI;
const run = promisify(execFile);
/** Frames of the player and the export must be at least this similar (SSIM on luma at preview size). */
const THRESHOLD = 0.9;
/**
 * Texts are judged on their own too (SSIM over the whole frame barely sees a misplaced title): the box of
 * their ink (the frame with texts against the same frame without) must be where the export has it, its
 * centre within this share of the long side, its height within TEXT_HEIGHT of the export's.
 */
const TEXT_CENTRE = 0.03;
const TEXT_HEIGHT = 0.2;

interface Running {
  url: string;
  close(): Promise<void>;
}

/** A photo with structure to compare (gradient, shapes, stripes, a label): flat colours would match anything. */
async function makeScene(file: string, w: number, h: number, hue: number, label: string): Promise<string> {
  const c1 = `hsl(${hue},70%,55%)`;
  const c2 = `hsl(${(hue + 140) % 360},60%,30%)`;
  const stripes = Array.from({ length: 8 }, (_, i) => {
    const x = Math.round((w * (i + 0.5)) / 8);
    return `<rect x="${x}" y="${Math.round(h * 0.72)}" width="${Math.round(w / 32)}" height="${Math.round(h * 0.2)}" fill="#fff" opacity="0.8"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${c1}"/><stop offset="1" stop-color="${c2}"/></linearGradient></defs>
    <rect width="${w}" height="${h}" fill="url(#g)"/>
    <circle cx="${w * 0.3}" cy="${h * 0.35}" r="${Math.min(w, h) * 0.2}" fill="#fff" opacity="0.85"/>
    <rect x="${w * 0.58}" y="${h * 0.15}" width="${w * 0.3}" height="${h * 0.4}" fill="#111" opacity="0.7"/>
    <text x="${w * 0.73}" y="${h * 0.45}" font-size="${Math.round(h * 0.25)}" font-family="sans-serif" text-anchor="middle" fill="#ff0">${label}</text>
    ${stripes}
  </svg>`;
  await sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toFile(file);
  return file;
}

/** A 3-second clip with motion everywhere (ffmpeg's testsrc2) and a frame counter, VP8 in WebM. */
async function makeClip(file: string): Promise<string> {
  await run('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=640x360:rate=30',
    '-t',
    '3',
    '-c:v',
    'libvpx',
    '-b:v',
    '2M',
    '-pix_fmt',
    'yuv420p',
    file,
  ]);
  return file;
}

interface Case {
  name: string;
  draft: (ids: Record<string, string>) => object;
  /** Frame numbers to compare. */
  frames: number[];
}

const FPS = 30;

function item(src: string, d: number, m: object = {}) {
  return { src, d, m };
}

const CASES: Case[] = [
  {
    name: 'fades, landscape',
    draft: (ids) => ({
      v: 1,
      w: 960,
      h: 540,
      fps: FPS,
      t: [
        {
          tt: 0,
          sg: [
            item(ids.a!, 1500, { tr: { type: 'fade', d: 600 } }),
            item(ids.b!, 1500, { fit: 'contain', tr: { type: 'fadeblack', d: 600 } }),
            item(ids.p!, 1500, { fit: 'blur' }),
          ],
        },
      ],
      m: {},
    }),
    // Mid photo 1, mid fade, photo 2 (contain), mid dip to black's first half, photo 3 (blur).
    frames: [10, 45, 66, 85, 120],
  },
  {
    name: 'a wipe and a slide, zoom and pan',
    draft: (ids) => ({
      v: 1,
      w: 960,
      h: 540,
      fps: FPS,
      t: [
        {
          tt: 0,
          sg: [
            item(ids.a!, 1500, {
              motion: { type: 'zoom-in', amount: 0.2 },
              tr: { type: 'wipeleft', d: 600 },
            }),
            item(ids.b!, 1500, {
              motion: { type: 'pan-right', amount: 0.15 },
              tr: { type: 'slideup', d: 600 },
            }),
            item(ids.c!, 1500, { motion: { type: 'zoom-out', amount: 0.2 } }),
          ],
        },
      ],
      m: {},
    }),
    frames: [5, 30, 44, 60, 80, 90, 130],
  },
  {
    name: 'vertical, with a title and a caption',
    draft: (ids) => ({
      v: 1,
      w: 540,
      h: 960,
      fps: FPS,
      t: [
        {
          tt: 0,
          sg: [
            item(ids.p!, 1500, {
              motion: { type: 'pan-down', amount: 0.15 },
              tr: { type: 'circleopen', d: 600 },
            }),
            item(ids.a!, 1500, { fit: 'blur', motion: { type: 'zoom-in', amount: 0.1 } }),
          ],
        },
        { tt: 1, sg: [{ src: ids.music!, s: 0, d: 3000, m: { volume: 0.5, fadeIn: 300, fadeOut: 500 } }] },
        {
          tt: 7,
          sg: [
            { text: 'Summer in Porto', s: 0, d: 1500, m: { pos: 'top', size: 0.08, color: '#ffffff' } },
            { text: 'with friends', s: 1500, d: 1500, m: { pos: 'bottom', size: 0.06, color: '#ffd000' } },
          ],
        },
      ],
      m: {},
    }),
    frames: [20, 45, 70],
  },
  {
    name: 'a video clip',
    draft: (ids) => ({
      v: 1,
      w: 960,
      h: 540,
      fps: FPS,
      t: [
        {
          tt: 0,
          sg: [
            item(ids.clip!, 1500, { from: 500, tr: { type: 'fade', d: 400 } }),
            item(ids.p!, 1500, { fit: 'contain' }),
          ],
        },
      ],
      m: {},
    }),
    // Back and forth too: a paused clip must show the frame sought, not the one before the seek.
    frames: [3, 25, 44, 3, 44, 25, 3],
  },
  {
    name: 'a title over a landscape',
    draft: (ids) => ({
      v: 1,
      w: 960,
      h: 540,
      fps: FPS,
      t: [
        {
          tt: 0,
          sg: [
            item(ids.c!, 1500, { tr: { type: 'radial', d: 600 } }),
            item(ids.b!, 1500, { fit: 'contain' }),
          ],
        },
        { tt: 7, sg: [{ text: 'Urban Dreams', s: 0, d: 3000, m: { pos: 'center', size: 0.12 } }] },
      ],
      m: {},
    }),
    frames: [4, 20, 45, 75],
  },
];

describe.skipIf(skip)('player parity with the export', () => {
  let tmp: string;
  let server: Running;
  let context: BrowserContext;
  let page: Page;
  let auth: Record<string, string>;
  let session: string;
  const files: Record<string, { path: string; type: string }> = {};
  const ids: Record<string, string> = {};
  const scores: string[] = [];

  async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
    const res = await fetch(`${server.url}${url}`, {
      method,
      headers: { ...auth, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json()) as { code: number; message: string; data: T };
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${json.message}`);
    return json.data;
  }

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package.`);
    tmp = await mkdtemp(path.join(os.tmpdir(), 'photoreel-parity-'));
    await mkdir(OUT, { recursive: true });
    server = await servePage(tmp);
    const token = await fetch(`${server.url}/api/auth/anonymous-token`, {
      method: 'POST',
      headers: { 'x-client-id': 'c0ffee00-0000-4000-8000-00000000beef' },
    });
    auth = { authorization: `Bearer ${((await token.json()) as { data: { token: string } }).data.token}` };
    session = (
      await api<{ session_id: string }>('POST', '/api/tasks/me/with-session/nemo_agent', {
        task_name: 'project',
        language: 'en',
      })
    ).session_id;
    const local = {
      a: await makeScene(path.join(tmp, 'a.jpg'), 1200, 800, 20, 'A'),
      b: await makeScene(path.join(tmp, 'b.jpg'), 1000, 750, 200, 'B'),
      c: await makeScene(path.join(tmp, 'c.jpg'), 1280, 720, 110, 'C'),
      p: await makeScene(path.join(tmp, 'p.jpg'), 720, 1080, 290, 'P'),
      music: await makeMusic(path.join(tmp, 'tune.m4a'), 4),
      clip: await makeClip(path.join(tmp, 'clip.webm')),
    };
    for (const [key, file] of Object.entries(local)) {
      const form = new FormData();
      form.append('files', new Blob([await readFile(file)]), path.basename(file));
      const res = await fetch(`${server.url}/api/upload-video/nemo_agent/me/${session}`, {
        method: 'POST',
        headers: auth,
        body: form,
      });
      const up = (await res.json()) as { data: { files: { id: string }[] } };
      const id = up.data.files[0]!.id;
      ids[key] = id;
      const type = file.endsWith('.m4a') ? 'audio/mp4' : file.endsWith('.webm') ? 'video/webm' : 'image/jpeg';
      files[id] = { path: file, type };
    }
    context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-sync',
      ],
      viewport: { width: 900, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    // The player asks for media by id; the harness maps ids to /__media/<id>, answered here from the uploaded files.
    await page.route('**/__media/**', async (route) => {
      const id = decodeURIComponent(new URL(route.request().url()).pathname.split('/').pop()!);
      const f = files[id];
      if (!f) return route.fulfill({ status: 404 });
      return route.fulfill({ status: 200, contentType: f.type, body: await readFile(f.path) });
    });
    await page.goto(`${server.url}/player-harness.html`);
    await page.waitForFunction(() => typeof (window as unknown as Harness).__mount === 'function');
  }, 180_000);

  afterAll(async () => {
    if (scores.length) await writeFile(path.join(OUT, 'scores.txt'), scores.join('\n') + '\n');
    console.log(`parity scores (SSIM on luma at preview size):\n${scores.join('\n')}`);
    await context?.close();
    await server?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  async function exportMp4(draft: object, name: string): Promise<string> {
    const id = `render_parity_${name.replace(/\W+/g, '_')}_${Date.now()}`;
    await api('POST', '/api/render/proxy/lambda', {
      id,
      sessionId: session,
      draft,
      output: { format: 'mp4', quality: 'high' },
    });
    for (let i = 0; i < 600; i++) {
      const s = await api<{ status: string; output?: { url?: string }; error?: unknown }>(
        'GET',
        `/api/render/proxy/lambda/${id}`,
      );
      if (s.status === 'completed' && s.output?.url) {
        const file = path.join(tmp, `${id}.mp4`);
        await writeFile(file, Buffer.from(await (await fetch(s.output.url)).arrayBuffer()));
        return file;
      }
      if (s.status === 'failed') throw new Error(`export failed: ${JSON.stringify(s.error)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('export did not finish');
  }

  /** Frame n of the MP4 as RGB at w×h (area-averaged, as a browser shrinks a picture). */
  async function mp4Frame(file: string, n: number, w: number, h: number): Promise<Uint8Array> {
    const { stdout } = await run(
      'ffmpeg',
      [
        '-v',
        'error',
        '-i',
        file,
        '-vf',
        `select=eq(n\\,${n}),scale=${w}:${h}:flags=area`,
        '-frames:v',
        '1',
        '-f',
        'rawvideo',
        '-pix_fmt',
        'rgb24',
        'pipe:1',
      ],
      { encoding: 'buffer', maxBuffer: 64 << 20 },
    );
    return new Uint8Array(stdout);
  }

  /** Frame n of the player (seeked to the middle of the frame's interval) as PNG. */
  async function playerFrame(n: number): Promise<{ png: Buffer; w: number; h: number }> {
    const out = await page.evaluate(
      async (ms) => {
        const p = (window as unknown as Harness).__player!;
        p.seek(ms);
        await p.whenReady();
        p.seek(ms);
        return { url: p.canvas.toDataURL('image/png'), w: p.canvas.width, h: p.canvas.height };
      },
      ((n + 0.5) * 1000) / FPS,
    );
    return { png: Buffer.from(out.url.split(',')[1]!, 'base64'), w: out.w, h: out.h };
  }

  it('plays, pauses and scrubs from the keyboard, tells the item on screen, keeps the playhead across drafts', async () => {
    const landscape = CASES[1]!.draft(ids);
    await mount(landscape);
    const state = () =>
      page.evaluate(() => {
        const p = (window as unknown as Harness).__player!;
        return {
          time: p.time,
          playing: p.playing,
          duration: p.duration,
          w: p.canvas.width,
          h: p.canvas.height,
        };
      });
    expect(await state()).toMatchObject({ time: 0, playing: false, duration: 4500, w: 640, h: 360 });
    // Labelled controls.
    const toggle = page.getByRole('button', { name: 'Play' });
    const range = page.getByRole('slider', { name: 'Playhead' });
    await expect(toggle.count()).resolves.toBe(1);
    await expect(range.getAttribute('aria-valuetext')).resolves.toBe('0:00.0 of 0:04.5');
    // The item on screen, as the page's timeline highlights it.
    await page.evaluate(() => {
      const w = window as unknown as Harness & { __items: number[] };
      w.__items = [];
      w.__player!.onChange((e) => w.__items.push(e.item));
    });
    // Keyboard: the slider moves the playhead; Space on the slider plays and pauses.
    await range.focus();
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
    expect((await state()).time).toBe(2000);
    expect(await page.evaluate(() => (window as unknown as { __items: number[] }).__items.at(-1))).toBe(1);
    await page.keyboard.press('Space');
    await page.waitForFunction(() => (window as unknown as Harness).__player!.time > 2300);
    expect((await state()).playing).toBe(true);
    await expect(page.getByRole('button', { name: 'Pause' }).count()).resolves.toBe(1);
    await page.keyboard.press('Space');
    const paused = await state();
    expect(paused.playing).toBe(false);
    await page.waitForTimeout(200);
    expect((await state()).time).toBe(paused.time);
    // A new draft (vertical) applies at once and keeps the playhead.
    await page.evaluate(
      (d) => (window as unknown as Harness).__player!.setDraft(d as Draft),
      CASES[2]!.draft(ids),
    );
    expect(await state()).toMatchObject({ time: paused.time, w: 360, h: 640, duration: 3000 });
    // Played to the end, it stops there.
    await page.evaluate(() => {
      const p = (window as unknown as Harness).__player!;
      p.seek(2800);
      p.play();
    });
    await page.waitForFunction(() => !(window as unknown as Harness).__player!.playing, undefined, {
      timeout: 5000,
    });
    expect((await state()).time).toBe(3000);
    // In Chinese, the controls say so.
    await page.evaluate(
      (d) =>
        (window as unknown as { __mount(d: Draft, m: object, l: string): void }).__mount(
          d as Draft,
          {},
          'zh',
        ),
      landscape,
    );
    await expect(page.getByRole('button', { name: '播放' }).count()).resolves.toBe(1);
    await expect(page.getByRole('slider', { name: '播放位置' }).getAttribute('aria-valuetext')).resolves.toBe(
      '0:00.0 / 0:04.5',
    );
  });

  it('draws every transition of the catalogue with the renderer code, and times each', async () => {
    const { TRANSITIONS } = await import('../../src/timeline/transitions.ts');
    const srcs = [ids.a!, ids.b!, ids.c!, ids.p!];
    const sg = [...TRANSITIONS, 'fade'].map((type, i) =>
      item(srcs[i % 4]!, 600, {
        motion: { type: 'zoom-in' },
        ...(i < TRANSITIONS.length ? { tr: { type, d: 400 } } : {}),
      }),
    );
    await mount({ v: 1, w: 1920, h: 1080, fps: FPS, t: [{ tt: 0, sg }], m: {} });
    const times = await page.evaluate(
      async (names) => {
        const p = (window as unknown as Harness).__player!;
        await p.whenReady();
        const out: Record<string, number> = {};
        names.forEach((name, i) => {
          const cut = (i + 1) * 600;
          const t0 = performance.now();
          for (let k = -5; k < 5; k++) p.seek(cut + k * 33.4);
          out[name] = (performance.now() - t0) / 10;
        });
        const t1 = performance.now();
        for (let i = 0; i < 20; i++) p.seek(300 + (i % 10) * 600);
        out.still = (performance.now() - t1) / 20;
        return out;
      },
      [...TRANSITIONS],
    );
    scores.push(
      `frames at 640x360, ms each (headless Chromium, software drawing; 'still': a frame outside transitions): ${Object.entries(
        times,
      )
        .map(([k, v]) => `${k} ${v.toFixed(1)}`)
        .join(', ')}`,
    );
    expect(await page.evaluate(() => (window as unknown as Harness).__player!.approximated())).toEqual([]);
    expect(Object.keys(times)).toEqual([...TRANSITIONS, 'still']);
  });

  /** The draft without its texts: what the texts' ink is told apart from. */
  function withoutTexts(draft: object): object {
    const d = draft as { t: { tt: number }[] };
    return { ...d, t: d.t.filter((t) => t.tt !== 7) };
  }

  async function mount(draft: object): Promise<void> {
    await page.evaluate((d) => {
      (window as unknown as Harness).__mount(d as Draft);
    }, draft);
  }

  const lumaOf = (rgb: Uint8Array, w: number, h: number) => luma(rgb, w, h, 3);

  for (const c of CASES) {
    it(`matches the export: ${c.name}`, async () => {
      const draft = c.draft(ids);
      const hasText = (draft as { t: { tt: number }[] }).t.some((t) => t.tt === 7);
      const mp4 = await exportMp4(draft, c.name);
      const bare = hasText ? await exportMp4(withoutTexts(draft), `${c.name} bare`) : undefined;
      const bareShots = new Map<number, Buffer>();
      if (hasText) {
        await mount(withoutTexts(draft));
        for (const n of c.frames) bareShots.set(n, (await playerFrame(n)).png);
      }
      await mount(draft);
      expect(await page.evaluate(() => (window as unknown as Harness).__player!.approximated())).toEqual([]);
      const slug = c.name.replace(/\W+/g, '-');
      for (const n of c.frames) {
        const shot = await playerFrame(n);
        const { w, h } = shot;
        const mine = await sharp(shot.png).removeAlpha().raw().toBuffer();
        const theirs = await mp4Frame(mp4, n, w, h);
        const score = ssimTiles(lumaOf(mine, w, h), lumaOf(theirs, w, h), w, h);
        const line = `${c.name} @ frame ${n} (${((n * 1000) / FPS).toFixed(0)} ms): SSIM ${score.mean.toFixed(3)} (worst 4x4 tile ${score.worst.toFixed(3)})`;
        await writeFile(path.join(OUT, `${slug}-${n}-player.png`), shot.png);
        await sharp(theirs, { raw: { width: w, height: h, channels: 3 } })
          .png()
          .toFile(path.join(OUT, `${slug}-${n}-export.png`));
        scores.push(line);
        expect(score.mean, `${c.name}, frame ${n}`).toBeGreaterThanOrEqual(THRESHOLD);
        if (bare) {
          const mineBare = await sharp(bareShots.get(n)!).removeAlpha().raw().toBuffer();
          const theirsBare = await mp4Frame(bare, n, w, h);
          const a = differenceBox(lumaOf(mine, w, h), lumaOf(mineBare, w, h), w, h);
          const b = differenceBox(lumaOf(theirs, w, h), lumaOf(theirsBare, w, h), w, h);
          expect(Boolean(a), `${c.name}, frame ${n}: text shown in the player as in the export`).toBe(
            Boolean(b),
          );
          if (a && b) {
            const long = Math.max(w, h);
            const dx = (a.x0 + a.x1 - b.x0 - b.x1) / 2 / long;
            const dy = (a.y0 + a.y1 - b.y0 - b.y1) / 2 / long;
            const ratio = (a.y1 - a.y0) / (b.y1 - b.y0);
            scores.push(
              `  text box centre off by ${(Math.hypot(dx, dy) * 100).toFixed(1)}% of the long side, height ×${ratio.toFixed(2)}`,
            );
            expect(Math.hypot(dx, dy), `${c.name}, frame ${n}: text centre`).toBeLessThanOrEqual(TEXT_CENTRE);
            expect(Math.abs(ratio - 1), `${c.name}, frame ${n}: text height`).toBeLessThanOrEqual(
              TEXT_HEIGHT,
            );
          }
        }
      }
    }, 240_000);
  }
});
