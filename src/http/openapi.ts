import { z } from 'zod';
import { catalog, type ErrorKey } from '../errors.ts';
import {
  agentEventSchema,
  balanceSchema,
  editJsonSchema,
  errorEnvelopeSchema,
  exportStartedSchema,
  generatedMediaSchema,
  healthSchema,
  MAX_EDITS_PER_REQUEST,
  mediaFileSchema,
  newSessionSchema,
  renderStatusSchema,
  sessionStateSchema,
  setDraftAnswerSchema,
  stateAnswerSchema,
  tokenAnswerSchema,
  uploadAnswerSchema,
  urlUploadBody,
  videoInfoSchema,
} from '../protocol/index.ts';
import { draftSchema } from '../timeline/draft.ts';
import { jsonSchemaOf } from './schemas.ts';

type Json = Record<string, unknown>;

/** The protocol's wire types as named OpenAPI components, generated from the same zod schemas. */
const COMPONENTS = {
  Draft: draftSchema,
  MediaFile: mediaFileSchema,
  VideoInfo: videoInfoSchema,
  RenderStatus: renderStatusSchema,
  GeneratedMedia: generatedMediaSchema,
  SessionState: sessionStateSchema,
  StateAnswer: stateAnswerSchema,
  TokenAnswer: tokenAnswerSchema,
  NewSession: newSessionSchema,
  Balance: balanceSchema,
  UploadAnswer: uploadAnswerSchema,
  ExportStarted: exportStartedSchema,
  SetDraftAnswer: setDraftAnswerSchema,
  Health: healthSchema,
  AgentEvent: agentEventSchema,
  TimelineEdit: editJsonSchema,
  ErrorEnvelope: errorEnvelopeSchema,
} as const;
type Component = keyof typeof COMPONENTS;

const ref = (name: Component): Json => ({ $ref: `#/components/schemas/${name}` });

/** `components.schemas`: every wire type, cross-referenced (`$ref`), as JSON Schema 2020-12 (OpenAPI 3.1). */
export function componentSchemas(): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENTS)) registry.add(schema, { id });
  const out = z.toJSONSchema(registry, {
    io: 'output',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, Json> };
  const schemas: Record<string, Json> = {};
  for (const [id, s] of Object.entries(out.schemas)) {
    const { $schema: _s, $id: _i, ...rest } = s;
    schemas[id] = rest;
  }
  return schemas;
}

/** What one operation answers: its data on success and the catalog errors it can give. */
interface OperationDoc {
  operationId: string;
  /** No bearer token (public, or a signed link). */
  public?: boolean;
  ok: { description: string; content: Record<string, { schema: Json }> };
  errors: readonly ErrorKey[];
}

function okJson(name: Component, description: string): OperationDoc['ok'] {
  return {
    description,
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['code', 'message', 'data'],
          properties: { code: { const: 0 }, message: { type: 'string' }, data: ref(name) },
        },
      },
    },
  };
}

const AUTH: readonly ErrorKey[] = ['TOKEN_INVALID', 'BAD_REQUEST'];
const SESSION: readonly ErrorKey[] = [...AUTH, 'SESSION_NOT_FOUND'];
/** The export limits of the catalog (the EXPORT_* codes and the pending-render limits), whatever they are. */
const EXPORT_LIMITS = (Object.keys(catalog) as ErrorKey[]).filter(
  (k) => k.startsWith('EXPORT_') || k === 'TOO_MANY_RENDERS' || k === 'RENDER_QUEUE_FULL',
);

