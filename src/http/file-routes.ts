import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { PhotoreelError } from '../errors.ts';
import { thumbnail } from '../media/thumbnail.ts';
import { CONTENT_TYPES, formatFromPath } from '../render/output-format.ts';
import type { Service } from '../service/create-service.ts';
import { verifyDownload } from '../service/exports.ts';
import { insideDataDir } from '../service/process-render.ts';
import { ownedSession } from '../service/sessions.ts';
import { errorEnvelope } from './envelope.ts';
import { authenticated, tokenOf } from './request-context.ts';

export const THUMBNAIL_SIZE = 320;

/**
 * Whether a `Range: bytes=…` header asks only for bytes past the end of a file of `size` bytes (416); malformed or
 * partly satisfiable ranges are left to the file sender (which answers them, or sends the whole file).
 */
export function unsatisfiableRange(range: string | undefined, size: number): boolean {
  const m = /^\s*bytes\s*=\s*(.+)$/i.exec(range ?? '');
  if (!m?.[1]) return false;
  const specs = m[1].split(',').map((x) => x.trim());
  return specs.every((spec) => {
    const r = /^(\d*)-(\d*)$/.exec(spec);
    if (!r) return false;
    if (r[1] === '') return r[2] === '0' || size === 0; // a suffix of 0 bytes, or any suffix of an empty file
    return Number(r[1]) >= size;
  });
}

/** The signed video download (no bearer token; range requests) and media thumbnails (bearer token). */
export function fileRoutes(app: FastifyInstance, service: Service): void {
  const rendersDir = path.join(service.config.dataDir, 'renders');

  app.get<{ Params: { file: string }; Querystring: { expires?: string; sig?: string } }>(
    '/api/download/:file',
    {
      schema: {
        summary:
          'Download a finished video (mp4, webm, mov, gif, webp) through its signed link (supports Range)',
        tags: ['exports'],
        querystring: { type: 'object', properties: { expires: { type: 'string' }, sig: { type: 'string' } } },
      },
    },
    async (request, reply) => {
      const rel = verifyDownload(service, request.params.file, request.query.expires, request.query.sig);
      const abs = insideDataDir(service.config.dataDir, rel);
      const s = await stat(abs).catch(() => undefined);
      if (!s?.isFile())
        throw new PhotoreelError(
          'RENDER_NOT_FOUND',
          'This render has no finished video (any more): export it again.',
        );
      const unsatisfiable = unsatisfiableRange(request.headers.range, s.size);
      if (unsatisfiable) {
        const e = new PhotoreelError('RANGE_NOT_SATISFIABLE');
        return reply.status(e.status).header('content-range', `bytes */${s.size}`).send(errorEnvelope(e));
      }
      reply.header('content-disposition', `inline; filename="${path.basename(abs)}"`);
      reply.header('cache-control', 'private, max-age=3600');
      reply.header('cross-origin-resource-policy', 'cross-origin');
      const type = CONTENT_TYPES[formatFromPath(abs) ?? 'mp4'];
      return reply.type(type).sendFile(path.basename(abs), rendersDir, { cacheControl: false });
    },
  );

  app.get<{ Params: { sessionId: string; id: string } }>(
    '/api/media/:sessionId/:id/thumbnail',
    {
      config: authenticated,
      schema: {
        summary: 'A small JPEG preview of an uploaded photo or clip',
        tags: ['media'],
        security: [{ bearer: [] }],
      },
    },
    async (request, reply) => {
      const token = tokenOf(request);
      const session = ownedSession(service, token.hash, request.params.sessionId);
      const media = service.store.media.get(session.id, request.params.id);
      if (!media || media.kind === 'audio') {
        throw new PhotoreelError(
          'MEDIA_NOT_FOUND',
          'This session has no photo or clip with this id: check the id.',
        );
      }
      const cacheDir = path.join(service.config.dataDir, 'cache', 'thumbnails');
      const file = await thumbnail(insideDataDir(service.config.dataDir, media.path), {
        size: THUMBNAIL_SIZE,
        cacheDir,
      });
      reply.header('cache-control', 'private, max-age=86400');
      return reply.sendFile(path.basename(file), path.dirname(file), { cacheControl: false });
    },
  );
}
