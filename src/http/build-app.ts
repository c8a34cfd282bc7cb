import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { PhotoreelError } from '../errors.ts';
import type { Service } from '../service/create-service.ts';
import { checkHealth } from '../service/health.ts';
import { maxUploadBytes } from '../service/uploads.ts';
import { cancelRenderRoute } from './cancel-render-route.ts';
import { errorEnvelope, ok, toCatalogError } from './envelope.ts';
import { fileRoutes } from './file-routes.ts';
import { editsRoute } from './edits-route.ts';
import { registerJsonParser } from './json-body.ts';
import { mediaFileRoute } from './media-file-route.ts';
import { documentRoute, finishDocument } from './openapi.ts';
import { protocolRoutes } from './protocol-routes.ts';
import { registerAuth } from './request-context.ts';
import { runSseRoute } from './run-sse-route.ts';
import { setDraftRoute } from './set-draft-route.ts';
import { staticCacheControl } from './static-cache.ts';
import { uploadRoute } from './upload-route.ts';

export interface BuildAppOptions {
  /** Interval of `: heartbeat` on instruction streams (default: the config's heartbeatMs, 15 s). */
  heartbeatMs?: number;
  /** Folder of the built web page, served at `/` when it exists (default: web/dist of the package). */
  webDir?: string;
  /** Largest JSON body, bytes (default: twice the config's maxDraftBytes and 64 KB, room for a pretty-printed draft). */
  bodyLimit?: number;
  /** Where the JSON log lines go (default stdout). */
  logStream?: NodeJS.WritableStream;
}

const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Whether a request failed because its client closed the connection (logged as info, not as an error). */
function clientWentAway(
  raw: { aborted?: boolean; socket?: { destroyed?: boolean } | null },
  err: unknown,
): boolean {
  const e = err as { code?: string; message?: string } | undefined;
  return (
    raw.aborted === true ||
    raw.socket?.destroyed === true ||
    e?.code === 'ECONNRESET' ||
    e?.code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    e?.message === 'aborted'
  );
}

/** Strips query strings (signed links) from logged URLs. */
function pathOnly(url: string | undefined): string {
  return (url ?? '').split('?')[0] ?? '';
}

/**
 * The HTTP app of the protocol (spec/api.md) over a service: every answer in the `{code, message, data}` envelope,
 * catalog codes and statuses, helmet headers, rate limits, OpenAPI at /openapi.json, the web page at `/`.
 * Does not listen: call `listen` (startServer does) or use `inject` in process.
 */
export async function buildApp(service: Service, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const bodyLimit = options.bodyLimit ?? service.config.maxDraftBytes * 2 + 64 * 1024;
  const app = Fastify({
    bodyLimit,
    genReqId: () => randomUUID(),
    logger: {
      level: service.config.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'req.query.sig'],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { method?: string; url?: string; ip?: string }) => ({
          method: req.method,
          url: pathOnly(req.url),
          ip: req.ip,
        }),
      },
    },
  });
  // Bodies are validated by zod in the handlers; JSON Schemas on routes only document them.
  app.setValidatorCompiler(() => () => true);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerAuth(app, service);
  registerJsonParser(app);

  // Served over plain HTTP on a LAN address (`--host 0.0.0.0`, a phone on the same Wi-Fi), the page must load as
  // it is: no `upgrade-insecure-requests` (the browser would ask for its scripts over https, which nothing serves)
  // and HSTS only on answers that came over HTTPS (as the standard says: it is ignored, or harmful, over HTTP).
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        connectSrc: ["'self'", 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: false,
    crossOriginOpenerPolicy: false,
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.protocol !== 'https') return;
    reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    reply.header('cross-origin-opener-policy', 'same-origin');
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      Object.assign(
        new PhotoreelError(
          'RATE_LIMITED',
          `Too many requests: wait ${Math.ceil(context.ttl / 1000)} seconds (see Retry-After), then try once more.`,
          { retryAfterSeconds: Math.ceil(context.ttl / 1000) },
        ),
        { statusCode: 429 },
      ),
  });
  await app.register(multipart, {
    limits: {
      fileSize: maxUploadBytes(service) + 1024,
      files: 50,
      parts: 100,
      fields: 20,
      fieldSize: 64 * 1024,
      headerPairs: 50,
    },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'photoreel',
        version: '1',
        description: 'Photos to finished videos: the protocol of photo-to-video agent skills, self-hosted.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: ({ schema, url, route }) =>
      documentRoute({ schema: schema as Record<string, unknown> | undefined, url, route }),
    transformObject: (doc) =>
      finishDocument(
        ('openapiObject' in doc ? doc.openapiObject : doc.swaggerObject) as Record<string, unknown>,
      ),
  });
  await app.register(fastifyStatic, { root: path.join(service.config.dataDir, 'renders'), serve: false });
  const webDir = options.webDir ?? DEFAULT_WEB_DIR;
  if (existsSync(path.join(webDir, 'index.html'))) {
    // The Vite build writes .br and .gz beside each file (web/vite.config.ts): served as they are, no CPU spent.
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: '/',
      decorateReply: false,
      index: ['index.html'],
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, file) => reply.header('cache-control', staticCacheControl(file)),
    });
  }

  app.setErrorHandler((err, request, reply) => {
    const e = toCatalogError(err, { bodyLimit });
    if (clientWentAway(request.raw, err)) {
      // Not the server's failure: the client closed the connection (an upload cut off, a closed tab).
      request.log.info(
        { code: e.code, reason: String((err as Error).message).slice(0, 100) },
        'client went away',
      );
      return reply.status(e.status).send(errorEnvelope(e));
    }
    if (e.key === 'INTERNAL_ERROR') request.log.error({ err }, 'unexpected error');
    else request.log.info({ code: e.code }, e.message);
    return reply.status(e.status).send(errorEnvelope(e));
  });
  app.setNotFoundHandler((request, reply) => {
    const e = new PhotoreelError(
      'NOT_FOUND',
      `There is no ${request.method} ${pathOnly(request.url).slice(0, 200)}: check the API documentation.`,
    );
    return reply.status(e.status).send(errorEnvelope(e));
  });

  app.get(
    '/healthz',
    {
      schema: {
        summary: 'Health: database readable, data folder writable (503 naming the part when not)',
        tags: ['meta'],
      },
    },
    async (_request, reply) => {
      const checks = await checkHealth(service);
      const queue = service.config.redisUrl ? 'redis' : 'embedded';
      const bad = Object.entries(checks).filter(([, v]) => v !== 'ok');
      if (bad.length === 0) return ok({ status: 'ok', queue, checks }, 'ok');
      const e = new PhotoreelError(
        'SERVICE_UNHEALTHY',
        `The server cannot work right now: ${bad.map(([k, v]) => `${k} ${v}`).join('; ')}.`,
        { status: 'unhealthy', queue, checks },
      );
      reply.log.warn({ checks }, 'unhealthy');
      return reply.status(e.status).send(errorEnvelope(e));
    },
  );
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  protocolRoutes(app, service);
  uploadRoute(app, service);
  runSseRoute(app, service, { heartbeatMs: options.heartbeatMs ?? service.config.heartbeatMs });
  setDraftRoute(app, service);
  cancelRenderRoute(app, service);
  editsRoute(app, service);
  fileRoutes(app, service);
  mediaFileRoute(app, service);
  return app;
}
