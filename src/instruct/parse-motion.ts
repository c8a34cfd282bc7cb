import type { MotionType } from '../timeline/draft.ts';
import { DEFAULT_MOTION_AMOUNT, setMotion } from '../timeline/edits/set-motion.ts';
import { setFit } from '../timeline/edits/set-fit.ts';
import {
  items,
  listLabel,
  noPhotos,
  photoIndexes,
  say,
  type Outcome,
  type ParseContext,
  type Parser,
  type Said,
} from './context.ts';
import { findPercents } from './quantities.ts';
import { findFactor } from './multiplier.ts';
import { findRefs, outOfRangeSaid } from './refs.ts';

const ANCHOR =
  /ken burns|\bmotion\b|\bmovement\b|定格|\bmoving\b|\bzoom(?:s|ing|ed)?\b|\bpan(?:s|ning|ned)?\b|\bstatic\b|\bstill\b|\banimate[ds]?\b|\bpush in\b|\bpull (?:out|back)\b|动效|动态|运动|推拉|缩放|放大|缩小|平移|镜头|静止|不动|摇镜/;
const NONE =
  /\b(?:no|without|turn off|disable|remove|stop|kill|drop|get rid of|lose)(?: the| all)? (?:ken burns|motion|movement|zoom(?:s|ing)?|pan(?:s|ning)?|animation)\b|\bstatic\b|\bstill\b|\bkeep (?:them|the photos|it) still\b|\bdon'?t (?:move|zoom|pan)\b|不要动效|去掉动效|关闭动效|取消动效|关掉动效|静止|不动|不要缩放|不要运动|不要推拉|去掉推拉|不要镜头运动|定格|别再?放大|不要再放大|别再?缩放|\bmotion:? none\b/;
const AUTO =
  /ken burns|\b(?:add|turn on|enable|some|with|use)(?: some| the)? (?:motion|movement|animation)\b|\banimate\b|\bmake (?:it|them) move\b|(?:加|添加|开启|打开|加上|来点|要)(?:上)?(?:动效|动态|运动效果|推拉|镜头运动)|动起来/;
const STRONGER =
  /\b(?:stronger|more|bigger|dramatic|faster|deeper|more obvious|intense)\b|更明显|强一点|幅度大|大一点|更强|明显一点|多一点/;
const SUBTLER =
  /\b(?:subtler|subtle|gentler|gentle|less|smaller|slight(?:er)?|softer|slower|calmer|tiny)\b|更轻微|弱一点|幅度小|小一点|轻一点|轻微|柔和|少一点/;

function findMotion(t: string): MotionType | 'auto' | undefined {
  // "it looks static", "too still": a complaint that asks for motion.
  if (/\b(?:looks?|feels?|too|so|very) (?:static|still|lifeless|flat)\b|太静|死板/.test(t)) return 'auto';
  if (NONE.test(t)) return 'none';
  let m: RegExpExecArray | null;
  if (/\bzoom(?:ing)? out\b|\bpull (?:out|back)\b|缩小|拉远/.test(t)) return 'zoom-out';
  if (/\bzoom(?:ing)? in\b|\bpush in\b|放大|推近|拉近/.test(t)) return 'zoom-in';
  if (
    (m = /\bpan(?:ning)? (?:to (?:the )?)?(left|right|up|down)\b|(?:向|往)(左|右|上|下)(?:平移|移动|摇)/.exec(
      t,
    ))
  ) {
    const d = {
      left: 'left',
      right: 'right',
      up: 'up',
      down: 'down',
      左: 'left',
      右: 'right',
      上: 'up',
      下: 'down',
    }[(m[1] ?? m[2]) as string];
    return `pan-${d}` as MotionType;
  }
  if (AUTO.test(t)) return 'auto';
  if (/\bpan(?:s|ning)?\b|平移|摇镜/.test(t)) return 'pan-right';
  if (/\bzoom(?:s|ing)?\b|缩放|推拉/.test(t)) return 'zoom-in';
  return undefined;
}

const MOTION_ZH: Record<string, string> = {
  none: '静止',
  auto: '轻微推拉（每张不同）',
  'zoom-in': '推近',
  'zoom-out': '拉远',
  'pan-left': '向左平移',
  'pan-right': '向右平移',
  'pan-up': '向上平移',
  'pan-down': '向下平移',
};

function targets(ctx: ParseContext, t: string): { indexes: number[] | 'all'; label: Said } | Outcome {
  const refs = findRefs(t, ctx);
  if (refs.outOfRange !== undefined) return { kind: 'problem', said: outOfRangeSaid(refs.outOfRange, ctx) };
  if (refs.indexes.length > 0) return { indexes: refs.indexes, label: listLabel(ctx, refs.indexes) };
  const photos = photoIndexes(ctx);
  if (photos.length === items(ctx).length) return { indexes: 'all', label: say('every photo', '所有照片') };
  return { indexes: photos, label: say('every photo (clips keep theirs)', '所有照片（视频片段不变）') };
}

