import { isPhotoreelError } from '../errors.ts';
import type { Draft } from '../timeline/draft.ts';
import type { Edit, EditJSON } from '../timeline/edit.ts';
import { editFromJSON } from '../timeline/edits/registry.ts';
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
import { correctValue, sameFor, textSubstitution } from './corrections.ts';
import { findImpossible } from './impossible.ts';
import { CORRECTION, lastTextIndex, MARKER_ONLY, priorStep, SAME_FOR, type PriorStep } from './memory.ts';
import { normalise } from './normalise.ts';
import { asksToCreate, createOutcome } from './parse-create.ts';
import { parseFormat } from './parse-format.ts';
import { parseHistory } from './parse-history.ts';
import { KEEP_TOTAL, SPLIT_REST } from './parse-timing.ts';
import { parseText } from './parse-text.ts';
import { explained, PROPOSERS, proposer, type Proposer } from './proposers.ts';
import { quotesIn, restoreQuotes } from './quotes.ts';
import { writeReply } from './reply.ts';
import type { HistoryJSON, InstructContext, InstructResult, Route } from './types.ts';

/** The proposers' parsers, in precedence order (kept for callers that list them). */
export const PARSERS: readonly Parser[] = PROPOSERS.map((p) => p.parse);

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

const QUOTE_VALUE = /\uE000\d+\uE001/g;
const VALUE_TAKERS = new Set(['text', 'name', 'create', 'add-media']);

interface Candidate {
  proposer: Proposer | undefined;
  outcome: Outcome;
  score: number;
}

function tryParse(parse: Parser, clause: Clause, ctx: ParseContext): Outcome | undefined {
  try {
    return parse(clause, ctx);
  } catch (e) {
    if (!isPhotoreelError(e)) throw e;
    return { kind: 'problem', said: say(e.message, `无法完成：${e.message}`) };
  }
}

/**
 * Every proposer reads the clause; the reading that accounts for the most of its words wins
 * (typed values a proposer takes count too; a change beats a question on equal terms; earlier
 * proposers win ties). A bare value ("0.6 seconds") may continue the previous clause's frame.
 */
