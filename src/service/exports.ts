import path from 'node:path';
import { PhotoreelError } from '../errors.ts';
import { checkRenderable } from '../render/renderable.ts';
import type { JobState, RenderJobPayload } from '../queue/types.ts';
import {
  checkOutputLength,
  DEFAULT_FORMAT,
  DEFAULT_QUALITY,
  EXTENSIONS,
  formatFromPath,
  parseFormat,
  parseQuality,
  type OutputFormat,
  type Quality,
} from '../render/output-format.ts';
import type { RenderAsset } from '../render/types.ts';
import type { RenderRow } from '../store/renders-repo.ts';
import { parseDraft, type Draft, TRACK_AUDIO, TRACK_VIDEO } from '../timeline/draft.ts';
import type { ServiceContext } from './context.ts';
import { draftWithinLimits } from './draft-limits.ts';
import { checkExportLimits } from './export-limits.ts';
import { hmacBase64url, safeEqual, sha256Hex } from './ids.ts';
import { ownedSession } from './sessions.ts';
import type { Attribution } from '../store/tokens-repo.ts';

export const RENDER_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
const JOB_FILE = /^(r_[0-9a-f]{32})\.(mp4|webm|mov|gif|webp)$/;

export interface ExportRequest {
  id: string;
  sessionId: string;
  draft: unknown;
  output?: { format?: string | undefined; quality?: string | undefined } | undefined;
}

export interface ExportStatus {
  id: string;
  status: JobState['status'];
  progress: number;
  output: { url: string | null };
  error: { code: number; message: string } | null;
}

/** The queue id of a client's render id: unique per token, so equal ids of two tokens never meet. */
export function jobIdOf(tokenHash: string, renderId: string): string {
  return `r_${sha256Hex(`${tokenHash}\n${renderId}`).slice(0, 32)}`;
}

function checkRenderId(id: string): void {
  if (!RENDER_ID.test(id)) {
    throw new PhotoreelError(
      'BAD_REQUEST',
      'The render id is not valid: use letters, digits, "_", "-", "." or ":" (at most 128), like render_1700000000.',
    );
  }
}

/** Every asset id the draft draws, in order. */
export function draftAssetIds(draft: Draft): string[] {
  const ids = new Set<string>();
  for (const t of draft.t)
    if (t.tt === TRACK_VIDEO || t.tt === TRACK_AUDIO) for (const s of t.sg) ids.add(s.src);
  return [...ids];
}

/** The job's assets: the draft must be renderable from this session's media (checkRenderable). */
export function renderAssets(
  ctx: ServiceContext,
  sessionId: string,
  draft: Draft,
): Record<string, RenderAsset> {
  const rows = new Map(draftAssetIds(draft).map((id) => [id, ctx.store.media.get(sessionId, id)]));
  checkRenderable(draft, (id) => rows.get(id)?.info, { requireVideo: true });
  const assets: Record<string, RenderAsset> = {};
  for (const [id, m] of rows) if (m) assets[id] = { id, path: m.path, info: m.info, name: m.label };
  return assets;
}

/** The export body's `output`: format and quality, each checked (BAD_REQUEST), defaults mp4 and standard. */
export function exportOutput(output: ExportRequest['output']): { format: OutputFormat; quality: Quality } {
  return {
    format: output?.format ? parseFormat(output.format) : DEFAULT_FORMAT,
    quality: output?.quality ? parseQuality(output.quality) : DEFAULT_QUALITY,
  };
}

/**
 * Starts an export (no credits): validates the draft, checks its assets, queues the job idempotently on the id.
 * Posting the same id again returns the same job and never renders twice.
 */
export async function startExport(
  ctx: ServiceContext,
  tokenHash: string,
  body: ExportRequest,
  attribution: Attribution,
): Promise<{ id: string; status: JobState['status'] }> {
  checkRenderId(body.id);
  if (ctx.config.requireAttribution && !(attribution.source && attribution.version && attribution.platform)) {
    throw new PhotoreelError('EXPORT_BLOCKED');
  }
  const { format, quality } = exportOutput(body.output);
  const session = ownedSession(ctx, tokenHash, body.sessionId);
  const jobId = jobIdOf(tokenHash, body.id);
  const existing = ctx.store.renders.getOwned(tokenHash, body.id);
  if (existing) {
    const state = await ctx.queue.get(existing.jobId);
    if (state) return { id: body.id, status: state.status };
  }
  const draft = parseDraft(body.draft);
  draftWithinLimits(draft, ctx.config);
  const video = draft.t.find((t) => t.tt === TRACK_VIDEO);
  if (!video || video.sg.length === 0) {
    throw new PhotoreelError(
      'DRAFT_INVALID',
      'The draft has no photos or clips on its video track: add some, then export.',
    );
  }
  checkOutputLength(
    format,
    video.sg.reduce((sum, item) => sum + item.d, 0),
  );
  const estimate = checkExportLimits(draft, ctx.config);
  const assets = renderAssets(ctx, session.id, draft);
  const output = path.posix.join('renders', `${jobId}.${EXTENSIONS[format]}`);
  const { row } = ctx.store.renders.insertOrGet({
    id: body.id,
    tokenHash,
    jobId,
    sessionId: session.id,
    output,
    createdAt: ctx.now().toISOString(),
  });
  // The format is the stored output's (a repeated id keeps its first render's); quality rides in the job.
  const payload: RenderJobPayload = {
    draft,
    assets,
    output: row.output,
    sessionId: row.sessionId,
    format: formatFromPath(row.output) ?? format,
    quality,
  };
  // Fair scheduling and the pending-render limits key on the token: its jobs queue behind other tokens' firsts.
  const state = await ctx.queue.add(row.jobId, payload, {
    owner: tokenHash,
    maxPerOwner: ctx.config.maxRendersPerToken,
    maxTotal: ctx.config.maxRendersTotal,
  });
  ctx.log.info(
    {
      renderId: body.id,
      jobId: row.jobId,
      session: row.sessionId,
      format: payload.format,
      quality,
      cost: estimate.cost,
    },
    'export queued',
  );
  return { id: body.id, status: state.status };
}

