import { say, type Parser } from './context.ts';
import type { Route } from './types.ts';

const ROUTES: [Route, RegExp, string, string][] = [
  [
    'export',
    /\b(?:export|download|render|save (?:it|the video|as mp4)|get the (?:video|mp4|file)|give me the (?:video|mp4|file)|publish|make the mp4)\b|导出|下载|渲染|输出视频|保存视频|生成mp4/,
    'Export: the service renders the video from the timeline as it stands now.',
    '导出：服务会按照当前的时间线渲染视频。',
  ],
  [
    'credits',
    /\b(?:credits?|balance|how much (?:credit|do i have)|quota)\b|积分|余额|点数|额度/,
    'Credits: the service answers with your balance.',
    '积分：服务会告诉你当前的余额。',
  ],
  [
    'status',
    /\b(?:status|progress|show (?:me )?(?:the )?tracks|list (?:the )?tracks|is it (?:done|ready)|how far)\b|状态|进度|显示轨道|查看轨道|好了吗/,
    'Status: the service shows the tracks and any export in progress.',
    '状态：服务会显示轨道和正在进行的导出。',
  ],
  [
    'upload',
    /\b(?:upload|add (?:more )?(?:photos|files|media) from|how (?:do|can) i (?:add|upload))\b|(?<!刚|刚刚|已经|我)上传(?!的|顺序)/,
    'Upload: send photos, clips or music to the upload endpoint (or drop them on the page).',
    '上传：把照片、视频或音乐发送到上传接口（或拖到页面上）。',
  ],
];

/** Words the protocol routes to the service: export, credits, status, upload. */
export const parseRoutes: Parser = (clause) => {
  for (const [route, re, en, zh] of ROUTES) {
    if (re.test(clause.text)) return { kind: 'route', route, said: say(en, zh) };
  }
  return undefined;
};
