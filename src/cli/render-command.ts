import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PhotoreelError } from '../errors.ts';
import type { RenderResult } from '../render/types.ts';
import { parseDraft, TRACK_TEXT } from '../timeline/draft.ts';
import type { CliIo } from './io.ts';
import { defaultCacheDir, encodingOf, inspectAll, renderWithProgress } from './make.ts';
import { checkOutputPath } from './output-path.ts';

/**
 * `photoreel render draft.json -o out.mp4` (or .webm, .mov, .gif, .webp): renders a saved draft. Sources in the draft
 * are file paths, relative to the draft file (as `make --save-draft` writes them).
 */
export async function renderDraftFile(
  file: string,
  o: { output: string; json: boolean; cacheDir?: string; format?: string; quality?: string },
  io: CliIo,
): Promise<RenderResult> {
  const encoding = encodingOf(o.output, o);
  await checkOutputPath(o.output, path.resolve(io.cwd, o.output));
  const abs = path.resolve(io.cwd, file);
  const text = await readFile(abs, 'utf8').catch(() => {
    throw new PhotoreelError('MEDIA_NOT_FOUND', `${file} does not exist: check the path of the draft file.`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PhotoreelError(
      'DRAFT_INVALID',
      `${file} is not JSON: save the draft as JSON (photoreel make --save-draft).`,
    );
  }
  const draft = parseDraft(json);
  const dir = path.dirname(abs);
  const srcs = [...new Set(draft.t.flatMap((t) => (t.tt === TRACK_TEXT ? [] : t.sg.map((s) => s.src))))];
  const found = await inspectAll(
    srcs.map((src) => ({ path: path.resolve(dir, src), fromFolder: false })),
    { ...io, cwd: dir },
  );
  const assets = Object.fromEntries(found.map((a, i) => [srcs[i] ?? a.id, { ...a, id: srcs[i] ?? a.id }]));
  const cacheDir = o.cacheDir ? path.resolve(io.cwd, o.cacheDir) : defaultCacheDir(io.env);
  return renderWithProgress(draft, assets, path.resolve(io.cwd, o.output), cacheDir, o.json, io, encoding);
}