/** Every operation, keyed by `METHOD <route url>`: its operationId, success answer and catalog errors. */
const OPERATIONS: Record<string, OperationDoc> = {
  'GET /healthz': {
    operationId: 'getHealth',
    public: true,
    ok: okJson('Health', 'The server works: database readable, data folder writable, queue reachable.'),
    errors: ['SERVICE_UNHEALTHY', 'BAD_REQUEST'],
  },
  'POST /api/auth/anonymous-token': {
    operationId: 'createAnonymousToken',
    public: true,
    ok: okJson('TokenAnswer', 'A token (the same for the same X-Client-Id while it is valid).'),
    errors: ['BAD_REQUEST', 'RATE_LIMITED'],
  },
  'POST /api/tasks/:user/with-session/:app': {
    operationId: 'createSession',
    ok: okJson('NewSession', 'The new session (project), with an empty draft.'),
    errors: AUTH,
  },
  'GET /api/state/:app/:user/:sessionId/latest': {
    operationId: 'getSessionState',
    ok: okJson('StateAnswer', 'The session: draft, media library (every upload) and renders.'),
    errors: SESSION,
  },
  'PUT /api/state/:app/:user/:sessionId/draft': {
    operationId: 'setDraft',
    ok: okJson('SetDraftAnswer', 'The draft as saved (one undo step) and its one-line summary.'),
    errors: [
      ...SESSION,
      'DRAFT_INVALID',
      'DRAFT_TOO_NEW',
      'DRAFT_TOO_LARGE',
      'MEDIA_NOT_FOUND',
      'RATE_LIMITED',
    ],
  },
  'POST /api/state/:app/:user/:sessionId/edits': {
    operationId: 'applyEdits',
    ok: okJson('StateAnswer', 'The session state after the edits (the same body as getSessionState).'),
    errors: [...SESSION, 'EDIT_INVALID', 'DRAFT_TOO_LARGE', 'MEDIA_NOT_FOUND', 'RATE_LIMITED'],
  },
  'POST /api/state/:app/:user/:sessionId/undo': {
    operationId: 'undoStep',
    ok: okJson(
      'StateAnswer',
      'The session state after undoing the newest step (unchanged when there was none).',
    ),
    errors: [...SESSION, 'RATE_LIMITED'],
  },
  'POST /api/state/:app/:user/:sessionId/redo': {
    operationId: 'redoStep',
    ok: okJson(
      'StateAnswer',
      'The session state after redoing the newest undone step (unchanged when there was none).',
    ),
    errors: [...SESSION, 'RATE_LIMITED'],
  },
  'GET /api/credits/balance/simple': {
    operationId: 'getCreditBalance',
    ok: okJson('Balance', 'The credits of this token.'),
    errors: AUTH,
  },
  'POST /api/upload-video/:app/:user/:sessionId': {
    operationId: 'uploadMedia',
    ok: okJson('UploadAnswer', 'The files of the request, in order (all kept, or none).'),
    errors: [...SESSION, 'UNSUPPORTED_TYPE', 'FILE_TOO_LARGE', 'FILE_DAMAGED', 'REQUEST_TIMEOUT'],
  },
  'POST /run_sse': {
    operationId: 'runInstruction',
    ok: {
      description:
        'Server-sent events: each `data:` line is one AgentEvent (JSON): every edit’s functionCall and functionResponse, ' +
        'answers to routed words, then the reply. `: heartbeat` comments keep the connection open. A failure after the ' +
        'stream opened ends it with an AgentEvent that carries `error`.',
      content: {
        'text/event-stream': {
          schema: {
            type: 'string',
            description: 'Events `data: <AgentEvent JSON>` separated by blank lines.',
            contentMediaType: 'application/json',
            contentSchema: ref('AgentEvent'),
          },
        },
      },
    },
    errors: [...SESSION, 'OUT_OF_CREDITS', 'RATE_LIMITED'],
  },
  'POST /api/render/proxy/lambda': {
    operationId: 'startExport',
    ok: okJson('ExportStarted', 'The render job (the same job when the id was posted before).'),
    errors: [
      ...SESSION,
      'EXPORT_BLOCKED',
      'DRAFT_INVALID',
      'DRAFT_TOO_NEW',
      'DRAFT_TOO_LARGE',
      'MEDIA_NOT_FOUND',
      'QUEUE_UNAVAILABLE',
      ...EXPORT_LIMITS,
    ],
  },
  'GET /api/render/proxy/lambda/:id': {
    operationId: 'getExport',
    ok: okJson(
      'RenderStatus',
      'The render’s status, progress and, once completed, its signed download link.',
    ),
    errors: [...AUTH, 'RENDER_NOT_FOUND', 'QUEUE_UNAVAILABLE'],
  },
  'DELETE /api/render/proxy/lambda/:id': {
    operationId: 'cancelExport',
    ok: okJson(
      'RenderStatus',
      'The render’s status after cancelling (failed with 5002 when it was stopped).',
    ),
    errors: [...AUTH, 'RENDER_NOT_FOUND', 'QUEUE_UNAVAILABLE'],
  },
  'GET /api/download/:file': {
    operationId: 'downloadRender',
    public: true,
    ok: {
      description: 'The video (Range requests answer 206 with Content-Range).',
      content: Object.fromEntries(
        ['video/mp4', 'video/webm', 'video/quicktime', 'image/gif', 'image/webp'].map((t) => [
          t,
          { schema: { type: 'string', format: 'binary' } },
        ]),
      ),
    },
    errors: ['TOKEN_INVALID', 'RANGE_NOT_SATISFIABLE', 'NOT_FOUND'],
  },
  'GET /api/media/:sessionId/:id/thumbnail': {
    operationId: 'getThumbnail',
    ok: {
      description: 'A JPEG preview, longest side 320 px.',
      content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } } },
    },
    errors: [...SESSION, 'MEDIA_NOT_FOUND'],
  },
  'GET /api/media/:sessionId/:id/file': {
    operationId: 'getMediaFile',
    ok: {
      description:
        'Clips and music as uploaded (Range requests answer 206 with Content-Range); photos as a JPEG whose longest ' +
        'side is `size` (default 1280).',
      content: Object.fromEntries(
        ['image/jpeg', 'video/*', 'audio/*'].map((t) => [
          t,
          { schema: { type: 'string', format: 'binary' } },
        ]),
      ),
    },
    errors: [...SESSION, 'MEDIA_NOT_FOUND', 'RANGE_NOT_SATISFIABLE'],
  },
};

