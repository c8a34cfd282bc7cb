import { createWriteStream, openAsBlob } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { catalog, PhotoreelError, type ErrorKey } from '../errors.ts';
import {
  balanceSchema,
  exportStartedSchema,
  newSessionSchema,
  parseEventStream,
  readAgentTurn,
  readEnvelope,
  renderStatusSchema,
  setDraftAnswerSchema,
  stateAnswerSchema,
  tokenAnswerSchema,
  uploadAnswerSchema,
  type AgentTurn,
  type Balance,
  type ExportStarted,
  type MediaFile,
  type RenderStatus,
  type SessionState,
  type SetDraftAnswer,
} from '../protocol/index.ts';
import type { z } from 'zod';

/** The fetch the client talks through: the global fetch (a URL) or injectFetch (an in-process app). */
export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

export interface ProtocolClientOptions {
  /** Base URL of the server, e.g. http://127.0.0.1:8787 (for an in-process app any origin will do). */
  baseUrl: string;
  fetch: FetchLike;
  /** Sent as X-Client-Id when asking for a token: the same id gets the same token while it is valid. */
  clientId: string;
  /** Extra headers on every call (attribution: X-Skill-Source, X-Skill-Version, X-Skill-Platform). */
  headers?: Record<string, string>;
  /** Told to the server as the session language. */
  language?: 'en' | 'zh';
}

export type { MediaFile, SessionState };
/** A render's status, as the export status answer gives it. */
export type RenderJob = RenderStatus;

function keyOfCode(code: number, status: number): ErrorKey {
  const entries = Object.entries(catalog) as [ErrorKey, (typeof catalog)[ErrorKey]][];
  return (
    entries.find(([, e]) => e.code === code)?.[0] ??
    entries.find(([, e]) => e.status === status)?.[0] ??
    'BAD_REQUEST'
  );
}

/** Turns a protocol failure (`{code, message}`) into the catalog error with the server's sentence. */
export function errorFromEnvelope(code: number, message: string, status: number): PhotoreelError {
  return new PhotoreelError(keyOfCode(code, status), message || undefined, {
    serverCode: code,
    httpStatus: status,
  });
}

/**
 * One client of the protocol of spec/api.md: token → session → upload → run_sse → state → export → poll.
 * It speaks through a fetch, so the same code drives a server at a URL and an app in this process.
 */
export class ProtocolClient {
  readonly baseUrl: string;
  private readonly options: ProtocolClientOptions;
  private token: string | undefined;

  constructor(options: ProtocolClientOptions) {
    this.options = options;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  private async send(pathname: string, init: RequestInit): Promise<Response> {
    try {
      return await this.options.fetch(`${this.baseUrl}${pathname}`, init);
    } catch (e) {
      if (e instanceof PhotoreelError) throw e;
      throw new PhotoreelError(
        'SERVER_UNREACHABLE',
        `The photoreel server at ${this.baseUrl} cannot be reached (${(e as Error).message}): start it with \`npx photoreel serve\` or check the URL.`,
      );
    }
  }

  /** The answer's data, checked against its wire schema; the protocol's failure as a catalog error. */
  private async envelope<T extends z.ZodType>(res: Response, schema: T): Promise<z.output<T>> {
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = undefined;
    }
    const r = readEnvelope(body, schema, res.status);
    if (r.ok) return r.data;
    throw errorFromEnvelope(r.code || res.status, r.message, res.status);
  }

  /** Gets (or reuses) the anonymous token. */
  async ensureToken(force = false): Promise<string> {
    if (this.token && !force) return this.token;
    const res = await this.send('/api/auth/anonymous-token', {
      method: 'POST',
      headers: { ...this.options.headers, 'X-Client-Id': this.options.clientId },
    });
    const data = await this.envelope(res, tokenAnswerSchema);
    this.token = data.token;
    return data.token;
  }

