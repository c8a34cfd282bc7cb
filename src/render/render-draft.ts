import { access, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PhotoreelError } from '../errors.ts';
import { prepareImage } from '../media/prepare.ts';
import { parseDraft, videoTrack, type Draft, type Fit } from '../timeline/draft.ts';
import { planRender, type PlanAudioInput, type PlanVideoInput, type RenderPlan } from './plan.ts';
import { runFfmpeg } from './run.ts';
import type { RenderAsset, RenderProgress, RenderResult } from './types.ts';

export interface RenderDraftOptions {
  /** The draft as JSON may arrive: it is validated here. */
  draft: unknown;
  assets: Record<string, RenderAsset>;
  /** Where the MP4 goes. Written atomically: it appears whole, or not at all. */
  output: string;
  /** Where prepared stills are cached. */
  cacheDir: string;
  onProgress?: (p: RenderProgress) => void;
  signal?: AbortSignal;
  /** Font for text overlays (default: the bundled WenQuanYi Micro Hei). */
  fontPath?: string;
  /** How many photos are prepared at once (default: 2). */
  concurrency?: number;
  /** Most video items one ffmpeg run draws (default 5); longer drafts render in chunks. */
  maxItemsPerRun?: number;
  /**
   * How many video chunks of a long draft render at once (default 1, which keeps ffmpeg's peak under
   * 0.5 GB at 1080p). One ffmpeg run keeps about 1.6 of 2 cores busy, so 2 finishes about 12% sooner on
   * 2 cores, at twice ffmpeg's peak memory (~0.9 GB). The output is the same bytes either way.
   */
  parallelRuns?: number;
  /** Called with the plan before ffmpeg runs (logs, benchmarks). */
  onPlan?: (plan: RenderPlan) => void;
  /** Called with ffmpeg's pid once it runs (benchmarks sample its memory). */
  onSpawn?: (pid: number) => void;
}

/** The bundled font: assets/fonts/ at the package root (same path from src/render and dist/render). */
export const DEFAULT_FONT = fileURLToPath(new URL('../../assets/fonts/wqy-microhei.ttc', import.meta.url));

/** One chunk run at a time: memory stays flat (each ffmpeg run peaks near 0.5 GB at 1080p). */
export const DEFAULT_PARALLEL_RUNS = 1;

/** Share of the progress bar spent preparing photos. */
const PREPARE_SHARE = 0.05;

let tempCounter = 0;

