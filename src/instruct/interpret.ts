import { isPhotoreelError } from '../errors.ts';
import type { Draft } from '../timeline/draft.ts';
import type { Edit, EditJSON } from '../timeline/edit.ts';
import { jsonEqual } from '../timeline/edits/json.ts';
import { History } from '../timeline/history.ts';
import { splitClauses } from './clauses.ts';
import {
  items,
  say,
  type Clause,
  type Outcome,
  type ParseContext,
  type Parser,
  type Said,
} from './context.ts';
import { normalise } from './normalise.ts';
import { parseAddMedia } from './parse-add-media.ts';
import { createOutcome, parseCreate } from './parse-create.ts';
import { parseFormat } from './parse-format.ts';
import { parseHistory } from './parse-history.ts';
import { parseFit, parseMotion } from './parse-motion.ts';
import { parseMusic } from './parse-music.ts';
import { parseOrder } from './parse-order.ts';
import { parseRoutes } from './parse-routes.ts';
import { parseText } from './parse-text.ts';
import { parseFitMusic, parseTiming } from './parse-timing.ts';
import { parseTransitions } from './parse-transitions.ts';
import { quotesIn, restoreQuotes } from './quotes.ts';
import { writeReply } from './reply.ts';
import type { InstructContext, InstructResult, Route } from './types.ts';

/** Most specific first: a clause goes to the first parser that claims it. */
export const PARSERS: readonly Parser[] = [
  parseHistory,
  parseAddMedia,
  parseRoutes,
  parseCreate,
  parseFitMusic,
  parseText,
  parseMusic,
  parseTransitions,
  parseOrder,
  parseFit,
  parseMotion,
  parseFormat,
  parseTiming,
];

/** A clause that is only quoted words: a title (documented default). */
const quoteOnly: Parser = (clause, ctx) => {
  const rest = clause.text
    .replace(/\uE000\d+\uE001/g, '')
    .replace(/\b(?:add|put|use|with|the|a|and|please)\b|加上?|添加|用/g, '')
    .trim();
  const q = quotesIn(clause.text)[0];
  if (q === undefined || rest.length > 0) return undefined;
  const out = parseText({ ...clause, text: `title ${clause.text}` }, ctx);
  if (out?.kind === 'edits') {
    out.note = say('quoted words on their own become the title', '单独的引号文字作为标题');
  }
  return out;
};

function outcomeOf(clause: Clause, ctx: ParseContext): { outcome: Outcome; parser: Parser } | undefined {
  for (const parse of [...PARSERS, quoteOnly]) {
    const outcome = parse(clause, ctx);
    if (outcome) return { outcome, parser: parse };
  }
  return undefined;
}

/** Parsers that make or extend the slideshow themselves, or do not touch the draft. */
const NO_IMPLICIT_CREATE: readonly Parser[] = [parseHistory, parseAddMedia, parseCreate];

/**
 * An empty video, photos or clips uploaded, and words that edit it ("make it vertical, 1 second each"):
 * the slideshow is made first, as "turn these photos into a slideshow" would (with music when there is some).
 */
function needsSlideshow(clauses: readonly string[], quotes: readonly string[], ctx: ParseContext): boolean {
  if (items(ctx).length > 0) return false;
  if (!ctx.media.some((m) => m.kind === 'image' || m.kind === 'video')) return false;
  let edits = false;
  for (const text of clauses) {
    let found: ReturnType<typeof outcomeOf>;
    try {
      found = outcomeOf({ text, quotes }, ctx);
    } catch (e) {
      if (!isPhotoreelError(e)) throw e;
      found = undefined;
    }
    if (!found) continue;
    if (NO_IMPLICIT_CREATE.includes(found.parser)) return false;
    if (found.parser !== parseRoutes) edits = true;
  }
  return edits;
}

const ALREADY: Said = say('(it already was)', '（本来就是这样）');

/**
 * Plain words (English or Chinese) → invertible draft edits, a reply and the new history.
 * Pure and deterministic: the same words on the same draft always give the same result.
 * Each clause is applied in turn; one instruction is one undo step.
 */
