/** `-o` is checked before any work: a folder, an unwritable place or an unknown extension is refused with a code. */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePhoto } from '../helpers/media.ts';
import { runCli, tempDir } from './cli-helpers.ts';

describe('photoreel make -o', () => {
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const t = await tempDir();
    dir = t.dir;
    cleanup = t.cleanup;
    await mkdir(path.join(dir, 'photos'));
    await makePhoto(path.join(dir, 'photos', 'a.jpg'), { width: 64, height: 48, hue: 1 });
    await mkdir(path.join(dir, 'out'));
    await mkdir(path.join(dir, 'locked'));
    await chmod(path.join(dir, 'locked'), 0o500);
    await writeFile(path.join(dir, 'plain-file'), 'x');
  });
  afterAll(async () => {
    await chmod(path.join(dir, 'locked'), 0o700).catch(() => undefined);
    await cleanup();
  });

  const make = (output: string) => runCli(['make', 'photos', '-o', output, '--json'], dir);

  it.each([
    ['an existing folder', 'out', 400],
    ['a path ending in a slash', 'new-folder/', 400],
    ['an extension photoreel does not write', 'video.txt', 400],
    ['a path under a file', 'plain-file/video.mp4', 4005],
  ])('refuses %s with a catalog code and no stack trace', async (_what, output, code) => {
    const r = await make(output);
    expect(r.code).not.toBe(0);
    const text = r.stdout + r.stderr;
    expect(text).toContain(String(code));
    expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  // root may write anywhere, so the permission case runs only as an ordinary user.
  it.skipIf(process.getuid?.() === 0)('refuses a folder without write permission (4005)', async () => {
    const r = await make('locked/video.mp4');
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('4005');
  });
});