async function exists(p: string): Promise<boolean> {
  try {
    await access(p, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** Runs `fn` over `items` with at most `limit` at a time, results in order. */
async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

interface Resolved {
  video: { asset: RenderAsset; fit: Fit }[];
  audio: RenderAsset[];
}

/** Checks every item's asset: present, of a usable kind, readable. */
async function resolveAssets(draft: Draft, assets: Record<string, RenderAsset>): Promise<Resolved> {
  const items = videoTrack(draft)?.sg ?? [];
  if (items.length === 0) {
    throw new PhotoreelError(
      'DRAFT_INVALID',
      'The draft has no photos or clips on its video track: add at least one item before exporting.',
    );
  }
  const videoIndex = draft.t.findIndex((t) => t.tt === 0);
  const video = items.map((item, i) => {
    const asset = assets[item.src];
    const where = `video item ${i + 1} (t[${videoIndex}].sg[${i}])`;
    if (!asset) {
      throw new PhotoreelError(
        'MEDIA_NOT_FOUND',
        `The ${where} uses media "${item.src}", which is not among this session's uploads: upload it or remove the item.`,
        { src: item.src, item: i },
      );
    }
    if (asset.info.kind === 'audio') {
      throw new PhotoreelError(
        'DRAFT_INVALID',
        `The ${where} uses "${item.src}", which is audio: put it on an audio track, and a photo or clip here.`,
        { src: item.src, item: i },
      );
    }
    return { asset, fit: item.m.fit ?? 'cover' };
  });
  const audio: RenderAsset[] = [];
  draft.t.forEach((track, ti) => {
    if (track.tt !== 1) return;
    track.sg.forEach((seg, si) => {
      const asset = assets[seg.src];
      const where = `audio item ${si + 1} (t[${ti}].sg[${si}])`;
      if (!asset) {
        throw new PhotoreelError(
          'MEDIA_NOT_FOUND',
          `The ${where} uses media "${seg.src}", which is not among this session's uploads: upload it or remove the item.`,
          { src: seg.src },
        );
      }
      if (asset.info.kind === 'image' || (asset.info.kind === 'video' && asset.info.hasAudio === false)) {
        throw new PhotoreelError(
          'DRAFT_INVALID',
          `The ${where} uses "${seg.src}", which has no sound: use a music file (mp3, m4a, wav, aac) there.`,
          { src: seg.src },
        );
      }
      audio.push(asset);
    });
  });
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

function isClip(asset: RenderAsset): boolean {
  return asset.info.kind === 'video' || (asset.info.kind === 'image' && asset.info.animated === true);
}

/**
 * Renders a draft to an MP4: validates it, prepares the photos (in parallel, bounded),
 * plans the ffmpeg run (several for long drafts: video chunks, then the join with sound),
 * and writes the output atomically (temp file + rename).
 * On failure or cancel neither the output nor the temp file remains.
 */
export async function renderDraft(opts: RenderDraftOptions): Promise<RenderResult> {
  const draft = parseDraft(opts.draft);
  const resolved = await resolveAssets(draft, opts.assets);
  const cancelled = (): boolean => opts.signal?.aborted === true;
  if (cancelled()) throw new PhotoreelError('RENDER_CANCELLED');

  const report = (p: RenderProgress): void => opts.onProgress?.(p);
  const outDir = path.dirname(path.resolve(opts.output));
  await mkdir(outDir, { recursive: true });
  await mkdir(opts.cacheDir, { recursive: true });
  // Scratch (text files, stills lists, video chunks of long drafts) sits beside the output: same disk.
  const scratch = await mkdtemp(path.join(outDir, `.${path.basename(opts.output)}.work-`));
  const temp = path.join(outDir, `.${path.basename(opts.output)}.${process.pid}-${++tempCounter}.partial`);

  try {
    // Photos: decoded, oriented and composed once, at canvas size. Same photo + fit: prepared once.
    const seen = new Set<string>();
    let prepared = 0;
    const uniqueJobs = resolved.video.filter((v) => {
      const key = `${v.asset.path}\n${v.fit}`;
      if (isClip(v.asset) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const stillsPrepared = await mapLimit(uniqueJobs, opts.concurrency ?? 2, async (job) => {
      if (cancelled()) throw new PhotoreelError('RENDER_CANCELLED');
      const still = await prepareImage(job.asset.path, {
        width: draft.w,
        height: draft.h,
        fit: job.fit,
        cacheDir: opts.cacheDir,
      });
      prepared++;
      report({ fraction: (PREPARE_SHARE * prepared) / Math.max(1, uniqueJobs.length) });
      return still;
    });
    const byKey = new Map<string, { path: string; width: number; height: number }>();
    uniqueJobs.forEach((job, i) => {
      const still = stillsPrepared[i];
      if (still) byKey.set(`${job.asset.path}\n${job.fit}`, still);
    });
    if (cancelled()) throw new PhotoreelError('RENDER_CANCELLED');

    const video: PlanVideoInput[] = resolved.video.map(({ asset, fit }) => {
      if (isClip(asset)) {
        return {
          kind: 'clip',
          path: asset.path,
          width: asset.info.width ?? draft.w,
          height: asset.info.height ?? draft.h,
          ...(asset.info.durationMs !== undefined ? { durationMs: asset.info.durationMs } : {}),
          hasAudio: asset.info.kind === 'video' && asset.info.hasAudio === true,
          gif: asset.info.kind === 'image',
        };
      }
      const still = byKey.get(`${asset.path}\n${fit}`);
      if (!still) throw new PhotoreelError('RENDER_FAILED', `The photo "${asset.id}" could not be prepared.`);
      return { kind: 'image', path: still.path, width: still.width, height: still.height };
    });
    const audio: PlanAudioInput[] = resolved.audio.map((asset) => ({
      path: asset.path,
      ...(asset.info.durationMs !== undefined ? { durationMs: asset.info.durationMs } : {}),
    }));

    const plan = planRender({
      draft,
      video,
      audio,
      fontPath: opts.fontPath ?? DEFAULT_FONT,
      output: temp,
      scratchDir: scratch,
      ...(opts.maxItemsPerRun !== undefined ? { maxItemsPerRun: opts.maxItemsPerRun } : {}),
    });
    opts.onPlan?.(plan);
    for (const file of plan.files) await writeFile(file.path, file.content, 'utf8');

    // Long drafts render in several runs (video chunks, then the join with sound), stage by stage; the
    // runs of a stage may run side by side. One progress bar over all of them.
    const runsStarted = Date.now();
    const runFraction = plan.runs.map(() => 0);
    const reportRuns = (frame: number | undefined): void => {
      const fraction = Math.min(
        0.999,
        PREPARE_SHARE +
          (1 - PREPARE_SHARE) * plan.runs.reduce((sum, run, j) => sum + run.weight * runFraction[j]!, 0),
      );
      // Time left for the whole render, from the pace so far across all runs.
      const rendered = fraction - PREPARE_SHARE;
      const etaMs =
        rendered > 0.02 ? Math.round(((Date.now() - runsStarted) * (1 - fraction)) / rendered) : undefined;
      report({
        fraction,
        ...(etaMs !== undefined ? { etaMs } : {}),
        ...(frame !== undefined ? { frame } : {}),
      });
    };
    const parallel = Math.max(1, opts.parallelRuns ?? DEFAULT_PARALLEL_RUNS);
    const stages = [...new Set(plan.runs.map((run) => run.stage))].sort((a, b) => a - b);
    for (const stage of stages) {
      if (cancelled()) throw new PhotoreelError('RENDER_CANCELLED');
      const indices = plan.runs.flatMap((run, j) => (run.stage === stage ? [j] : []));
      // Runs of a stage share one abort: the first failure stops the others, and its error is the one reported.
      const stop = new AbortController();
      const onAbort = (): void => stop.abort();
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      let firstError: unknown;
      try {
        await mapLimit(indices, parallel, async (j) => {
          if (stop.signal.aborted) return;
          const run = plan.runs[j]!;
          try {
            await runFfmpeg({
              args: run.args,
              durationMs: run.durationMs,
              signal: stop.signal,
              ...(opts.onSpawn ? { onSpawn: opts.onSpawn } : {}),
              onProgress: (p) => {
                runFraction[j] = p.fraction;
                reportRuns(indices.length === 1 ? p.frame : undefined);
              },
            });
            runFraction[j] = 1;
          } catch (err) {
            if (firstError === undefined && !stop.signal.aborted) firstError = err;
            stop.abort();
          }
        });
      } finally {
        opts.signal?.removeEventListener('abort', onAbort);
      }
      if (cancelled()) throw new PhotoreelError('RENDER_CANCELLED');
      if (firstError !== undefined) throw firstError;
    }
    if (cancelled()) throw new PhotoreelError('RENDER_CANCELLED');
    await rename(temp, opts.output);
    report({ fraction: 1, etaMs: 0, frame: plan.frames });
    return { output: opts.output, durationMs: plan.durationMs, width: draft.w, height: draft.h };
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
