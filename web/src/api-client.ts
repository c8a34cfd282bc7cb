import type { z } from 'zod';
import { balanceSchema, newSessionSchema, tokenAnswerSchema } from '../../src/protocol/answers.ts';
import { readEnvelope as readWire } from '../../src/protocol/envelope.ts';
import { readEventStream } from '../../src/protocol/event-stream.ts';
import { toAgentEvent, type AgentEvent } from '../../src/protocol/events.ts';
import { uploadAnswerSchema } from '../../src/protocol/media.ts';
import { exportStartedSchema, renderStatusSchema } from '../../src/protocol/render.ts';
import { stateAnswerSchema } from '../../src/protocol/session-state.ts';
import {
  ApiError,
  type Balance,
  type Draft,
  type MediaInfo,
  type RenderInfo,
  type SessionState,
} from './api-types.ts';

const KEY_CLIENT = 'photoreel.clientId';
const KEY_TOKEN = 'photoreel.token';
const KEY_SESSION = 'photoreel.session';

export const CODE_TOKEN = 1001;
export const CODE_SESSION = 1002;

/** The small part of Storage the client needs (localStorage in the page). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Pages served over plain http on a LAN address are not a secure context: build one from getRandomValues.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An answer's data, checked against its wire schema (src/protocol); its failure as an ApiError. */
async function readEnvelope<T extends z.ZodType>(res: Response, schema: T): Promise<z.output<T>> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new ApiError(res.status, res.status, `The server answered ${res.status} without a readable body.`);
  }
  return fromWire(readWire(body, schema, res.status), res.status);
}

function fromWire<T>(r: ReturnType<typeof readWire<z.ZodType<T>>>, status: number): T {
  if (r.ok) return r.data;
  throw new ApiError(r.code || status, status, r.message || `HTTP ${status}`);
}

export interface UploadResult {
  file: File;
  media?: MediaInfo;
  error?: ApiError;
}

/**
 * The page's only way to the server: the public HTTP API of spec/api.md.
 * Keeps an anonymous token and a session in storage; gets a new token on 1001 and a
 * new session on 1002, then retries the call once.
 */
export class ApiClient {
  private token: string | null;
  private session: string | null;

  constructor(
    private readonly base: string,
    private readonly store: KeyValueStore,
    private readonly language: () => string = () => 'en',
  ) {
    this.token = store.getItem(KEY_TOKEN);
    this.session = store.getItem(KEY_SESSION);
  }

  get sessionId(): string | null {
    return this.session;
  }

  private url(path: string): string {
    return new URL(path, this.base).toString();
  }

  private clientId(): string {
    let id = this.store.getItem(KEY_CLIENT);
    if (!id) {
      id = uuid();
      this.store.setItem(KEY_CLIENT, id);
    }
    return id;
  }

  private async newToken(): Promise<string> {
    const res = await fetch(this.url('/api/auth/anonymous-token'), {
      method: 'POST',
      headers: { 'X-Client-Id': this.clientId() },
    });
    const data = await readEnvelope(res, tokenAnswerSchema);
    this.token = data.token;
    this.store.setItem(KEY_TOKEN, data.token);
    return data.token;
  }