/**
 * A signed download link of a render's video (named with its format's extension): valid until the hour
 * after `downloadTtlHours`, no bearer token needed.
 */
export function signedDownloadUrl(
  ctx: ServiceContext,
  jobId: string,
  baseUrl: string,
  format: OutputFormat = 'mp4',
): string {
  const hour = 3600;
  const nowS = Math.floor(ctx.now().getTime() / 1000);
  const expires = (Math.floor(nowS / hour) + 1) * hour + Math.round(ctx.config.downloadTtlHours * hour);
  const sig = hmacBase64url(ctx.secret, `download:${jobId}:${expires}`);
  return `${baseUrl}/api/download/${jobId}.${EXTENSIONS[format]}?expires=${expires}&sig=${sig}`;
}

/** Checks a download link; returns the video's path relative to the data folder, or TOKEN_INVALID. */
export function verifyDownload(ctx: ServiceContext, file: string, expires: unknown, sig: unknown): string {
  const m = JOB_FILE.exec(file);
  const exp = typeof expires === 'string' && /^\d{1,12}$/.test(expires) ? Number(expires) : NaN;
  const bad = new PhotoreelError(
    'TOKEN_INVALID',
    'This download link is invalid or expired: ask for the export status again to get a fresh link.',
  );
  if (!m?.[1] || !Number.isFinite(exp) || typeof sig !== 'string') throw bad;
  if (!safeEqual(sig, hmacBase64url(ctx.secret, `download:${m[1]}:${exp}`))) throw bad;
  if (exp * 1000 < ctx.now().getTime()) throw bad;
  return path.posix.join('renders', `${m[1]}.${m[2]}`);
}

export async function renderStatus(
  ctx: ServiceContext,
  row: RenderRow,
  baseUrl: string,
): Promise<ExportStatus> {
  const state = await ctx.queue.get(row.jobId);
  if (!state) {
    return {
      id: row.id,
      status: 'failed',
      progress: 0,
      output: { url: null },
      error: {
        code: 500,
        message: 'The render job was lost by the queue: post the export again with the same id.',
      },
    };
  }
  const done = state.status === 'completed';
  return {
    id: row.id,
    status: state.status,
    progress: done ? 1 : Math.max(0, Math.min(1, state.progress)),
    output: {
      url: done ? signedDownloadUrl(ctx, row.jobId, baseUrl, formatFromPath(row.output) ?? 'mp4') : null,
    },
    error: state.status === 'failed' ? (state.error ?? { code: 5001, message: 'The render failed.' }) : null,
  };
}

function ownedRender(ctx: ServiceContext, tokenHash: string, id: string): RenderRow {
  const row = id.length <= 128 ? ctx.store.renders.getOwned(tokenHash, id) : undefined;
  if (!row)
    throw new PhotoreelError(
      'RENDER_NOT_FOUND',
      'No render with this id exists for this token: start an export first.',
    );
  return row;
}

/** The status of one of this token's renders; another token's id answers RENDER_NOT_FOUND like a missing one. */
export async function getExport(
  ctx: ServiceContext,
  tokenHash: string,
  id: string,
  baseUrl: string,
): Promise<ExportStatus> {
  return renderStatus(ctx, ownedRender(ctx, tokenHash, id), baseUrl);
}

/**
 * Cancels one of this token's renders: a queued one never starts, a rendering one has its ffmpeg stopped and its
 * partial files removed by its worker. From then on its status is `failed` with RENDER_CANCELLED (5002), which
 * protocol clients already treat as the end. A render that already ended is left as it is. Another token's id
 * answers RENDER_NOT_FOUND like a missing one.
 */
export async function cancelExport(
  ctx: ServiceContext,
  tokenHash: string,
  id: string,
  baseUrl: string,
): Promise<ExportStatus> {
  const row = ownedRender(ctx, tokenHash, id);
  const state = await ctx.queue.cancel(row.jobId);
  ctx.log.info({ renderId: row.id, jobId: row.jobId, status: state?.status }, 'export cancel');
  return renderStatus(ctx, row, baseUrl);
}
