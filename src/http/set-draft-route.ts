import type { FastifyInstance } from 'fastify';
import type { Service } from '../service/create-service.ts';
import { setSessionDraft } from '../service/set-draft.ts';
import { ok } from './envelope.ts';
import { instructionRateLimit, tokenOf } from './request-context.ts';
import { parseBody, setDraftBody, setDraftBodyJsonSchema } from './schemas.ts';

/**
 * PUT /api/state/<app>/<user>/<session>/draft: replaces the session's draft as one undoable step (no credits).
 * Added beside the protocol of spec/api.md, in the state route's parameter style; rate limited per token like
 * /run_sse (its own counter, same limit).
 */
export function setDraftRoute(app: FastifyInstance, service: Service): void {
  app.put<{ Params: { sessionId: string } }>(
    '/api/state/:app/:user/:sessionId/draft',
    {
      config: instructionRateLimit(service),
      schema: {
        summary:
          'Replace the session’s draft (one undo step; "undo" through /run_sse brings the previous one back)',
        description:
          'Body `{"draft": <draft>}`. The draft is validated (4100 names the field, 4101 for a newer version) and every ' +
          'asset `src` must be this session’s media (4004 names the item). Answers `{draft, summary}`. Costs no credits.',
        tags: ['sessions'],
        body: setDraftBodyJsonSchema(),
        security: [{ bearer: [] }],
      },
    },
    async (request) => {
      const token = tokenOf(request);
      const body = parseBody(setDraftBody, request.body);
      return ok(setSessionDraft(service, token.hash, request.params.sessionId, body.draft));
    },
  );
}
