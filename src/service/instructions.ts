import { PhotoreelError } from '../errors.ts';
import { interpret } from '../instruct/interpret.ts';
import type { InstructMedia, InstructResult } from '../instruct/types.ts';
import type { EditJSON } from '../timeline/edit.ts';
import { summarize } from '../timeline/summary.ts';
import type { ServiceContext } from './context.ts';
import { draftWithinLimits, historyWithinLimits } from './draft-limits.ts';
import { newId } from './ids.ts';
import { routeReply } from './route-replies.ts';
import { ownedSession, sessionDraft, sessionHistory } from './sessions.ts';
import type { Balance } from '../store/credits-repo.ts';

export const MAX_INSTRUCTION_CHARS = 4000;

export interface InstructionOutcome {
  result: InstructResult;
  /** Answers to routed words (export, credits, status, upload), said before the reply. */
  routeTexts: string[];
  /** Credits spent by this instruction (0 when nothing changed). */
  charged: number;
  balance: Balance;
}

export interface PendingInstruction {
  /** Interprets, saves draft and history atomically with the charge; releases the credit on any failure. */
  run(): Promise<InstructionOutcome>;
}

function mediaFor(ctx: ServiceContext, sessionId: string): InstructMedia[] {
  return ctx.store.media.list(sessionId).map((m) => ({
    id: m.id,
    kind: m.kind,
    name: m.label,
    ...(m.capturedAt ? { capturedAt: m.capturedAt } : {}),
    ...(m.durationMs !== undefined ? { durationMs: m.durationMs } : {}),
  }));
}

/**
 * Starts an instruction: checks the session and reserves its credit (OUT_OF_CREDITS before anything streams).
 * `run()` then interprets the words against the latest draft and saves with optimistic concurrency (retrying
 * when another instruction saved first), charging the credit in the same transaction as the save.
 * An instruction that changes nothing (a question, or words not understood) costs nothing.
 */
export function beginInstruction(
  ctx: ServiceContext,
  tokenHash: string,
  sessionId: string,
  text: string,
): PendingInstruction {
  const words = text.trim();
  if (!words)
    throw new PhotoreelError(
      'BAD_REQUEST',
      'The instruction is empty: put the words in new_message.parts[0].text.',
    );
  if (words.length > MAX_INSTRUCTION_CHARS) {
    throw new PhotoreelError(
      'BAD_REQUEST',
      `The instruction is longer than ${MAX_INSTRUCTION_CHARS} characters: shorten it.`,
    );
  }
  const session = ownedSession(ctx, tokenHash, sessionId);
  const cost = ctx.config.instructionCost;
  const reservation = newId('cr_');
  ctx.store.credits.reserve(
    reservation,
    tokenHash,
    cost,
    `instruction:${session.id}`,
    ctx.now().toISOString(),
  );

  const release = (): void => {
    try {
      ctx.store.credits.release(reservation, ctx.now().toISOString());
    } catch (e) {
      ctx.log.error({ err: e, reservation }, 'could not release a credit reservation');
    }
  };

  return {
    async run(): Promise<InstructionOutcome> {
      try {
        for (let attempt = 0; attempt < 5; attempt++) {
          const row = ownedSession(ctx, tokenHash, session.id);
          const media = mediaFor(ctx, row.id);
          const result = await interpret(words, {
            draft: sessionDraft(row),
            media,
            history: sessionHistory(row),
          });
          let charged = 0;
          if (result.changed) {
            const now = ctx.now().toISOString();
            const draftJson = draftWithinLimits(result.draft, ctx.config);
            const history = historyWithinLimits(result.history, ctx.config);
            if (history.dropped > 0)
              ctx.log.info({ session: row.id, dropped: history.dropped }, 'oldest undo steps dropped');
            const saved = ctx.store.transaction(() => {
              if (!ctx.store.sessions.save(row.id, row.version, draftJson, history.json, now)) {
                return false;
              }
              if (!ctx.store.credits.chargeInTransaction(reservation, now))
                throw new Error('credit reservation already settled');
              return true;
            });
            if (!saved) continue; // another instruction saved first: interpret again on its draft
            charged = cost;
          } else {
            release();
          }
          const balance = ctx.store.credits.balance(tokenHash);
          const labels = new Map(media.map((m) => [m.id, { name: m.name, kind: m.kind }]));
          const renders = await Promise.all(
            ctx.store.renders.listForSession(row.id).map(async (r) => {
              const s = await ctx.queue.get(r.jobId);
              return { id: r.id, status: s?.status ?? 'failed', progress: s?.progress ?? 0 };
            }),
          );
          const facts = {
            language: result.language,
            sessionId: row.id,
            balance,
            summary: summarize(result.draft, (id) => labels.get(id)),
            mediaCount: media.length,
            renders,
            hasItems: result.draft.t.some((t) => t.tt === 0 && t.sg.length > 0),
          };
          const routeTexts = [...new Set(result.routes)].map((r) => routeReply(r, facts)).filter(Boolean);
          return { result, routeTexts, charged, balance };
        }
        throw new PhotoreelError(
          'BAD_REQUEST',
          'This session kept changing while the instruction ran: send it again.',
        );
      } catch (e) {
        release();
        throw e;
      }
    },
  };
}

/** The protocol's event shapes for one instruction's stream. */
export function textEvent(text: string, extra: Record<string, unknown> = {}): object {
  return { author: 'nemo_agent', content: { role: 'model', parts: [{ text }] }, ...extra };
}
export function callEvent(edit: EditJSON): object {
  return {
    author: 'nemo_agent',
    content: { role: 'model', parts: [{ functionCall: { name: edit.name, args: edit.args } }] },
  };
}
export function responseEvent(edit: EditJSON, response: Record<string, unknown>): object {
  return {
    author: 'nemo_agent',
    content: { role: 'model', parts: [{ functionResponse: { name: edit.name, response } }] },
  };
}

/** The events of a finished instruction, in order: each edit's call and response, route answers, then the reply. */
export function outcomeEvents(o: InstructionOutcome): object[] {
  const events: object[] = [];
  for (const edit of o.result.edits) {
    events.push(callEvent(edit), responseEvent(edit, { status: 'success' }));
  }
  for (const t of o.routeTexts) events.push(textEvent(t));
  events.push(textEvent(o.result.reply));
  return events;
}
