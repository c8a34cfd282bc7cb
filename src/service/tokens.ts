import { PhotoreelError } from '../errors.ts';
import type { Attribution, TokenRow } from '../store/tokens-repo.ts';
import type { ServiceContext } from './context.ts';
import { hmacBase64url, newId, sha256Hex } from './ids.ts';

export interface IssuedToken {
  token: string;
  expires_at: string;
  credits: number;
}

const CLIENT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The token's value: derived from a stored nonce with the signing secret, so it need not be stored. */
function tokenValue(ctx: ServiceContext, nonce: string): string {
  return `pr_${hmacBase64url(ctx.secret, `token:${nonce}`)}`;
}

/**
 * An anonymous token for a client id. The same client id, asking while its token is valid, gets that token back.
 * New tokens start with `creditsPerToken` credits and expire after `tokenTtlHours`.
 */
export function issueToken(
  ctx: ServiceContext,
  clientId: string | undefined,
  attribution: Attribution = {},
): IssuedToken {
  const id = clientId?.trim();
  if (!id) {
    throw new PhotoreelError(
      'BAD_REQUEST',
      'The X-Client-Id header is missing: send a UUID that identifies this client.',
    );
  }
  if (!CLIENT_ID.test(id)) {
    throw new PhotoreelError(
      'BAD_REQUEST',
      'The X-Client-Id header is not valid: send a UUID (letters, digits and dashes, at most 128 characters).',
    );
  }
  const { store, config } = ctx;
  const now = ctx.now();
  return store.transaction(() => {
    const existing = store.tokens.validForClient(id, now.toISOString());
    if (existing) {
      store.tokens.recordAttribution(existing.hash, attribution);
      return {
        token: tokenValue(ctx, existing.nonce),
        expires_at: existing.expiresAt,
        credits: store.credits.balance(existing.hash).available,
      };
    }
    const nonce = newId('', 24);
    const token = tokenValue(ctx, nonce);
    const row: TokenRow = {
      hash: sha256Hex(token),
      nonce,
      clientId: id,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + config.tokenTtlHours * 3600_000).toISOString(),
      attribution,
    };
    store.tokens.insert(row);
    store.credits.init(row.hash, config.creditsPerToken);
    return { token, expires_at: row.expiresAt, credits: config.creditsPerToken };
  });
}

/** The token behind a bearer value; TOKEN_INVALID when it is missing, unknown or expired. */
export function authenticate(ctx: ServiceContext, token: string | undefined): TokenRow {
  if (!token) {
    throw new PhotoreelError(
      'TOKEN_INVALID',
      'The Authorization header is missing: send `Authorization: Bearer <token>` with a token from POST /api/auth/anonymous-token.',
    );
  }
  const row = token.length <= 200 ? ctx.store.tokens.get(sha256Hex(token)) : undefined;
  if (!row) throw new PhotoreelError('TOKEN_INVALID', 'The token is not valid: get a new anonymous token.');
  if (row.expiresAt <= ctx.now().toISOString()) {
    throw new PhotoreelError(
      'TOKEN_INVALID',
      `The token expired at ${row.expiresAt}: get a new anonymous token.`,
    );
  }
  return row;
}
