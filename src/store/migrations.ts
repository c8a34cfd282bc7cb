/** Numbered schema migrations: each runs once, in order, inside a transaction. Never edit a shipped one; add the next. */
export const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
CREATE TABLE tokens (
  hash TEXT PRIMARY KEY,
  nonce TEXT NOT NULL,
  client_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  skill_source TEXT,
  skill_version TEXT,
  skill_platform TEXT
);
CREATE INDEX tokens_client ON tokens(client_id, expires_at);

CREATE TABLE credits (
  token_hash TEXT PRIMARY KEY REFERENCES tokens(hash) ON DELETE CASCADE,
  available INTEGER NOT NULL CHECK (available >= 0),
  frozen INTEGER NOT NULL CHECK (frozen >= 0)
);

CREATE TABLE credit_reservations (
  id TEXT PRIMARY KEY,
  token_hash TEXT NOT NULL REFERENCES tokens(hash) ON DELETE CASCADE,
  amount INTEGER NOT NULL CHECK (amount >= 0),
  status TEXT NOT NULL CHECK (status IN ('reserved', 'charged', 'released')),
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL,
  settled_at TEXT
);
CREATE INDEX credit_reservations_open ON credit_reservations(status);

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  task_id TEXT NOT NULL UNIQUE,
  token_hash TEXT NOT NULL REFERENCES tokens(hash) ON DELETE CASCADE,
  task_name TEXT NOT NULL,
  language TEXT NOT NULL,
  draft TEXT NOT NULL,
  history TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX sessions_token ON sessions(token_hash);

CREATE TABLE media (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('image', 'video', 'audio')),
  mime TEXT NOT NULL,
  ext TEXT NOT NULL,
  size INTEGER NOT NULL,
  width INTEGER,
  height INTEGER,
  duration_ms INTEGER,
  label TEXT NOT NULL,
  path TEXT NOT NULL,
  captured_at TEXT,
  info TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX media_session ON media(session_id, seq);

CREATE TABLE renders (
  token_hash TEXT NOT NULL REFERENCES tokens(hash) ON DELETE CASCADE,
  id TEXT NOT NULL,
  job_id TEXT NOT NULL UNIQUE,
  session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
  output TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (token_hash, id)
);
CREATE INDEX renders_session ON renders(session_id, created_at);
`,
  },
];
