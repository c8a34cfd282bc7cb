/** `node --import tsx src/start/serve-main.ts`: the server configured by PHOTOREEL_* variables (as `photoreel serve`). */
import { loadConfig } from '../service/config.ts';
import { closeOnSignal } from './run-until-signal.ts';
import { startServer } from './start-server.ts';

const server = await startServer(loadConfig({}, process.env));
console.log(`photoreel listening on ${server.url}`);
closeOnSignal(() => server.close());
