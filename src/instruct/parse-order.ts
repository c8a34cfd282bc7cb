import { hashSeed, seededRandom } from '../timeline/random.ts';
import type { Edit } from '../timeline/edit.ts';
import { insertItem, removeItem } from '../timeline/edits/remove-item.ts';
import { moveItem } from '../timeline/edits/move-item.ts';
import { removeItems } from '../timeline/edits/remove-items.ts';
import { setOrder } from '../timeline/edits/set-order.ts';
import {
  items,
  itemLabel,
  listLabel,
  mediaById,
  noPhotos,
  problem,
  say,
  type Outcome,
  type ParseContext,
  type Parser,
} from './context.ts';
import { findMediaOrder, orderedMedia } from './parse-create.ts';
import { findDurations } from './quantities.ts';
import { findRefs, outOfRangeSaid } from './refs.ts';

const REVERSE =
  /\breverse\b|\binvert\b|\bbackwards?\b|\bflip (?:the |teh )?order\b|\bthe other way round\b|\bopposite order\b|倒序|反转|颠倒|反过来|倒过来|逆序|相反的顺序|倒着排/;
const SHUFFLE =
  /\bshuffle\b|\brandom(?:ize|ise)?(?: the)? order\b|\bin (?:a )?random order\b|\bmix (?:them|it|the photos|everything) up\b|\brandomi[sz]e\b|\bjumble\b|打乱|随机排序|随机顺序|随机排列|乱序|洗牌/;
const SWAP = /\bswap\b|\bswitch\b|\bexchange\b|\btrade places\b|交换|互换|对调|调换|换一下位置/;
const REMOVE =
  /\b(?:remove|delete|drop|cut|take out|get rid of|lose|skip|leave out|throw out|discard|ditch|(?:can|has to|had to|must|needs to|should) go)\b|删除|删掉|去掉|移除|不要|拿掉|去除/;
/** "delete everything except the first three", "keep only photos 1 and 2", "只保留前三张": the others go. */
const KEEP_ONLY =
  /\b(?:except|all but|everything but|other than|keep (?:only|just)|only keep|just keep)\b|只保留|只留|只要|除了/;
/** "one spot later", "two places earlier", "往后挪一位". */
const STEP =
  /\b(\d+|one|a) (?:spot|place|position|slot)s? (later|earlier|back|forward|down|up|right|left)\b|(?:往|向)(后|前)(?:挪|移)(\d+)?位/;
/** "make photo 1 the last one", "make the third photo the first". */
const MAKE_POS = /\bmake\b.*\bthe (first|last)(?: one| photo| picture)?\s*$/;
const DUPLICATE = /\b(?:duplicate|copy|repeat|clone|twice)\b|复制|重复|再放一次/;
const MOVE = /\b(?:move|put|place|bring|shift)\b|移到|挪到|放到|放在|调到|移动到|换到|移至|挪至|移|挪/;

/** Shuffles deterministically: seeded by draft.m.seed, else by a hash of the draft. Never the same order back. */
export function shuffledOrder(n: number, seedText: string): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  const rand = seededRandom(hashSeed(seedText));
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  if (n > 1 && order.every((v, i) => v === i)) order.push(order.shift()!);
  return order;
}

/** Where "move X to …" puts the item: the final index, from the words after the verb's object. */
function destination(ctx: ParseContext, from: number, after: string): number | undefined | 'bad' {
  const n = items(ctx).length;
  const refs = findRefs(after, ctx);
  if (refs.outOfRange !== undefined) return 'bad';
  const pos =
    /\bposition (\d+)|\bspot (\d+)|\bplace (\d+)|\bnumber (\d+)|^\s*(?:to\s+)?(\d+)\s*$|第(\d+)(?:位|个位置)/.exec(
      after,
    );
  if (pos) {
    const p = Number(pos.slice(1).find((x) => x !== undefined));
    return p >= 1 && p <= n ? p - 1 : 'bad';
  }
  const r = refs.indexes[0];
  const r2 = refs.indexes[1];
  if (r !== undefined && r2 !== undefined && /\bbetween\b|之间|中间/.test(after) && Math.abs(r - r2) === 1) {
    const left = Math.min(r, r2);
    return from < left ? left : left + 1;
  }
  if (r !== undefined) {
    if (/\bafter\b|\bbehind\b|\bfollowing\b|后面|之后|后边|后/.test(after)) return from < r ? r : r + 1;
    if (/\bbefore\b|\bin front of\b|\bahead of\b|前面|之前|前边|前/.test(after)) return from < r ? r - 1 : r;
    return r;
  }
  if (
    /\b(?:start|beginning|front|first|top|begin|opening)\b|开头|最前|第1个|第1位|最开始|前面|开始/.test(after)
  )
    return 0;
  if (/\b(?:end|last|back|bottom|finish|ending|close)\b|最后|末尾|结尾|后面|最后面/.test(after)) return n - 1;
  return undefined;
}

