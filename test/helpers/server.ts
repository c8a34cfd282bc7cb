/**
 * Helpers for service and HTTP tests: a temp data folder, a test config, an in-process app (inject),
 * a parser for server-sent events. Media made on the fly is in ./media.ts, probing in ./video.ts.
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from '../../src/http/build-app.ts';
import { EventStreamReader } from '../../src/protocol/event-stream.ts';
import { loadConfig, type ConfigInput } from '../../src/service/config.ts';
import { createService, type Service } from '../../src/service/create-service.ts';
import { tempDir } from './media.ts';

export { tempDir };

export function testConfig(dataDir: string, overrides: Partial<ConfigInput> = {}) {
  return loadConfig({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    logLevel: 'silent',
    renderConcurrency: 1,
    signingSecret: 'test-secret-0123456789abcdef',
    ...overrides,
  });
}

export interface TestApp {
  app: FastifyInstance;
  service: Service;
  dir: string;
  close(): Promise<void>;
}

/** A service on a temp data folder and its app, for `app.inject` (no worker: exports stay queued). */
export async function testApp(
  overrides: Partial<ConfigInput> = {},
  options: BuildAppOptions = {},
): Promise<TestApp> {
  const tmp = await tempDir();
  const service = createService(testConfig(path.join(tmp.dir, 'data'), overrides));
  const app = await buildApp(service, options);
  await app.ready();
  return {
    app,
    service,
    dir: tmp.dir,
    async close() {
      await app.close();
      await service.close();
      await tmp.cleanup();
    },
  };
}

/** A token and a session through the app. */
export async function tokenAndSession(
  app: FastifyInstance,
  clientId = 'c0ffee00-0000-4000-8000-000000000001',
): Promise<{ token: string; session: string; auth: { authorization: string } }> {
  const t = await app.inject({
    method: 'POST',
    url: '/api/auth/anonymous-token',
    headers: { 'x-client-id': clientId },
  });
  const token = (t.json() as { data: { token: string } }).data.token;
  const auth = { authorization: `Bearer ${token}` };
  const s = await app.inject({
    method: 'POST',
    url: '/api/tasks/me/with-session/nemo_agent',
    headers: auth,
    payload: { task_name: 'project', language: 'en' },
  });
  return { token, session: (s.json() as { data: { session_id: string } }).data.session_id, auth };
}

/** The body of a /run_sse request: one instruction to a session. */
export function instructionBody(session: string, text: string) {
  return { app_name: 'nemo_agent', user_id: 'me', session_id: session, new_message: { parts: [{ text }] } };
}

/** An instruction through the app (`inject`); the answer is the event stream. */
export function injectInstruction(
  app: FastifyInstance,
  headers: Record<string, string>,
  session: string,
  text: string,
) {
  return app.inject({
    method: 'POST',
    url: '/run_sse',
    headers: { ...headers, accept: 'text/event-stream' },
    payload: instructionBody(session, text),
  });
}

/** Files uploaded to a session through the app (`inject`), as one multipart body. */
export function injectUpload(
  app: FastifyInstance,
  headers: Record<string, string>,
  session: string,
  parts: PartSpec[],
) {
  const up = multipartBody(parts);
  return app.inject({
    method: 'POST',
    url: `/api/upload-video/nemo_agent/me/${session}`,
    headers: { ...headers, ...up.headers },
    payload: up.payload,
  });
}

/** Over real HTTP: an anonymous token for `clientId`, and the Authorization header that carries it. */
export async function httpToken(
  url: string,
  clientId: string,
): Promise<{ token: string; headers: { Authorization: string } }> {
  const t = (await (
    await fetch(`${url}/api/auth/anonymous-token`, { method: 'POST', headers: { 'X-Client-Id': clientId } })
  ).json()) as { data: { token: string } };
  return { token: t.data.token, headers: { Authorization: `Bearer ${t.data.token}` } };
}

/** Over real HTTP: a new session's id. */
export async function httpSession(
  url: string,
  headers: Record<string, string>,
  body: unknown = {},
): Promise<string> {
  const s = (await (
    await fetch(`${url}/api/tasks/me/with-session/nemo_agent`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  ).json()) as { data: { session_id: string } };
  return s.data.session_id;
}

/** Over real HTTP: an instruction to a session; the answer is the event stream. */
export function postInstruction(
  url: string,
  headers: Record<string, string>,
  session: string,
  text: string,
): Promise<Response> {
  return fetch(`${url}/run_sse`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify(instructionBody(session, text)),
  });
}

export interface SseMessage {
  events: Record<string, unknown>[];
  comments: string[];
}

/** Splits an event stream into its `data:` JSON events and `:` comments (with the protocol's one reader). */
export function parseSse(text: string): SseMessage {
  const reader = new EventStreamReader();
  const all = [...reader.feed(text), ...reader.end()];
  return { events: all.map((e) => e.data as Record<string, unknown>), comments: reader.comments };
}

/** The parts of an event, whatever they carry. */
export function partsOf(event: Record<string, unknown>): Record<string, unknown>[] {
  return ((event.content as { parts?: Record<string, unknown>[] } | undefined)?.parts ?? []) as Record<
    string,
    unknown
  >[];
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 60_000,
  everyMs = 100,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface PartSpec {
  field?: string;
  /** Written as is into the Content-Disposition header (only `"` escaped), to test hostile names. */
  filename: string;
  data: Buffer;
  type?: string;
}

/** A multipart/form-data body built by hand (exact control over file names). */
export function multipartBody(parts: PartSpec[]): { payload: Buffer; headers: { 'content-type': string } } {
  const boundary = `----photoreel${parts.length}x${Date.now().toString(16)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.field ?? 'files'}"; filename="${p.filename.replace(/"/g, '%22')}"\r\n` +
          `Content-Type: ${p.type ?? 'application/octet-stream'}\r\n\r\n`,
        'utf8',
      ),
      p.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
