import type { RenderQueue } from '../queue/types.ts';
import type { Store } from '../store/create-store.ts';
import type { Config } from './config.ts';

/** Where a use case reports what it did (pino's shape; tests may pass nothing). */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** What every use case needs: built once by createService, never module-level. */
export interface ServiceContext {
  config: Config;
  store: Store;
  queue: RenderQueue;
  /** HMAC key of tokens and download links. */
  secret: string;
  log: Logger;
  now(): Date;
}