  /** Sends an authenticated call; on 1001 (token expired) gets a new token and tries once more. */
  private async authed(pathname: string, init: RequestInit = {}): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.ensureToken(attempt > 0);
      const res = await this.send(pathname, {
        ...init,
        headers: {
          ...this.options.headers,
          ...(init.headers as Record<string, string>),
          authorization: `Bearer ${token}`,
        },
      });
      if (res.status === 401 && attempt === 0) {
        await res.body?.cancel();
        continue;
      }
      return res;
    }
  }

  private async json<T extends z.ZodType>(
    method: string,
    pathname: string,
    schema: T,
    body?: unknown,
  ): Promise<z.output<T>> {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { 'content-type': 'application/json' };
    }
    return this.envelope(await this.authed(pathname, init), schema);
  }

  async createSession(language = this.options.language ?? 'en'): Promise<string> {
    const data = await this.json('POST', '/api/tasks/me/with-session/nemo_agent', newSessionSchema, {
      task_name: 'project',
      language,
    });
    return data.session_id;
  }

  /** Uploads local files (already checked) as multipart `files` parts, streamed from disk. */
  async uploadFiles(sessionId: string, files: readonly string[]): Promise<MediaFile[]> {
    const form = new FormData();
    for (const file of files) form.append('files', await openAsBlob(file), path.basename(file));
    const res = await this.authed(`/api/upload-video/nemo_agent/me/${encodeURIComponent(sessionId)}`, {
      method: 'POST',
      body: form,
    });
    return (await this.envelope(res, uploadAnswerSchema)).files;
  }

  async importUrls(sessionId: string, urls: readonly string[]): Promise<MediaFile[]> {
    const data = await this.json(
      'POST',
      `/api/upload-video/nemo_agent/me/${encodeURIComponent(sessionId)}`,
      uploadAnswerSchema,
      { urls, source_type: 'url' },
    );
    return data.files;
  }

  /** Sends plain words to /run_sse and reads the whole event stream. */
  async instruct(sessionId: string, text: string): Promise<AgentTurn> {
    const res = await this.authed('/run_sse', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({
        app_name: 'nemo_agent',
        user_id: 'me',
        session_id: sessionId,
        new_message: { parts: [{ text }] },
      }),
    });
    const type = res.headers.get('content-type') ?? '';
    if (!type.includes('text/event-stream')) {
      await this.envelope(res, stateAnswerSchema); // throws the protocol error
      throw errorFromEnvelope(
        res.status,
        'The server did not answer the instruction with an event stream.',
        400,
      );
    }
    const turn = readAgentTurn(parseEventStream(await res.text()).map((e) => e.data));
    if (turn.error) throw errorFromEnvelope(turn.error.code, turn.error.message, res.status);
    return turn;
  }

  async state(sessionId: string): Promise<SessionState> {
    const data = await this.json(
      'GET',
      `/api/state/nemo_agent/me/${encodeURIComponent(sessionId)}/latest`,
      stateAnswerSchema,
    );
    return data.state;
  }

  /**
   * Replaces the session's draft on the server (`PUT …/draft`, beside the protocol): one undo step there, so
   * "undo" through instruct brings the previous draft back. Answers the saved draft and its one-line summary.
   */
  async setDraft(sessionId: string, draft: unknown): Promise<SetDraftAnswer> {
    try {
      return await this.json(
        'PUT',
        `/api/state/nemo_agent/me/${encodeURIComponent(sessionId)}/draft`,
        setDraftAnswerSchema,
        { draft },
      );
    } catch (e) {
      if (e instanceof PhotoreelError && e.key === 'NOT_FOUND') {
        throw new PhotoreelError(
          'NOT_FOUND',
          `The server at ${this.baseUrl} cannot replace a draft (no PUT /api/state/…/draft): upgrade it to a newer photoreel, or describe the change with instruct.`,
          e.details,
        );
      }
      throw e;
    }
  }

  async credits(): Promise<Balance> {
    return this.json('GET', '/api/credits/balance/simple', balanceSchema);
  }

  /** Starts (or, for an id already posted, finds) a render of `draft`. */
  async startExport(
    renderId: string,
    sessionId: string,
    draft: unknown,
    output: { format: string; quality: string } = { format: 'mp4', quality: 'standard' },
  ): Promise<ExportStarted> {
    return this.json('POST', '/api/render/proxy/lambda', exportStartedSchema, {
      id: renderId,
      sessionId,
      draft,
      output,
    });
  }

  async renderStatus(renderId: string): Promise<RenderJob> {
    return this.json('GET', `/api/render/proxy/lambda/${encodeURIComponent(renderId)}`, renderStatusSchema);
  }

  /** Cancels a render (`DELETE` beside the status route); answers its status afterwards. */
  async cancelRender(renderId: string): Promise<RenderJob> {
    return this.json(
      'DELETE',
      `/api/render/proxy/lambda/${encodeURIComponent(renderId)}`,
      renderStatusSchema,
    );
  }

  /** Downloads a finished render through its signed link (no token needed) into `target`, atomically. */
  async download(url: string, target: string): Promise<number> {
    let res: Response;
    try {
      res = await this.options.fetch(url);
    } catch (e) {
      throw new PhotoreelError(
        'SERVER_UNREACHABLE',
        `The download link ${new URL(url).origin} cannot be reached (${(e as Error).message}): check the server's public URL.`,
      );
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      throw errorFromEnvelope(
        res.status,
        `Downloading the render answered HTTP ${res.status}: export again.`,
        res.status,
      );
    }
    const tmp = `${target}.part-${process.pid}`;
    try {
      await pipeline(
        Readable.fromWeb(res.body as import('node:stream/web').ReadableStream),
        createWriteStream(tmp),
      );
      await rename(tmp, target);
    } catch (e) {
      await unlink(tmp).catch(() => undefined);
      throw e;
    }
    return (await stat(target)).size;
  }
}
