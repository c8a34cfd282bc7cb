import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PhotoreelError } from '../errors.ts';
import type { Service } from '../service/create-service.ts';
import { authenticate } from '../service/tokens.ts';
import type { Attribution, TokenRow } from '../store/tokens-repo.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated token of a route with `config.auth`; null on other routes. */
    token: TokenRow | null;
  }
  interface FastifyContextConfig {
    /** The route needs `Authorization: Bearer <token>`: the auth hook resolves it before anything else runs. */
    auth?: boolean;
  }
}

/**
 * The token of an `Authorization` header: the scheme `Bearer` in any case, then the token, with any whitespace
 * (spaces, tabs) around and between. Undefined when the header is missing or has another form.
 */
export function bearerOf(header: unknown): string | undefined {
  const h = Array.isArray(header) ? header[0] : header;
  if (typeof h !== 'string' || h.length > 1000) return undefined;
  return /^\s*bearer\s+(\S+)\s*$/i.exec(h)?.[1];
}

/**
 * Authentication as one hook: on every route with `config: { auth: true }` the bearer token is resolved
 * (TOKEN_INVALID when missing, unknown or expired) and put on `request.token`, before rate limits and handlers
 * run, so per-token limits key on the token itself and not on how its header is spelled.
 */
export function registerAuth(app: FastifyInstance, service: Service): void {
  app.decorateRequest('token', null);
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.auth !== true) return;
    request.token = authenticate(service, bearerOf(request.headers.authorization));
  });
}

/** The authenticated token of a route with `config.auth` (the auth hook put it there). */
export function tokenOf(request: FastifyRequest): TokenRow {
  if (!request.token) throw new PhotoreelError('TOKEN_INVALID');
  return request.token;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s ? s.slice(0, 100) : undefined;
}

/** The X-Skill-* attribution headers, recorded for usage statistics. */
export function attributionOf(request: FastifyRequest): Attribution {
  const a: Attribution = {};
  const source = header(request, 'x-skill-source');
  const version = header(request, 'x-skill-version');
  const platform = header(request, 'x-skill-platform');
  if (source) a.source = source;
  if (version) a.version = version;
  if (platform) a.platform = platform;
  return a;
}

/** Base of absolute links: the configured public URL, else this request's scheme and host. */
export function baseUrlOf(service: Service, request: FastifyRequest): string {
  return service.config.publicUrl ?? `${request.protocol}://${request.host}`;
}

/** Rate-limit key of per-token limits: the authenticated token's hash (never the token itself), else the address. */
export function tokenRateKey(request: FastifyRequest): string {
  return request.token ? `t:${request.token.hash}` : `ip:${request.ip}`;
}

/**
 * Route config of an authenticated route with the per-token instruction limit (PHOTOREEL_RATE_INSTRUCTIONS_PER_MIN
 * a minute); each route that uses it keeps its own counter.
 */
export function instructionRateLimit(service: Service) {
  return {
    auth: true,
    rateLimit: { max: service.config.rateInstructionsPerMin, timeWindow: 60_000, keyGenerator: tokenRateKey },
  };
}

/** Route config of an authenticated route. */
export const authenticated = { auth: true } as const;