  private async newSession(): Promise<string> {
    const data = await this.authed(newSessionSchema, '/api/tasks/me/with-session/nemo_agent', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ task_name: 'project', language: this.language() }),
    });
    this.session = data.session_id;
    this.store.setItem(KEY_SESSION, data.session_id);
    return data.session_id;
  }

  /** Makes sure there is a token and a session; returns the session id. */
  async ready(): Promise<string> {
    if (!this.token) await this.newToken();
    if (!this.session) await this.newSession();
    return this.session as string;
  }

  /** Forgets the session (a new one is made on the next call). */
  async startOver(): Promise<string> {
    this.session = null;
    this.store.removeItem(KEY_SESSION);
    return this.ready();
  }

  /** A bearer-authenticated fetch; a 1001 answer gets a new token and retries once. */
  private async authedFetch(path: string, init: RequestInit = {}, retried = false): Promise<Response> {
    if (!this.token) await this.newToken();
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${this.token}`);
    const res = await fetch(this.url(path), { ...init, headers });
    if (res.status === 401 && !retried) {
      this.token = null;
      this.store.removeItem(KEY_TOKEN);
      await this.newToken();
      return this.authedFetch(path, init, true);
    }
    return res;
  }

  private async authed<T extends z.ZodType>(
    schema: T,
    path: string,
    init: RequestInit = {},
  ): Promise<z.output<T>> {
    return readEnvelope(await this.authedFetch(path, init), schema);
  }

  /** Runs `call` with the session id; on 1002 (session gone, or the token changed) makes a new session and retries. */
  private async withSession<T>(call: (sid: string) => Promise<T>): Promise<T> {
    const sid = await this.ready();
    try {
      return await call(sid);
    } catch (err) {
      if (err instanceof ApiError && err.code === CODE_SESSION) {
        this.session = null;
        this.store.removeItem(KEY_SESSION);
        return call(await this.ready());
      }
      throw err;
    }
  }

  state(): Promise<SessionState> {
    return this.withSession(async (sid) => {
      const data = await this.authed(
        stateAnswerSchema,
        `/api/state/nemo_agent/me/${encodeURIComponent(sid)}/latest`,
      );
      return data.state;
    });
  }

  balance(): Promise<Balance> {
    return this.authed(balanceSchema, '/api/credits/balance/simple');
  }

  /** A thumbnail as an object URL (the endpoint needs the bearer token, so an <img src> cannot load it directly). */
  async thumbnail(mediaId: string): Promise<string> {
    const sid = await this.ready();
    const res = await this.authedFetch(
      `/api/media/${encodeURIComponent(sid)}/${encodeURIComponent(mediaId)}/thumbnail`,
    );
    if (!res.ok) throw new ApiError(res.status, res.status, `No thumbnail (HTTP ${res.status}).`);
    return URL.createObjectURL(await res.blob());
  }

  /** Uploads one file with XMLHttpRequest (for upload progress). Never throws: refusals come back as `error`. */
  async upload(file: File, onProgress: (fraction: number) => void): Promise<UploadResult> {
    try {
      return await this.withSession(async (sid) => {
        if (!this.token) await this.newToken();
        const send = () => this.xhrUpload(sid, file, onProgress);
        let result = await send();
        if (result.error?.code === CODE_TOKEN) {
          await this.newToken();
          result = await send();
        }
        if (result.error?.code === CODE_SESSION) throw result.error;
        return result;
      });
    } catch (err) {
      return { file, error: err instanceof ApiError ? err : new ApiError(0, 0, String(err)) };
    }
  }

  private xhrUpload(sid: string, file: File, onProgress: (fraction: number) => void): Promise<UploadResult> {
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', this.url(`/api/upload-video/nemo_agent/me/${encodeURIComponent(sid)}`));
      xhr.setRequestHeader('Authorization', `Bearer ${this.token}`);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
      };
      xhr.onload = () => {
        let body: unknown;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          body = undefined;
        }
        const r = readWire(body, uploadAnswerSchema, xhr.status);
        if (xhr.status >= 200 && xhr.status < 300 && r.ok) {
          onProgress(1);
          resolve({ file, media: r.data.files[0] });
          return;
        }
        // 413 may come from a proxy or the body limit without an envelope: keep the status meaning.
        const code =
          (!r.ok && r.code) || (xhr.status === 413 ? 4002 : xhr.status === 415 ? 4001 : xhr.status);
        const message = !r.ok && r.code ? r.message : `HTTP ${xhr.status}`;
        resolve({ file, error: new ApiError(code, xhr.status, message) });
      };
      xhr.onerror = () => resolve({ file, error: new ApiError(0, 0, 'The upload was interrupted.') });
      const form = new FormData();
      form.append('files', file, file.name);
      xhr.send(form);
    });
  }

  /**
   * Sends one instruction to /run_sse and calls `onEvent` for each event as it streams in.
   * Resolves when the stream closes.
   */
  instruct(text: string, onEvent: (event: AgentEvent) => void, signal?: AbortSignal): Promise<void> {
    return this.withSession(async (sid) => {
      const res = await this.authedFetch('/run_sse', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
        body: JSON.stringify({
          app_name: 'nemo_agent',
          user_id: 'me',
          session_id: sid,
          new_message: { parts: [{ text }] },
        }),
        signal,
      });
      const type = res.headers.get('content-type') ?? '';
      if (!res.ok || !type.includes('text/event-stream') || !res.body) {
        await readEnvelope(res, stateAnswerSchema);
        throw new ApiError(
          res.status,
          res.status,
          `The server answered ${res.status} without an event stream.`,
        );
      }
      for await (const e of readEventStream(res.body)) {
        const event = typeof e.data === 'object' ? toAgentEvent(e.data) : undefined;
        if (event) onEvent(event);
      }
    });
  }

  /** Starts a render of `draft` (idempotent on `id`). */
  startRender(id: string, draft: Draft): Promise<RenderInfo> {
    return this.withSession((sid) =>
      this.authed(exportStartedSchema, '/api/render/proxy/lambda', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ id, sessionId: sid, draft, output: { format: 'mp4', quality: 'high' } }),
      }),
    );
  }

  render(id: string): Promise<RenderInfo> {
    return this.authed(renderStatusSchema, `/api/render/proxy/lambda/${encodeURIComponent(id)}`);
  }
}
