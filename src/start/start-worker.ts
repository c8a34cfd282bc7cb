import pino from 'pino';
import type { RenderQueue, WorkerHandle } from '../queue/types.ts';
import type { Config } from '../service/config.ts';
import { openQueue } from '../service/open-queue.ts';
import { processRender } from '../service/process-render.ts';
import { sweepStaleFiles } from '../service/sweep-stale-files.ts';

export interface RunningWorker {
  /** Stops taking jobs, hands running ones back to the queue (they run again elsewhere), closes the queue. */
  close(): Promise<void>;
}

/** Renders queued exports in this process (`photoreel worker`), `renderConcurrency` at a time. */
export function startWorker(config: Config, options: { queue?: RenderQueue } = {}): RunningWorker {
  const log = pino({ level: config.logLevel });
  if (!options.queue) void sweepStaleFiles(config.dataDir);
  const queue = options.queue ?? openQueue(config, log);
  const worker: WorkerHandle = queue.process(processRender(config.dataDir), {
    concurrency: config.renderConcurrency,
  });
  log.info(
    { concurrency: config.renderConcurrency, queue: config.redisUrl ? 'redis' : 'embedded' },
    'worker started',
  );
  let closing: Promise<void> | undefined;
  return {
    close() {
      closing ??= (async () => {
        try {
          await worker.close({ requeue: true });
        } finally {
          if (!options.queue) await queue.close();
        }
      })();
      return closing;
    },
  };
}
