import { DEFAULTS } from '../timeline/build.ts';
import { textTracks, type TextItem, type TextPosition } from '../timeline/draft.ts';
import type { Edit } from '../timeline/edit.ts';
import { addText, removeText, setText } from '../timeline/edits/text-edits.ts';
import { itemTimings, totalMs } from '../timeline/timing.ts';
import {
  items,
  itemLabel,
  noPhotos,
  problem,
  say,
  seconds,
  type Outcome,
  type ParseContext,
  type Parser,
  type Said,
} from './context.ts';
import { findDurations } from './quantities.ts';
import { quotesIn } from './quotes.ts';
import { findRefs, outOfRangeSaid } from './refs.ts';
import { findColour } from './colours.ts';

const TEXT_WORDS =
  /\b(?:title[sd]?|caption(?:s|ed)?|subtitles?|text|heading|headline|label|words|overlay|call it|name it|card|end card|title card)\b|标题|字幕|文字|文案|题目|片名|说明|取名|命名|起名|那行字|大字|字幕卡/;
/** A quote with a verb of writing or a place: "put 'Finish line!' on photo 3", "write 'Fin' at the end", "片头打上“…”". */
const WRITE =
  /\b(?:write|put|add|overlay|place|stick|type|show|reads?|saying|says|finish (?:on|with)|open (?:on |with )?(?:the )?words|label)\b|写|打上|加上?|放上|显示/;
/** Where on the timeline: the end (an end card), the start (a title). */
const AT_END =
  /\b(?:at the (?:very )?end|end card|ending|finish (?:on|with)|closing|outro|the end)\b|结尾|片尾|末尾|最后(?!\d*\s*张)/;
const AT_START =
  /\b(?:at the (?:very )?(?:start|beginning)|opening|open (?:on|with)|intro|first thing|title card)\b|开头|片头|开场|一开始/;
const THAT_TEXT = /\b(?:that|this|the same|it)\b|那行字|那个|这个|它/;
const CAPTION_WORDS = /\b(?:caption(?:s|ed)?|subtitles?|label|overlay)\b|字幕|说明|文字/;
const REMOVE =
  /\b(?:remove|delete|drop|get rid of|no|without|hide|clear|strip(?: out)?|take (?:out|off|away)|lose|kill|erase)\b|删除|删掉|去掉|去除|不要|取消|移除|拿掉|清除/;
const ALL = /\ball\b|\bevery\b|\beverything\b|全部|所有/;

export const TITLE_SIZE = 0.08;
export const CAPTION_SIZE = 0.05;

/** Where text goes: top, bottom, center and the corners, in both languages. */
export function findPosition(t: string): TextPosition | undefined {
  const top = /\btop\b|\bupper\b|\babove\b|顶部|上方|上面|顶端|上边|最上/.test(t);
  const bottom = /\bbottom\b|\blower\b|\bbelow\b|底部|下方|下面|底端|下边|最下/.test(t);
  const left = /\bleft\b|左/.test(t);
  const right = /\bright\b(?! (?:at|away|now|after|before|when|from|there|here|on)\b)|右/.test(t);
  if (top && left) return 'top-left';
  if (top && right) return 'top-right';
  if (bottom && left) return 'bottom-left';
  if (bottom && right) return 'bottom-right';
  if (top) return 'top';
  if (bottom) return 'bottom';
  if (/\bcent(?:er|re)(?:ed)?\b|\bmiddle\b|居中|中间|正中|中央/.test(t)) return 'center';
  return undefined;
}

const POS_ZH: Record<TextPosition, string> = {
  top: '顶部',
  center: '居中',
  bottom: '底部',
  'top-left': '左上',
  'top-right': '右上',
  'bottom-left': '左下',
  'bottom-right': '右下',
};

function textSegs(ctx: ParseContext): TextItem[] {
  return textTracks(ctx.draft)[0]?.sg ?? [];
}

/** The title: the first text that starts at 0. */
function titleIndex(ctx: ParseContext): number {
  return textSegs(ctx).findIndex((s) => s.s === 0);
}

