import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import sharp from 'sharp';
import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/io.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function sink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** Runs the CLI in process, as a user would type it, in `cwd`. */
export async function runCli(
  argv: string[],
  cwd: string,
  options: { signal?: AbortSignal; onStdout?: (text: string) => void } = {},
): Promise<CliRun> {
  const out = sink();
  const err = sink();
  if (options.onStdout) out.stream.on('data', (c: Buffer) => options.onStdout?.(c.toString('utf8')));
  const io: CliIo = {
    stdout: out.stream,
    stderr: err.stream,
    cwd,
    env: { ...process.env, XDG_CACHE_HOME: path.join(cwd, '.cache') },
    signal: options.signal ?? new AbortController().signal,
  };
  const code = await main(argv, io);
  return { code, stdout: out.text(), stderr: err.text() };
}

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'photoreel-cli-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A solid-colour JPEG, optionally with an EXIF capture time ('2021:05:06 10:11:12'). */
export async function colourPhoto(file: string, colour: string, takenAt?: string): Promise<string> {
  let img = sharp({ create: { width: 400, height: 300, channels: 3, background: colour } });
  if (takenAt) img = img.withExif({ IFD2: { DateTimeOriginal: takenAt } });
  await img.jpeg({ quality: 90 }).toFile(file);
  return file;
}
