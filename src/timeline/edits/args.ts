import { z } from 'zod';

/** Indexes are 0-based positions on the video track. */
export const index = z.int().min(0).max(9999);
/** `all`, or a list of 0-based indexes. */
export const itemsArg = z.union([z.literal('all'), z.array(index).min(1)]);
export type ItemsArg = z.infer<typeof itemsArg>;
export const durationMs = z
  .int()
  .min(1)
  .max(24 * 3600 * 1000);
export const timeMs = z
  .int()
  .min(0)
  .max(24 * 3600 * 1000);
