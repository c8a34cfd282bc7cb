import { textTracks } from '../timeline/draft.ts';
import type { Edit, EditJSON } from '../timeline/edit.ts';
import { editFromJSON } from '../timeline/edits/registry.ts';
import { setText } from '../timeline/edits/text-edits.ts';
import { findColour } from './colours.ts';
import { items, say, type ParseContext, type Said } from './context.ts';
import type { PriorStep } from './memory.ts';
import type { Normalised } from './normalise.ts';
import { findFormat } from './parse-format.ts';
import { findPosition } from './parse-text.ts';
import { findDurations, findPercents } from './quantities.ts';
import { findRefs } from './refs.ts';
import { isPhotoreelError } from '../errors.ts';

export interface Fix {
  /** `replace`: the edits take the previous step's place; `amend`: they follow it in the same step. */
  mode: 'replace' | 'amend';
  edits: Edit[];
  said: Said;
}

function texts(ctx: ParseContext) {
  return textTracks(ctx.draft)[0]?.sg ?? [];
}

/** "I meant the Parkers, not the Parks", "我是说李家，不是王家": the words replaced in the text that holds them. */
export function textSubstitution(raw: string, norm: Normalised, ctx: ParseContext): Fix | undefined {
  const m =
    /\b(?:i meant|i mean|meant|it should (?:say|read|be))\s+["'“‘]?(.+?)["'”’]?\s*[,;]?\s+(?:and )?not\s+["'“‘]?(.+?)["'”’]?\s*[.!]*$/i.exec(
      raw,
    ) ??
    /(?:我是说|应该是|是)\s*[“"「]?(.+?)[”"」]?\s*[，,]\s*(?:而)?不是\s*[“"「]?(.+?)[”"」]?\s*[。！!]*$/.exec(
      raw,
    );
  if (!m?.[1] || !m[2]) return undefined;
  void norm;
  const want = m[1].trim();
  const wrong = m[2].trim();
  const segs = texts(ctx);
  const find = (w: string) => segs.findIndex((s) => s.text.toLowerCase().includes(w.toLowerCase()));
  let i = find(wrong);
  let from = wrong;
  let to = want;
  if (i < 0 && /^the\s+/i.test(wrong)) {
    from = wrong.replace(/^the\s+/i, '');
    to = want.replace(/^the\s+/i, '');
    i = find(from);
  }
  if (i < 0) return undefined;
  const seg = segs[i]!;
  const at = seg.text.toLowerCase().indexOf(from.toLowerCase());
  const text = seg.text.slice(0, at) + to + seg.text.slice(at + from.length);
  return {
    mode: 'amend',
    edits: [setText({ index: i, text })],
    said: say(`Corrected the text: "${text}".`, `已更正文字："${text}"。`),
  };
}

