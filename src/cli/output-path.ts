import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { PhotoreelError } from '../errors.ts';
import { formatFromPath, OUTPUT_FORMATS } from '../render/output-format.ts';

/**
 * Checks `-o` before any work: BAD_REQUEST when it is a folder or ends in an extension photoreel does not write
 * (so MP4 bytes never land under .txt), PATH_NOT_ALLOWED when the nearest existing folder on its path is a file or
 * not writable, or the file is there and not writable.
 */
export async function checkOutputPath(output: string, abs: string): Promise<void> {
  const ext = path.extname(abs);
  if (ext && formatFromPath(abs) === undefined) {
    throw new PhotoreelError(
      'BAD_REQUEST',
      `The output ${path.basename(output).slice(0, 100)} ends in ${ext.slice(0, 20)}, which photoreel does not write: name it .${OUTPUT_FORMATS.join(', .')}.`,
      { output: output.slice(0, 200) },
    );
  }
  const existing = await stat(abs).catch(() => undefined);
  if (existing?.isDirectory() || /[/\\]$/.test(output)) {
    throw new PhotoreelError(
      'BAD_REQUEST',
      `The output ${output.slice(0, 200)} is a folder: name a file in it, e.g. ${path.join(output, 'video.mp4').slice(0, 200)}.`,
      { output: output.slice(0, 200) },
    );
  }
  // The render creates missing folders: the nearest one that exists must be a folder we can write in.
  let dir = path.dirname(abs);
  let dirStat = await stat(dir).catch(() => undefined);
  while (!dirStat && path.dirname(dir) !== dir) {
    dir = path.dirname(dir);
    dirStat = await stat(dir).catch(() => undefined);
  }
  const writable = (p: string) =>
    access(p, constants.W_OK).then(
      () => true,
      () => false,
    );
  if (!dirStat?.isDirectory() || !(await writable(dir)) || (existing && !(await writable(abs)))) {
    throw new PhotoreelError(
      'PATH_NOT_ALLOWED',
      `The output ${output.slice(0, 200)} cannot be written (${dirStat?.isDirectory() ? `no permission in ${dir.slice(0, 200)}` : `${dir.slice(0, 200)} is not a folder`}): choose a file in a folder you can write to.`,
      { output: output.slice(0, 200) },
    );
  }
}
