import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../http/build-app.ts';
import { loadConfig, type ConfigInput } from '../service/config.ts';
import { createService, type Service } from '../service/create-service.ts';
import { startWorker } from '../start/start-worker.ts';
import { injectFetch } from './inject-fetch.ts';
import type { Backend, McpOptions } from './options.ts';
import { ProtocolClient } from './protocol-client.ts';
import { MCP_SERVER_VERSION } from './create-mcp-server.ts';

/** Attribution sent with every call, so servers that require it accept exports from the MCP server. */
const ATTRIBUTION = {
  'X-Skill-Source': 'photoreel-mcp',
  'X-Skill-Version': MCP_SERVER_VERSION,
  'X-Skill-Platform': 'mcp',
};

/** Where a data-dir MCP server keeps its client id, so its token (and projects) outlive a restart. */
const CLIENT_ID_FILE = 'mcp-client-id';

async function persistentClientId(dataDir: string): Promise<string> {
  const file = path.join(dataDir, CLIENT_ID_FILE);
  try {
    const id = (await readFile(file, 'utf8')).trim();
    if (/^[0-9a-f-]{36}$/i.test(id)) return id;
  } catch {
    // first run
  }
  const id = randomUUID();
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${id}\n`, { mode: 0o600 });
  return id;
}

export interface InProcessApp {
  app: FastifyInstance;
  service: Service;
  /** Stops the worker (running renders go back to the queue), the app and the service. */
  close(): Promise<void>;
}

/**
 * The service, its HTTP app (never listening) and a render worker in this process, on one data folder.
 * Logs go to stderr (warnings and errors only): stdout belongs to the MCP protocol.
 */
export async function openInProcessApp(options: {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  config?: Partial<ConfigInput>;
}): Promise<InProcessApp> {
  const config = loadConfig(
    { ...options.config, dataDir: options.dataDir, logLevel: 'silent' },
    options.env ?? process.env,
  );
  const service = createService(config, { log: pino({ level: 'warn' }, pino.destination(2)) });
  let app: FastifyInstance;
  try {
    app = await buildApp(service);
    await app.ready();
  } catch (e) {
    await service.close();
    throw e;
  }
  const worker = config.serveWorker ? startWorker(config, { queue: service.queue }) : undefined;
  let closing: Promise<void> | undefined;
  return {
    app,
    service,
    close() {
      closing ??= (async () => {
        try {
          await Promise.all([app.close(), worker?.close()]);
        } finally {
          await service.close();
        }
      })();
      return closing;
    },
  };
}

/** The base URL the in-process client uses (any origin: injectFetch answers by path). */
const IN_PROCESS_URL = 'http://photoreel.local';

/** Opens what the tools talk to: a server at `options.url`, or the service in process on the data folder. */
export async function openBackend(options: McpOptions): Promise<Backend> {
  const env = options.env ?? process.env;
  if (options.url) {
    const client = new ProtocolClient({
      baseUrl: options.url,
      fetch: (url, init) => fetch(url, init),
      clientId: options.clientId ?? env.PHOTOREEL_CLIENT_ID ?? randomUUID(),
      headers: ATTRIBUTION,
    });
    return {
      mode: 'url',
      client,
      servesUrls: true,
      localRenderPath: async () => undefined,
      close: async () => undefined,
    };
  }
  const dataDir = path.resolve(
    options.cwd ?? process.cwd(),
    options.dataDir ?? env.PHOTOREEL_DATA ?? 'photoreel-data',
  );
  const running = await openInProcessApp({ dataDir, env });
  const client = new ProtocolClient({
    baseUrl: env.PHOTOREEL_PUBLIC_URL || IN_PROCESS_URL,
    fetch: injectFetch(running.app),
    clientId: options.clientId ?? env.PHOTOREEL_CLIENT_ID ?? (await persistentClientId(dataDir)),
    headers: ATTRIBUTION,
  });
  return {
    mode: 'data-dir',
    client,
    servesUrls: Boolean(env.PHOTOREEL_PUBLIC_URL),
    async localRenderPath(downloadUrl) {
      // The signed link names the file the render wrote: /api/download/<job>.<ext> → <data>/renders/<job>.<ext>.
      const m = /\/api\/download\/([A-Za-z0-9_-]+)\.(mp4|webm|mov|gif|webp)$/.exec(
        new URL(downloadUrl).pathname,
      );
      const name = m?.[1];
      if (!name || !running.service.store.renders.byJob(name)) return undefined;
      const file = path.join(dataDir, 'renders', `${name}.${m[2]}`);
      return existsSync(file) ? file : undefined;
    },
    close: () => running.close(),
  };
}
