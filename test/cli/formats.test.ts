/** `make` and `render` with --format / --quality, or the format from the -o extension. */
import { existsSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LOOP_MS } from '../../src/render/output-format.ts';
import { makeMusic, makePhoto } from '../helpers/media.ts';
import { probe } from '../helpers/video.ts';
import { runCli, tempDir } from './cli-helpers.ts';

let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  await mkdir(path.join(dir, 'photos'));
  for (let i = 0; i < 3; i++)
    await makePhoto(path.join(dir, 'photos', `${i}.jpg`), { width: 320, height: 240, hue: i });
  await makeMusic(path.join(dir, 'tone.m4a'), 4);
});
afterAll(() => cleanup());

const COMMON = ['--preset', 'youtube-720', '--seconds', '1', '--transition-ms', '300'];

describe('refused before any work, nothing written', () => {
  it('an -o extension that contradicts --format', async () => {
    const r = await runCli(['make', 'photos', '-o', 'clip.gif', '--format', 'webm', ...COMMON], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('.gif');
    expect(r.stderr).toContain('webm');
    expect(r.stderr).toContain('(code 400)');
    expect(existsSync(path.join(dir, 'clip.gif'))).toBe(false);
  });

  it('a format or quality that is not offered', async () => {
    const f = await runCli(['make', 'photos', '-o', 'x.mp4', '--format', 'avi', ...COMMON], dir);
    expect(f.code).toBe(1);
    expect(f.stderr).toContain('mp4, webm, mov, gif, webp');
    const q = await runCli(['make', 'photos', '-o', 'x.mp4', '--quality', 'ultra', ...COMMON], dir);
    expect(q.code).toBe(1);
    expect(q.stderr).toContain('draft, standard, high');
  });

  it('a GIF longer than a short loop, from `make` and from `render`', async () => {
    const seconds = String(MAX_LOOP_MS / 1000 / 2 + 1);
    const r = await runCli(
      ['make', 'photos', '-o', 'long.gif', '--seconds', seconds, '--save-draft', 'long.json'],
      dir,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`at most ${MAX_LOOP_MS / 1000} s`);
    const again = await runCli(['render', 'long.json', '-o', 'long.webp'], dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('(code 400)');
    expect(readdirSync(dir).filter((n) => n.startsWith('long.') && !n.endsWith('.json'))).toEqual([]);
  });
});

describe('writes the format asked', () => {
  it('make: WebM from the -o extension (VP9 + Opus), draft quality', async () => {
    const r = await runCli(
      ['make', 'photos', 'tone.m4a', '-o', 'out.webm', '--quality', 'draft', ...COMMON],
      dir,
    );
    expect(r.code).toBe(0);
    const info = await probe(path.join(dir, 'out.webm'));
    expect(info.format).toContain('webm');
    expect(info.video?.codec).toBe('vp9');
    expect(info.audio?.codec).toBe('opus');
  });

  it('make: a GIF loop with --format and no extension; render: MOV from a saved draft', async () => {
    const r = await runCli(
      ['make', 'photos', 'tone.m4a', '-o', 'loop', '--format', 'gif', '--save-draft', 'd.json', ...COMMON],
      dir,
    );
    expect(r.code).toBe(0);
    const gif = await probe(path.join(dir, 'loop'));
    expect(gif.video?.codec).toBe('gif');
    expect(gif.audio).toBeUndefined();
    const m = await runCli(['render', 'd.json', '-o', 'again.mov', '-q', 'high'], dir);
    expect(m.code).toBe(0);
    const mov = await probe(path.join(dir, 'again.mov'));
    expect(mov.format).toContain('mov');
    expect(mov.video?.codec).toBe('h264');
    expect(mov.audio?.codec).toBe('aac');
  });
});
