import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from '../http/build-app.ts';
import type { Config } from '../service/config.ts';
import { createService, type Service } from '../service/create-service.ts';
import { startWorker, type RunningWorker } from './start-worker.ts';
import { sweepStaleFiles } from '../service/sweep-stale-files.ts';

export interface RunningServer {
  /** Where it listens, e.g. http://127.0.0.1:8787 */
  url: string;
  app: FastifyInstance;
  service: Service;
  /** Stops accepting, lets requests finish (at most `graceMs`), hands running renders back to the queue, closes the db. */
  close(): Promise<void>;
}

export interface StartServerOptions extends BuildAppOptions {
  /** How long close() waits for open requests (instruction streams, uploads) before cutting them, ms. */
  graceMs?: number;
}

/**
 * `photoreel serve`: the HTTP API on config.host:config.port over the data folder, and (unless
 * `serveWorker` is off, e.g. when separate `photoreel worker` processes render from Redis) a render worker.
 */
export async function startServer(config: Config, options: StartServerOptions = {}): Promise<RunningServer> {
  await sweepStaleFiles(config.dataDir, { quietMs: Math.max(60_000, config.uploadIdleMs) });
  const service = createService(config);
  let app: FastifyInstance;
  try {
    app = await buildApp(service, options);
    await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    await service.close();
    throw e;
  }
  const worker: RunningWorker | undefined = config.serveWorker
    ? startWorker(config, { queue: service.queue })
    : undefined;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  app.log.info(
    { url, worker: Boolean(worker), queue: config.redisUrl ? 'redis' : 'embedded' },
    'photoreel listening',
  );

  let closing: Promise<void> | undefined;
  return {
    url,
    app,
    service,
    close() {
      closing ??= (async () => {
        const timer = setTimeout(() => app.server.closeAllConnections(), options.graceMs ?? 10_000);
        timer.unref();
        try {
          await Promise.all([app.close(), worker?.close()]);
        } finally {
          clearTimeout(timer);
          await service.close();
        }
      })();
      return closing;
    },
  };
}
