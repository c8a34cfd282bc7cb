import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PhotoreelError } from '../errors.ts';
import type { JobHandler } from '../queue/types.ts';
import { DEFAULT_QUALITY, formatFromPath } from '../render/output-format.ts';
import { renderDraft } from '../render/render-draft.ts';
import type { RenderAsset } from '../render/types.ts';

/** A data-folder-relative path made absolute; refuses anything that would step outside the folder. */
export function insideDataDir(dataDir: string, rel: string): string {
  const root = path.resolve(dataDir);
  const abs = path.resolve(root, rel);
  if (abs !== root && !abs.startsWith(root + path.sep)) {
    throw new PhotoreelError('MEDIA_NOT_FOUND', `The path ${rel.slice(0, 100)} is outside the data folder.`);
  }
  return abs;
}

/**
 * The worker side of exports: resolves the job's data-folder-relative paths on this machine and renders
 * (atomically, so a cancelled or failed render leaves no file) in the job's format and quality,
 * reporting progress to the queue.
 */
export function processRender(dataDir: string): JobHandler {
  return async (_id, payload, ctx) => {
    const assets: Record<string, RenderAsset> = {};
    for (const [key, a] of Object.entries(payload.assets))
      assets[key] = { ...a, path: insideDataDir(dataDir, a.path) };
    const output = insideDataDir(dataDir, payload.output);
    await mkdir(path.dirname(output), { recursive: true });
    const encoding = {
      format: payload.format ?? formatFromPath(payload.output) ?? 'mp4',
      quality: payload.quality ?? DEFAULT_QUALITY,
    };
    await renderDraft({
      ...encoding,
      draft: payload.draft,
      assets,
      output,
      cacheDir: path.join(path.resolve(dataDir), 'cache'),
      onProgress: (p) => ctx.progress(p.fraction),
      signal: ctx.signal,
    });
  };
}
