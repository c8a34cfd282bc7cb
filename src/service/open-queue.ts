import { createQueue } from '../queue/create-queue.ts';
import type { RenderQueue } from '../queue/types.ts';
import type { Config } from './config.ts';
import type { Logger } from './context.ts';

/** The render queue the config names (Redis when `redisUrl` is set, else embedded); its stray errors go to `log`. */
export function openQueue(config: Config, log: Logger): RenderQueue {
  return createQueue({
    dataDir: config.dataDir,
    timeoutMs: config.queueTimeoutMs,
    ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
    onError: (err) => log.error({ err }, 'render queue error'),
  });
}
