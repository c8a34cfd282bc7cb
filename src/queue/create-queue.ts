import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createBullmqQueue } from './bullmq-queue.ts';
import { createEmbeddedQueue } from './embedded-queue.ts';
import type { RenderQueue } from './types.ts';

export interface CreateQueueOptions {
  /** With a Redis URL the queue is BullMQ on Redis; without one it is embedded SQLite in the data folder. */
  redisUrl?: string;
  /** The data folder: the embedded queue keeps its jobs in `<dataDir>/queue.db`. */
  dataDir: string;
  /** Passed to the backend: lease (embedded) or lock (BullMQ) duration in ms. */
  leaseMs?: number;
  /** How long a call to Redis may take before it answers QUEUE_UNAVAILABLE, in ms (BullMQ only). */
  timeoutMs?: number;
  onError?: (err: unknown) => void;
}

/** The file the embedded queue uses inside a data folder (workers on this machine open the same one). */
export function embeddedQueuePath(dataDir: string): string {
  return path.join(dataDir, 'queue.db');
}

/** Chooses the backend: BullMQ when `redisUrl` is set, else the embedded SQLite queue. */
export function createQueue(options: CreateQueueOptions): RenderQueue {
  const { redisUrl, dataDir, leaseMs, timeoutMs, onError } = options;
  if (redisUrl) {
    return createBullmqQueue({
      connection: redisUrl,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(leaseMs !== undefined ? { lockDurationMs: leaseMs } : {}),
      ...(onError ? { onError } : {}),
    });
  }
  mkdirSync(dataDir, { recursive: true });
  return createEmbeddedQueue({
    dbPath: embeddedQueuePath(dataDir),
    ...(leaseMs !== undefined ? { leaseMs } : {}),
    ...(onError ? { onError } : {}),
  });
}
