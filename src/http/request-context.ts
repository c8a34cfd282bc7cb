import type { FastifyRequest } from 'fastify';
import type { Service } from '../service/create-service.ts';
import { sha256Hex } from '../service/ids.ts';
import { authenticate } from '../service/tokens.ts';
import type { Attribution, TokenRow } from '../store/tokens-repo.ts';

/** The bearer token of a request (TOKEN_INVALID when missing, unknown or expired). */
export function tokenOf(service: Service, request: FastifyRequest): TokenRow {
  const h = request.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(h) : null;
  return authenticate(service, m?.[1]);
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

/** Rate-limit key of per-token limits: the bearer header's hash (never the token itself), else the address. */
export function tokenRateKey(request: FastifyRequest): string {
  const h = request.headers.authorization;
  return typeof h === 'string' && h.length < 300 ? `t:${sha256Hex(h)}` : `ip:${request.ip}`;
}

/**
 * Route config of the per-token instruction limit (PHOTOREEL_RATE_INSTRUCTIONS_PER_MIN a minute); each route that
 * uses it keeps its own counter.
 */
export function instructionRateLimit(service: Service) {
  return {
    rateLimit: { max: service.config.rateInstructionsPerMin, timeWindow: 60_000, keyGenerator: tokenRateKey },
  };
}
