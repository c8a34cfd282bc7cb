import { access, mkdir, rename, rm } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { PhotoreelError } from '../errors.ts';
import { parseDraft, videoTrack, type Draft, type Fit } from '../timeline/draft.ts';
import { encodeArgs, type EncodeInput } from './encode-args.ts';
import { checkRenderable } from './renderable.ts';
import { feedFrames } from './feed-frames.ts';
import { layoutFrames } from './layout.ts';
import { measureAudioInput } from './measure-loudness.ts';
import { motionOf, stillSize } from './motion.ts';
import { prepareStill } from '../media/prepare.ts';
import { runFfmpeg } from './run.ts';
import { fpsFraction } from './layout.ts';
import {
  DEFAULT_QUALITY,
  formatFromPath,
  hasAudio,
  type OutputFormat,
  type Quality,
} from './output-format.ts';
import type { RenderAsset, RenderProgress, RenderResult } from './types.ts';

export interface RenderDraftOptions {
  /** The draft as JSON may arrive: it is validated here. */
  draft: unknown;
  assets: Record<string, RenderAsset>;
  /** Where the video goes. Written atomically: it appears whole, or not at all. */
  output: string;
  /** Container and codecs (default: from the output's extension, else mp4). */
  format?: OutputFormat;
  /** Encoder settings (default `standard`: H.264 CRF 20 veryfast for mp4). */
  quality?: Quality;
  /** Where prepared stills are cached. */
  cacheDir: string;
  onProgress?: (p: RenderProgress) => void;
  signal?: AbortSignal;
  /** Folder of extra fonts for titles (the bundled and installed ones are always there). */
  fontDir?: string;
  /** Frame workers (default 2). */
  workers?: number;
  /** Called with ffmpeg's pid once it runs (benchmarks sample its memory). */
  onSpawn?: (pid: number) => void;
  /** Called with the ffmpeg arguments before it runs (logs, tests). */
  onArgs?: (args: string[]) => void;
}

let tempCounter = 0;

