/**
 * A worker process the conformance suite SIGKILLs mid-job: it opens the queue from the spec in
 * argv[2], takes jobs with a handler that never finishes, and prints `started <id>` for each.
 */
import { openFromSpec, type QueueSpec } from './open-spec.ts';

const spec = JSON.parse(process.argv[2] ?? '') as QueueSpec;
const queue = openFromSpec(spec, (err) => process.stderr.write(`queue error: ${String(err)}\n`));
queue.process(
  async (id, _payload, ctx) => {
    ctx.progress(0.3);
    process.stdout.write(`started ${id}\n`);
    await new Promise<void>((resolve) => {
      const keepAlive = setInterval(() => {}, 1000);
      ctx.signal.addEventListener('abort', () => {
        process.stdout.write(`aborted ${String(ctx.signal.reason)}\n`);
        clearInterval(keepAlive);
        resolve();
      });
    });
  },
  { concurrency: 1 },
);
process.stdout.write('ready\n');