/** Order: move, swap, remove, duplicate, reverse, shuffle, sort (oldest first, by name, upload order). */
export const parseOrder: Parser = (clause, ctx): Outcome | undefined => {
  const t = clause.text;
  const all = items(ctx);
  const n = all.length;
  const isShuffle = SHUFFLE.test(t);
  const isReverse = REVERSE.test(t) && !/\breverse (?:chronological)/.test(t);
  const sortOrder = findMediaOrder(t);

  // "第四张放在最前面，其他按原来的顺序": the others keep their order, nothing more to do.
  if (sortOrder === 'upload' && /\b(?:the )?(?:rest|others)\b|其他|其余|剩下/.test(t))
    return { kind: 'info', said: say('The others keep their order.', '其他照片保持原来的顺序。') };
  if (isShuffle || isReverse || sortOrder) {
    if (n === 0) return noPhotos();
    if (n === 1)
      return {
        kind: 'info',
        said: say('There is only one item, so the order stays.', '只有一个素材，顺序不变。'),
      };
    let order: number[];
    let said;
    if (isShuffle) {
      order = shuffledOrder(n, ctx.draft.m.seed ?? JSON.stringify(all.map((it) => it.src)));
      said = say(
        'Shuffled the order (the same words on the same video always give the same order).',
        '已打乱顺序（同样的视频和指令总是得到同样的顺序）。',
      );
    } else if (isReverse) {
      order = all.map((_, i) => n - 1 - i);
      said = say('Reversed the order.', '已倒序排列。');
    } else {
      const kind = sortOrder!;
      if ((kind === 'oldest' || kind === 'newest') && !all.some((it) => mediaById(ctx, it.src)?.capturedAt)) {
        return problem(
          'The photos carry no capture dates, so I cannot sort them by time. Try "sort by name" or move photos one by one.',
          '照片里没有拍摄时间，无法按时间排序。可以说"按名称排序"，或逐张移动。',
        );
      }
      const rank = orderedMedia(ctx.media, kind).map((m) => m.id);
      const key = (i: number) => {
        const r = rank.indexOf(all[i]?.src ?? '');
        return r < 0 ? Number.MAX_SAFE_INTEGER : r;
      };
      order = all.map((_, i) => i).sort((a, b) => key(a) - key(b) || a - b);
      said = {
        upload: say('Put the items back in upload order.', '已恢复为上传顺序。'),
        oldest: say('Sorted oldest first.', '已按拍摄时间从旧到新排序。'),
        newest: say('Sorted newest first.', '已按拍摄时间从新到旧排序。'),
        name: say('Sorted by file name.', '已按文件名排序。'),
      }[kind];
    }
    if (order.every((v, i) => v === i))
      return { kind: 'info', said: say('The order is already like that.', '顺序本来就是这样。') };
    return { kind: 'edits', edits: [setOrder({ order })], said };
  }

  // "delete everything except the first three", "只保留前三张".
  if (KEEP_ONLY.test(t) && (REMOVE.test(t) || /\bkeep\b|保留|只留|只要/.test(t))) {
    const keepRefs = findRefs(t, ctx);
    if (keepRefs.outOfRange !== undefined)
      return { kind: 'problem', said: outOfRangeSaid(keepRefs.outOfRange, ctx) };
    if (keepRefs.indexes.length > 0) {
      const gone = all.map((_, i) => i).filter((i) => !keepRefs.indexes.includes(i));
      if (gone.length === 0)
        return { kind: 'info', said: say('Nothing else is in the video.', '视频里没有其他素材。') };
      return {
        kind: 'edits',
        edits: [removeItems({ indices: gone })],
        said: say(
          `Kept ${listLabel(ctx, keepRefs.indexes).en}; removed the other ${gone.length}.`,
          `保留${listLabel(ctx, keepRefs.indexes).zh}，删除了其余${gone.length}个。`,
        ),
      };
    }
  }
  // "move the third photo one spot later", "第三张往后挪一位".
  const step = STEP.exec(t);
  if (step) {
    const stepRefs = findRefs(t, ctx);
    const from = stepRefs.indexes[0];
    if (from !== undefined) {
      const k = Number(step[4] ?? (/^\d+$/.test(step[1] ?? '') ? step[1] : 1));
      const later = /later|back|down|right|后/.test(step[2] ?? step[3] ?? '');
      const to = Math.max(0, Math.min(n - 1, from + (later ? k : -k)));
      if (to === from)
        return {
          kind: 'info',
          said: say(
            `${itemLabel(ctx, from).en} cannot move further.`,
            `${itemLabel(ctx, from).zh}已经到头了。`,
          ),
        };
      return {
        kind: 'edits',
        edits: [moveItem({ from, to })],
        said: say(
          `Moved ${itemLabel(ctx, from).en} to position ${to + 1}.`,
          `已把${itemLabel(ctx, from).zh}移到第${to + 1}个位置。`,
        ),
      };
    }
  }
  const makePos = MAKE_POS.exec(t);
  if (makePos) {
    const head = findRefs(t.slice(0, t.lastIndexOf(' the ')), ctx);
    const from = head.indexes[0];
    if (from !== undefined) {
      const to = makePos[1] === 'first' ? 0 : n - 1;
      if (to !== from)
        return {
          kind: 'edits',
          edits: [moveItem({ from, to })],
          said: say(
            `Moved ${itemLabel(ctx, from).en} to position ${to + 1}.`,
            `已把${itemLabel(ctx, from).zh}移到第${to + 1}个位置。`,
          ),
        };
    }
  }

  const verb = SWAP.test(t)
    ? 'swap'
    : REMOVE.test(t)
      ? 'remove'
      : DUPLICATE.test(t)
        ? 'duplicate'
        : MOVE.test(t)
          ? 'move'
          : undefined;
  if (!verb) return undefined;
  // Split "move photo 3 to the end" into what moves and where it goes.
  const split =
    verb === 'move'
      ? /\s(?:to|after|before|behind|between|in front of|ahead of|at|into)\s|移到|挪到|放到|放在|调到|移动到|换到|移至|挪至|放至|移|挪/.exec(
          t,
        )
      : null;
  const head = split ? t.slice(0, split.index) : t;
  const tail = split ? t.slice(split.index) : '';
  const refs = findRefs(head, ctx);
  if (refs.outOfRange !== undefined) return { kind: 'problem', said: outOfRangeSaid(refs.outOfRange, ctx) };
  if (refs.indexes.length === 0) return undefined;
  if (n === 0) return noPhotos();
  const idx = refs.indexes;

  if (verb === 'swap') {
    if (idx.length !== 2) {
      return problem(
        'Name two photos to swap, e.g. "swap photo 1 and 3".',
        '请说出要交换的两张，比如"交换第1张和第3张"。',
      );
    }
    const [a, b] = [Math.min(idx[0]!, idx[1]!), Math.max(idx[0]!, idx[1]!)];
    const order = all.map((_, i) => (i === a ? b : i === b ? a : i));
    return {
      kind: 'edits',
      edits: [setOrder({ order })],
      said: say(
        `Swapped ${itemLabel(ctx, a).en} and ${itemLabel(ctx, b).en}.`,
        `已交换${itemLabel(ctx, a).zh}和${itemLabel(ctx, b).zh}。`,
      ),
    };
  }
  if (verb === 'remove') {
    if (idx.length >= n) {
      return problem(
        'That would remove every item and leave an empty video. Say "start over" instead.',
        '这样会删除所有素材，视频就空了。如果想重来，请说"重新开始"。',
      );
    }
    const edits: Edit[] =
      idx.length === 1
        ? [removeItem({ index: idx[0]! })]
        : [removeItems({ indices: [...idx].sort((a, b) => a - b) })];
    const label = listLabel(
      ctx,
      [...idx].sort((a, b) => a - b),
    );
    return { kind: 'edits', edits, said: say(`Removed ${label.en}.`, `已删除${label.zh}。`) };
  }
  if (verb === 'duplicate') {
    const i = idx[0]!;
    const atEnd = /\bat the end\b|\bto the end\b|最后|末尾|结尾/.test(t);
    const at = atEnd ? n : i + 1;
    const item = structuredClone(all[i]!);
    delete item.m.tr;
    return {
      kind: 'edits',
      edits: [insertItem({ index: at, item })],
      said: say(
        `Duplicated ${itemLabel(ctx, i).en}${atEnd ? ' at the end' : ' (the copy follows it)'}.`,
        `已复制${itemLabel(ctx, i).zh}${atEnd ? '，放在最后' : '，副本紧跟其后'}。`,
      ),
    };
  }
  // move
  const from = idx[0]!;
  const to = destination(ctx, from, tail);
  if (to === 'bad')
    return { kind: 'problem', said: outOfRangeSaid(findRefs(tail, ctx).outOfRange ?? n + 1, ctx) };
  if (to === undefined) {
    if (findDurations(t).length > 0) return undefined;
    return problem(
      `Where should ${itemLabel(ctx, from).en} go? Say for example "move photo ${from + 1} to the start", "to the end" or "after photo 2".`,
      `${itemLabel(ctx, from).zh}要移到哪里？比如"把第${from + 1}张移到最前面"、"移到最后"或"移到第2张后面"。`,
    );
  }
  if (to === from)
    return {
      kind: 'info',
      said: say(
        `${itemLabel(ctx, from).en} is already there.`,
        `${itemLabel(ctx, from).zh}已经在那个位置了。`,
      ),
    };
  return {
    kind: 'edits',
    edits: [moveItem({ from, to })],
    said: say(
      `Moved ${itemLabel(ctx, from).en} to position ${to + 1}.`,
      `已把${itemLabel(ctx, from).zh}移到第${to + 1}个位置。`,
    ),
  };
};