function propose(
  clause: Clause,
  ctx: ParseContext,
  previous: { proposer: Proposer; text: string } | undefined,
): Candidate | undefined {
  const candidates: Candidate[] = [];
  for (const p of PROPOSERS) {
    const outcome = tryParse(p.parse, clause, ctx);
    if (!outcome) continue;
    let score = explained(p, clause.text);
    if (VALUE_TAKERS.has(p.name)) score += (clause.text.match(QUOTE_VALUE)?.length ?? 0) * 2;
    if (p.values?.test(clause.text)) score += 1;
    if (outcome.kind === 'edits' || outcome.kind === 'undo' || outcome.kind === 'redo') score += 0.5;
    if (outcome.kind === 'route') score += 0.25;
    candidates.push({ proposer: p, outcome, score });
  }
  // "…, 0.6 seconds": the previous frame with this value, when the clause says nothing else.
  if (previous?.proposer.values?.test(clause.text)) {
    const bare = clause.text
      .replace(
        /\d+(?:\.\d+)?\s*(?:%|percent|s|secs?|seconds?|ms|milliseconds?|minutes?|mins?|秒|毫秒|分钟)?/g,
        '',
      )
      .replace(
        /\b(?:each|every|per|at|of|for|all|between|photo|photos|one|it|them|please|and|with|about|around)\b|每个|每张|都|各/g,
        '',
      )
      .trim();
    const own = PROPOSERS.reduce((n, p) => n + (p === previous.proposer ? 0 : explained(p, bare)), 0);
    const sameAlone = candidates.some((c) => c.proposer === previous.proposer && c.outcome.kind === 'edits');
    if (own === 0 && !sameAlone && bare.replace(/[^a-z\u3400-\u9fff]/g, '').length <= 12) {
      const merged = tryParse(
        previous.proposer.parse,
        { ...clause, text: `${previous.text} ${clause.text}` },
        ctx,
      );
      if (merged && merged.kind === 'edits')
        candidates.push({ proposer: previous.proposer, outcome: merged, score: 10 });
    }
  }
  // "…, soften it", "put it at the top": a pronoun with few words of its own continues the previous frame.
  if (previous && /\b(?:it|that|them)\b|它/.test(clause.text) && clause.text.split(/\s+/).length <= 4) {
    const merged = tryParse(
      previous.proposer.parse,
      { ...clause, text: `${previous.text} ${clause.text}` },
      ctx,
    );
    const alone = tryParse(previous.proposer.parse, { ...clause, text: previous.text }, ctx);
    const adds =
      merged?.kind === 'edits' &&
      !(
        alone?.kind === 'edits' &&
        jsonEqual(
          alone.edits.map((e) => e.toJSON()),
          merged.edits.map((e) => e.toJSON()),
        )
      );
    const own = PROPOSERS.reduce((n, p) => n + (p === previous.proposer ? 0 : explained(p, clause.text)), 0);
    if (
      merged?.kind === 'edits' &&
      adds &&
      (own === 0 || !candidates.some((c) => c.outcome.kind === 'edits'))
    )
      candidates.push({ proposer: previous.proposer, outcome: merged, score: 9 });
  }
  // "…, between photo 2 and photo 3": words no reader takes alone may finish the previous frame.
  if (previous && candidates.length === 0) {
    const merged = tryParse(
      previous.proposer.parse,
      { ...clause, text: `${previous.text} ${clause.text}` },
      ctx,
    );
    const alone = tryParse(previous.proposer.parse, { ...clause, text: previous.text }, ctx);
    if (
      merged?.kind === 'edits' &&
      !(
        alone?.kind === 'edits' &&
        jsonEqual(
          alone.edits.map((e) => e.toJSON()),
          merged.edits.map((e) => e.toJSON()),
        )
      )
    )
      candidates.push({ proposer: previous.proposer, outcome: merged, score: 8 });
  }
  if (candidates.length === 0) {
    const q = tryParse(quoteOnly, clause, ctx);
    return q ? { proposer: proposer('text'), outcome: q, score: 1 } : undefined;
  }
  let best = candidates[0]!;
  for (const c of candidates) if (c.score > best.score) best = c;
  return best;
}

/** Proposers that make or extend the slideshow themselves, or do not touch the draft. */
const NO_IMPLICIT_CREATE = new Set(['history', 'add-media', 'create', 'name']);

/**
 * An empty video, photos or clips uploaded, and words that edit it ("make it vertical, 1 second each"):
 * the slideshow is made first, as "turn these photos into a slideshow" would (with music when there is some).
 */
function needsSlideshow(clauses: readonly string[], quotes: readonly string[], ctx: ParseContext): boolean {
  if (items(ctx).length > 0) return false;
  if (!ctx.media.some((m) => m.kind === 'image' || m.kind === 'video')) return false;
  let edits = false;
  for (const text of clauses) {
    const found = propose({ text, quotes }, ctx, undefined);
    if (!found) continue;
    if (found.proposer && NO_IMPLICIT_CREATE.has(found.proposer.name)) return false;
    if (found.proposer?.name !== 'routes') edits = true;
  }
  return edits;
}

