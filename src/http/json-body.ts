import type { FastifyInstance } from 'fastify';
import { PhotoreelError } from '../errors.ts';

/** Deepest nesting of arrays and objects a JSON body may have (a draft needs about 8). */
export const MAX_JSON_DEPTH = 64;

/**
 * How deeply the arrays and objects of a JSON text nest, counted without parsing (brackets inside strings do not
 * count), stopping as soon as it passes `stopAt`.
 */
export function jsonDepth(text: string, stopAt = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > stopAt) return deepest;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/**
 * The JSON body parser: Fastify's own (prototype poisoning refused), after a check that the body does not nest
 * deeper than MAX_JSON_DEPTH, so no later step (validation, copies, logging) can run out of stack on it.
 */
export function registerJsonParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      done(
        new PhotoreelError(
          'BAD_REQUEST',
          `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels: send a flatter body.`,
        ),
        undefined,
      );
      return;
    }
    parse(request, text, done);
  });
}
