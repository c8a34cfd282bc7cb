/** The service's use cases, for the front ends (starting processes is in src/start/). */
export { loadConfig, configSchema, CONFIG_ENV, type Config, type ConfigInput } from './config.ts';
export { createService, type Service, type CreateServiceOptions } from './create-service.ts';
export { processRender } from './process-render.ts';
