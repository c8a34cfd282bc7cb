import path from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/io.ts';
import { tempDir as mediaTempDir } from '../helpers/media.ts';

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

/** A temp folder for a CLI run, and a function that removes it. */
export const tempDir = () => mediaTempDir('photoreel-cli-');
