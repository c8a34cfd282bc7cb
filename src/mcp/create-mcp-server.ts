import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { isPhotoreelError, PhotoreelError } from '../errors.ts';
import {
  DEFAULT_FORMAT,
  DEFAULT_QUALITY,
  OUTPUT_FORMATS,
  QUALITIES,
  resolveOutputFormat,
} from '../render/output-format.ts';
import { parseDraft } from '../timeline/draft.ts';
import { summarize } from '../timeline/summary.ts';
import { expandMediaPaths, resolveAllowedDirs, resolveAllowedOutput } from './allowed-path.ts';
import { registerCancelRenderTool } from './cancel-render-tool.ts';
import type { Backend, McpOptions } from './options.ts';
import type { MediaFile, RenderJob } from './protocol-client.ts';

export const MCP_SERVER_NAME = 'photoreel';
export const MCP_SERVER_VERSION = '0.1.0';

const mediaSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  mime: z.string().optional(),
  size: z.number().optional(),
  width: z.number().nullable().optional(),
  height: z.number().nullable().optional(),
  duration_ms: z.number().nullable().optional(),
});

const turnShape = {
  project_id: z.string(),
  reply: z.string().describe('What was understood and changed, ending with the one-line timeline summary.'),
  edits: z.array(z.object({ name: z.string(), args: z.record(z.string(), z.unknown()) })),
  summary: z.string().describe('The one-line timeline summary after the instruction.'),
};

const renderShape = {
  render_id: z.string(),
  status: z.enum(['queued', 'rendering', 'completed', 'failed']),
  progress: z.number().describe('0..1'),
  url: z.string().optional().describe('Signed download link (no token needed), once completed.'),
  path: z.string().optional().describe('The video on this machine (data-dir mode), once completed.'),
  saved_to: z.string().optional().describe('Where save_to wrote the video.'),
  error: z.object({ code: z.number(), message: z.string() }).optional(),
  timed_out: z
    .boolean()
    .optional()
    .describe('True when the wait ended before the render did: call render_status.'),
};

/**
 * How long export waits by default: under the 60 s request timeout many MCP clients use.
 * A longer render answers `timed_out: true`; render_status (with wait_seconds) follows it.
 */
const DEFAULT_WAIT_SECONDS = 50;

/** The first instruction of a project created without one. */
const DEFAULT_FIRST = { en: 'turn these photos into a slideshow', zh: '把这些照片做成幻灯片视频' } as const;

const projectId = z.string().min(1).describe('The project id create_project returned (the session id).');
const filesInput = z
  .array(z.string().min(1))
  .max(500)
  .optional()
  .describe(
    'Local paths of photos, clips or music (or folders: their media files, sorted by name), inside the allowed folders.',
  );
const urlsInput = z
  .array(z.url({ protocol: /^https?$/ }))
  .max(100)
  .optional()
  .describe('http(s) URLs of photos, clips or music for the server to fetch.');
const saveToInput = z
  .string()
  .min(1)
  .optional()
  .describe(
    'A local path (inside the allowed folders) to save the video to, e.g. trip.mp4; its extension (.mp4, .webm, .mov, .gif, .webp) picks the format when `format` is not given.',
  );
const formatInput = z
  .enum(OUTPUT_FORMATS)
  .optional()
  .describe(
    'mp4 (H.264 + AAC, default), webm (VP9 + Opus), mov (H.264 + AAC), or a short silent loop: gif or webp (at most 20 s).',
  );
const qualityInput = z
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

function ok<T extends Record<string, unknown>>(text: string, structured: T): CallToolResult {
  return { content: [{ type: 'text', text }], structuredContent: structured };
}

