/** The web page built into a temp folder (not web/dist) and served by a real server on 127.0.0.1. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConfigInput } from '../../src/service/config.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServedPage {
  url: string;
  close(): Promise<void>;
}

/** Builds the page into `tmp`/web (so a parallel run or an open server is not disturbed) and serves it with data in `tmp`/data. */
export async function servePage(tmp: string, config: Partial<ConfigInput> = {}): Promise<ServedPage> {
  const { build } = await import('vite');
  const webDir = path.join(tmp, 'web');
  await build({
    configFile: path.join(ROOT, 'web', 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: webDir },
  });
  const { loadConfig, startServer } = await import('../../src/start/index.ts');
  return startServer(
    loadConfig({
      port: 0,
      host: '127.0.0.1',
      dataDir: path.join(tmp, 'data'),
      logLevel: 'silent',
      ...config,
    }),
    { webDir },
  );
}