/** The keys of the operations documented above (a test checks that every route has one). */
export const DOCUMENTED_OPERATIONS: readonly string[] = Object.keys(OPERATIONS);

const STATUS_WORDS: Record<number, string> = {
  400: 'Bad request',
  401: 'Not authenticated',
  402: 'Payment required',
  403: 'Forbidden',
  404: 'Not found',
  408: 'Request timeout',
  413: 'Too large',
  415: 'Unsupported type',
  416: 'Range not satisfiable',
  422: 'Not processable',
  429: 'Too many requests',
  500: 'Server error',
  503: 'Unavailable',
};

/** The error responses of an operation: one per HTTP status, naming its catalog codes, the envelope as schema. */
function errorResponses(keys: readonly ErrorKey[]): Record<string, Json> {
  const byStatus = new Map<number, ErrorKey[]>();
  for (const key of new Set<ErrorKey>([...keys, 'INTERNAL_ERROR'])) {
    const status = catalog[key].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), key]);
  }
  const out: Record<string, Json> = {};
  for (const [status, list] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    const codes = list.map((k) => catalog[k].code);
    out[String(status)] = {
      description: `${STATUS_WORDS[status] ?? 'Error'}: ${list.map((k) => `${catalog[k].code} ${k}`).join(', ')}.`,
      content: {
        'application/json': {
          schema: { allOf: [ref('ErrorEnvelope')], properties: { code: { enum: codes } } },
        },
      },
    };
  }
  return out;
}

/** The key of a route in OPERATIONS. */
export function operationKey(method: string, url: string): string {
  return `${method.toUpperCase()} ${url}`;
}

/**
 * @fastify/swagger's per-route transform: adds the operation's operationId, security (bearer unless public) and
 * responses (the success envelope with its data schema, then every catalog error it can give, by status).
 * Only the document changes; the routes answer as they did.
 */
export function documentRoute({
  schema,
  url,
  route,
}: {
  schema: Json | undefined;
  url: string;
  route: { method: string | string[] };
}): { schema: Json; url: string } {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const doc = methods.map((m) => OPERATIONS[operationKey(m, url)]).find(Boolean);
  if (!doc || schema?.hide) return { schema: schema ?? {}, url };
  return {
    url,
    schema: {
      ...schema,
      operationId: doc.operationId,
      security: doc.public ? [] : [{ bearer: [] }],
      response: { 200: doc.ok, ...errorResponses(doc.errors) },
    },
  };
}

/**
 * @fastify/swagger's whole-document transform: the wire types as components, bearer security by default, a server
 * relative to where the document is served, the upload's two bodies (multipart files or JSON URLs).
 */
export function finishDocument(document: Json): Json {
  const components = (document.components ?? {}) as Json;
  const paths = (document.paths ?? {}) as Record<string, Record<string, Json>>;
  const upload = paths['/api/upload-video/{app}/{user}/{sessionId}']?.post;
  if (upload) {
    upload.requestBody = {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['files'],
            properties: {
              files: {
                type: 'array',
                items: { type: 'string', format: 'binary' },
                description: 'Photos, clips or music (several parts named files).',
              },
            },
          },
        },
        'application/json': { schema: jsonSchemaOf(urlUploadBody) },
      },
    };
  }
  const edits = paths['/api/state/{app}/{user}/{sessionId}/edits']?.post;
  if (edits) {
    edits.requestBody = {
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['edits'],
            properties: {
              edits: {
                type: 'array',
                minItems: 1,
                maxItems: MAX_EDITS_PER_REQUEST,
                items: ref('TimelineEdit'),
              },
            },
          },
        },
      },
    };
  }
  return {
    ...document,
    info: {
      ...(document.info as Json),
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'The photoreel server that serves this document' }],
    security: [{ bearer: [] }],
    components: {
      ...components,
      schemas: { ...((components.schemas as Json) ?? {}), ...componentSchemas() },
    },
  };
}
