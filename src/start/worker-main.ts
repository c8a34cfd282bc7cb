/**
 * `node --import tsx src/start/worker-main.ts`: a render worker configured by PHOTOREEL_* variables
 * (PHOTOREEL_DATA, PHOTOREEL_REDIS_URL, PHOTOREEL_RENDER_CONCURRENCY). `photoreel worker` does the same.
 */
import { loadConfig } from '../service/config.ts';
import { closeOnSignal } from './run-until-signal.ts';
import { startWorker } from './start-worker.ts';

const worker = startWorker(loadConfig({}, process.env));
closeOnSignal(() => worker.close());
