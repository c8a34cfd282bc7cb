import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from './io.ts';
import { make, type MakeOutcome } from './make.ts';
import { parseMakeOptions } from './options.ts';

/** The bundled sample media (see samples/README.md for origins and licences). */
export const SAMPLES_DIR = fileURLToPath(new URL('../../samples/', import.meta.url));

/** `photoreel demo`: renders the bundled sample photos and music into a video. */
export async function demo(
  o: { output: string; preset: string; json: boolean; cacheDir?: string },
  io: CliIo,
): Promise<MakeOutcome> {
  const photos = path.join(SAMPLES_DIR, 'photos');
  const music = (await readdir(path.join(SAMPLES_DIR, 'music'))).find(
    (f) => !f.startsWith('.') && !f.endsWith('.md'),
  );
  const options = parseMakeOptions({
    output: o.output,
    preset: o.preset,
    json: o.json,
    title: 'photoreel',
    order: 'name',
    ...(music ? { music: path.join(SAMPLES_DIR, 'music', music) } : {}),
    ...(o.cacheDir ? { cacheDir: o.cacheDir } : {}),
  });
  return make([photos], options, io);
}
