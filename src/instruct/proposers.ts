import type { Parser } from './context.ts';
import { parseAddMedia } from './parse-add-media.ts';
import { parseClips } from './parse-clips.ts';
import { parseCreate } from './parse-create.ts';
import { parseFormat } from './parse-format.ts';
import { parseHistory } from './parse-history.ts';
import { parseFit, parseMotion } from './parse-motion.ts';
import { parseMusic } from './parse-music.ts';
import { parseName } from './parse-name.ts';
import { parseOrder } from './parse-order.ts';
import { parseRoutes } from './parse-routes.ts';
import { parseText } from './parse-text.ts';
import { parseFitMusic, parseTiming } from './parse-timing.ts';
import { parseTransitions } from './parse-transitions.ts';

/**
 * One reader of a kind of request. Every proposer reads every clause; `words` are the content words it
 * accounts for when its reading is taken (the scorer counts them), `values` the kinds of typed values a bare
 * follow-up clause may add to its frame ("use fade transitions everywhere, 0.6 seconds").
 */
export interface Proposer {
  name: string;
  parse: Parser;
  words: RegExp;
  values?: RegExp;
}

const DURATION_VALUE = /\d\s*(?:s|secs?|seconds?|ms|milliseconds?|minutes?|mins?)\b|\d\s*(?:秒|毫秒|分钟)/;
const PERCENT_VALUE = /\d\s*(?:%|percent)/;

/** In precedence order: on equal scores the earlier proposer wins (the documented tie-break). */
export const PROPOSERS: readonly Proposer[] = [
  {
    name: 'history',
    parse: parseHistory,
    words:
      /\b(?:undo|redo|revert|go back|step back|take back|start over|reset|edits?|steps?|changes?)\b|撤销|撤回|重做|回退|退|步|重新开始|重来/g,
  },
  {
    name: 'add-media',
    parse: parseAddMedia,
    words:
      /\b(?:add|append|include|insert|new|more|uploads?|uploaded|photos?|pictures?|clips?)\b|加|添加|新|上传/g,
  },
  {
    name: 'routes',
    parse: parseRoutes,
    words:
      /\b(?:export|download|render|credits?|balance|status|progress|upload)\b|导出|下载|积分|余额|状态|进度|上传/g,
  },
  {
    name: 'name',
    parse: parseName,
    words:
      /\b(?:project|name[ds]?|rename|call(?:ed)?|save|title of the project)\b|项目|工程|命名|名字|名称|叫/g,
  },
  {
    name: 'create',
    parse: parseCreate,
    words:
      /\b(?:make|create|build|turn|slideshow|video|movie|reel|montage|clip|film|from|photos?|pictures?|pics|images|shots)\b|做|制作|生成|视频|幻灯片|短片|照片/g,
  },
  {
    name: 'fit-music',
    parse: parseFitMusic,
    words: /\b(?:fit|match|sync|as long as|length|song|music|track)\b|音乐|长度|一样长|卡点/g,
  },
  {
    name: 'clips',
    parse: parseClips,
    words:
      /\b(?:clips?|videos?|footage|photos?|pictures?|pics|images|only|just|alone|keep|scrap|remove|open|start|end|beginning|last|first|middle|between|play)\b|视频|片段|照片|只|纯|开场|开头|最后|后面|前面|去掉/g,
  },
  {
    name: 'text',
    // A colour or a length after the words: "加标题“海边日落”，黄色", "add the title …, 4 seconds".
    parse: parseText,
    words:
      /\b(?:titles?|captions?|subtitles?|text|texts|words|heading|label|overlay|write|reads?|saying|card|end card|colou?r|white|black|red|yellow|blue|green|pink|orange|top|bottom|center|centre|bigger|smaller|opening|ending)\b|标题|字幕|文字|字|卡|写|颜色|白色|黑色|红色|黄色|蓝色|绿色|顶部|底部|居中|片头|片尾/g,
    values: new RegExp(
      `${DURATION_VALUE.source}|\\b(?:white|black|red|yellow|blue|green|pink|orange|purple|gold)\\b|[白黑红黄蓝绿粉橙紫金]色`,
    ),
  },
  {
    name: 'music',
    parse: parseMusic,
    words:
      /\b(?:music|song|track|audio|soundtrack|sound|volume|quieter|louder|softer|mute|silence|loop|fade|fades|boost|half)\b|音乐|配乐|歌|音量|静音|循环|淡入|淡出|声音/g,
    values: new RegExp(`${DURATION_VALUE.source}|${PERCENT_VALUE.source}`),
  },
  {
    name: 'transitions',
    parse: parseTransitions,
    words:
      /\b(?:transitions?|fades?|crossfades?|dissolves?|wipes?|slides?|cuts?|blend|smooth|jumpy)\b|转场|过渡|淡入淡出|擦除|硬切|切换/g,
    values: DURATION_VALUE,
  },
  {
    name: 'order',
    parse: parseOrder,
    words:
      /\b(?:move|put|swap|switch|trade|places?|remove|delete|drop|reverse|invert|order|shuffle|front|end|start|before|after|between|spot|later|earlier|except)\b|移|挪|放|交换|互换|对调|删|去掉|顺序|倒|前|后/g,
  },
  {
    name: 'format',
    parse: parseFormat,
    words:
      /\b(?:vertical|portrait|landscape|horizontal|square|tiktok|reels?|shorts?|stories|story|instagram|youtube|fps|frame rate|resolution|\d+p|4k|hd)\b|竖屏|竖版|横屏|横版|正方形|抖音|小红书|视频号|b站|帧/g,
  },
  {
    name: 'fit',
    parse: parseFit,
    words:
      /\b(?:fit|crop(?:ped|ping)?|black|bars|blur(?:red)?|background|backdrop|fill|whole|uncropped|pillarbox|letterbox|edge)\b|裁|黑边|黑条|模糊|背景|铺满|占满|完整/g,
  },
  {
    name: 'motion',
    parse: parseMotion,
    words:
      /\b(?:zoom(?:ing)?|pan|motion|movement|ken burns|static|still|push-in|push in)\b|放大|缩放|动效|推拉|定格|静止/g,
    values: PERCENT_VALUE,
  },
  {
    name: 'timing',
    parse: parseTiming,
    words:
      /\b(?:long|longer|shorter|faster|slower|each|every|per|total|duration|length|time|hold|double|half|twice|times|exactly|drags|tighten|breathe|rest|others|remaining|everything|else)\b|其余|其他|剩下|时长|每张|总|快一点|慢一点|更快|更慢|加快|放慢|太快|太慢|延长|缩短|拖沓|紧凑/g,
    values: DURATION_VALUE,
  },
];

export function proposer(name: string): Proposer | undefined {
  return PROPOSERS.find((p) => p.name === name);
}

/** How many of a proposer's words a clause holds. */
export function explained(p: Proposer, text: string): number {
  return text.match(p.words)?.length ?? 0;
}
