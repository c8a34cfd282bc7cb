import { setCanvas } from '../timeline/edits/set-canvas.ts';
import {
  PRESETS,
  parsePreset,
  presetOf,
  presetSize,
  type PresetName,
  type Resolution,
} from '../timeline/presets.ts';
import { say, type Outcome, type Parser } from './context.ts';

export interface FormatWords {
  preset?: PresetName;
  resolution?: Resolution;
  /** 1440p (2560x1440 landscape): not one of the named resolutions, sized from the 1080 preset. */
  qhd?: boolean;
  fps?: number;
}

const PRESET_WORDS: [PresetName, RegExp][] = [
  [
    'portrait',
    /\b(?:portrait|4:5|4 by 5|instagram portrait|instagram post|rednote|xiaohongshu|red note)\b|4:5|小红书|竖版4:5/,
  ],
  [
    'vertical',
    /\b(?:vertical|tiktok|douyin|kuaishou|reels|(?:ig|insta|instagram) reels?|reels? (?:for|on) (?:ig|insta|instagram)|shorts|youtube short|stories|story|9:16|9 by 16|upright|phone format)\b|9:16|竖屏|竖版|竖的|竖着|竖向|抖音|快手|视频号|手机版|快拍/,
  ],
  ['square', /\b(?:square|1:1|1 by 1|instagram)\b|1:1|正方形|方形|方的/],
  [
    'youtube',
    /\b(?:youtube|landscape|horizontal|16:9|16 by 9|widescreen|wide screen)\b|16:9|横屏|横版|横的|横着|横向|宽屏|b站|bilibili|西瓜视频/,
  ],
];

/** Format words in a clause: platform/aspect, resolution, frame rate. */
export function findFormat(text: string): FormatWords {
  const out: FormatWords = {};
  // An aspect said in words beats the platform's usual one ("square Instagram post", "horizontal for Bilibili").
  const explicit = /\bsquare\b|\b1:1\b|正方形|方形/.test(text)
    ? 'square'
    : /\b(?:landscape|horizontal|16:9)\b|横屏|横版/.test(text)
      ? 'youtube'
      : undefined;
  if (explicit) out.preset = explicit;
  else
    for (const [name, re] of PRESET_WORDS) {
      if (re.test(text)) {
        out.preset = name;
        break;
      }
    }
  if (/\b(?:4 ?k|2160 ?p?|uhd|ultra hd)\b|超高清|4 k/.test(text)) out.resolution = '4k';
  else if (/\b1440 ?p?\b|\b2k\b|\bqhd\b/.test(text)) out.qhd = true;
  else if (/\b(?:1080 ?p?|full hd|fhd)\b|1080|全高清|超清|高清/.test(text) && !/\b720\b/.test(text))
    out.resolution = '1080';
  else if (/\b(?:720 ?p?|hd)\b|720|标清/.test(text)) out.resolution = '720';
  const fps =
    /(\d+(?:\.\d+)?)\s*(?:fps|frames? (?:per|a) second|帧每秒|帧\/秒|帧)/.exec(text) ??
    /(?:frame ?rate|fps|帧率|帧数)\s*(?:of|to|at|=|:|为|改成|改为|设为|设置为|调到|是)?\s*(\d+(?:\.\d+)?)/.exec(
      text,
    );
  if (fps?.[1]) out.fps = Number(fps[1]);
  return out;
}

const LABEL_ZH: Record<PresetName, string> = {
  youtube: '横屏 16:9（YouTube）',
  vertical: '竖屏 9:16（抖音/TikTok/Reels）',
  square: '方形 1:1（Instagram）',
  portrait: '竖版 4:5（Instagram 竖图）',
};

/** Canvas: "make it vertical", "YouTube", "square", "4:5", "4K", "720p", "60 fps", "竖屏", "帧率30". */
export const parseFormat: Parser = (clause, ctx): Outcome | undefined => {
  const f = findFormat(clause.text);
  if (!f.preset && !f.resolution && !f.qhd && f.fps === undefined) return undefined;
  if (f.fps !== undefined && (f.fps < 1 || f.fps > 120)) {
    return {
      kind: 'problem',
      said: say(
        `${f.fps} fps is not possible: choose a frame rate from 1 to 120 (24, 25, 30 and 60 are common). Nothing was changed.`,
        `${f.fps}帧无法设置：帧率需在1到120之间（常用24、25、30、60）。没有做任何修改。`,
      ),
    };
  }
  const current = parsePreset(ctx.draft.m.preset ?? presetOf(ctx.draft.w, ctx.draft.h) ?? 'youtube');
  const preset = f.preset ?? current?.preset ?? 'youtube';
  const resolution = f.resolution ?? current?.resolution ?? '1080';
  const base = f.preset || f.resolution || f.qhd ? presetSize(preset, resolution) : undefined;
  const size =
    f.qhd && base
      ? {
          w: Math.round((presetSize(preset).w * 4) / 3 / 2) * 2,
          h: Math.round((presetSize(preset).h * 4) / 3 / 2) * 2,
        }
      : base;
  const name = f.qhd ? `${preset}-1440` : resolution === '1080' ? preset : `${preset}-${resolution}`;
  const edit = setCanvas({
    ...(size ? { w: size.w, h: size.h, preset: name } : {}),
    ...(f.fps !== undefined ? { fps: f.fps } : {}),
  });
  const parts = { en: [] as string[], zh: [] as string[] };
  if (size) {
    parts.en.push(`${PRESETS[preset].label}, ${size.w}x${size.h}`);
    parts.zh.push(`${LABEL_ZH[preset]}，${size.w}x${size.h}`);
  }
  if (f.fps !== undefined) {
    parts.en.push(`${f.fps} fps`);
    parts.zh.push(`${f.fps}帧/秒`);
  }
  return {
    kind: 'edits',
    edits: [edit],
    said: say(`Format: ${parts.en.join(', ')}.`, `画面格式：${parts.zh.join('，')}。`),
  };
};
