import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { isPhotoreelError, PhotoreelError } from '../../errors.ts';
import { mediaFileSchema, RENDER_STATES, type MediaFile } from '../../protocol/index.ts';
import { OUTPUT_FORMATS, QUALITIES } from '../../render/output-format.ts';
import { parseDraft } from '../../timeline/draft.ts';
import { summarize } from '../../timeline/summary.ts';
import type { RenderJob } from '../protocol-client.ts';

/** A media item in a tool's answer: the protocol's media file (the state's extra fields pass through). */
export const mediaSchema = mediaFileSchema;

export const turnShape = {
  project_id: z.string(),
  reply: z.string().describe('What was understood and changed, ending with the one-line timeline summary.'),
  edits: z.array(z.object({ name: z.string(), args: z.record(z.string(), z.unknown()) })),
  summary: z.string().describe('The one-line timeline summary after the instruction.'),
};

export const renderShape = {
  render_id: z.string(),
  status: z.enum(RENDER_STATES),
  progress: z.number().describe('0..1'),
  url: z
    .string()
    .optional()
    .describe('Signed download link (no token needed), once completed; absent on a local data folder.'),
  path: z.string().optional().describe('The video on this machine (local data folder), once completed.'),
  saved_to: z.string().optional().describe('Where save_to wrote the video.'),
  error: z.object({ code: z.number(), message: z.string() }).optional(),
  timed_out: z
    .boolean()
    .optional()
    .describe('True when the wait ended before the render did: call render_status.'),
};

export const projectId = z
  .string()
  .min(1)
  .describe('The project id create_project returned (the session id).');
export const filesInput = z
  .array(z.string().min(1))
  .max(500)
  .optional()
  .describe(
    'Local paths of photos, clips or music (or folders: their media files, sorted by name), inside the allowed folders.',
  );
export const urlsInput = z
  .array(z.url({ protocol: /^https?$/ }))
  .max(100)
  .optional()
  .describe('http(s) URLs of photos, clips or music for the server to fetch.');
export const saveToInput = z
  .string()
  .min(1)
  .optional()
  .describe(
    'A local path (inside the allowed folders) to save the video to, e.g. trip.mp4; its extension (.mp4, .webm, .mov, .gif, .webp) picks the format when `format` is not given.',
  );
export const formatInput = z
  .enum(OUTPUT_FORMATS)
  .optional()
  .describe(
    'mp4 (H.264 + AAC, default), webm (VP9 + Opus), mov (H.264 + AAC), or a short silent loop: gif or webp (at most 20 s).',
  );
export const qualityInput = z
  .enum(QUALITIES)
  .optional()
  .describe('draft (fast, for a quick look), standard (default), or high (slower, finer).');

/** The result of a failed tool call: the catalog's code and sentence, never a crash. */
export function toolError(e: unknown): CallToolResult {
  if (isPhotoreelError(e)) {
    return {
      isError: true,
      content: [{ type: 'text', text: `Error ${e.code} (${e.key}): ${e.message}` }],
      _meta: { code: e.code, key: e.key, ...(e.details ? { details: e.details } : {}) },
    };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { isError: true, content: [{ type: 'text', text: `Error: ${message}` }] };
}

export function ok<T extends Record<string, unknown>>(text: string, structured: T): CallToolResult {
  return { content: [{ type: 'text', text }], structuredContent: structured };
}

/** BAD_REQUEST unless a tool call names at least one file or URL. */
export function requireMedia(
  files: readonly string[] | undefined,
  urls: readonly string[] | undefined,
): void {
  if (!files?.length && !urls?.length) {
    throw new PhotoreelError('BAD_REQUEST', 'Give at least one local path in `files` or one URL in `urls`.');
  }
}

function labelsOf(media: readonly MediaFile[]) {
  const byId = new Map(media.map((m) => [m.id, m]));
  return (id: string) => {
    const m = byId.get(id);
    return m ? { name: m.name, kind: m.kind } : undefined;
  };
}

export function summaryOf(draft: unknown, media: readonly MediaFile[]): string {
  try {
    return summarize(parseDraft(draft), labelsOf(media));
  } catch {
    return 'Timeline: empty (say what to make, e.g. "turn these photos into a slideshow with music").';
  }
}

export type RenderResult = Record<string, unknown> & { render_id: string; status: RenderJob['status'] };

export function renderResult(job: RenderJob): RenderResult {
  const out: RenderResult = {
    render_id: job.id,
    status: job.status,
    progress: Math.max(0, Math.min(1, Number(job.progress) || 0)),
  };
  if (job.output?.url) out.url = job.output.url;
  if (job.error) out.error = { code: job.error.code, message: job.error.message };
  return out;
}

export function renderText(r: RenderResult): string {
  const where = r.saved_to ?? r.path ?? r.url;
  if (r.status === 'completed') return `Render ${r.render_id} completed${where ? `: ${String(where)}` : ''}.`;
  if (r.status === 'failed') {
    const e = r.error as { code: number; message: string } | undefined;
    return `Render ${r.render_id} failed${e ? ` (${e.code}): ${e.message}` : '.'}`;
  }
  const pct = Math.round(Number(r.progress) * 100);
  return `Render ${r.render_id} is ${r.status} (${pct}%)${r.timed_out ? ': call render_status to follow it' : ''}.`;
}
