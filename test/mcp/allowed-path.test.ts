import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expandMediaPaths,
  resolveAllowedDirs,
  resolveAllowedOutput,
  resolveAllowedPath,
} from '../../src/mcp/allowed-path.ts';

let root: string;
let inside: string;
let outside: string;
let allowed: string[];

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'photoreel-mcp-paths-'));
  inside = path.join(root, 'inside');
  outside = path.join(root, 'outside');
  await mkdir(path.join(inside, 'album'), { recursive: true });
  await mkdir(outside);
  await writeFile(path.join(inside, 'a.jpg'), 'x');
  await writeFile(path.join(inside, 'album', '10.jpg'), 'x');
  await writeFile(path.join(inside, 'album', '2.png'), 'x');
  await writeFile(path.join(inside, 'album', 'notes.txt'), 'x');
  await writeFile(path.join(inside, 'album', '.hidden.jpg'), 'x');
  await writeFile(path.join(outside, 'secret.jpg'), 'x');
  await symlink(path.join(outside, 'secret.jpg'), path.join(inside, 'link.jpg'));
  await symlink(outside, path.join(inside, 'linkdir'));
  allowed = await resolveAllowedDirs([inside]);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('allowed paths', () => {
  it('accepts files inside, relative to the first allowed folder', async () => {
    await expect(resolveAllowedPath('a.jpg', allowed)).resolves.toBe(path.join(allowed[0]!, 'a.jpg'));
  });

  it('refuses paths outside, including through .. and symlinks', async () => {
    for (const p of [
      path.join(outside, 'secret.jpg'),
      '../outside/secret.jpg',
      'link.jpg',
      'linkdir/secret.jpg',
      '/etc/passwd',
    ]) {
      await expect(resolveAllowedPath(p, allowed), p).rejects.toMatchObject({
        key: 'PATH_NOT_ALLOWED',
        code: 4005,
      });
    }
  });

  it('says a missing file inside is not found, and a missing file outside is refused', async () => {
    await expect(resolveAllowedPath('nope.jpg', allowed)).rejects.toMatchObject({ key: 'MEDIA_NOT_FOUND' });
    await expect(resolveAllowedPath(path.join(outside, 'nope.jpg'), allowed)).rejects.toMatchObject({
      key: 'PATH_NOT_ALLOWED',
    });
  });

  it('expands a folder to its media files in natural name order', async () => {
    const files = await expandMediaPaths(['album', 'a.jpg'], allowed);
    expect(files.map((f) => path.relative(allowed[0]!, f))).toEqual([
      path.join('album', '2.png'),
      path.join('album', '10.jpg'),
      'a.jpg',
    ]);
  });

  it('checks where a video may be saved', async () => {
    await expect(resolveAllowedOutput('out.mp4', allowed)).resolves.toBe(path.join(allowed[0]!, 'out.mp4'));
    await expect(resolveAllowedOutput(path.join(outside, 'out.mp4'), allowed)).rejects.toMatchObject({
      key: 'PATH_NOT_ALLOWED',
    });
    await expect(resolveAllowedOutput('link.jpg', allowed)).rejects.toMatchObject({
      key: 'PATH_NOT_ALLOWED',
    });
    await expect(resolveAllowedOutput('missing/out.mp4', allowed)).rejects.toMatchObject({
      key: 'MEDIA_NOT_FOUND',
    });
  });
});
