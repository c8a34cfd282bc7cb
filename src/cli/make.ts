import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isPhotoreelError, PhotoreelError } from '../errors.ts';
import { interpret } from '../instruct/interpret.ts';
import type { InstructMedia } from '../instruct/types.ts';
import { inspectMedia } from '../media/inspect.ts';
import { sortByCaptureTime } from '../media/sort-by-capture-time.ts';
import type { MediaInfo } from '../media/types.ts';
import {
  checkOutputLength,
  DEFAULT_QUALITY,
  parseQuality,
  resolveOutputFormat,
  type OutputFormat,
  type Quality,
} from '../render/output-format.ts';
import { renderDraft } from '../render/render-draft.ts';
import type { RenderAsset, RenderResult } from '../render/types.ts';
import { slideshowDraft } from '../timeline/build.ts';
import type { Draft } from '../timeline/draft.ts';
import { summarize } from '../timeline/summary.ts';
import { expandInputs } from './inputs.ts';
import type { CliIo } from './io.ts';
import type { MakeOptions } from './options.ts';
import { checkOutputPath } from './output-path.ts';
import { createProgress, progressMode } from './progress.ts';

export function defaultCacheDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'photoreel');
}

/** Inspects files, skipping unsupported ones found in folders (and saying so). */
export async function inspectAll(
  files: readonly { path: string; fromFolder: boolean }[],
  io: CliIo,
): Promise<RenderAsset[]> {
  const assets: RenderAsset[] = [];
  for (const file of files) {
    let info: MediaInfo;
    try {
      info = await inspectMedia(file.path);
    } catch (e) {
      if (file.fromFolder && isPhotoreelError(e, 'UNSUPPORTED_TYPE')) {
        io.stderr.write(
          `photoreel: skipping ${path.relative(io.cwd, file.path)}: not a photo, clip or music file\n`,
        );
        continue;
      }
      if (isPhotoreelError(e)) {
        throw new PhotoreelError(
          e.key,
          `${path.relative(io.cwd, file.path) || file.path}: ${e.message}`,
          e.details,
        );
      }
      throw e;
    }
    const id = path.relative(io.cwd, file.path) || path.basename(file.path);
    assets.push({ id, path: file.path, info, name: path.basename(file.path) });
  }
  return assets;
}

export function toInstructMedia(assets: readonly RenderAsset[]): InstructMedia[] {
  return assets.map((a) => ({
    id: a.id,
    kind: a.info.kind,
    name: a.name ?? a.id,
    ...(a.info.capturedAt ? { capturedAt: a.info.capturedAt } : {}),
    ...(a.info.durationMs !== undefined ? { durationMs: a.info.durationMs } : {}),
  }));
}

/** Writes a draft whose sources are paths relative to the draft file, so `photoreel render` can read it anywhere. */
export async function saveDraftFile(
  file: string,
  draft: Draft,
  assets: Record<string, RenderAsset>,
): Promise<void> {
  const dir = path.dirname(file);
  const rel = (id: string) => {
    const asset = assets[id];
    return asset ? path.relative(dir, asset.path).split(path.sep).join('/') : id;
  };
  const portable: Draft = {
    ...draft,
    t: draft.t.map((track) =>
      track.tt === 7 ? track : { ...track, sg: track.sg.map((s) => ({ ...s, src: rel(s.src) })) },
    ) as Draft['t'],
  };
  await mkdir(dir, { recursive: true });
  await writeFile(file, `${JSON.stringify(portable, null, 2)}\n`);
}

export interface MakeOutcome extends RenderResult {
  draft: Draft;
  summary: string;
  reply?: string;
}

/** How the output is encoded. */
export interface Encoding {
  format: OutputFormat;
  quality: Quality;
}

/**
 * The format and quality of `output` from the command's options: `--format`, else the file's extension,
 * else mp4 (an extension that says otherwise than --format is an error); `--quality`, else standard.
 */
export function encodingOf(
  output: string,
  o: { format?: string | undefined; quality?: string | undefined },
): Encoding {
  return {
    format: resolveOutputFormat(output, o.format),
    quality: o.quality === undefined ? DEFAULT_QUALITY : parseQuality(o.quality),
  };
}

/** The video track's length: what checkOutputLength judges. */
export function draftDurationMs(draft: Draft): number {
  return draft.t.reduce((ms, t) => (t.tt === 0 ? ms + t.sg.reduce((sum, item) => sum + item.d, 0) : ms), 0);
}