/** Ken Burns: on/off, zoom in/out, pan, stronger/subtler. */
export const parseMotion: Parser = (clause, ctx): Outcome | undefined => {
  const t = clause.text;
  if (!ANCHOR.test(t)) return undefined;
  if (items(ctx).length === 0) return noPhotos();
  const target = targets(ctx, t);
  if ('kind' in target) return target;
  if (Array.isArray(target.indexes) && target.indexes.length === 0) return noPhotos();
  const type = findMotion(t);
  const all = items(ctx);
  const list = target.indexes === 'all' ? all.map((_, i) => i) : target.indexes;
  const amounts = list.map((i) => all[i]?.m.motion?.amount).filter((a): a is number => a !== undefined);
  const current = amounts[0] ?? DEFAULT_MOTION_AMOUNT;
  const pct = findPercents(t)[0];
  let amount: number | undefined = pct ? pct.value : undefined;
  const factor = findFactor(t);
  if (amount === undefined && factor && type !== 'none') amount = current * factor.value;
  if (amount === undefined && type !== 'none' && STRONGER.test(t) && !/\bmore motion\b/.test(t))
    amount = current * 1.5;
  else if (amount === undefined && type !== 'none' && SUBTLER.test(t)) amount = current * 0.5;
  if (amount === undefined && type !== 'none' && /\bmore motion\b|更多动效/.test(t)) amount = current * 1.5;
  if (amount !== undefined) amount = Math.min(0.5, Math.max(0.01, Math.round(amount * 1000) / 1000));
  const stillNow = list.every((i) => (all[i]?.m.motion?.type ?? 'none') === 'none');
  const finalType = type ?? (amount !== undefined && stillNow ? 'auto' : undefined);
  if (!finalType && amount === undefined) return undefined;
  const edit = setMotion({
    items: target.indexes,
    ...(finalType ? { type: finalType } : {}),
    ...(amount !== undefined ? { amount } : {}),
  });
  const amountEn = amount !== undefined ? `, ${Math.round(amount * 100)}% travel` : '';
  const amountZh = amount !== undefined ? `，幅度${Math.round(amount * 100)}%` : '';
  return {
    kind: 'edits',
    edits: [edit],
    said: say(
      `Motion for ${target.label.en}: ${finalType === 'auto' ? 'gentle Ken Burns, varied from photo to photo' : (finalType ?? 'same motion')}${amountEn}.`,
      `${target.label.zh}的动效：${MOTION_ZH[finalType ?? ''] ?? '保持原动效'}${amountZh}。`,
    ),
  };
};

const FIT_ANCHOR =
  /\bpillarbox(?:ed|ing)?\b|\b(?:fuzzy|blurry|blurred) (?:background|backdrop)\b|\bblack is (?:cleaner|better|nicer)\b|别裁|不要裁|宁可.*黑[条边]|黑条|占满|填满整个|\bblur(?:red|ry)? (?:background|backdrop|sides|fill|edges|bars)\b|\bbackground blur\b|\b(?:contain|letterbox(?:ed)?|black bars|crop(?:ped|ping)?|fill (?:the )?(?:frame|screen)|full ?screen|fit (?:inside|in the frame|the frame|the whole)|whole (?:photo|picture)s?|entire (?:photo|picture)s?|edge to edge|uncropped|cover)\b|完整显示|不要裁剪|不裁剪|显示完整|保留完整|黑边|适应画面|铺满|填满|裁剪|全屏|充满画面|模糊背景|背景模糊|模糊填充/;

/** How photos fill the frame: cover (crop), contain (whole photo), blur (blurred fill). */
export const parseFit: Parser = (clause, ctx): Outcome | undefined => {
  const t = clause.text;
  if (!FIT_ANCHOR.test(t)) return undefined;
  if (items(ctx).length === 0) return noPhotos();
  const target = targets(ctx, t);
  if ('kind' in target) return target;
  const fit =
    /\bpillarbox|\bdon'?t like the (?:fuzzy|blurry|blurred)|\bblack is (?:cleaner|better|nicer)\b|别裁|不要裁|黑条/.test(
      t,
    )
      ? 'contain'
      : /黑边去掉|去掉黑边|不要黑边|占满|填满|\bno (?:black )?bars\b|edge to edge/.test(t)
        ? 'cover'
        : /\bblur|模糊/.test(t)
          ? 'blur'
          : /\bno black bars\b|\bwithout black bars\b|去掉黑边|不要黑边/.test(t)
            ? 'cover'
            : /\b(?:contain|letterbox(?:ed)?|black bars|no crop(?:ping)?|don'?t crop|do not crop|without crop(?:ping)?|not cropped|uncropped|fit (?:inside|in the frame|the frame|the whole)|(?:whole|entire|full) (?:photo|picture)s?)\b|完整显示|不要裁剪|不裁剪|显示完整|保留完整|黑边|适应画面/.test(
                  t,
                )
              ? 'contain'
              : 'cover';
  const said = {
    blur: say('a blurred copy fills the sides', '两边用模糊背景填充'),
    contain: say('whole photo, with bars', '完整显示照片（有边框）'),
    cover: say('fills the frame, cropping the edges', '铺满画面（裁掉边缘）'),
  }[fit];
  return {
    kind: 'edits',
    edits: [setFit({ items: target.indexes, fit })],
    said: say(`Fit for ${target.label.en}: ${said.en}.`, `${target.label.zh}的画面适配：${said.zh}。`),
  };
};
