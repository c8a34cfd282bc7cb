import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMusic, makePhoto, makeText } from '../helpers/media.ts';
import { colorDistance, frameAt, meanColor, probe } from '../helpers/video.ts';
import { runCli, tempDir } from './cli-helpers.ts';

const RED: [number, number, number] = [220, 30, 30];
const GREEN: [number, number, number] = [30, 200, 40];
const BLUE: [number, number, number] = [30, 40, 220];
const hex = (c: number[]) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;

let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  await mkdir(path.join(dir, 'photos'));
  // Named a, b, c but taken c, a, b: capture order is blue, red, green.
  const photo = (name: string, colour: number[], takenAt: string) =>
    makePhoto(path.join(dir, 'photos', name), {
      width: 400,
      height: 300,
      colour: hex(colour),
      takenAt,
      quality: 90,
    });
  await photo('a.jpg', RED, '2021:05:06 10:00:00');
  await photo('b.jpg', GREEN, '2021:05:06 11:00:00');
  await photo('c.jpg', BLUE, '2021:05:06 09:00:00');
  await makeText(path.join(dir, 'photos', 'notes.txt'), 'not a photo\n');
  await makeMusic(path.join(dir, 'tone.m4a'), 5);
});
afterAll(() => cleanup());

/** Colour at the middle of each 1-second item. */
async function slideColours(file: string, n: number): Promise<[number, number, number][]> {
  const out: [number, number, number][] = [];
  for (let i = 0; i < n; i++)
    out.push(meanColor(await frameAt(file, i + 0.5), { x: 0.4, y: 0.4, w: 0.2, h: 0.2 }));
  return out;
}

const common = [
  '--preset',
  'youtube-720',
  '--fps',
  '10',
  '--seconds',
  '1',
  '--motion',
  'none',
  '--fit',
  'cover',
];

describe('photoreel make', () => {
  it('renders a folder of photos oldest first, skipping files that are not media', async () => {
    const run = await runCli(['make', 'photos', '-o', 'out.mp4', ...common, '--music', 'tone.m4a'], dir);
    expect(run.stderr).toContain('skipping photos/notes.txt');
    expect(run.code, run.stderr).toBe(0);
    const p = await probe(path.join(dir, 'out.mp4'));
    expect(p.video).toMatchObject({ codec: 'h264', width: 1280, height: 720, frames: 30 });
    expect(p.audio?.codec).toBe('aac');
    const colours = await slideColours(path.join(dir, 'out.mp4'), 3);
    [BLUE, RED, GREEN].forEach((want, i) => expect(colorDistance(colours[i]!, want)).toBeLessThan(40));
  });

  it('orders by name on request', async () => {
    const run = await runCli(['make', 'photos', '-o', 'by-name.mp4', ...common, '--order', 'name'], dir);
    expect(run.code, run.stderr).toBe(0);
    const colours = await slideColours(path.join(dir, 'by-name.mp4'), 3);
    [RED, GREEN, BLUE].forEach((want, i) => expect(colorDistance(colours[i]!, want)).toBeLessThan(40));
  });

  it('applies a plain-words prompt before rendering', async () => {
    const run = await runCli(
      [
        'make',
        'photos',
        '-o',
        'prompt.mp4',
        '--fps',
        '10',
        '--prompt',
        'make it vertical 720p, 2 seconds each',
      ],
      dir,
    );
    expect(run.code, run.stderr).toBe(0);
    const p = await probe(path.join(dir, 'prompt.mp4'));
    expect(p.video).toMatchObject({ width: 720, height: 1280, frames: 60 });
  });

  it('prints JSON lines of progress and the result with --json', async () => {
    const run = await runCli(['make', 'photos', '-o', 'json.mp4', ...common, '--json'], dir);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; fraction?: number; output?: string; durationMs?: number });
    const progress = lines.filter((l) => l.type === 'progress').map((l) => l.fraction ?? 0);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(lines.at(-1)).toMatchObject({ type: 'result', durationMs: 3000, width: 1280, height: 720 });
    expect(lines.at(-1)?.output).toBe(path.join(dir, 'json.mp4'));
  });

  it('saves the draft, and `render` renders it again to the same length', async () => {
    const made = await runCli(
      ['make', 'photos', '-o', 'first.mp4', ...common, '--save-draft', 'drafts/d.json'],
      dir,
    );
    expect(made.code, made.stderr).toBe(0);
    const draft = JSON.parse(await readFile(path.join(dir, 'drafts', 'd.json'), 'utf8')) as {
      t: { sg: { src: string }[] }[];
    };
    expect(draft.t[0]?.sg.map((s) => s.src)).toEqual([
      '../photos/c.jpg',
      '../photos/a.jpg',
      '../photos/b.jpg',
    ]);
    const again = await runCli(['render', 'drafts/d.json', '-o', 'again.mp4'], dir);
    expect(again.code, again.stderr).toBe(0);
    expect((await probe(path.join(dir, 'again.mp4'))).video?.frames).toBe(30);
  });

  it('refuses a file that is not media with code 4001 and writes nothing', async () => {
    const run = await runCli(['make', 'photos/notes.txt', '-o', 'bad.mp4'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/notes\.txt.*\(code 4001\)/);
    expect(existsSync(path.join(dir, 'bad.mp4'))).toBe(false);
  });

  it('refuses a missing file and an unknown preset, naming them', async () => {
    const missing = await runCli(['make', 'nope.jpg', '-o', 'x.mp4'], dir);
    expect(missing.stderr).toMatch(/nope\.jpg does not exist.*\(code 4004\)/);
    const preset = await runCli(['make', 'photos', '-o', 'x.mp4', '--preset', 'cinemascope'], dir);
    expect(preset.code).toBe(1);
    expect(preset.stderr).toMatch(/--preset: must be youtube, vertical.*\(code 400\)/);
  });

  it('stops on Ctrl-C and leaves no output or partial file', async () => {
    const controller = new AbortController();
    const run = await runCli(
      ['make', 'photos', '-o', 'cancelled.mp4', ...common, '--seconds', '20', '--json'],
      dir,
      {
        signal: controller.signal,
        onStdout: (text) => {
          if (text.includes('"progress"') && !text.includes('"fraction":0,')) controller.abort();
        },
      },
    );
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('code 5002');
    expect(readdirSync(dir).filter((f) => f.startsWith('cancelled') || f.includes('.tmp'))).toEqual([]);
  });
});