/** Renders a draft with progress on the terminal (bar, lines or JSON) and Ctrl-C support. */
export async function renderWithProgress(
  draft: Draft,
  assets: Record<string, RenderAsset>,
  output: string,
  cacheDir: string,
  json: boolean,
  io: CliIo,
  encoding: Encoding = { format: 'mp4', quality: DEFAULT_QUALITY },
): Promise<RenderResult> {
  checkOutputLength(encoding.format, draftDurationMs(draft));
  const progress = createProgress(io, progressMode(io, json), 'rendering');
  try {
    return await renderDraft({
      ...encoding,
      draft,
      assets,
      output,
      cacheDir,
      signal: io.signal,
      onProgress: (p) => progress.update(p),
    });
  } finally {
    progress.stop();
  }
}

/** `photoreel make`: photos (and clips, and music) to a finished video (mp4, webm, mov, gif or webp). */
export async function make(inputs: readonly string[], o: MakeOptions, io: CliIo): Promise<MakeOutcome> {
  if (inputs.length === 0) {
    throw new PhotoreelError(
      'BAD_REQUEST',
      'No photos given: name photo files or folders, e.g. photoreel make photos/ -o out.mp4.',
    );
  }
  const encoding = encodingOf(o.output, o); // a wrong format or quality fails before any work
  await checkOutputPath(o.output, path.resolve(io.cwd, o.output)); // so does an output that cannot be written
  const files = await expandInputs(inputs, io.cwd);
  const musicFiles = o.music ? await expandInputs([o.music], io.cwd) : [];
  const found = await inspectAll(files, io);
  const [musicAsset] = musicFiles.length ? await inspectAll(musicFiles, io) : [];
  if (musicAsset && musicAsset.info.kind !== 'audio') {
    throw new PhotoreelError(
      'UNSUPPORTED_TYPE',
      `--music ${o.music} is not an audio file: use mp3, wav, m4a or aac.`,
    );
  }

  const visuals = found.filter((a) => a.info.kind !== 'audio');
  const music = musicAsset ?? found.find((a) => a.info.kind === 'audio');
  if (visuals.length === 0) {
    throw new PhotoreelError(
      'BAD_REQUEST',
      'No photos or clips among the inputs: add jpg, png, heic, webp, gif, bmp or video files.',
    );
  }
  const ordered =
    o.order === 'capture'
      ? sortByCaptureTime(visuals, (a) => a.info.capturedAt)
      : o.order === 'name'
        ? [...visuals].sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }))
        : visuals;

  const all = [...ordered, ...(music ? [music] : [])];
  const assets = Object.fromEntries(all.map((a) => [a.id, a]));
  let draft = slideshowDraft(
    ordered.map((a) => ({
      id: a.id,
      kind: a.info.kind === 'video' || a.info.animated ? ('video' as const) : ('image' as const),
      ...(a.info.durationMs !== undefined ? { durationMs: a.info.durationMs } : {}),
    })),
    {
      preset: o.preset,
      fps: o.fps,
      seconds: o.seconds,
      transition: o.transition,
      transitionMs: o.transitionMs,
      motion: o.motion,
      fit: o.fit,
      ...(music
        ? { music: { id: music.id, ...(music.info.durationMs ? { durationMs: music.info.durationMs } : {}) } }
        : {}),
      ...(o.title ? { title: o.title } : {}),
      name: path.basename(o.output, path.extname(o.output)),
    },
  );

  let reply: string | undefined;
  if (o.prompt) {
    const result = interpret(o.prompt, { draft, media: toInstructMedia(all) });
    draft = result.draft;
    reply = result.reply;
    if (!o.json) io.stderr.write(`${reply}\n`);
  }

  const output = path.resolve(io.cwd, o.output);
  if (o.saveDraft) await saveDraftFile(path.resolve(io.cwd, o.saveDraft), draft, assets);
  const cacheDir = o.cacheDir ? path.resolve(io.cwd, o.cacheDir) : defaultCacheDir(io.env);
  const result = await renderWithProgress(draft, assets, output, cacheDir, o.json, io, encoding);
  const summary = summarize(draft, (id) => {
    const a = assets[id];
    return a ? { name: a.name ?? id, kind: a.info.animated ? 'video' : a.info.kind } : undefined;
  });
  return { ...result, draft, summary, ...(reply ? { reply } : {}) };
}
