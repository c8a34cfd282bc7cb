/** The service's entry points: `photoreel serve` calls startServer, `photoreel worker` calls startWorker. */
export { loadConfig, configSchema, CONFIG_ENV, type Config, type ConfigInput } from './config.ts';
export { createService, type Service, type CreateServiceOptions } from './create-service.ts';
export { startServer, type RunningServer, type StartServerOptions } from './start-server.ts';
export { startWorker, type RunningWorker } from './start-worker.ts';
export { processRender } from './process-render.ts';
export { buildApp, type BuildAppOptions } from '../http/build-app.ts';
