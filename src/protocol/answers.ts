import { z } from 'zod';
import { draftSchema } from '../timeline/draft.ts';

/** `POST /api/auth/anonymous-token`. */
export const tokenAnswerSchema = z.looseObject({
  token: z.string(),
  expires_at: z.string().describe('ISO 8601.'),
  credits: z.number().describe('Credits available.'),
});
export type TokenAnswer = z.infer<typeof tokenAnswerSchema>;

/** `POST /api/tasks/<user>/with-session/<app>`. */
export const newSessionSchema = z.looseObject({ task_id: z.string(), session_id: z.string() });
export type NewSession = z.infer<typeof newSessionSchema>;

/** `GET /api/credits/balance/simple`. */
export const balanceSchema = z.looseObject({
  available: z.number(),
  frozen: z.number().describe('Reserved by instructions that are running.'),
  total: z.number(),
});
export type Balance = z.infer<typeof balanceSchema>;

/** `PUT …/draft`: the draft as saved and its one-line summary. */
export const setDraftAnswerSchema = z.looseObject({ draft: draftSchema, summary: z.string() });
export type SetDraftAnswer = z.infer<typeof setDraftAnswerSchema>;

/** `GET /healthz`. */
export const healthSchema = z.looseObject({
  status: z.string(),
  queue: z.enum(['embedded', 'redis']),
  checks: z.record(z.string(), z.string()),
});
