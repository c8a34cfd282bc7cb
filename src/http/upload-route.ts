import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PhotoreelError } from '../errors.ts';
import type { Service } from '../service/create-service.ts';
import { bodyDeadline } from '../service/body-deadline.ts';
import { ownedSession } from '../service/sessions.ts';
import { receiveFiles, type IncomingFile } from '../service/uploads.ts';
import { importUrls } from '../service/url-imports.ts';
import { ok } from './envelope.ts';
import { authenticated, tokenOf } from './request-context.ts';
import { parseBody, urlUploadBody } from './schemas.ts';

/** The file parts of a multipart request, streamed one after another; other parts are skipped. */
async function* filesOf(request: FastifyRequest): AsyncGenerator<IncomingFile> {
  for await (const part of request.parts()) {
    if (part.type !== 'file') continue;
    if (part.fieldname === 'files' || part.fieldname === 'file')
      yield { filename: part.filename, stream: part.file };
    else part.file.resume();
  }
}

/** Longest multipart boundary: 70 characters (RFC 2046); longer ones are refused before the body is read. */
const MAX_BOUNDARY = 70;

function checkBoundary(contentType: string | undefined): void {
  const m = /;\s*boundary=(?:"([^"]*)"|([^;\s]*))/i.exec(contentType ?? '');
  const boundary = m?.[1] ?? m?.[2] ?? '';
  if (boundary.length === 0 || boundary.length > MAX_BOUNDARY) {
    throw new PhotoreelError(
      'BAD_REQUEST',
      `The multipart boundary must be 1 to ${MAX_BOUNDARY} characters (it is ${boundary.length}): send a standard multipart body.`,
    );
  }
}

/** Multipart (parts named `files`) or JSON `{urls}` uploads into a session. */
export function uploadRoute(app: FastifyInstance, service: Service): void {
  app.post<{ Params: { sessionId: string } }>(
    '/api/upload-video/:app/:user/:sessionId',
    {
      config: authenticated,
      schema: {
        summary:
          'Upload files (multipart parts named "files") or import URLs ({"urls": [...], "source_type": "url"})',
        tags: ['media'],
        consumes: ['multipart/form-data', 'application/json'],
        security: [{ bearer: [] }],
      },
    },
    async (request, reply) => {
      const token = tokenOf(request);
      const session = ownedSession(service, token.hash, request.params.sessionId);
      if (request.isMultipart()) {
        const deadline = bodyDeadline({
          idleMs: service.config.uploadIdleMs,
          totalMs: service.config.uploadTotalMs,
        });
        const touch = () => deadline.touch();
        request.raw.on('data', touch);
        try {
          checkBoundary(request.headers['content-type']);
          return ok({ files: await receiveFiles(service, session.id, filesOf(request), deadline) });
        } catch (e) {
          // The rest of the body may still be on its way: do not keep reading it.
          reply.header('connection', 'close');
          throw e;
        } finally {
          deadline.clear();
          request.raw.off('data', touch);
        }
      }
      const body = parseBody(urlUploadBody, request.body);
      return ok({ files: await importUrls(service, session.id, body.urls) });
    },
  );
}
