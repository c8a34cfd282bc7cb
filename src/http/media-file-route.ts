import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { PhotoreelError } from '../errors.ts';
import { thumbnail } from '../media/thumbnail.ts';
import { MEDIA_PREVIEW_SIZES, DEFAULT_MEDIA_PREVIEW_SIZE } from '../protocol/index.ts';
import type { Service } from '../service/create-service.ts';
import { insideDataDir } from '../service/process-render.ts';
import { ownedSession } from '../service/sessions.ts';
import { errorEnvelope } from './envelope.ts';
import { unsatisfiableRange } from './file-routes.ts';
import { authenticated, tokenOf } from './request-context.ts';

/** The `size` of a photo preview: one of the allowed long sides, the default when absent. */
export function previewSize(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_MEDIA_PREVIEW_SIZE;
  const n = Number(raw);
  if (!(MEDIA_PREVIEW_SIZES as readonly number[]).includes(n)) {
    throw new PhotoreelError(
      'BAD_REQUEST',
      `size must be one of ${MEDIA_PREVIEW_SIZES.join(', ')} (pixels, long side): ask for one of them.`,
      { size: raw.slice(0, 20) },
    );
  }
  return n;
}

/**
 * An uploaded file for the page's live player (bearer token): clips and music as uploaded (Range requests, so
 * video elements seek), photos as a JPEG whose long side is `size` (default 1280), made once and cached on disk
 * like thumbnails, so a phone never loads a 12-MP original.
 */
export function mediaFileRoute(app: FastifyInstance, service: Service): void {
  app.get<{ Params: { sessionId: string; id: string }; Querystring: { size?: string } }>(
    '/api/media/:sessionId/:id/file',
    {
      config: authenticated,
      schema: {
        summary:
          'An uploaded file for previews: clips and music as uploaded (supports Range), photos as a JPEG of the asked long side',
        tags: ['media'],
        security: [{ bearer: [] }],
        querystring: {
          type: 'object',
          properties: {
            size: {
              type: 'integer',
              enum: [...MEDIA_PREVIEW_SIZES],
              default: DEFAULT_MEDIA_PREVIEW_SIZE,
              description: 'Long side of a photo’s preview, pixels (smaller photos are not enlarged).',
            },
          },
        },
      },
    },
    async (request, reply) => {
      const token = tokenOf(request);
      const session = ownedSession(service, token.hash, request.params.sessionId);
      const media = service.store.media.get(session.id, request.params.id);
      if (!media) {
        throw new PhotoreelError('MEDIA_NOT_FOUND', 'This session has no file with this id: check the id.');
      }
      const src = insideDataDir(service.config.dataDir, media.path);
      reply.header('cache-control', 'private, max-age=86400');
      if (media.kind === 'image') {
        const size = previewSize(request.query.size);
        const file = await thumbnail(src, {
          size,
          cacheDir: path.join(service.config.dataDir, 'cache', 'previews'),
        });
        return reply
          .type('image/jpeg')
          .sendFile(path.basename(file), path.dirname(file), { cacheControl: false });
      }
      const s = await stat(src).catch(() => undefined);
      if (!s?.isFile()) {
        throw new PhotoreelError('MEDIA_NOT_FOUND', 'This file is no longer on the server: upload it again.');
      }
      if (unsatisfiableRange(request.headers.range, s.size)) {
        const e = new PhotoreelError('RANGE_NOT_SATISFIABLE');
        return reply.status(e.status).header('content-range', `bytes */${s.size}`).send(errorEnvelope(e));
      }
      return reply.type(media.mime).sendFile(path.basename(src), path.dirname(src), { cacheControl: false });
    },
  );
}