/** Text that sits exactly on item `i` (a caption added for that photo). */
function captionIndex(ctx: ParseContext, i: number): number {
  const t = itemTimings(items(ctx))[i];
  if (!t) return -1;
  return textSegs(ctx).findIndex((s) => s.s === t.start && s.d === t.end - t.start);
}

/** Titles and captions: add, change words, move, time, remove. */
export const parseText: Parser = (clause, ctx): Outcome | undefined => {
  const t = clause.text;
  const qi = quotesIn(t)[0];
  const quote = qi !== undefined ? clause.quotes[qi] : undefined;
  // "…, put it at the top" (this instruction) or "make it red" right after the text was added.
  const followUp =
    /\bit\b|它/.test(t) &&
    ((ctx.previous === parseText &&
      (!!findPosition(t) ||
        findDurations(t).length > 0 ||
        /\b(?:bigger|larger|smaller|longer|shorter)\b|大一点|小一点|长一点|短一点/.test(t) ||
        !!findColour(t))) ||
      (ctx.lastText !== undefined &&
        (!!findPosition(t) || !!findColour(t) || /\b(?:bigger|larger|smaller)\b|大一点|小一点/.test(t))));
  const written = quote !== undefined && (WRITE.test(t) || AT_END.test(t) || AT_START.test(t));
  if (!TEXT_WORDS.test(t) && !followUp && !written) return undefined;
  const refs = findRefs(t, ctx);
  if (refs.outOfRange !== undefined) return { kind: 'problem', said: outOfRangeSaid(refs.outOfRange, ctx) };
  const segs = textSegs(ctx);
  const total = totalMs(ctx.draft);
  const caption = CAPTION_WORDS.test(t) && !/\btitle\b|标题/.test(t);
  const pos = findPosition(refs.rest);
  const duration = findDurations(refs.rest)[0];
  const color = findColour(t)?.hex;

  // "把“下回见”那句删掉", "delete the goodbye text": the text named by its own words.
  if (REMOVE.test(t)) {
    const named = namedByWords(t, quote, segs);
    if (named !== undefined) {
      const text = segs[named]!.text;
      return {
        kind: 'edits',
        edits: [removeText({ index: named })],
        said: say(`Removed "${text}".`, `已删除"${text}"。`),
      };
    }
  }
  if (REMOVE.test(t) && !quote) {
    let which: number[] = [];
    let what: Said;
    if (ALL.test(t) && !refs.indexes.length) {
      which = segs.map((_, i) => i);
      what = say('all text', '所有文字');
    } else if (refs.indexes.length > 0) {
      which = refs.indexes.map((i) => captionIndex(ctx, i)).filter((i) => i >= 0);
      what = say(
        `the caption on ${refs.indexes.map((i) => itemLabel(ctx, i).en).join(', ')}`,
        `${refs.indexes.map((i) => itemLabel(ctx, i).zh).join('、')}的字幕`,
      );
    } else if (AT_END.test(t) && !AT_START.test(t)) {
      const end = endIndex(ctx);
      which = end >= 0 ? [end] : [];
      what = say('the text at the end', '结尾的文字');
    } else if (caption) {
      const title = titleIndex(ctx);
      which = segs.map((_, i) => i).filter((i) => i !== title);
      what = say('the captions', '字幕');
    } else {
      const title = titleIndex(ctx);
      which = title >= 0 ? [title] : [];
      what = say('the title', '标题');
    }
    if (which.length === 0) {
      return problem(
        `There is no ${what.en} to remove. Nothing was changed.`,
        `没有可以删除的${what.zh}。没有做任何修改。`,
      );
    }
    const edits: Edit[] = [...which].sort((a, b) => b - a).map((index) => removeText({ index }));
    return { kind: 'edits', edits, said: say(`Removed ${what.en}.`, `已删除${what.zh}。`) };
  }

  if (total === 0) return noPhotos();
  if (duration && duration.value <= 0) {
    return problem(
      'Text needs a positive duration, e.g. "for 3 seconds". Nothing was changed.',
      '文字的时长必须大于0，比如"显示3秒"。没有做任何修改。',
    );
  }

  const special = placedText(t, clause.quotes, refs.indexes, ctx, { pos, color, duration: duration?.value });
  if (special) return special;

  // Captions on named photos.
  if (refs.indexes.length > 0 || (caption && quote)) {
    if (!quote) {
      const idx = refs.indexes.map((i) => captionIndex(ctx, i)).filter((i) => i >= 0);
      if (idx.length === 0 || (!pos && !color)) {
        return problem(
          'What should the caption say? Put the words in quotes, e.g. add the caption "At the beach" to photo 2.',
          '字幕要写什么？请把文字放在引号里，比如：给第2张加字幕"在海边"。',
        );
      }
      return {
        kind: 'edits',
        edits: idx.map((index) => setText({ index, ...(pos ? { pos } : {}), ...(color ? { color } : {}) })),
        said: say(
          `Caption moved${pos ? ` to the ${pos}` : ''}.`,
          `字幕已调整${pos ? `到${POS_ZH[pos]}` : ''}。`,
        ),
      };
    }
    const times = itemTimings(items(ctx));
    if (refs.indexes.length === 0) {
      // A caption with no photo named: along the bottom for the whole video (documented default).
      return {
        kind: 'edits',
        edits: [
          addText({
            text: quote,
            s: 0,
            d: duration?.value ?? total,
            pos: pos ?? 'bottom',
            size: CAPTION_SIZE,
            ...(color ? { color } : { color: '#ffffff' }),
          }),
        ],
        said: say(
          `Caption "${quote}" for the whole video, at the ${pos ?? 'bottom'}.`,
          `字幕"${quote}"：整个视频，位置${POS_ZH[pos ?? 'bottom']}。`,
        ),
        note: say(
          'no photo was named, so it shows the whole time; say "on photo 3" to pin it to one photo',
          '没有指定照片，所以全程显示；可以说"加在第3张"',
        ),
      };
    }
    const edits: Edit[] = [];
    for (const i of refs.indexes) {
      const existing = captionIndex(ctx, i);
      const time = times[i];
      if (!time) continue;
      if (existing >= 0)
        edits.push(
          setText({ index: existing, text: quote, ...(pos ? { pos } : {}), ...(color ? { color } : {}) }),
        );
      else {
        edits.push(
          addText({
            text: quote,
            s: time.start,
            d: time.end - time.start,
            pos: pos ?? 'bottom',
            size: CAPTION_SIZE,
            color: color ?? '#ffffff',
          }),
        );
      }
    }
    const label = refs.indexes.map((i) => itemLabel(ctx, i));
    return {
      kind: 'edits',
      edits,
      said: say(
        `Caption "${quote}" on ${label.map((l) => l.en).join(', ')}, at the ${pos ?? 'bottom'}.`,
        `字幕"${quote}"：${label.map((l) => l.zh).join('、')}，位置${POS_ZH[pos ?? 'bottom']}。`,
      ),
    };
  }

  const title =
    AT_END.test(t) && !AT_START.test(t)
      ? endIndex(ctx)
      : THAT_TEXT.test(t) && ctx.lastText !== undefined && !/\btitle\b|标题/.test(t)
        ? ctx.lastText
        : caption
          ? segs.findIndex((s, i) => i !== titleIndex(ctx) && s)
          : titleIndex(ctx) >= 0
            ? titleIndex(ctx)
            : ctx.lastText !== undefined && !/\btitle\b|标题/.test(t)
              ? ctx.lastText
              : -1;
  const longer = /\blonger\b|延长|长一点|更久/.test(t);
  const shorter = /\bshorter\b|缩短|短一点/.test(t);
  const bigger = /\bbigger\b|\blarger\b|放大|大一点|更大/.test(t);
  const smaller = /\bsmaller\b|缩小|小一点|更小/.test(t);

  if (quote) {
    if (title >= 0) {
      return {
        kind: 'edits',
        edits: [
          setText({
            index: title,
            text: quote,
            ...(pos ? { pos } : {}),
            ...(duration ? { d: duration.value } : {}),
            ...(color ? { color } : {}),
          }),
        ],
        said: say(`Title is now "${quote}".`, `标题改为"${quote}"。`),
      };
    }
    const d = Math.min(duration?.value ?? DEFAULTS.titleMs, total);
    return {
      kind: 'edits',
      edits: [
        addText({ text: quote, s: 0, d, pos: pos ?? 'center', size: TITLE_SIZE, color: color ?? '#ffffff' }),
      ],
      said: say(
        `Title "${quote}" at the ${pos ?? 'center'} for the first ${seconds(d).en}.`,
        `标题"${quote}"：${POS_ZH[pos ?? 'center']}，显示前${seconds(d).zh}。`,
      ),
    };
  }

  // Changes to the existing title (or caption): position, duration, size, colour.
  if (title < 0) {
    const asksChange = !!(pos || duration || longer || shorter || bigger || smaller || color);
    return asksChange
      ? caption
        ? problem(
            'There is no caption yet: add one first, e.g. add the caption "At the beach" to photo 2.',
            '还没有字幕：请先添加，比如：给第2张加字幕"在海边"。',
          )
        : problem(
            'There is no title yet: add one first, e.g. add the title "Summer in Porto".',
            '还没有标题：请先添加，比如：加标题"波尔图之夏"。',
          )
      : problem(
          'What should the title say? Put the words in quotes, e.g. add the title "Summer in Porto".',
          '标题要写什么？请把文字放在引号里，比如：加标题"波尔图之夏"。',
        );
  }
  const seg = segs[title]!;
  const size = seg.m.size ?? TITLE_SIZE;
  const d =
    duration?.value ?? (longer ? Math.round(seg.d * 1.5) : shorter ? Math.round(seg.d / 1.5) : undefined);
  const newSize = bigger ? Math.min(0.3, size * 1.3) : smaller ? Math.max(0.01, size / 1.3) : undefined;
  if (!pos && d === undefined && newSize === undefined && !color) {
    return problem(
      'What should change about the text? For example: "move the title to the top", "show the title for 5 seconds", or "remove the title".',
      '要怎么修改文字？比如："标题放到顶部"、"标题显示5秒"或"删除标题"。',
    );
  }
  const what = caption ? say('Caption', '字幕') : say('Title', '标题');
  const bits = {
    en: [
      pos ? `at the ${pos}` : '',
      d !== undefined ? `for ${seconds(Math.min(d, total - seg.s)).en}` : '',
      newSize ? (bigger ? 'bigger' : 'smaller') : '',
      color ? `colour ${color}` : '',
    ]
      .filter(Boolean)
      .join(', '),
    zh: [
      pos ? `位置${POS_ZH[pos]}` : '',
      d !== undefined ? `显示${seconds(Math.min(d, total - seg.s)).zh}` : '',
      newSize ? (bigger ? '字号放大' : '字号缩小') : '',
      color ? `颜色${color}` : '',
    ]
      .filter(Boolean)
      .join('，'),
  };
  return {
    kind: 'edits',
    edits: [
      setText({
        index: title,
        ...(pos ? { pos } : {}),
        ...(d !== undefined ? { d } : {}),
        ...(newSize !== undefined ? { size: Math.round(newSize * 1000) / 1000 } : {}),
        ...(color ? { color } : {}),
      }),
    ],
    said: say(`${what.en}: ${bits.en}.`, `${what.zh}：${bits.zh}。`),
  };
};

