import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { MediaFile } from '../../protocol/index.ts';
import { expandMediaPaths, resolveAllowedOutput } from '../allowed-path.ts';
import type { Backend, McpOptions } from '../options.ts';
import type { SessionState } from '../protocol-client.ts';
import { ok, renderResult, renderText, summaryOf, toolError } from './shared.ts';

/** Reports a fraction done (0..1) and a status word to the MCP client, when the call asked for progress. */
export type Progress = (fraction: number, status: string) => Promise<void>;

/** What every tool gets: the backend (opened on first use), the allowed folders, and the shared steps. */
export interface ToolContext {
  options: McpOptions;
  cwd: string;
  getBackend(): Promise<Backend>;
  getAllowed(): Promise<string[]>;
  /** Runs a tool's body: its result, or the catalog error as a tool error (never a crash). */
  run(fn: () => Promise<CallToolResult>): Promise<CallToolResult>;
  /** Uploads local files (checked against the allowed folders) and imports URLs into a session. */
  upload(sessionId: string, files?: readonly string[], urls?: readonly string[]): Promise<MediaFile[]>;
  /** Sends words to the session and answers the turn with the new summary. */
  instructTurn(sessionId: string, text: string): Promise<CallToolResult>;
  /** The session state as tools show it: in a local data folder, no URL that nothing serves. */
  state(sessionId: string): Promise<SessionState>;
  /** Waits up to `waitMs` for a render, saves it to `saveTo` when asked, answers its status. */
  followRender(
    renderId: string,
    waitMs: number,
    saveTo: string | undefined,
    progress: Progress | undefined,
    signal: AbortSignal,
  ): Promise<CallToolResult>;
}

/** One MCP tool: its name and how it registers itself on the server. */
export interface ToolModule {
  name: string;
  register(server: McpServer, ctx: ToolContext): void;
}

/** Builds the context the tools share. */
export function toolContext(
  options: McpOptions,
  cwd: string,
  getBackend: () => Promise<Backend>,
  getAllowed: () => Promise<string[]>,
): ToolContext {
  const ctx: ToolContext = {
    options,
    cwd,
    getBackend,
    getAllowed,
    async run(fn) {
      try {
        return await fn();
      } catch (e) {
        return toolError(e);
      }
    },
    async upload(sessionId, files, urls) {
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
    },
    async state(sessionId) {
      const b = await getBackend();
      const state = await b.client.state(sessionId);
      if (b.servesUrls) return state;
      // Nothing serves the in-process app's links (http://localhost:80/…): leave them out.
      return {
        ...state,
        video_infos: state.video_infos.map((m) => ({ ...m, thumbnail_url: null })),
        generated_media: state.generated_media.map((r) => ({
          ...r,
          url: null,
          output: { ...r.output, url: null },
        })),
      };
    },
    async instructTurn(sessionId, text) {
      const { client } = await getBackend();
      const turn = await client.instruct(sessionId, text);
      const state = await ctx.state(sessionId);
      const summary = summaryOf(state.draft, state.video_infos);
      return ok(turn.reply || summary, {
        project_id: sessionId,
        reply: turn.reply,
        edits: turn.edits,
        summary,
      });
    },
    async followRender(renderId, waitMs, saveTo, progress, signal) {
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
        const link = job.output.url;
        const local = link ? await b.localRenderPath(link) : undefined;
        if (local) result.path = local;
        if (target && link) {
          await b.client.download(link, target);
          result.saved_to = target;
        }
        // On a local data folder the link names a server nobody runs: the file path is the answer.
        if (!b.servesUrls) delete result.url;
      } else if (job.status !== 'failed' && waitMs > 0) {
        result.timed_out = true;
      }
      return ok(renderText(result), result);
    },
  };
  return ctx;
}

/** The progress reporter of a tool call that carries a progressToken (MCP progress notifications). */
export function progressReporter(extra: {
  _meta?: { progressToken?: string | number };
  sendNotification: (n: {
    method: 'notifications/progress';
    params: { progressToken: string | number; progress: number; total: number; message: string };
  }) => Promise<void>;
}): Progress | undefined {
  const token = extra._meta?.progressToken;
  if (token === undefined) return undefined;
  let last = -1;
  return async (fraction, status) => {
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
