import { PhotoreelError, isPhotoreelError } from '../errors.ts';

export interface Envelope<T = unknown> {
  code: number;
  message: string;
  data: T | null;
}

export function ok<T>(data: T, message = 'success'): Envelope<T> {
  return { code: 0, message, data };
}

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  validation?: unknown;
  message?: string;
}

/**
 * Every failure as a catalog error: ours as they are, Fastify's and its plugins' (bad JSON, body too large,
 * multipart limits, rate limit) mapped to their catalog code; anything else is INTERNAL_ERROR (a bug).
 */
export function toCatalogError(err: unknown, limits: { bodyLimit: number }): PhotoreelError {
  if (isPhotoreelError(err)) return err;
  const e = (err ?? {}) as FastifyLikeError;
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new PhotoreelError(
        'BAD_REQUEST',
        'The body is not valid JSON: send a JSON object (or no Content-Type: application/json).',
      );
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new PhotoreelError(
        'BAD_REQUEST',
        `The request body is larger than ${Math.round(limits.bodyLimit / 1024)} KB: send files as a multipart upload instead.`,
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new PhotoreelError(
        'BAD_REQUEST',
        'This Content-Type is not accepted here: send application/json or multipart/form-data.',
      );
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new PhotoreelError(
        'BAD_REQUEST',
        'The Content-Length does not match the body: send the request again.',
      );
    case 'FST_REQ_FILE_TOO_LARGE':
      return new PhotoreelError('FILE_TOO_LARGE');
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new PhotoreelError(
        'BAD_REQUEST',
        'The upload has too many parts: send at most 50 files a request.',
      );
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
    case 'FST_PROTO_VIOLATION':
      return new PhotoreelError('BAD_REQUEST', 'The multipart body is not valid: send parts named "files".');
  }
  if (e.validation)
    return new PhotoreelError('BAD_REQUEST', `The request is not valid: ${String(e.message).slice(0, 200)}.`);
  if (e.statusCode === 429) return new PhotoreelError('RATE_LIMITED');
  if (e.statusCode === 416) return new PhotoreelError('RANGE_NOT_SATISFIABLE');
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return new PhotoreelError(
      'BAD_REQUEST',
      `The request is not valid: ${String(e.message ?? 'malformed').slice(0, 200)}.`,
    );
  }
  if (
    typeof e.message === 'string' &&
    /Unexpected end of (form|multipart)|Malformed part header|Multipart: Boundary not found/i.test(e.message)
  ) {
    return new PhotoreelError(
      'BAD_REQUEST',
      'The multipart body ended early or is malformed: send the upload again.',
    );
  }
  return new PhotoreelError('INTERNAL_ERROR');
}

export function errorEnvelope(e: PhotoreelError): Envelope<Record<string, unknown>> {
  return { code: e.code, message: e.message, data: e.details ?? null };
}
