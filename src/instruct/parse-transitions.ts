import { DEFAULT_TRANSITION_MS, setTransition } from '../timeline/edits/set-transition.ts';
import { items, noPhotos, problem, say, seconds, type Outcome, type Parser, type Said } from './context.ts';
import { findDurations } from './quantities.ts';
import { findFactor } from './multiplier.ts';
import { findRefs, outOfRangeSaid } from './refs.ts';
import { findTransitionType, TRANSITION_ANCHOR } from './transition-words.ts';

const LONGER =
  /\b(?:longer|slower|smoother|softer|gentler|more gradual)\b|更长|长一点|慢一点|更慢|更平滑|平滑一点|柔和|更柔和/;
const SHORTER = /\b(?:shorter|quicker|faster|snappier|sharper|tighter)\b|更短|短一点|快一点|更快|利落/;
/** "too jumpy between photos", "smooth it out", "切换太生硬": cuts that want a transition. */
const JUMPY =
  /\b(?:jumpy|jarring|abrupt|choppy|harsh cuts?)\b|\bsmooth (?:it|things|them|the cuts) out\b|\bblend (?:each|every|the) (?:photo|picture|slide)s?\b|切换太生硬|太生硬|生硬|太突兀|突兀|切换自然|自然一些|自然一点/;
/** "smoother" / "longer" transitions ×1.5; "quicker" / "shorter" ×2/3. */
export const SMOOTHER = 1.5;

const NAMES_ZH: Record<string, string> = {
  fade: '淡入淡出',
  fadeblack: '黑场过渡',
  fadewhite: '闪白过渡',
  dissolve: '溶解',
  random: '随机转场',
  cut: '硬切',
};

function typeSaid(type: string): Said {
  return say(type === 'random' ? 'random (the same every render)' : type, NAMES_ZH[type] ?? type);
}

