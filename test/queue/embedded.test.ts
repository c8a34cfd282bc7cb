import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runQueueConformance } from './conformance.ts';

runQueueConformance('embedded (SQLite)', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'photoreel-queue-'));
  return {
    spec: { kind: 'embedded', dbPath: path.join(dir, 'queue.db'), leaseMs: 1000 },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});