async function exists(p: string): Promise<boolean> {
  try {
    await access(p, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** One video-track item, checked: the asset it draws and how. */
export interface ResolvedItem {
  asset: RenderAsset;
  fit: Fit;
  /** A clip or an animated GIF: decoded by ffmpeg, frame by frame. */
  clip: boolean;
}

interface Resolved {
  video: ResolvedItem[];
  audio: RenderAsset[];
}

function isClip(asset: RenderAsset): boolean {
  return asset.info.kind === 'video' || (asset.info.kind === 'image' && asset.info.animated === true);
}

/** Checks every item's asset (checkRenderable: this session's, of a usable kind) and that its file is there. */
async function resolveAssets(draft: Draft, assets: Record<string, RenderAsset>): Promise<Resolved> {
  checkRenderable(draft, (id) => assets[id]?.info, { requireVideo: true });
  const video = (videoTrack(draft)?.sg ?? []).map((item): ResolvedItem => {
    const asset = assets[item.src]!;
    return { asset, fit: item.m.fit ?? 'cover', clip: isClip(asset) };
  });
  const audio = draft.t.flatMap((t) => (t.tt === 1 ? t.sg.map((seg) => assets[seg.src]!) : []));
  const all = [...video.map((v) => v.asset), ...audio];
  for (const asset of new Set(all)) {
    if (!(await exists(asset.path))) {
      throw new PhotoreelError(
        'MEDIA_NOT_FOUND',
        `The file of media "${asset.id}"${asset.name ? ` (${asset.name})` : ''} is missing on disk: upload it again.`,
        { src: asset.id },
      );
    }
  }
  return { video, audio };
}

/**
 * The frames of a draft exactly as the renderer draws them, before any encoding: raw yuv420p
 * (BT.709 limited range) written into `into`, in order. For tests and tools that judge the picture
 * itself (motion, sharpness) without the encoder's losses.
 */
export async function drawFrames(o: {
  draft: unknown;
  assets: Record<string, RenderAsset>;
  cacheDir: string;
  into: Writable;
  signal?: AbortSignal;
  workers?: number;
}): Promise<{ frames: number; width: number; height: number }> {
  const draft = parseDraft(o.draft);
  const resolved = await resolveAssets(draft, o.assets);
  await mkdir(o.cacheDir, { recursive: true });
  const layout = layoutFrames(draft);
  const items = videoTrack(draft)?.sg ?? [];
  await feedFrames({
    draft,
    layout,
    items: resolved.video.map((v, i) => ({ ...v, motion: motionOf(items[i]!) })),
    cacheDir: o.cacheDir,
    workers: o.workers ?? 2,
    stdin: o.into,
    signal: o.signal ?? new AbortController().signal,
  });
  return { frames: layout.frames, width: draft.w, height: draft.h };
}

/**
 * Renders a draft: validates it, lays it out in frames, draws every frame in worker threads
 * (photos prepared just in time as oversampled stills and warped; clips decoded by ffmpeg;
 * transitions and titles composited) and pipes them as raw yuv420p to one ffmpeg that encodes
 * them and mixes the sound. The output is written atomically (temp file + rename); on failure or
 * cancel neither the output nor the temp file remains.
 */
export async function renderDraft(opts: RenderDraftOptions): Promise<RenderResult> {
  const draft = parseDraft(opts.draft);
  const resolved = await resolveAssets(draft, opts.assets);
  if (opts.signal?.aborted) throw new PhotoreelError('RENDER_CANCELLED');

  const outDir = path.dirname(path.resolve(opts.output));
  await mkdir(outDir, { recursive: true });
  await mkdir(opts.cacheDir, { recursive: true });
  const temp = path.join(outDir, `.${path.basename(opts.output)}.${process.pid}-${++tempCounter}.partial`);

  const fps = fpsFraction(draft.fps);
  const layout = layoutFrames(draft);
  const items = videoTrack(draft)?.sg ?? [];
  const format = opts.format ?? formatFromPath(opts.output) ?? 'mp4';
  const quality = opts.quality ?? DEFAULT_QUALITY;
  let audio: EncodeInput['audio'] = {
    clips: resolved.video.flatMap((v, i) => {
      const lay = layout.items[i]!;
      if (!v.clip || lay.clipEnd <= lay.clipStart) return [];
      return [
        {
          item: i,
          path: v.asset.path,
          startFrame: lay.clipStart,
          frames: lay.clipEnd - lay.clipStart,
          hasAudio: v.asset.info.kind === 'video' && v.asset.info.hasAudio === true,
          volume: items[i]?.m.volume ?? 1,
          fadeInFrames: lay.inFrames,
          fadeOutFrames: lay.out?.frames ?? 0,
        },
      ];
    }),
    music: resolved.audio.map((a) => ({
      path: a.path,
      ...(a.info.durationMs !== undefined ? { durationMs: a.info.durationMs } : {}),
    })),
  };
  // The first photo is prepared while the sound is measured and ffmpeg starts (the frame feed then
  // finds it ready, or waits for the same preparation: it is not done twice).
  const first = resolved.video.findIndex((v) => !v.clip);
  const firstSize = first >= 0 ? stillSize({ w: draft.w, h: draft.h }, motionOf(items[first]!)) : undefined;
  if (first >= 0 && firstSize) {
    void prepareStill(resolved.video[first]!.asset.path, {
      width: firstSize.w,
      height: firstSize.h,
      fit: resolved.video[first]!.fit,
      cacheDir: opts.cacheDir,
    }).catch(() => undefined); // a failure is reported when the frame feed prepares it again
  }
  if (hasAudio(format)) {
    // Each source's loudness, so the mix normalises it with a fixed gain before the draft's volume.
    audio = await measureAudioInput(
      { ...audio, draft, fps, frames: layout.frames, firstInputIndex: 1 },
      opts.signal ? { signal: opts.signal } : {},
    );
  }
  if (opts.signal?.aborted) throw new PhotoreelError('RENDER_CANCELLED');
  const args = encodeArgs({ draft, fps, frames: layout.frames, audio, format, quality, output: temp });
  opts.onArgs?.(args);
  const durationMs = items.reduce((s, i) => s + i.d, 0);

  try {
    opts.onProgress?.({ fraction: 0 });
    await runFfmpeg({
      args,
      durationMs: (layout.frames * fps.den * 1000) / fps.num,
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.onSpawn ? { onSpawn: opts.onSpawn } : {}),
      onProgress: (p) => opts.onProgress?.(p.fraction >= 1 ? { ...p, fraction: 0.999 } : p),
      feed: (stdin, signal) =>
        feedFrames({
          draft,
          layout,
          items: resolved.video.map((v, i) => ({ ...v, motion: motionOf(items[i]!) })),
          cacheDir: opts.cacheDir,
          workers: opts.workers ?? 2,
          ...(opts.fontDir !== undefined ? { fontDir: opts.fontDir } : {}),
          stdin,
          signal,
        }),
    });
    if (opts.signal?.aborted) throw new PhotoreelError('RENDER_CANCELLED');
    await rename(temp, opts.output);
    opts.onProgress?.({ fraction: 1, etaMs: 0, frame: layout.frames });
    return { output: opts.output, durationMs, width: draft.w, height: draft.h };
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
