import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { PhotoreelError } from '../errors.ts';
import { describeIssues } from '../timeline/draft.ts';

const bool = z.union([
  z.boolean(),
  z
    .string()
    .trim()
    .toLowerCase()
    .refine(
      (s) => ['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''].includes(s),
      'must be true or false',
    )
    .transform((s) => ['1', 'true', 'yes', 'on'].includes(s)),
]);
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** `true` allows every private address; a list allows only these (`127.0.0.1:8080`, `[::1]`, `10.0.0.0/8`). */
const allowPrivate = z.union([
  z.boolean(),
  z
    .string()
    .trim()
    .transform((s): boolean | string[] => {
      const l = s.toLowerCase();
      if (['', '0', 'false', 'no', 'off'].includes(l)) return false;
      if (['1', 'true', 'yes', 'on'].includes(l)) return true;
      return s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
    }),
  z.array(z.string()),
]);

export const configSchema = z.object({
  port: int(0, 65535).default(8787),
  host: z.string().min(1).default('127.0.0.1'),
  /** The data folder: database, uploads, renders, cache, signing secret. */
  dataDir: z
    .string()
    .min(1)
    .default('photoreel-data')
    .transform((p) => path.resolve(p)),
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  maxUploadMb: z.coerce.number().positive().max(100_000).default(200),
  creditsPerToken: int(0, 1_000_000_000).default(100),
  tokenTtlHours: z.coerce
    .number()
    .positive()
    .max(24 * 365 * 10)
    .default(168),
  instructionCost: int(0, 1_000_000).default(1),
  /** Token creations per client address per minute. */
  rateTokensPerMin: int(1, 1_000_000).default(10),
  /** Instructions (run_sse) per token per minute. */
  rateInstructionsPerMin: int(1, 1_000_000).default(60),
  /** Base of absolute links (downloads), e.g. https://video.example.com; default: from the request's Host. */
  publicUrl: z
    .url({ protocol: /^https?$/ })
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  requireAttribution: bool.default(false),
  allowPrivateUrls: allowPrivate.default(false),
  renderConcurrency: int(1, 64).default(Math.max(1, Math.floor(os.availableParallelism() / 2))),
  /** HMAC key of download links; generated into the data folder when absent. */
  signingSecret: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Seconds between `: heartbeat` comments on a running instruction stream. */
  heartbeatMs: int(1, 600_000).default(15_000),
  /** Whether `serve` also renders (off when separate `photoreel worker` processes do it). */
  serveWorker: bool.default(true),
  /** How long a signed download link stays valid. */
  downloadTtlHours: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .default(24),
  /** Largest draft, bytes of its JSON (PUT …/draft, exports, drafts an instruction makes). */
  maxDraftBytes: int(1024, 64 * 1024 * 1024).default(1_000_000),
  /** Most items (photos, clips, audio, texts) in one draft. */
  maxDraftItems: int(1, 100_000).default(2000),
  /** Longest text item, characters (at most 500, the draft format's own limit). */
  maxTextChars: int(1, 500).default(500),
  /** Undo steps kept per session; older ones are dropped. */
  historySteps: int(0, 10_000).default(100),
  /** Bytes of undo/redo history kept per session (its JSON); the oldest steps are dropped to fit. */
  historyBytes: int(0, 1024 * 1024 * 1024).default(5_000_000),
  /** An upload or URL import fails with 408 when no bytes arrive for this long, ms. */
  uploadIdleMs: int(100, 3_600_000).default(30_000),
  /** An upload or URL import fails with 408 when its whole body takes longer, ms. */
  uploadTotalMs: int(100, 24 * 3_600_000).default(900_000),
  /** Longest video an export may render, seconds. */
  maxVideoSeconds: int(1, 24 * 3600).default(600),
  /** Longer side of an export's canvas, pixels (3840: 4K in either orientation). */
  maxCanvasSide: int(16, 4320).default(3840),
  /** Pixels of an export's canvas, width × height (3840 × 2160). */
  maxCanvasPixels: int(256, 4320 * 4320).default(3840 * 2160),
  /** Frame rate of an export, frames per second. */
  maxFps: int(1, 120).default(60),
  /** Estimated cost of an export: frames × width × height (default: 10 minutes of 1920×1080 at 60 fps). */
  maxExportCost: int(1, 1e15).default(600 * 60 * 1920 * 1080),
  /** Renders of one token queued or rendering at once. */
  maxRendersPerToken: int(1, 10_000).default(3),
  /** Renders queued or rendering at once on this server (all tokens). */
  maxRendersTotal: int(1, 1_000_000).default(100),
  /** How long a call to the render queue (Redis) may take before it answers 5005, ms. */
  queueTimeoutMs: int(50, 60_000).default(1500),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;

const ENV: Record<string, keyof ConfigInput> = {
  PHOTOREEL_PORT: 'port',
  PHOTOREEL_HOST: 'host',
  PHOTOREEL_DATA: 'dataDir',
  PHOTOREEL_REDIS_URL: 'redisUrl',
  PHOTOREEL_MAX_UPLOAD_MB: 'maxUploadMb',
  PHOTOREEL_CREDITS_PER_TOKEN: 'creditsPerToken',
  PHOTOREEL_TOKEN_TTL_HOURS: 'tokenTtlHours',
  PHOTOREEL_INSTRUCTION_COST: 'instructionCost',
  PHOTOREEL_RATE_TOKENS_PER_MIN: 'rateTokensPerMin',
  PHOTOREEL_RATE_INSTRUCTIONS_PER_MIN: 'rateInstructionsPerMin',
  PHOTOREEL_PUBLIC_URL: 'publicUrl',
  PHOTOREEL_REQUIRE_ATTRIBUTION: 'requireAttribution',
  PHOTOREEL_ALLOW_PRIVATE_URLS: 'allowPrivateUrls',
  PHOTOREEL_RENDER_CONCURRENCY: 'renderConcurrency',
  PHOTOREEL_SIGNING_SECRET: 'signingSecret',
  PHOTOREEL_HEARTBEAT_MS: 'heartbeatMs',
  PHOTOREEL_SERVE_WORKER: 'serveWorker',
  PHOTOREEL_DOWNLOAD_TTL_HOURS: 'downloadTtlHours',
  PHOTOREEL_MAX_DRAFT_BYTES: 'maxDraftBytes',
  PHOTOREEL_MAX_DRAFT_ITEMS: 'maxDraftItems',
  PHOTOREEL_MAX_TEXT_CHARS: 'maxTextChars',
  PHOTOREEL_HISTORY_STEPS: 'historySteps',
  PHOTOREEL_HISTORY_BYTES: 'historyBytes',
  PHOTOREEL_UPLOAD_IDLE_MS: 'uploadIdleMs',
  PHOTOREEL_UPLOAD_TOTAL_MS: 'uploadTotalMs',
  PHOTOREEL_MAX_VIDEO_SECONDS: 'maxVideoSeconds',
  PHOTOREEL_MAX_CANVAS_SIDE: 'maxCanvasSide',
  PHOTOREEL_MAX_CANVAS_PIXELS: 'maxCanvasPixels',
  PHOTOREEL_MAX_FPS: 'maxFps',
  PHOTOREEL_MAX_EXPORT_COST: 'maxExportCost',
  PHOTOREEL_MAX_RENDERS_PER_TOKEN: 'maxRendersPerToken',
  PHOTOREEL_MAX_RENDERS_TOTAL: 'maxRendersTotal',
  PHOTOREEL_QUEUE_TIMEOUT_MS: 'queueTimeoutMs',
  PHOTOREEL_LOG_LEVEL: 'logLevel',
};

/** The environment variable of each setting, for docs and messages. */
export const CONFIG_ENV = ENV;

/**
 * One validated configuration from command-line flags (win) and PHOTOREEL_* environment variables.
 * Throws BAD_REQUEST naming the setting when a value is wrong. Pure: reads nothing but its arguments.
 */
export function loadConfig(flags: Partial<ConfigInput> = {}, env: NodeJS.ProcessEnv = {}): Config {
  const input: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(ENV)) {
    const v = env[name];
    if (v !== undefined && v !== '') input[key] = v;
  }
  for (const [key, v] of Object.entries(flags)) if (v !== undefined) input[key] = v;
  const result = configSchema.safeParse(input);
  if (!result.success) {
    const names = Object.fromEntries(Object.entries(ENV).map(([e, k]) => [k, e]));
    const text = describeIssues(
      result.error.issues.map((i) => ({
        ...i,
        path: i.path.map((p) => (typeof p === 'string' && names[p] ? `${p} (${names[p]})` : p)),
      })),
    );
    throw new PhotoreelError('BAD_REQUEST', `The configuration is not valid: ${text}.`);
  }
  return result.data;
}
