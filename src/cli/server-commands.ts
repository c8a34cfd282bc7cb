import type { Command } from 'commander';
import type { CliIo } from './io.ts';

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `serve`, `worker` and `mcp`: the long-running front ends. They stop on Ctrl-C (SIGINT) or SIGTERM. */
export function serverCommands(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('run the HTTP API and web page (and render workers) on this machine')
    .option('--port <n>', 'port to listen on (PHOTOREEL_PORT, default 8787)')
    .option('--host <addr>', 'address to listen on (PHOTOREEL_HOST, default 127.0.0.1)')
    .option('--data <dir>', 'data folder (PHOTOREEL_DATA, default ./photoreel-data)')
    .option('--redis <url>', 'put render jobs on Redis with BullMQ (PHOTOREEL_REDIS_URL)')
    .option('--no-worker', 'do not render here: separate `photoreel worker` processes do')
    .action(async (o: { port?: string; host?: string; data?: string; redis?: string; worker: boolean }) => {
      const { loadConfig, startServer } = await import('../start/index.ts');
      const config = loadConfig(
        {
          ...(o.port !== undefined ? { port: o.port as unknown as number } : {}),
          ...(o.host ? { host: o.host } : {}),
          ...(o.data ? { dataDir: o.data } : {}),
          ...(o.redis ? { redisUrl: o.redis } : {}),
          ...(o.worker === false ? { serveWorker: false } : {}),
        },
        io.env,
      );
      const server = await startServer(config);
      io.stderr.write(`photoreel is listening on ${server.url} (data: ${config.dataDir}); Ctrl-C stops it\n`);
      await untilAborted(io.signal);
      io.stderr.write('photoreel: stopping (running renders go back to the queue)\n');
      await server.close();
    });

  program
    .command('worker')
    .description('render jobs from the queue (with --redis, on any machine sharing the data folder)')
    .option('--redis <url>', 'the Redis the server queues renders on (PHOTOREEL_REDIS_URL)')
    .option('--data <dir>', 'the shared data folder (PHOTOREEL_DATA, default ./photoreel-data)')
    .option('--concurrency <n>', 'renders at once (PHOTOREEL_RENDER_CONCURRENCY, default one per two cores)')
    .action(async (o: { redis?: string; data?: string; concurrency?: string }) => {
      const { loadConfig, startWorker } = await import('../start/index.ts');
      const config = loadConfig(
        {
          ...(o.redis ? { redisUrl: o.redis } : {}),
          ...(o.data ? { dataDir: o.data } : {}),
          ...(o.concurrency ? { renderConcurrency: o.concurrency as unknown as number } : {}),
        },
        io.env,
      );
      const worker = startWorker(config);
      io.stderr.write(
        `photoreel worker is rendering from ${config.redisUrl ? 'Redis' : 'the embedded queue'} (data: ${config.dataDir})\n`,
      );
      await untilAborted(io.signal);
      await worker.close();
    });

  program
    .command('mcp')
    .description('run the MCP server over stdio for AI agents')
    .option('--url <url>', 'drive a running photoreel server over HTTP instead of a local data folder')
    .option('--data <dir>', 'data folder when working locally (default ./photoreel-data)')
    .option(
      '--allow-dir <dir>',
      'a folder whose files the tools may read or write (repeatable; default: the current folder)',
      collect,
    )
    .option('--client-id <id>', 'X-Client-Id for the anonymous token (default: kept in the data folder)')
    .action(async (o: { url?: string; data?: string; allowDir?: string[]; clientId?: string }) => {
      const { runMcpStdio } = await import('../mcp/index.ts');
      await runMcpStdio({
        cwd: io.cwd,
        env: io.env,
        signal: io.signal,
        ...(o.url ? { url: o.url } : {}),
        ...(o.data ? { dataDir: o.data } : {}),
        ...(o.allowDir?.length ? { allowedDirs: o.allowDir } : {}),
        ...(o.clientId ? { clientId: o.clientId } : {}),
      });
    });
}
