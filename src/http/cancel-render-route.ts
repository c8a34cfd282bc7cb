import type { FastifyInstance } from 'fastify';
import type { Service } from '../service/create-service.ts';
import { cancelExport } from '../service/exports.ts';
import { ok } from './envelope.ts';
import { authenticated, baseUrlOf, tokenOf } from './request-context.ts';

/**
 * `DELETE /api/render/proxy/lambda/<id>`, beside the protocol's status route: the owner cancels a render.
 * Answers the render's status afterwards (`failed` with error 5002 once cancelled); another token's id is 4200.
 */
export function cancelRenderRoute(app: FastifyInstance, service: Service): void {
  app.delete<{ Params: { id: string } }>(
    '/api/render/proxy/lambda/:id',
    {
      config: authenticated,
      schema: {
        summary: 'Cancel a render: a queued one never starts, a running one stops and leaves no file',
        tags: ['exports'],
        security: [{ bearer: [] as string[] }],
      },
    },
    async (request) => {
      const token = tokenOf(request);
      return ok(await cancelExport(service, token.hash, request.params.id, baseUrlOf(service, request)));
    },
  );
}