export function interpret(text: string, ctx: InstructContext): InstructResult {
  const norm = normalise(text);
  const language = norm.language;
  const clauses = splitClauses(norm.text);
  let history = History.fromJSON(ctx.history);
  let draft: Draft = ctx.draft;
  let groupBase: Draft = draft;
  let pending: Edit[] = [];
  const applied: EditJSON[] = [];
  const lines: Said[] = [];
  const notUnderstood: string[] = [];
  const routes: Route[] = [];
  let created = false;
  let previous: Parser | undefined;

  /** Applies one clause's edits, or says why not; an edit that changes nothing is reported as such. */
  const applyOutcome = (outcome: Extract<Outcome, { kind: 'edits' }>): void => {
    const note = outcome.note
      ? say(` (Note: ${outcome.note.en}.)`, `（说明：${outcome.note.zh}。）`)
      : say('', '');
    let next = draft;
    try {
      for (const e of outcome.edits) next = e.apply(next);
    } catch (e) {
      if (!isPhotoreelError(e)) throw e;
      lines.push(say(e.message, `无法完成：${e.message}`));
      return;
    }
    if (jsonEqual(next, draft)) {
      lines.push(
        say(`${outcome.said.en} ${ALREADY.en}${note.en}`, `${outcome.said.zh}${ALREADY.zh}${note.zh}`),
      );
      return;
    }
    if (outcome.edits.some((e) => e.name === 'replace_draft')) created = true;
    pending.push(...outcome.edits);
    applied.push(...outcome.edits.map((e) => e.toJSON()));
    draft = next;
    lines.push(say(`${outcome.said.en}${note.en}`, `${outcome.said.zh}${note.zh}`));
  };

  const flush = () => {
    if (pending.length === 0) return;
    const step = history.push(groupBase, pending);
    history = step.history;
    draft = step.draft;
    groupBase = draft;
    pending = [];
  };

  const startCtx: ParseContext = { draft, media: ctx.media, whole: norm.text, language };
  if (needsSlideshow(clauses, norm.quotes, startCtx)) {
    const made = createOutcome({ text: '', quotes: norm.quotes }, startCtx, true);
    if (made.kind === 'edits') applyOutcome(made);
  }

  for (const raw of clauses) {
    const clause: Clause = { text: raw, quotes: norm.quotes };
    const pctx: ParseContext = { draft, media: ctx.media, whole: norm.text, language, previous };
    let outcome: Outcome | undefined;
    try {
      const found = outcomeOf(clause, pctx);
      outcome = found?.outcome;
      previous = found?.parser;
    } catch (e) {
      if (!isPhotoreelError(e)) throw e;
      outcome = { kind: 'problem', said: say(e.message, `无法完成：${e.message}`) };
    }
    if (!outcome) {
      notUnderstood.push(restoreQuotes(raw, norm.quotes));
      continue;
    }
    switch (outcome.kind) {
      case 'edits':
        applyOutcome(outcome);
        break;
      case 'undo':
      case 'redo': {
        flush();
        let done = 0;
        for (let i = 0; i < outcome.times; i++) {
          let step;
          try {
            step = outcome.kind === 'undo' ? history.undo(draft) : history.redo(draft);
          } catch (e) {
            if (!isPhotoreelError(e)) throw e;
            // A history that no longer fits the draft (edited elsewhere): start a clean one.
            lines.push(
              say(
                'The undo history no longer matches this draft, so it was cleared.',
                '撤销记录与当前草稿不一致，已清空。',
              ),
            );
            history = history.clear();
            break;
          }
          if (!step) break;
          history = step.history;
          draft = step.draft;
          applied.push(...step.applied);
          done++;
        }
        groupBase = draft;
        const en = outcome.kind === 'undo' ? 'Undid' : 'Redid';
        const zh = outcome.kind === 'undo' ? '已撤销' : '已重做';
        if (done === 0) {
          lines.push(
            outcome.kind === 'undo'
              ? say('There is nothing to undo.', '没有可以撤销的操作。')
              : say('There is nothing to redo.', '没有可以重做的操作。'),
          );
        } else {
          lines.push(
            say(
              `${en} the last ${done === 1 ? 'change' : `${done} changes`}${done < outcome.times ? ` (only ${done} could be ${outcome.kind === 'undo' ? 'undone' : 'redone'})` : ''}.`,
              `${zh}${done === 1 ? '上一步' : `${done}步`}${done < outcome.times ? `（只有${done}步可以${outcome.kind === 'undo' ? '撤销' : '重做'}）` : ''}。`,
            ),
          );
        }
        break;
      }
      case 'route': {
        // "export it in 4K": the format words still apply, before the service exports.
        const format = parseFormat(clause, pctx);
        if (format?.kind === 'edits') applyOutcome(format);
        if (!routes.includes(outcome.route)) routes.push(outcome.route);
        lines.push(outcome.said);
        break;
      }
      case 'problem':
        lines.push(outcome.said);
        break;
      case 'info':
        // "with transitions and music" after a create: already part of the new slideshow.
        if (!created) lines.push(outcome.said);
        break;
    }
  }
  flush();
  const changed = !jsonEqual(draft, ctx.draft);
  return {
    edits: applied,
    draft,
    history: history.toJSON(),
    reply: writeReply({ lines, notUnderstood, changed }, language, draft, ctx.media),
    language,
    routes,
    notUnderstood,
    changed,
  };
}
