import { say, type Outcome } from './context.ts';

/**
 * Words that name things INSIDE a photo (people, animals, objects, the sky, a face) or ask for generated
 * content (a voice-over, a song, 3D, going viral). Photoreel edits the timeline: which photos, how long,
 * how they move and fit, text, music, format. A clause that acts on one of these cannot be done by editing
 * the timeline, so the partial reading that ignores the word ("remove … photo 3") must not run.
 */
const OBJECT_EN =
  /\b(?:person|people|man|men|woman|women|guy|girl|boy|kid|kids|child|children|baby|daughter|son|bride|groom|brother|sister|mom|mum|mother|dad|father|grandpa|grandma|grandparents?|grandfather|grandmother|uncle|aunt|cousin|friend|husband|wife|ex|boyfriend|girlfriend|stranger|crowd|face|faces|eyes?|hair|smile|skin|body|head|teeth|nose|dog|dogs|cat|cats|pet|pets|bird|horse|car|cars|truck|bike|tree|trees|sky|skies|clouds?|sun|moon|building|house|statue|sign|logo|watermark|background person|object|objects|lamp ?post|pole|wires?|trash|rubbish|shadow|glasses|hat|shirt|dress|tattoo|wrinkles?|blemish(?:es)?|acne|photobomber)\b/;
const GENERATIVE_EN =
  /\b(?:voice ?-?over|narrat(?:e|ion|or)|voice|accent|speak|talk(?:ing)?|say (?:happy|hello|hi)|sing(?:ing)?|compose|write (?:a|me a) (?:song|tune|jingle)|original (?:song|music|soundtrack|score)|ai[- ]generated|3d|vr|virtual reality|hologram|smell|scent|viral|trending|go viral|colou?ri[sz]e|cartoon|anime|aging|ageing|thinner|slimmer|fatter|retouch|photoshop|airbrush|face ?swap|deepfake|lip ?sync|dance|dancing)\b/;
/** Verbs that act on pixels of one photo (with an object word they are object-level). */
const PIXEL_VERB_EN =
  /\b(?:erase|remove|delete|cut|move|swap|replace|change|make|turn|rotate|reverse|blur|hide|crop out|paint|recolou?r|fix|clean)\b/;

const OBJECT_ZH =
  /(?<!个)人(?!员)|脸|面部|眼睛|头发|皮肤|身材|新郎|新娘|哥哥|姐姐|弟弟|妹妹|爸爸|妈妈|爷爷|奶奶|外公|外婆|孩子|宝宝|朋友(?!圈)|前任|路人|猫|狗|宠物|鸟|车|树|天空|阴天|蓝天|白云|云|太阳|月亮|建筑|房子|雕像|招牌|水印|logo|标志|杂物|电线|垃圾|影子|眼镜|帽子|衣服|背景里的/;
const GENERATIVE_ZH =
  /配音|旁白|解说|说话|开口|唱歌|作曲|写一首|原创|创作一首|作一首|ai配|3d|vr|全息|气味|热门|爆款|上热搜|火起来|上色|卡通|动漫|变年轻|变老|p瘦|p图|瘦一点|美颜|磨皮|换脸|跳舞|跳支舞|跳舞/;
/** "第三张照片里", "第一张里", "照片中的": something inside a photo. */
const INSIDE_ZH = /(?:张|照片|图片|图|相片)(?:里|中|里面|上面的|上的)(?:的|那|那个|那辆|那只|的那)?/;

/** Text that is only a description of the video ("a video of my daughter's first year") is not an edit on objects. */
const DESCRIBES_EN =
  /\b(?:video|slideshow|reel|clip|movie|montage|film|story|post|ad) (?:of|about|for|from) (?:my|our|the|a|her|his|their)\b|\b(?:of|about) (?:my|our) (?:\w+'s )?\w+\b.*\b(?:from|with|using) (?:these|the|all|my)\b/;

export interface Impossible {
  /** The words that made it impossible (for the reply). */
  words: string[];
  outcome: Outcome;
}

const GLOBAL = new Map<RegExp, RegExp>();
function words(re: RegExp, t: string): string[] {
  if (!re.test(t)) return [];
  let g = GLOBAL.get(re);
  if (!g) GLOBAL.set(re, (g = new RegExp(re.source, 'g')));
  return [...t.matchAll(g)].map((m) => m[0]);
}

/** An object-level or generative request: answered "not possible", nothing changed. Quotes are never read. */
export function findImpossible(clause: string, creating: boolean): Impossible | undefined {
  const t = clause.replace(/\uE000\d+\uE001/g, ' ');
  const en = [...words(GENERATIVE_EN, t)];
  const objects = words(OBJECT_EN, t);
  if (objects.length > 0 && PIXEL_VERB_EN.test(t) && !(creating && DESCRIBES_EN.test(t))) en.push(...objects);
  else if (
    objects.length > 0 &&
    /\b(?:in|on|from|of) (?:the |my )?(?:\w+ )?(?:photo|picture|pic|shot|image)s?\b/.test(t)
  )
    en.push(...objects);
  const zh = [...words(GENERATIVE_ZH, t)];
  const zhObjects = words(OBJECT_ZH, t);
  if (zhObjects.length > 0 && (INSIDE_ZH.test(t) || /(?:去掉|删掉|换|改成|变成|p|修)/.test(t)) && !creating)
    zh.push(...zhObjects);
  const found = [...new Set([...en, ...zh])];
  if (found.length === 0) return undefined;
  const list = found.map((w) => `"${w}"`).join(', ');
  return {
    words: found,
    outcome: {
      kind: 'problem',
      said: say(
        `Sorry, that is not possible: photoreel arranges whole photos and clips (order, timing, motion, fit, text, music, format) and cannot change or generate what is inside them (${list}). Nothing was changed.`,
        `抱歉，这个做不到：photoreel 只能安排整张照片和视频（顺序、时长、动效、画面适配、文字、音乐、画面格式），无法修改或生成画面里的内容（${found.join('、')}）。没有做任何修改。`,
      ),
    },
  };
}
