import { z } from 'zod';
import { PhotoreelError } from '../errors.ts';
import { FITS, MOTIONS, describeIssues } from '../timeline/draft.ts';
import { parsePreset } from '../timeline/presets.ts';
import { TRANSITION_TYPES } from '../timeline/transitions.ts';

/** The options `make` accepts, validated once with the same vocabulary as the draft schema. */
export const makeOptionsSchema = z.object({
  output: z.string().min(1),
  /** mp4 | webm | mov | gif | webp; default: from the output's extension, else mp4. */
  format: z.string().optional(),
  quality: z.string().optional(),
  preset: z
    .string()
    .refine((p) => parsePreset(p) !== undefined, {
      message: 'must be youtube, vertical (tiktok, reels, shorts), square, portrait, optionally -720 or -4k',
    })
    .default('youtube'),
  seconds: z.coerce.number().positive().max(3600).default(3),
  transition: z.enum([...TRANSITION_TYPES, 'none']).default('fade'),
  transitionMs: z.coerce.number().int().min(0).max(10_000).default(500),
  motion: z.enum([...MOTIONS, 'auto']).default('auto'),
  fit: z.enum(FITS).default('blur'),
  fps: z.coerce.number().int().min(1).max(120).default(30),
  music: z.string().optional(),
  title: z.string().max(500).optional(),
  prompt: z.string().max(2000).optional(),
  order: z.enum(['capture', 'name', 'given']).default('capture'),
  json: z.boolean().default(false),
  saveDraft: z.string().optional(),
  cacheDir: z.string().optional(),
});

export type MakeOptions = z.infer<typeof makeOptionsSchema>;

export function parseMakeOptions(raw: Record<string, unknown>): MakeOptions {
  const result = makeOptionsSchema.safeParse(raw);
  if (!result.success) {
    const text = describeIssues(result.error.issues).replace(
      /^(\w+):/,
      (_m, key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:`,
    );
    throw new PhotoreelError('BAD_REQUEST', `Invalid option ${text}.`);
  }
  return result.data;
}
