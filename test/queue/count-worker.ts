/**
 * A worker process for the cross-process test: opens the queue from the spec in argv[2], handles
 * jobs with a short pause, prints `done <id>` for each, and exits on SIGTERM after requeueing.
 */
import { openFromSpec, type QueueSpec } from './open-spec.ts';

const spec = JSON.parse(process.argv[2] ?? '') as QueueSpec;
const queue = openFromSpec(spec, (err) => process.stderr.write(`queue error: ${String(err)}\n`));
const worker = queue.process(
  async (id) => {
    await new Promise((r) => setTimeout(r, 15));
    process.stdout.write(`done ${id}\n`);
  },
  { concurrency: 2 },
);
process.on('SIGTERM', () => {
  void worker
    .close({ requeue: true })
    .then(() => queue.close())
    .then(() => process.exit(0));
});
process.stdout.write('ready\n');