const ALREADY: Said = say('(it already was)', '（本来就是这样）');
/** "too quiet now, undo that": the complaint is the reason for the undo, not a change of its own. */
const REASON = /^(?:(?:it'?s |that'?s |now it'?s |way )?too \w+(?: now)?|太\S{1,4}了)$/;
/** "X, not Y" / "not Y": the negated alternative is never read as something to do. */
const NOT_TAIL = /(?:,?\s+not\s+(?:the\s+)?[^,;]+$)|(?:[，,]?\s*不是[^，,；;。]+$)/;

interface Run {
  draft: Draft;
  history: HistoryJSON;
  applied: EditJSON[];
  lines: Said[];
  notUnderstood: string[];
  routes: Route[];
}

/**
 * Plain words (English or Chinese) → invertible draft edits, a reply and the new history.
 * Pure and deterministic: the same words on the same draft always give the same result.
 * Each clause is applied in turn; one instruction is one undo step (a correction replaces the previous step).
 */
export function interpret(input: string, ctx: InstructContext): InstructResult {
  const text = unwrapForwarded(input);
  const norm = normalise(text);
  const language = norm.language;
  const history0: HistoryJSON = ctx.history ?? { done: [], undone: [] };
  const whole = norm.text.trim();
  const correcting = CORRECTION.test(whole);
  // The previous step is read only when the words may refer to it (replaying history costs time).
  const refersBack =
    correcting || SAME_FOR.test(whole) || /\b(?:that|it|this|those)\b|那|这|它|刚才/.test(whole);
  const prior = refersBack ? priorStep(ctx.history, ctx.draft) : undefined;

  const finish = (run: Run): InstructResult => {
    const changed = !jsonEqual(run.draft, ctx.draft);
    return {
      edits: run.applied,
      draft: run.draft,
      history: run.history,
      reply: writeReply(
        { lines: run.lines, notUnderstood: run.notUnderstood, changed },
        language,
        run.draft,
        ctx.media,
      ),
      language,
      routes: run.routes,
      notUnderstood: run.notUnderstood,
      changed,
    };
  };

  // Corrections of the previous step: "make that 2 seconds instead", "I meant the Parkers, not the Parks",
  // "same for the last one". The corrected step replaces the previous one (one undo step in total).
  // "I meant Lisbon, not Porto": the words replaced in the text that holds them.
  if (correcting && !prior) {
    const pctx: ParseContext = { draft: ctx.draft, media: ctx.media, whole, language, raw: text };
    const fixed = textSubstitution(text, norm, pctx);
    if (fixed) {
      const step = History.fromJSON(history0).push(ctx.draft, fixed.edits);
      return finish({
        draft: step.draft,
        history: step.history.toJSON(),
        applied: step.applied,
        lines: [fixed.said],
        notUnderstood: [],
        routes: [],
      });
    }
  }
  if (prior) {
    const pctx: ParseContext = { draft: ctx.draft, media: ctx.media, whole, language, raw: text };
    const fixed =
      (correcting ? textSubstitution(text, norm, pctx) : undefined) ??
      (correcting || /\bthat\b|那个|那张/.test(whole)
        ? correctValue(whole, norm.quotes, prior, pctx)
        : undefined);
    if (fixed) {
      const merged = replaceStep(
        prior,
        fixed.mode === 'amend' ? [...prior.forward.map(editFromJSON), ...fixed.edits] : fixed.edits,
      );
      if (merged) return finish({ ...merged, lines: [fixed.said], notUnderstood: [], routes: [] });
    }
    if (SAME_FOR.test(whole)) {
      const again = sameFor(whole, norm.quotes, prior, pctx);
      if (again) {
        const step = History.fromJSON(history0).push(ctx.draft, again.edits);
        return finish({
          draft: step.draft,
          history: step.history.toJSON(),
          applied: step.applied,
          lines: [again.said],
          notUnderstood: [],
          routes: [],
        });
      }
    }
    // "wrong photo! it was the last one that had to go, not the first": undo the step, do the words instead.
    if (correcting && /^(?:wrong|no|nope|sorry|oops|not that|搞错了|不对|错了)/.test(whole)) {
      const clauses = splitClauses(norm.text).filter((c) => !MARKER_ONLY.test(c) && !/^not\b|^不是/.test(c));
      // "no, put it back": an undo of that step, read as such below (not a redo on the step before it).
      const undoes = clauses.some((c) => {
        const k = parseHistory({ text: c, quotes: norm.quotes }, pctx)?.kind;
        return k === 'undo' || k === 'redo';
      });
      const redo = run(
        prior.base,
        prior.without,
        undefined,
        clauses,
        ctx,
        norm.quotes,
        language,
        text,
        whole,
      );
      if (!undoes && redo.applied.length > 0 && !jsonEqual(redo.draft, ctx.draft)) {
        return finish({
          ...redo,
          lines: [say('Replaced the previous change:', '已替换上一步的修改：'), ...redo.lines],
        });
      }
    }
  }
  return finish(
    run(ctx.draft, history0, prior, splitClauses(norm.text), ctx, norm.quotes, language, text, whole),
  );
}

/** The previous step taken out and `edits` applied to the draft before it, as one step. */
function replaceStep(
  prior: PriorStep,
  edits: readonly Edit[],
): Omit<Run, 'lines' | 'notUnderstood' | 'routes'> | undefined {
  try {
    const step = History.fromJSON(prior.without).push(prior.base, edits);
    return { draft: step.draft, history: step.history.toJSON(), applied: step.applied };
  } catch (e) {
    if (!isPhotoreelError(e)) throw e;
    return undefined;
  }
}

function run(
  start: Draft,
  startHistory: HistoryJSON,
  prior: PriorStep | undefined,
  clauses: readonly string[],
  ctx: InstructContext,
  quotes: readonly string[],
  language: 'en' | 'zh',
  raw: string,
  whole: string,
): Run {
  let history = History.fromJSON(startHistory);
  let draft: Draft = start;
  let groupBase: Draft = draft;
  let pending: Edit[] = [];
  const applied: EditJSON[] = [];
  const lines: Said[] = [];
  const notUnderstood: string[] = [];
  const routes: Route[] = [];
  let created = false;
  let previous:
    { proposer: Proposer; text: string; base: Draft; pendingAt: number; appliedAt: number } | undefined;
  let correctingNext = false;
  const memo: { restored?: boolean } = {};
  const hasUndo = clauses.some((c) => /^(?:undo|撤销|撤回)\b|\bundo (?:that|it)\b/.test(c));

  /** Applies one clause's edits, or says why not; an edit that changes nothing is reported as such. */
  const applyOutcome = (outcome: Extract<Outcome, { kind: 'edits' }>): boolean => {
    const note = outcome.note
      ? say(` (Note: ${outcome.note.en}.)`, `（说明：${outcome.note.zh}。）`)
      : say('', '');
    let next = draft;
    try {
      for (const e of outcome.edits) next = e.apply(next);
    } catch (e) {
      if (!isPhotoreelError(e)) throw e;
      lines.push(say(e.message, `无法完成：${e.message}`));
      return false;
    }
    if (jsonEqual(next, draft)) {
      lines.push(
        say(`${outcome.said.en} ${ALREADY.en}${note.en}`, `${outcome.said.zh}${ALREADY.zh}${note.zh}`),
      );
      return true;
    }
    if (outcome.edits.some((e) => e.name === 'replace_draft')) created = true;
    pending.push(...outcome.edits);
    applied.push(...outcome.edits.map((e) => e.toJSON()));
    draft = next;
    lines.push(say(`${outcome.said.en}${note.en}`, `${outcome.said.zh}${note.zh}`));
    return true;
  };

  const flush = () => {
    if (pending.length === 0) return;
    const step = history.push(groupBase, pending);
    history = step.history;
    draft = step.draft;
    groupBase = draft;
    pending = [];
  };

  const startCtx: ParseContext = { draft, media: ctx.media, whole, language, raw };
  if (needsSlideshow(clauses, quotes, startCtx)) {
    const made = createOutcome({ text: '', quotes }, startCtx, true);
    if (made.kind === 'edits') applyOutcome(made);
  }

  for (let k = 0; k < clauses.length; k++) {
    let rawClause = clauses[k]!;
    if (MARKER_ONLY.test(rawClause)) {
      correctingNext = true;
      continue;
    }
    if (/^not\b|^不是/.test(rawClause) && k > 0) continue; // the negated alternative of the clause before
    if (hasUndo && REASON.test(rawClause)) continue;
    // "keep the total at 15 s, give photo 1 7": a constraint and the change it bounds are read together.
    const nextClause = clauses[k + 1];
    if (
      nextClause !== undefined &&
      ((KEEP_TOTAL.test(rawClause) && /\d/.test(nextClause)) ||
        (/\d/.test(rawClause) && SPLIT_REST.test(nextClause)))
    ) {
      rawClause = `${rawClause} ${clauses[k + 1]!}`;
      k++;
    }
    rawClause = rawClause.replace(NOT_TAIL, '').trim() || rawClause;
    const touched = applied
      .filter((e) => e.name === 'set_item_duration')
      .flatMap((e) => ((e.args as { items?: unknown }).items as number[] | undefined) ?? []);
    const lastText =
      lastTextIndex(applied, draft) ?? (prior ? lastTextIndex(prior.forward, draft) : undefined);
    const pctx: ParseContext = {
      draft,
      media: ctx.media,
      whole,
      language,
      raw,
      previous: previous?.proposer.parse,
      touched,
      memo,
      ...(lastText !== undefined ? { lastText } : {}),
    };
    const creating = created || asksToCreate(rawClause);
    const impossible = findImpossible(rawClause, creating);
    if (impossible) {
      lines.push(impossible.outcome.kind === 'problem' ? impossible.outcome.said : say('', ''));
      continue;
    }
    // "give each picture 5 seconds… sorry, 3": the previous clause again with the new value, in its place.
    if (correctingNext && previous) {
      correctingNext = false;
      const redoText = substituteValue(previous.text, rawClause);
      if (redoText) {
        pending.splice(previous.pendingAt);
        applied.splice(previous.appliedAt);
        draft = previous.base;
        const again = tryParse(previous.proposer.parse, { text: redoText, quotes }, { ...pctx, draft });
        if (again?.kind === 'edits') {
          lines.push(say('Corrected:', '已更正：'));
          applyOutcome(again);
          continue;
        }
      }
    }
    correctingNext = false;
    const clause: Clause = { text: rawClause, quotes };
    const found = propose(clause, pctx, previous);
    const outcome = found?.outcome;
    if (!outcome) {
      notUnderstood.push(restoreQuotes(rawClause, quotes));
      continue;
    }
    const base = draft;
    const pendingAt = pending.length;
    const appliedAt = applied.length;
    switch (outcome.kind) {
      case 'edits':
        applyOutcome(outcome);
        break;
      case 'undo':
      case 'redo': {
        flush();
        let done = 0;
        for (let i = 0; i < outcome.times; i++) {
          // Undo by count ("take back my last 3 edits") stops at the step that made the slideshow.
          if (outcome.times > 1 && done > 0) {
            const next = priorStep(history.toJSON(), draft);
            if (next?.forward.some((e) => e.name === 'replace_draft')) break;
          }
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
    if (found?.proposer && outcome.kind !== 'undo' && outcome.kind !== 'redo' && outcome.kind !== 'route') {
      previous = { proposer: found.proposer, text: rawClause, base, pendingAt, appliedAt };
    }
  }
  flush();
  return { draft, history: history.toJSON(), applied, lines, notUnderstood, routes };
}

/** "5 seconds" + "3" → the previous clause with 3 in place of its number (the unit kept). */
function substituteValue(previousText: string, correction: string): string | undefined {
  const v = /(\d+(?:\.\d+)?)/.exec(correction);
  if (!v) return undefined;
  const nums = [...previousText.matchAll(/\d+(?:\.\d+)?/g)];
  const last = nums.at(-1);
  if (!last) return undefined;
  return previousText.slice(0, last.index) + v[1] + previousText.slice(last.index + last[0].length);
}

/**
 * "Forwarding the client's note: \"music needs to be way softer\"", "User says: \"lose the 3rd pic\"": the quoted
 * words are the request (a relayed instruction, not text to put on screen).
 */
function unwrapForwarded(text: string): string {
  const m =
    /^\s*(?:(?:the )?(?:user|client|customer|boss|my \w+)(?:'s)? (?:says|said|asks|asked|wants|writes|wrote)(?: for)?|forwarding (?:the |a |my )?\w+(?:'s)? (?:note|message|request|feedback)|(?:note|message|request|feedback) from (?:the |my )?\w+|(?:用户|客户|老板)(?:说|的要求|要求|反馈))\s*[:：]\s*["“「'‘](.+)["”」'’]\s*[.。]?\s*$/i.exec(
      text,
    );
  return m?.[1] ?? text;
}
