import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { PhotoreelError } from '../errors.ts';

/** A file the user named, or found in a folder they named. */
export interface InputFile {
  path: string;
  /** Found inside a folder (unsupported files there are skipped, not refused). */
  fromFolder: boolean;
}

/** Expands files and folders (folders: their files, sorted by name, hidden files skipped). */
export async function expandInputs(inputs: readonly string[], cwd: string): Promise<InputFile[]> {
  const out: InputFile[] = [];
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    const st = await stat(abs).catch(() => undefined);
    if (!st) {
      throw new PhotoreelError('MEDIA_NOT_FOUND', `${input} does not exist: check the path and try again.`);
    }
    if (st.isDirectory()) {
      const entries = await readdir(abs, { withFileTypes: true });
      const files = entries
        .filter((e) => e.isFile() && !e.name.startsWith('.'))
        .map((e) => e.name)
        .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
      out.push(...files.map((f) => ({ path: path.join(abs, f), fromFolder: true })));
    } else {
      out.push({ path: abs, fromFolder: false });
    }
  }
  return out;
}
