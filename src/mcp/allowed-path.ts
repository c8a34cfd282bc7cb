import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { PhotoreelError } from '../errors.ts';

/** Extensions taken from a folder (the server still judges every file by its content). */
export const MEDIA_EXTENSIONS = new Set([
  'jpg',
  'jpeg',
  'png',
  'webp',
  'gif',
  'heic',
  'heif',
  'bmp',
  'mp4',
  'mov',
  'avi',
  'webm',
  'mkv',
  'mp3',
  'wav',
  'm4a',
  'aac',
]);

function inside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Resolves the allowed folders once (symlinks included), so checks compare real paths with real paths. */
export async function resolveAllowedDirs(dirs: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const dir of dirs) {
    try {
      out.push(await realpath(path.resolve(dir)));
    } catch {
      // a folder that does not exist allows nothing
    }
  }
  return out;
}

function refuse(given: string, allowed: readonly string[]): PhotoreelError {
  return new PhotoreelError(
    'PATH_NOT_ALLOWED',
    `${given} is outside the folders this MCP server may read (${allowed.join(', ') || 'none'}): move the file there, or start the server with --allow-dir <folder>.`,
    { path: given, allowedDirs: [...allowed] },
  );
}

/**
 * Checks a local path against the allowed folders and returns its real path.
 * Outside (before or after following symlinks): PATH_NOT_ALLOWED. Inside but missing: MEDIA_NOT_FOUND.
 * `base` resolves relative paths (the first allowed folder by default).
 */
export async function resolveAllowedPath(
  given: string,
  allowed: readonly string[],
  base?: string,
): Promise<string> {
  const lexical = path.resolve(base ?? allowed[0] ?? process.cwd(), given);
  // Compare the path as written first, so a missing file outside the folders is refused, not reported missing.
  let parentReal: string;
  try {
    parentReal = path.join(await realpath(path.dirname(lexical)), path.basename(lexical));
  } catch {
    parentReal = lexical;
  }
  if (!allowed.some((dir) => inside(dir, parentReal) || inside(dir, lexical))) throw refuse(given, allowed);
  let real: string;
  try {
    real = await realpath(lexical);
  } catch {
    throw new PhotoreelError('MEDIA_NOT_FOUND', `No file at ${given}: check the path and try again.`, {
      path: given,
    });
  }
  if (!allowed.some((dir) => inside(dir, real))) throw refuse(given, allowed);
  return real;
}

/**
 * Turns the paths an agent gave into the files to upload: files as they are, folders as their media
 * files (not recursive, sorted by name, hidden files skipped). Every result is checked by resolveAllowedPath.
 */
export async function expandMediaPaths(
  given: readonly string[],
  allowed: readonly string[],
  base?: string,
): Promise<string[]> {
  const files: string[] = [];
  for (const g of given) {
    const real = await resolveAllowedPath(g, allowed, base);
    const info = await stat(real);
    if (!info.isDirectory()) {
      files.push(real);
      continue;
    }
    const names = (await readdir(real))
      .filter((n) => !n.startsWith('.') && MEDIA_EXTENSIONS.has(path.extname(n).slice(1).toLowerCase()))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    for (const name of names) {
      const file = await resolveAllowedPath(path.join(real, name), allowed);
      if ((await stat(file)).isFile()) files.push(file);
    }
    if (names.length === 0) {
      throw new PhotoreelError('MEDIA_NOT_FOUND', `The folder ${g} has no photos, clips or music in it.`, {
        path: g,
      });
    }
  }
  return files;
}

/** Checks where a file may be written: its folder must exist and lie inside the allowed folders. */
export async function resolveAllowedOutput(
  given: string,
  allowed: readonly string[],
  base?: string,
): Promise<string> {
  const lexical = path.resolve(base ?? allowed[0] ?? process.cwd(), given);
  let dir: string;
  try {
    dir = await realpath(path.dirname(lexical));
  } catch {
    throw new PhotoreelError('MEDIA_NOT_FOUND', `The folder of ${given} does not exist: create it first.`, {
      path: given,
    });
  }
  let target = path.join(dir, path.basename(lexical));
  try {
    target = await realpath(target); // an existing symlink must not lead outside
  } catch {
    // a new file: its folder was checked
  }
  if (!allowed.some((d) => inside(d, target))) throw refuse(given, allowed);
  return target;
}
