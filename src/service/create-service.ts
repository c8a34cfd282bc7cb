import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { RenderQueue } from '../queue/types.ts';
import { createStore } from '../store/create-store.ts';
import type { Config } from './config.ts';
import { openQueue } from './open-queue.ts';
import type { Logger, ServiceContext } from './context.ts';
import { ensureSigningSecret } from './signing-secret.ts';

export interface Service extends ServiceContext {
  /** Closes the queue connection and the database. */
  close(): Promise<void>;
}

export interface CreateServiceOptions {
  log?: Logger;
  /** A queue to use instead of creating one from the config (tests, embedding). */
  queue?: RenderQueue;
  now?: () => Date;
}

/** Opens the data folder (database, secret, folders) and the render queue: everything the use cases need. */
export function createService(config: Config, options: CreateServiceOptions = {}): Service {
  for (const dir of ['uploads', 'renders', 'cache'])
    mkdirSync(path.join(config.dataDir, dir), { recursive: true });
  const log = options.log ?? pino({ level: config.logLevel });
  const store = createStore(config.dataDir);
  const queue = options.queue ?? openQueue(config, log);
  const secret = ensureSigningSecret(config.dataDir, config.signingSecret);
  const now = options.now ?? (() => new Date());
  // Instructions run at most 15 minutes: a reservation older than 20 was left by a process that died.
  const stale = store.credits.releaseStale(
    new Date(now().getTime() - 20 * 60_000).toISOString(),
    now().toISOString(),
  );
  if (stale > 0) log.warn({ released: stale }, 'released credit reservations left open by a stopped server');
  let closed = false;
  return {
    config,
    store,
    queue,
    secret,
    log,
    now,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await queue.close();
      } finally {
        store.close();
      }
    },
  };
}
