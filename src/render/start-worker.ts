import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread on `entry`. A compiled `.js` entry starts directly; a TypeScript entry (the
 * sources under tsx, tests) first registers tsx in the new thread, then imports the entry. `job` is
 * passed as `workerData.job` either way.
 */
export function startWorker(entry: URL, job?: unknown): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData: { job } });
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const boot =
    "const { workerData } = require('node:worker_threads');" +
    'import(workerData.tsx).then((m) => { m.register(); return import(workerData.entry); });';
  return new Worker(boot, { eval: true, workerData: { tsx, entry: entry.href, job } });
}