/** A new value of one kind for the previous step ("make that 2 seconds instead", "on second thought, 2.5", "blue, not yellow"). */
export function correctValue(
  whole: string,
  quotes: readonly string[],
  prior: PriorStep,
  ctx: ParseContext,
): Fix | undefined {
  void quotes;
  const t = whole.replace(/\b(?:not|than|instead of|rather than)\s+[^,;]+$/, '');
  const duration = findDurations(t)[0]?.value;
  const percent = findPercents(t)[0]?.value;
  const colour = findColour(whole);
  const bare = /(?<![\d.])(\d+(?:\.\d+)?)(?![\d.]|\s*(?:%|s\b|秒|fps|p\b|k\b|:))/.exec(t);
  const format = findFormat(t);
  const hasFormat = !!(format.preset || format.resolution || format.fps);
  const refs = findRefs(t, ctx);
  if (refs.indexes.length > 0) return undefined; // a new target is a new request, not a new value
  const out: EditJSON[] = [];
  let changed = false;
  let said: Said | undefined;
  // The newest edit of the step that holds a value of this kind is the one corrected.
  for (const e of [...prior.forward].reverse()) {
    const args = structuredClone(e.args) as Record<string, unknown>;
    if (!changed) {
      if (e.name === 'set_item_duration' && (duration !== undefined || bare)) {
        const ms = duration ?? Math.round(Number(bare![1]) * 1000);
        const n = Array.isArray(args.items) ? args.items.length : items({ ...ctx, draft: prior.base }).length;
        args.ms = Array.isArray(args.ms)
          ? (args.ms as number[]).map(() => ms)
          : Array.from({ length: n }, () => ms);
        said = say(`Corrected: ${ms / 1000} s instead.`, `已更正为${ms / 1000}秒。`);
        changed = true;
      } else if (e.name === 'set_transition' && (duration !== undefined || bare) && 'd' in args) {
        args.d = duration ?? Math.round(Number(bare![1]) * 1000);
        said = say(
          `Corrected: transitions ${(args.d as number) / 1000} s.`,
          `已更正：转场${(args.d as number) / 1000}秒。`,
        );
        changed = true;
      } else if (
        (e.name === 'set_music' || e.name === 'set_clip_volume') &&
        'volume' in args &&
        (percent !== undefined || bare)
      ) {
        args.volume = percent ?? Number(bare![1]) / (Number(bare![1]) > 1 ? 100 : 1);
        said = say(
          `Corrected: volume ${Math.round((args.volume as number) * 100)}%.`,
          `已更正：音量${Math.round((args.volume as number) * 100)}%。`,
        );
        changed = true;
      } else if (e.name === 'set_motion' && 'amount' in args && (percent !== undefined || bare)) {
        args.amount = percent ?? Number(bare![1]) / 100;
        said = say(
          `Corrected: motion ${Math.round((args.amount as number) * 100)}%.`,
          `已更正：动效幅度${Math.round((args.amount as number) * 100)}%。`,
        );
        changed = true;
      } else if (
        (e.name === 'add_text' || e.name === 'set_text') &&
        colour &&
        ('color' in args || e.name === 'add_text')
      ) {
        args.color = colour.hex;
        said = say(`Corrected: the text in ${colour.en}.`, `已更正：文字改为${colour.zh}。`);
        changed = true;
      } else if ((e.name === 'add_text' || e.name === 'set_text') && findPosition(t) && 'pos' in args) {
        args.pos = findPosition(t);
        said = say(`Corrected: the text at the ${String(args.pos)}.`, `已更正文字位置。`);
        changed = true;
      } else if (e.name === 'set_canvas' && hasFormat) {
        return undefined; // the format words say it all: read them as they are
      }
    }
    out.unshift({ name: e.name, args });
  }
  if (!changed || !said) return undefined;
  try {
    return { mode: 'replace', edits: out.map(editFromJSON), said };
  } catch (e) {
    if (!isPhotoreelError(e)) throw e;
    return undefined;
  }
}

/** The text a clause names: "the title" (starts at 0), "the end text" (the last one), or undefined. */
function namedText(t: string, ctx: ParseContext): number | undefined {
  const segs = texts(ctx);
  if (/\b(?:title|opening)\b|标题|片头|开头/.test(t)) {
    const i = segs.findIndex((s) => s.s === 0);
    return i >= 0 ? i : undefined;
  }
  if (/\b(?:end|ending|closing|last) (?:text|caption|card)\b|片尾|结尾/.test(t))
    return segs.length > 0 ? segs.length - 1 : undefined;
  return undefined;
}

/** "same for the last one", "the title too", "最后一张也一样": the previous step's change on another target. */
export function sameFor(
  whole: string,
  quotes: readonly string[],
  prior: PriorStep,
  ctx: ParseContext,
): Fix | undefined {
  void quotes;
  const refs = findRefs(whole, ctx);
  const text = namedText(whole, ctx);
  const out: Edit[] = [];
  for (const e of prior.forward) {
    const args = structuredClone(e.args) as Record<string, unknown>;
    if (refs.indexes.length > 0 && Array.isArray(args.items)) {
      const first = Array.isArray(args.ms) ? (args.ms as number[])[0] : undefined;
      args.items = refs.indexes;
      if (first !== undefined) args.ms = refs.indexes.map(() => first);
      out.push(editFromJSON({ name: e.name, args }));
    } else if (text !== undefined && e.name === 'set_text') {
      args.index = text;
      delete args.text;
      out.push(editFromJSON({ name: e.name, args }));
    }
  }
  if (out.length === 0) return undefined;
  return {
    mode: 'amend',
    edits: out,
    said: say('Did the same there.', '已做同样的修改。'),
  };
}
