/**
 * Starting photoreel: the composition root that wires the service, the HTTP app and the render queue
 * into running processes. `photoreel serve` calls startServer, `photoreel worker` calls startWorker.
 */
export { loadConfig, configSchema, CONFIG_ENV, type Config, type ConfigInput } from '../service/config.ts';
export { startServer, type RunningServer, type StartServerOptions } from './start-server.ts';
export { startWorker, type RunningWorker } from './start-worker.ts';
export { buildApp, type BuildAppOptions } from '../http/build-app.ts';