/** BAD_REQUEST unless a tool call names at least one file or URL. */
function requireMedia(files: readonly string[] | undefined, urls: readonly string[] | undefined): void {
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

function summaryOf(draft: unknown, media: readonly MediaFile[]): string {
  try {
    return summarize(parseDraft(draft), labelsOf(media));
  } catch {
    return 'Timeline: empty (say what to make, e.g. "turn these photos into a slideshow with music").';
  }
}

function renderResult(
  job: RenderJob,
): Record<string, unknown> & { render_id: string; status: RenderJob['status'] } {
  const out: Record<string, unknown> & { render_id: string; status: RenderJob['status'] } = {
    render_id: job.id,
    status: job.status,
    progress: Math.max(0, Math.min(1, Number(job.progress) || 0)),
  };
  if (job.output?.url) out.url = job.output.url;
  if (job.error) {
    out.error =
      typeof job.error === 'string'
        ? { code: 5001, message: job.error }
        : { code: job.error.code, message: job.error.message };
  }
  return out;
}

function renderText(r: Record<string, unknown>): string {
  const where = r.saved_to ?? r.path ?? r.url;
  if (r.status === 'completed')
    return `Render ${String(r.render_id)} completed${where ? `: ${String(where)}` : ''}.`;
  if (r.status === 'failed') {
    const e = r.error as { code: number; message: string } | undefined;
    return `Render ${String(r.render_id)} failed${e ? ` (${e.code}): ${e.message}` : '.'}`;
  }
  const pct = Math.round(Number(r.progress) * 100);
  return `Render ${String(r.render_id)} is ${String(r.status)} (${pct}%)${r.timed_out ? ': call render_status to follow it' : ''}.`;
}

/**
 * The MCP server: tools that make a video from photos over one protocol client.
 * `backend` opens lazily on the first tool call (the in-process service or a server URL).
 */
export function createMcpServerWith(options: McpOptions, openBackend: () => Promise<Backend>): McpServer {
  const server = new McpServer(
    { name: MCP_SERVER_NAME, version: MCP_SERVER_VERSION },
    {
      instructions:
        'photoreel turns photos into a finished 1080p H.264 MP4, deterministically. Call create_project with local ' +
        'paths or URLs (and optionally a first instruction), describe the video in plain words with instruct ' +
        '(English or Chinese: "vertical 720p, 2 seconds each, fades, add the title \'Porto\'"), check get_draft, ' +
        'then export and follow render_status.',
    },
  );
  const cwd = options.cwd ?? process.cwd();
  let backend: Promise<Backend> | undefined;
  let allowed: Promise<string[]> | undefined;
  const getBackend = () => (backend ??= openBackend());
  const getAllowed = () =>
    (allowed ??= resolveAllowedDirs((options.allowedDirs ?? [cwd]).map((d) => path.resolve(cwd, d))));

  let closing: Promise<void> | undefined;
  const closeBackend = () =>
    (closing ??= (backend ?? Promise.resolve(undefined)).then((b) => b?.close()).catch(() => undefined));
  server.server.onclose = () => void closeBackend();
  const closeServer = server.close.bind(server);
  server.close = async () => {
    await closeServer();
    await closeBackend();
  };

  const run = async (fn: () => Promise<CallToolResult>): Promise<CallToolResult> => {
    try {
      return await fn();
    } catch (e) {
      return toolError(e);
    }
  };

  async function upload(
    sessionId: string,
    files: readonly string[] | undefined,
    urls: readonly string[] | undefined,
  ) {
    const { client } = await getBackend();
    const media: MediaFile[] = [];
    if (files?.length) {
      const paths = await expandMediaPaths(files, await getAllowed(), cwd);
      // A few files a request keeps each request short and each failure local to its file.
      for (let i = 0; i < paths.length; i += 20)
        media.push(...(await client.uploadFiles(sessionId, paths.slice(i, i + 20))));
    }
    if (urls?.length) media.push(...(await client.importUrls(sessionId, urls)));
    return media;
  }

  async function instructTurn(sessionId: string, text: string): Promise<CallToolResult> {
    const { client } = await getBackend();
    const turn = await client.instruct(sessionId, text);
    const state = await client.state(sessionId);
    const summary = summaryOf(state.draft, state.video_infos);
    return ok(turn.reply || summary, {
      project_id: sessionId,
      reply: turn.reply,
      edits: turn.edits,
      summary,
    });
  }

  async function followRender(
    renderId: string,
    waitMs: number,
    saveTo: string | undefined,
    progress: ((fraction: number, status: string) => Promise<void>) | undefined,
    signal: AbortSignal,
  ): Promise<CallToolResult> {
    const b = await getBackend();
    const target = saveTo ? await resolveAllowedOutput(saveTo, await getAllowed(), cwd) : undefined;
    const deadline = Date.now() + waitMs;
    let job = await b.client.renderStatus(renderId);
    while (
      job.status !== 'completed' &&
      job.status !== 'failed' &&
      Date.now() < deadline &&
      !signal.aborted
    ) {
      await progress?.(Number(job.progress) || 0, job.status);
      await new Promise((r) =>
        setTimeout(r, Math.min(options.pollIntervalMs ?? 500, Math.max(0, deadline - Date.now()))),
      );
      job = await b.client.renderStatus(renderId);
    }
    const result = renderResult(job);
    if (job.status === 'completed') {
      await progress?.(1, job.status);
      const local = job.output?.url ? await b.localRenderPath(job.output.url) : undefined;
      if (local) result.path = local;
      if (target && job.output?.url) {
        await b.client.download(job.output.url, target);
        result.saved_to = target;
      }
    } else if (job.status !== 'failed' && waitMs > 0) {
      result.timed_out = true;
    }
    return ok(renderText(result), result);
  }

  function progressReporter(extra: {
    _meta?: { progressToken?: string | number };
    sendNotification: (n: {
      method: 'notifications/progress';
      params: { progressToken: string | number; progress: number; total: number; message: string };
    }) => Promise<void>;
  }) {
    const token = extra._meta?.progressToken;
    if (token === undefined) return undefined;
    let last = -1;
    return async (fraction: number, status: string) => {
      const p = Math.round(Math.max(0, Math.min(1, fraction)) * 1000) / 10;
      if (p <= last) return;
      last = p;
      await extra
        .sendNotification({
          method: 'notifications/progress',
          params: { progressToken: token, progress: p, total: 100, message: status },
        })
        .catch(() => undefined);
    };
  }

  server.registerTool(
    'create_project',
    {
      title: 'Create a video project',
      description:
        'Starts a project from local photos, clips and music (paths or folders) and/or http(s) URLs, and returns its id and ' +
        'media. The photos and clips become a slideshow in upload order (with the music, if any), or give `instruction` to ' +
        'say at once what to make (e.g. "a vertical slideshow with fades and music, 2 seconds each").',
      inputSchema: {
        files: filesInput,
        urls: urlsInput,
        instruction: z
          .string()
          .min(1)
          .max(2000)
          .optional()
          .describe(
            'A first instruction, as for the instruct tool (default: "turn these photos into a slideshow"; 1 credit).',
          ),
        language: z
          .enum(['en', 'zh'])
          .optional()
          .describe(
            'Language of the project and its default first instruction (default en); replies follow the language of each instruction.',
          ),
      },
      outputSchema: {
        project_id: z.string(),
        media: z.array(mediaSchema),
        reply: z.string().optional(),
        summary: z.string(),
      },
      annotations: { openWorldHint: true },
    },
    ({ files, urls, instruction, language }) =>
      run(async () => {
        requireMedia(files, urls);
        const { client } = await getBackend();
        const sessionId = await client.createSession(language);
        const media = await upload(sessionId, files, urls);
        let reply: string | undefined;
        // Uploads join the video only when an instruction puts them there: start with a slideshow of them.
        const first =
          instruction ??
          (media.some((m) => m.kind !== 'audio') ? DEFAULT_FIRST[language ?? 'en'] : undefined);
        if (first) {
          try {
            reply = (await client.instruct(sessionId, first)).reply;
          } catch (e) {
            // The project and its media exist: say so, so the agent can go on with it once the cause is fixed.
            if (!isPhotoreelError(e)) throw e;
            throw new PhotoreelError(
              e.key,
              `${e.message} (Project ${sessionId} was created with its media; instruct it once this is fixed.)`,
              { ...e.details, project_id: sessionId },
            );
          }
        }
        const state = await client.state(sessionId);
        const summary = summaryOf(state.draft, state.video_infos);
        const counts = ['image', 'video', 'audio']
          .map((k) => [k, media.filter((m) => m.kind === k).length] as const)
          .filter(([, n]) => n > 0)
          .map(
            ([k, n]) =>
              `${n} ${k === 'image' ? 'photo' : k === 'video' ? 'clip' : 'audio file'}${n === 1 ? '' : 's'}`,
          )
          .join(', ');
        const text = `Project ${sessionId} created with ${counts || 'no media'}.${reply ? `\n${reply}` : `\n${summary}`}`;
        return ok(text, { project_id: sessionId, media, ...(reply !== undefined ? { reply } : {}), summary });
      }),
  );

  server.registerTool(
    'add_media',
    {
      title: 'Add media to a project',
      description:
        'Adds photos, clips or music (local paths, folders or http(s) URLs) to a project. They join the video when an ' +
        'instruction puts them there (e.g. "add the new photos at the end", "use the new song").',
      inputSchema: { project_id: projectId, files: filesInput, urls: urlsInput },
      outputSchema: { project_id: z.string(), added: z.array(mediaSchema), media_count: z.number() },
      annotations: { openWorldHint: true },
    },
    ({ project_id, files, urls }) =>
      run(async () => {
        requireMedia(files, urls);
        const { client } = await getBackend();
        await client.state(project_id); // a missing project fails before any upload
        const added = await upload(project_id, files, urls);
        const state = await client.state(project_id);
        return ok(`Added ${added.length} file${added.length === 1 ? '' : 's'} to project ${project_id}.`, {
          project_id,
          added,
          media_count: state.video_infos.length,
        });
      }),
  );

  server.registerTool(
    'instruct',
    {
      title: 'Edit the video in plain words',
      description:
        'Says what the video should be, in English or Chinese: format ("vertical", "square", "720p"), timing ("2 seconds each", ' +
        '"make it 30 seconds"), transitions ("fades"), motion, titles ("add the title \'Porto\'"), music ("music at 30%"), ' +
        'order ("reverse", "move photo 3 to the start"). Returns the reply, the edits applied and the one-line summary.',
      inputSchema: {
        project_id: projectId,
        text: z.string().min(1).max(2000).describe('The instruction, in plain words.'),
      },
      outputSchema: turnShape,
    },
    ({ project_id, text }) => run(() => instructTurn(project_id, text)),
  );

  server.registerTool(
    'get_draft',
    {
      title: 'Read the draft',
      description:
        'Returns the project’s draft JSON (the timeline, see the draft schema), its one-line summary and media.',
      inputSchema: { project_id: projectId },
      outputSchema: {
        project_id: z.string(),
        draft: z.unknown(),
        summary: z.string(),
        media: z.array(mediaSchema),
      },
      annotations: { readOnlyHint: true },
    },
    ({ project_id }) =>
      run(async () => {
        const state = await (await getBackend()).client.state(project_id);
        const summary = summaryOf(state.draft, state.video_infos);
        return ok(`${summary}\n${JSON.stringify(state.draft)}`, {
          project_id,
          draft: state.draft,
          summary,
          media: state.video_infos,
        });
      }),
  );

  server.registerTool(
    'set_draft',
    {
      title: 'Replace the draft',
      description:
        'Replaces the project’s draft with the given draft JSON (validated: errors name the field; every `src` must be one ' +
        'of the project’s media ids). It is saved on the server as one undo step: instruct edits it further, undo brings ' +
        'the previous draft back, export renders it.',
      inputSchema: {
        project_id: projectId,
        draft: z.record(z.string(), z.unknown()).describe('A draft, version 1.'),
      },
      outputSchema: { project_id: z.string(), summary: z.string() },
    },
    ({ project_id, draft }) =>
      run(async () => {
        const { summary } = await (await getBackend()).client.setDraft(project_id, draft);
        return ok(`Draft replaced. ${summary}`, { project_id, summary });
      }),
  );

  for (const [name, word] of [
    ['undo', 'undo'],
    ['redo', 'redo'],
  ] as const) {
    server.registerTool(
      name,
      {
        title: name === 'undo' ? 'Undo the last change' : 'Redo the last undone change',
        description:
          name === 'undo'
            ? 'Undoes the last instruction (all of its edits) or the last set_draft.'
            : 'Redoes what undo last undid.',
        inputSchema: { project_id: projectId },
        outputSchema: turnShape,
      },
      ({ project_id }) => run(() => instructTurn(project_id, word)),
    );
  }

  server.registerTool(
    'export',
    {
      title: 'Render the video',
      description:
        'Renders the project’s draft to a video (MP4 unless `format` or the save_to extension says otherwise) and waits ' +
        'for it (progress notifications when the call has a progressToken). ' +
        'Returns the render id and status; when completed, the download URL (and the local path in data-dir mode). ' +
        'If the wait ends first, follow it with render_status.',
      inputSchema: {
        project_id: projectId,
        wait_seconds: z
          .number()
          .min(0)
          .max(3600)
          .optional()
          .describe(
            `How long to wait for the render (default ${options.exportWaitSeconds ?? DEFAULT_WAIT_SECONDS}; 0 returns at once).`,
          ),
        save_to: saveToInput,
        format: formatInput,
        quality: qualityInput,
      },
      outputSchema: renderShape,
    },
    ({ project_id, wait_seconds, save_to, format, quality }, extra) =>
      run(async () => {
        const { client } = await getBackend();
        // Refused before rendering: a path outside the allowed folders, or an extension that is not the format.
        const output = {
          format: save_to ? resolveOutputFormat(save_to, format) : (format ?? DEFAULT_FORMAT),
          quality: quality ?? DEFAULT_QUALITY,
        };
        if (save_to) await resolveAllowedOutput(save_to, await getAllowed(), cwd);
        const { draft } = await client.state(project_id);
        const renderId = `render_${Date.now()}_${randomBytes(4).toString('hex')}`;
        await client.startExport(renderId, project_id, draft, output);
        const wait = (wait_seconds ?? options.exportWaitSeconds ?? DEFAULT_WAIT_SECONDS) * 1000;
        return followRender(renderId, wait, save_to, progressReporter(extra), extra.signal);
      }),
  );

  server.registerTool(
    'render_status',
    {
      title: 'Check a render',
      description:
        'Returns a render’s status (queued, rendering, completed, failed), progress 0..1, the download URL and, in data-dir ' +
        'mode, the local path. With wait_seconds it waits (with progress notifications) for the render to end; with ' +
        'save_to, a completed render is saved there.',
      inputSchema: {
        render_id: z.string().min(1).describe('The id export returned.'),
        wait_seconds: z
          .number()
          .min(0)
          .max(3600)
          .optional()
          .describe('How long to wait for the render to finish (default 0: answer at once).'),
        save_to: saveToInput,
      },
      outputSchema: renderShape,
      annotations: { idempotentHint: true },
    },
    ({ render_id, wait_seconds, save_to }, extra) =>
      run(() =>
        followRender(render_id, (wait_seconds ?? 0) * 1000, save_to, progressReporter(extra), extra.signal),
      ),
  );

  server.registerTool(
    'credits',
    {
      title: 'Credit balance',
      description: 'Returns the credits left: each instruction costs one; exports are free.',
      inputSchema: {},
      outputSchema: { available: z.number(), frozen: z.number(), total: z.number() },
      annotations: { readOnlyHint: true },
    },
    () =>
      run(async () => {
        const c = await (await getBackend()).client.credits();
        return ok(`${c.available} credits available (${c.frozen} reserved).`, { ...c });
      }),
  );

  registerCancelRenderTool(server, getBackend);
  return server;
}