/** Transitions: a type for every cut or one cut, a duration, none, random, smoother. */
export const parseTransitions: Parser = (clause, ctx): Outcome | undefined => {
  const t = clause.text;
  const jumpy = JUMPY.test(t);
  const anchored =
    TRANSITION_ANCHOR.test(t) ||
    jumpy ||
    (/\bsmoother\b|更平滑|平滑一点/.test(t) && !/\bmotion\b|动效/.test(t));
  if (!anchored) return undefined;
  // "fade the music out", "no fade-out": the music's fades, not transitions.
  if (
    /前后各?淡入淡出|首尾淡入淡出|\bfade ?-?(?:in|out)\b|\bfade (?:it|them|the (?:music|song|track|audio)) (?:in|out)\b|(?<!淡入)淡出|淡入(?!淡出)|\b(?:music|song|track|audio|soundtrack)\b|音乐|配乐/.test(
      t,
    ) &&
    !/\btransitions?\b|转场|过渡/.test(t)
  )
    return undefined;
  const all = items(ctx);
  if (all.length === 0) return noPhotos();
  if (all.length === 1) {
    return problem(
      'There is only one item, so there is no cut to put a transition on. Nothing was changed.',
      '只有一个素材，没有可以加转场的地方。没有做任何修改。',
    );
  }
  const refs = findRefs(t, ctx);
  if (refs.outOfRange !== undefined) return { kind: 'problem', said: outOfRangeSaid(refs.outOfRange, ctx) };

  // Which cuts: between two neighbours, after one item, before one item, or every cut.
  let cuts: number[] | 'all' = 'all';
  let where: Said = say('every cut', '所有转场');
  const idx = refs.indexes;
  if (idx.length >= 2) {
    const [a, b] = [Math.min(idx[0]!, idx[1]!), Math.max(idx[0]!, idx[1]!)];
    if (b - a !== 1) {
      return problem(
        `Photos ${a + 1} and ${b + 1} are not next to each other, so there is no transition between them. Say for example "between photo ${a + 1} and ${a + 2}".`,
        `第${a + 1}张和第${b + 1}张不相邻，中间没有转场。可以说"第${a + 1}张和第${a + 2}张之间"。`,
      );
    }
    cuts = [a];
    where = say(`between ${a + 1} and ${b + 1}`, `第${a + 1}张和第${b + 1}张之间`);
  } else if (idx.length === 1) {
    const i = idx[0]!;
    const before = /\bbefore\b|\binto\b|之前|前面|前的/.test(t);
    const cut = before ? i - 1 : i;
    if (cut < 0 || cut >= all.length - 1) {
      return problem(
        before
          ? 'Nothing comes before the first item, so there is no transition there. Nothing was changed.'
          : 'Nothing comes after the last item, so there is no transition there. Nothing was changed.',
        before ? '第一张之前没有转场。没有做任何修改。' : '最后一张之后没有转场。没有做任何修改。',
      );
    }
    cuts = [cut];
    where = say(`between ${cut + 1} and ${cut + 2}`, `第${cut + 1}张和第${cut + 2}张之间`);
  }
  const targets = cuts === 'all' ? all.slice(0, -1).map((_, i) => i) : cuts;
  const existing = targets.map((i) => all[i]?.m.tr).filter((x) => x && x.type !== 'cut');

  const type = jumpy ? findTransitionType(t.replace(/切换/g, '')) : findTransitionType(t);
  const d = findDurations(refs.rest)[0];
  if (d && d.value < 0) {
    return problem(
      'A transition cannot last a negative time. Nothing was changed.',
      '转场时长不能是负数。没有做任何修改。',
    );
  }
  if (type === 'none' || type === 'cut') {
    return {
      kind: 'edits',
      edits: [setTransition({ items: cuts, type: 'none' })],
      said: say(`Transitions: hard cuts (${where.en}).`, `转场：去掉，直接切换（${where.zh}）。`),
    };
  }
  const current = existing[0]?.d ?? DEFAULT_TRANSITION_MS;
  let ms: number | undefined = d?.value;
  const factor = findFactor(t);
  if (
    ms === undefined &&
    factor &&
    /\b(?:length|duration|long|time|longer|shorter)\b|时间|时长|长度/.test(t) &&
    existing.length > 0
  )
    ms = Math.round(current * factor.value);
  if (ms === undefined && LONGER.test(t)) ms = Math.round(current * SMOOTHER);
  else if (ms === undefined && SHORTER.test(t)) ms = Math.round(current / SMOOTHER);
  const newType = type ?? (existing.length < targets.length ? 'fade' : undefined);
  if (!newType && ms === undefined) {
    return {
      kind: 'info',
      said: say(`The video already has transitions (${where.en}).`, `视频已经有转场了（${where.zh}）。`),
    };
  }
  const edit = setTransition({
    items: cuts,
    ...(newType ? { type: newType } : {}),
    ...(ms !== undefined ? { d: ms } : {}),
  });
  const shown = Math.min(ms ?? current, ...targets.map((i) => Math.min(all[i]?.d ?? 0, all[i + 1]?.d ?? 0)));
  const parts: Said = say(
    [newType ? typeSaid(newType).en : '', `${seconds(ms ?? current).en}`].filter(Boolean).join(', '),
    [newType ? typeSaid(newType).zh : '', `${seconds(ms ?? current).zh}`].filter(Boolean).join('，'),
  );
  const clamped = shown < (ms ?? current);
  return {
    kind: 'edits',
    edits: [edit],
    said: say(`Transitions: ${parts.en} (${where.en}).`, `转场：${parts.zh}（${where.zh}）。`),
    ...(!type && !d && LONGER.test(t)
      ? { note: say(`"smoother" made them ${SMOOTHER}× longer`, `"更平滑"表示转场延长到${SMOOTHER}倍`) }
      : !type && existing.length < targets.length
        ? {
            note: say(
              'no type was named, so cuts without one got a fade',
              '没有指定转场类型，没有转场的地方用淡入淡出',
            ),
          }
        : clamped
          ? {
              note: say(
                'a transition is never longer than the shorter photo beside it, so some are shorter',
                '转场不能比相邻较短的照片更长，部分已自动缩短',
              ),
            }
          : {}),
  };
};
