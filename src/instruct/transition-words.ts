import type { TransitionType } from '../timeline/transitions.ts';

const DIRS: Record<string, 'left' | 'right' | 'up' | 'down'> = {
  left: 'left',
  right: 'right',
  up: 'up',
  down: 'down',
  top: 'down',
  bottom: 'up',
  左: 'left',
  右: 'right',
  上: 'up',
  下: 'down',
};

function dir(word: string | undefined, fallback: 'left' | 'right' | 'up' | 'down' = 'left') {
  return (word && DIRS[word]) || fallback;
}

/** "No transitions" in any words. */
export const NO_TRANSITIONS =
  /\b(?:no|without|remove(?: all)?(?: the)?|turn off(?: the)?|disable(?: the)?|drop(?: the)?|get rid of(?: the)?|delete(?: the)?|skip(?: the)?|kill(?: the)?|lose(?: the)?) (?:all )?(?:\w+ )?(?:transitions?|fades|crossfades|dissolves|wipes)\b|\b(?:hard|straight|simple|plain|just|jump) cuts?\b|\bcut straight\b|(?:不要|去掉|取消|删除|删掉|关掉|关闭|移除|去除)[^，,。转过]{0,14}(?:转场|过渡)|无转场|没有转场|硬切|直接切|(?:别|不)用转场|别要转场/;

/**
 * The transition a clause names: xfade names, common words (crossfade → fade, "fade to black" →
 * fadeblack, "wipe left", "slide up"), Chinese words (溶解, 淡入淡出, 擦除, 黑场…), `random`, or `none`.
 */
export function findTransitionType(text: string): TransitionType | 'none' | undefined {
  if (NO_TRANSITIONS.test(text)) return 'none';
  let m: RegExpExecArray | null;
  if (
    /\brandom(?:ized|ised)? (?:\w+ )?transitions?|\b(?:mixed|varied|different|assorted|various|random|surprise) (?:\w+ )?transitions?|transitions? at random|\bmix(?: it)? up (?:the )?transitions?|\bshake up (?:the )?transitions?|随机(?:的)?(?:转场|过渡)|(?:转场|过渡)(?:用|改成|换成|设为)?随机|各种(?:转场|过渡)|不同的(?:转场|过渡)/.test(
      text,
    )
  )
    return 'random';
  if (
    /fade (?:to|through|via|into|out to) black|dip to black|black fade|fade ?black|黑场|淡出到黑|黑色过渡|闪黑|黑屏过渡|渐黑/.test(
      text,
    )
  )
    return 'fadeblack';
  if (
    /fade (?:to|through|via|into|out to) white|dip to white|white flash|\bflash\b|fade ?white|白场|闪白|白色过渡|渐白/.test(
      text,
    )
  )
    return 'fadewhite';
  if ((m = /\bsmooth ?(left|right|up|down)\b|平滑(?:向)?(左|右)/.exec(text)))
    return `smooth${dir(m[1] ?? m[2])}` as TransitionType;
  if (
    (m =
      /\bwipe ?(left|right|up|down)\b|\b(left|right|up|down)(?:ward)? wipe|(?:向|往|从)?(左|右|上|下)(?:边)?擦除|擦除|\bwipes?\b/.exec(
        text,
      ))
  )
    return `wipe${dir(m[1] ?? m[2] ?? m[3])}` as TransitionType;
  if (
    (m =
      /\bslide ?(left|right|up|down)\b|\bslides? (?:in )?from the (left|right|top|bottom)\b|\bpush (left|right|up|down)\b|(?:向|往|从)?(左|右|上|下)(?:边)?(?:滑动|滑入|推入|滑)|滑动|推入|推移|\bslide transitions?\b|\bslides? in\b/.exec(
        text,
      ))
  )
    return `slide${dir(m[1] ?? m[2] ?? m[3] ?? m[4])}` as TransitionType;
  if (/circle ?close|iris (?:close|out)|圆形收缩|圆形关闭|圆形缩小/.test(text)) return 'circleclose';
  if (/circle ?open|\biris\b|\bcircles?\b|圆形展开|圆形打开|圆形/.test(text)) return 'circleopen';
  if (/\bradial\b|clock ?wipe|径向|时钟/.test(text)) return 'radial';
  if (
    /\bzoom ?in (?:transitions?|effect between)|zoom transitions?|\bzoomin\b|缩放转场|放大转场|缩放过渡/.test(
      text,
    )
  )
    return 'zoomin';
  if (/\bpixel(?:ize|ise|ate|ated|s)?\b|马赛克|像素/.test(text)) return 'pixelize';
  if (/\bblur(?:ry|red)? transitions?|\bhblur\b|模糊转场|模糊过渡/.test(text)) return 'hblur';
  if (/\bdistance\b|扭曲/.test(text)) return 'distance';
  if (/\bdissolves?\b|溶解/.test(text)) return 'dissolve';
  if (
    /\bcross ?fades?\b|\bcrossfade\b|\bfades?\b|\bfading\b|淡入淡出|淡化|渐变|叠化|交叉淡化|交叉溶解|淡入|淡出|渐隐/.test(
      text,
    )
  )
    return 'fade';
  if (/\bcuts?\b|切换|直切/.test(text) && /\btransitions?\b|转场|过渡/.test(text)) return 'cut';
  return undefined;
}

/** A clause that is about transitions (words that only transitions use). */
export const TRANSITION_ANCHOR =
  /\btransitions?\b|转场|过渡|\bcross ?fades?\b|\bcrossfade\b|\bdissolves?\b|\bwipes?\b|\bslide (?:left|right|up|down)\b|\bfade (?:to|through) (?:black|white)\b|\bdip to\b|\bcircle ?(?:open|close)\b|\biris\b|\bpixel(?:ize|ise|ate)\b|\bradial\b|\bflash\b|\bfade (?:to|through|into) (?:black|white)\b|\bhard cuts?\b|\bstraight cuts?\b|\bjust cuts?\b|\bfades?\b|淡入淡出|溶解|擦除|黑场|闪白|硬切|马赛克|叠化/;
