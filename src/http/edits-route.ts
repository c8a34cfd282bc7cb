import type { FastifyInstance } from 'fastify';
import { applySessionEdits, stepSessionHistory } from '../service/apply-edits.ts';
import type { Service } from '../service/create-service.ts';
import { getState } from '../service/state.ts';
import { ok } from './envelope.ts';
import { baseUrlOf, tokenRateKey, tokenOf } from './request-context.ts';
import { editsBody, editsBodyDoc, jsonSchemaOf, parseBody } from './schemas.ts';

/**
 * POST /api/state/<app>/<user>/<session>/edits: structured timeline edits from a client (the page's controls),
 * applied as ONE undo step, free of charge; answers the session state (the same body as GET …/latest).
 * Rate limited per token at ten times the instruction limit (controls send small, frequent edits).
 */
export function editsRoute(app: FastifyInstance, service: Service): void {
  app.post<{ Params: { sessionId: string } }>(
    '/api/state/:app/:user/:sessionId/edits',
    {
      config: {
        auth: true,
        rateLimit: {
          max: service.config.rateInstructionsPerMin * 10,
          timeWindow: 60_000,
          keyGenerator: tokenRateKey,
        },
      },
      schema: {
        summary: 'Apply timeline edits as one undo step (no credits); answers the session state',
        tags: ['sessions'],
        body: jsonSchemaOf(editsBodyDoc),
        security: [{ bearer: [] }],
      },
    },
    async (request) => {
      const token = tokenOf(request);
      const body = parseBody(editsBody, request.body);
      applySessionEdits(service, token.hash, request.params.sessionId, body.edits);
      return ok(await getState(service, token.hash, request.params.sessionId, baseUrlOf(service, request)));
    },
  );

  for (const direction of ['undo', 'redo'] as const) {
    app.post<{ Params: { sessionId: string } }>(
      `/api/state/:app/:user/:sessionId/${direction}`,
      {
        config: {
          auth: true,
          rateLimit: {
            max: service.config.rateInstructionsPerMin * 10,
            timeWindow: 60_000,
            keyGenerator: tokenRateKey,
          },
        },
        schema: {
          summary:
            direction === 'undo'
              ? 'Undo the newest step (an instruction, edits or a replaced draft), free; answers the session state'
              : 'Redo the newest undone step, free; answers the session state',
          tags: ['sessions'],
          security: [{ bearer: [] }],
        },
      },
      async (request) => {
        const token = tokenOf(request);
        stepSessionHistory(service, token.hash, request.params.sessionId, direction);
        return ok(await getState(service, token.hash, request.params.sessionId, baseUrlOf(service, request)));
      },
    );
  }
}
