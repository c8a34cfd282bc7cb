import type { Db } from './open-database.ts';

export interface Attribution {
  source?: string;
  version?: string;
  platform?: string;
}

export interface TokenRow {
  hash: string;
  nonce: string;
  clientId: string;
  createdAt: string;
  expiresAt: string;
  attribution: Attribution;
}

interface RawToken {
  hash: string;
  nonce: string;
  client_id: string;
  created_at: string;
  expires_at: string;
  skill_source: string | null;
  skill_version: string | null;
  skill_platform: string | null;
}

function toRow(r: RawToken): TokenRow {
  const attribution: Attribution = {};
  if (r.skill_source) attribution.source = r.skill_source;
  if (r.skill_version) attribution.version = r.skill_version;
  if (r.skill_platform) attribution.platform = r.skill_platform;
  return {
    hash: r.hash,
    nonce: r.nonce,
    clientId: r.client_id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    attribution,
  };
}

/** Tokens are stored by the sha256 of their value only; `nonce` lets the holder of the signing secret re-derive one. */
export function tokensRepo(db: Db) {
  const byHash = db.prepare<[string], RawToken>('SELECT * FROM tokens WHERE hash = ?');
  const validForClient = db.prepare<[string, string], RawToken>(
    'SELECT * FROM tokens WHERE client_id = ? AND expires_at > ? ORDER BY expires_at DESC LIMIT 1',
  );
  const insert = db.prepare(
    `INSERT INTO tokens (hash, nonce, client_id, created_at, expires_at, skill_source, skill_version, skill_platform)
     VALUES (@hash, @nonce, @clientId, @createdAt, @expiresAt, @source, @version, @platform)`,
  );
  const updateAttribution = db.prepare(
    `UPDATE tokens SET skill_source = COALESCE(?, skill_source), skill_version = COALESCE(?, skill_version),
     skill_platform = COALESCE(?, skill_platform) WHERE hash = ?`,
  );
  return {
    get(hash: string): TokenRow | undefined {
      const r = byHash.get(hash);
      return r ? toRow(r) : undefined;
    },
    validForClient(clientId: string, now: string): TokenRow | undefined {
      const r = validForClient.get(clientId, now);
      return r ? toRow(r) : undefined;
    },
    insert(row: TokenRow): void {
      insert.run({
        hash: row.hash,
        nonce: row.nonce,
        clientId: row.clientId,
        createdAt: row.createdAt,
        expiresAt: row.expiresAt,
        source: row.attribution.source ?? null,
        version: row.attribution.version ?? null,
        platform: row.attribution.platform ?? null,
      });
    },
    recordAttribution(hash: string, a: Attribution): void {
      if (!a.source && !a.version && !a.platform) return;
      updateAttribution.run(a.source ?? null, a.version ?? null, a.platform ?? null, hash);
    },
  };
}
export type TokensRepo = ReturnType<typeof tokensRepo>;
