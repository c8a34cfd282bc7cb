import type { FastifyInstance } from 'fastify';
import { isPhotoreelError, PhotoreelError } from '../errors.ts';
import type { Service } from '../service/create-service.ts';
import { beginInstruction, outcomeEvents, textEvent } from '../service/instructions.ts';
import { openEventStream, startHeartbeat } from './event-stream.ts';
import { instructionRateLimit, tokenOf } from './request-context.ts';
import { jsonSchemaOf, parseBody, runSseBody } from './schemas.ts';

/**
 * POST /run_sse: one instruction, answered as server-sent events. Failures known before the stream opens
 * (token, session, credits, body) are ordinary JSON error answers; later ones end the stream with a text event
 * that carries `error: {code, message}`.
 */
export function runSseRoute(app: FastifyInstance, service: Service, options: { heartbeatMs: number }): void {
  app.post(
    '/run_sse',
    {
      config: instructionRateLimit(service),
      schema: {
        summary: 'Run one instruction; the answer is text/event-stream',
        tags: ['instructions'],
        body: jsonSchemaOf(runSseBody),
        produces: ['text/event-stream'],
        security: [{ bearer: [] }],
      },
    },
    async (request, reply) => {
      const token = tokenOf(request);
      const body = parseBody(runSseBody, request.body);
      const text = body.new_message.parts
        .map((p) => p.text ?? '')
        .join('\n')
        .trim();
      const pending = beginInstruction(service, token.hash, body.session_id, text);

      reply.hijack();
      const stream = openEventStream(reply.raw, { 'x-request-id': String(request.id) });
      const stop = startHeartbeat(stream, options.heartbeatMs);
      const started = Date.now();
      try {
        const outcome = await pending.run();
        for (const event of outcomeEvents(outcome)) stream.send(event);
        request.log.info(
          {
            session: body.session_id,
            edits: outcome.result.edits.length,
            charged: outcome.charged,
            ms: Date.now() - started,
          },
          'instruction done',
        );
      } catch (e) {
        const err = isPhotoreelError(e) ? e : new PhotoreelError('INTERNAL_ERROR');
        if (!isPhotoreelError(e)) request.log.error({ err: e }, 'instruction failed');
        stream.send(textEvent(err.message, { error: { code: err.code, message: err.message } }));
      } finally {
        stop();
        stream.end();
      }
    },
  );
}
