/** How a test (or a child process it spawns) opens the queue backend under test. */
import { createBullmqQueue } from '../../src/queue/bullmq-queue.ts';
import { createEmbeddedQueue } from '../../src/queue/embedded-queue.ts';
import type { RenderQueue } from '../../src/queue/types.ts';

export type QueueSpec =
  | { kind: 'embedded'; dbPath: string; leaseMs: number }
  | { kind: 'bullmq'; connection: string; prefix: string; lockDurationMs: number };

/** Short leases and polls so crash recovery takes about a second in tests. */
export function openFromSpec(spec: QueueSpec, onError?: (err: unknown) => void): RenderQueue {
  const quiet = onError ?? (() => {});
  if (spec.kind === 'embedded') {
    return createEmbeddedQueue({
      dbPath: spec.dbPath,
      leaseMs: spec.leaseMs,
      pollMs: 50,
      progressMs: 50,
      onError: quiet,
    });
  }
  return createBullmqQueue({
    connection: spec.connection,
    prefix: spec.prefix,
    lockDurationMs: spec.lockDurationMs,
    stalledIntervalMs: Math.max(250, Math.floor(spec.lockDurationMs / 2)),
    progressMs: 50,
    onError: quiet,
  });
}
