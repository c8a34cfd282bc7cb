import type { FastifyInstance } from 'fastify';
import type { Service } from '../service/create-service.ts';
import { getExport, startExport } from '../service/exports.ts';
import { createSession } from '../service/sessions.ts';
import { getState } from '../service/state.ts';
import { issueToken } from '../service/tokens.ts';
import { ok } from './envelope.ts';
import { attributionOf, authenticated, baseUrlOf, tokenOf } from './request-context.ts';
import { exportBody, jsonSchemaOf, parseBody, sessionBody } from './schemas.ts';

const bearer = [{ bearer: [] as string[] }];

/** Tokens, sessions, state, credits and exports: the JSON endpoints of spec/api.md. */
export function protocolRoutes(app: FastifyInstance, service: Service): void {
  const rate = service.config.rateTokensPerMin;
  app.post(
    '/api/auth/anonymous-token',
    {
      config: { rateLimit: { max: rate, timeWindow: 60_000 } },
      schema: {
        summary: 'Get an anonymous token (send X-Client-Id)',
        tags: ['auth'],
        headers: { type: 'object', properties: { 'x-client-id': { type: 'string' } } },
      },
    },
    async (request) => {
      const id = request.headers['x-client-id'];
      const data = issueToken(service, Array.isArray(id) ? id[0] : id, attributionOf(request));
      return ok(data);
    },
  );

  app.post(
    '/api/tasks/:user/with-session/:app',
    {
      config: authenticated,
      schema: {
        summary: 'Create a session',
        tags: ['sessions'],
        body: jsonSchemaOf(sessionBody),
        security: bearer,
      },
    },
    async (request) => {
      const token = tokenOf(request);
      service.store.tokens.recordAttribution(token.hash, attributionOf(request));
      const body = parseBody(sessionBody, request.body);
      return ok(createSession(service, token.hash, body));
    },
  );

  app.get<{ Params: { sessionId: string } }>(
    '/api/state/:app/:user/:sessionId/latest',
    {
      config: authenticated,
      schema: {
        summary: 'The session: draft, uploaded media, renders',
        tags: ['sessions'],
        security: bearer,
      },
    },
    async (request) => {
      const token = tokenOf(request);
      return ok(await getState(service, token.hash, request.params.sessionId, baseUrlOf(service, request)));
    },
  );

  app.get(
    '/api/credits/balance/simple',
    {
      config: authenticated,
      schema: { summary: 'Credits of this token', tags: ['credits'], security: bearer },
    },
    async (request) => {
      const token = tokenOf(request);
      return ok(service.store.credits.balance(token.hash));
    },
  );

  app.post(
    '/api/render/proxy/lambda',
    {
      config: authenticated,
      schema: {
        summary: 'Export: queue a render (idempotent on id)',
        tags: ['exports'],
        body: jsonSchemaOf(exportBody),
        security: bearer,
      },
    },
    async (request) => {
      const token = tokenOf(request);
      const attribution = attributionOf(request);
      service.store.tokens.recordAttribution(token.hash, attribution);
      const body = parseBody(exportBody, request.body);
      return ok(await startExport(service, token.hash, body, attribution));
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/render/proxy/lambda/:id',
    {
      config: authenticated,
      schema: {
        summary: 'Export status, progress and signed download URL',
        tags: ['exports'],
        security: bearer,
      },
    },
    async (request) => {
      const token = tokenOf(request);
      return ok(await getExport(service, token.hash, request.params.id, baseUrlOf(service, request)));
    },
  );
}