/** The text that runs to the end of the video (an end card), else the last one. */
function endIndex(ctx: ParseContext): number {
  const segs = textSegs(ctx);
  const total = totalMs(ctx.draft);
  const i = segs.findIndex((s) => s.s > 0 && s.s + s.d >= total - 50);
  return i >= 0 ? i : segs.length - 1;
}

/**
 * Quoted words with a place: an end card ("finish on an end card that reads …", "结尾写…"), a title at the start
 * ("open with the words …", "片头打上…"), one caption per named photo ("'Before' on the first photo and 'After' on
 * the last"), or words swapped inside an existing text ("把标题的“春季”改为“夏季”").
 */
function placedText(
  t: string,
  quotes: readonly string[],
  named: number[],
  ctx: ParseContext,
  style: { pos: TextPosition | undefined; color: string | undefined; duration: number | undefined },
): Outcome | undefined {
  const qs = quotesIn(t).map((i) => quotes[i] ?? '');
  if (qs.length === 0) return undefined;
  const total = totalMs(ctx.draft);
  const segs = textSegs(ctx);
  const big = /\b(?:big|large|huge|bold)\b|大字|大号|醒目/.test(t);
  // Words swapped inside a text: two quotes, the first found in a text, "change … to …", "改为".
  if (qs.length === 2 && /\b(?:to|into|with)\b|改为|改成|换成|变成/.test(t)) {
    const i = segs.findIndex((s) => s.text.includes(qs[0]!) && s.text !== qs[0]);
    if (i >= 0) {
      const text = segs[i]!.text.replace(qs[0]!, qs[1]!);
      return {
        kind: 'edits',
        edits: [setText({ index: i, text })],
        said: say(`Text is now "${text}".`, `文字改为"${text}"。`),
      };
    }
  }
  // One caption per named photo, in the order written.
  if (qs.length >= 2 && qs.length === named.length) {
    const times = itemTimings(items(ctx));
    const edits: Edit[] = [];
    qs.forEach((q, k) => {
      const time = times[named[k]!];
      if (time)
        edits.push(
          addText({
            text: q,
            s: time.start,
            d: time.end - time.start,
            pos: style.pos ?? 'bottom',
            size: CAPTION_SIZE,
            color: style.color ?? '#ffffff',
          }),
        );
    });
    return {
      kind: 'edits',
      edits,
      said: say(
        `Captions: ${qs.map((q, k) => `"${q}" on ${itemLabel(ctx, named[k]!).en}`).join(', ')}.`,
        `字幕：${qs.map((q, k) => `"${q}"在${itemLabel(ctx, named[k]!).zh}`).join('，')}。`,
      ),
    };
  }
  if (named.length > 0) return undefined;
  const q = qs[0]!;
  if (AT_END.test(t) && !AT_START.test(t)) {
    const last = items(ctx).at(-1);
    const d = Math.min(
      style.duration ?? Math.min(DEFAULTS.titleMs, last?.d ?? DEFAULTS.titleMs),
      Math.floor(total / 2),
    );
    return {
      kind: 'edits',
      edits: [
        addText({
          text: q,
          s: total - d,
          d,
          pos: style.pos ?? 'center',
          size: big ? 0.1 : TITLE_SIZE,
          color: style.color ?? '#ffffff',
        }),
      ],
      said: say(`End card "${q}" for the last ${seconds(d).en}.`, `片尾文字"${q}"：最后${seconds(d).zh}。`),
    };
  }
  if (AT_START.test(t) && titleIndex(ctx) < 0) {
    const d = Math.min(style.duration ?? DEFAULTS.titleMs, total);
    return {
      kind: 'edits',
      edits: [
        addText({
          text: q,
          s: 0,
          d,
          pos: style.pos ?? 'center',
          size: big ? 0.1 : TITLE_SIZE,
          color: style.color ?? '#ffffff',
        }),
      ],
      said: say(`Title "${q}" at the start for ${seconds(d).en}.`, `片头标题"${q}"：显示${seconds(d).zh}。`),
    };
  }
  return undefined;
}

/** Words that say which text, not what it says. */
const NOT_CONTENT =
  /^(?:the|a|an|this|that|text|title|caption|captions|words|line|card|end|ending|opening|start|remove|delete|drop|get|rid|of|take|out|off|clear|strip|hide|lose|kill|please|and|all|it|on|at|in|to|from)$/;

/** The one text segment a quote or a content word of the clause points at ("the goodbye text"). */
function namedByWords(t: string, quote: string | undefined, segs: readonly TextItem[]): number | undefined {
  const hits = (w: string) =>
    segs.map((s, i) => (s.text.toLowerCase().includes(w.toLowerCase()) ? i : -1)).filter((i) => i >= 0);
  if (quote) {
    const h = hits(quote);
    return h.length === 1 ? h[0] : undefined;
  }
  for (const w of t.replace(/\uE000\d+\uE001/g, ' ').split(/[^a-z]+/)) {
    if (w.length < 3 || NOT_CONTENT.test(w)) continue;
    const h = hits(w);
    if (h.length === 1) return h[0];
  }
  return undefined;
}
