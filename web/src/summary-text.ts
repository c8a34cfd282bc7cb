/**
 * The one-line timeline summary in the page's language. The server ends every reply with the protocol's summary
 * line, in English (`Timeline (3 tracks): 1. Video: …`); the page shows that line in the person's language.
 */
import type { Draft, MediaInfo } from './api-types.ts';
import type { Lang } from './i18n.ts';
import { summarize } from '../../src/timeline/summary.ts';
import { totalMs } from '../../src/timeline/timing.ts';

function secs(ms: number): string {
  const s = Math.round(ms / 100) / 10;
  return Number.isInteger(s) ? s.toFixed(0) : s.toFixed(1);
}

/** The summary of spec/draft.md in English, or its Chinese reading. */
export function localSummary(draft: Draft, media: readonly MediaInfo[], lang: Lang): string {
  const byId = new Map(media.map((m) => [m.id, m]));
  if (lang === 'en') {
    return summarize(draft, (id) => {
      const m = byId.get(id);
      return m ? { name: m.name, kind: m.kind } : undefined;
    });
  }
  const total = totalMs(draft);
  const parts = draft.t.map((track, i) => {
    const n = `${i + 1}.`;
    if (track.tt === 0) {
      const clips = track.sg.filter((s) => byId.get(s.src)?.kind === 'video').length;
      const photos = track.sg.length - clips;
      const what = [photos || !clips ? `${photos} 张照片` : '', clips ? `${clips} 个片段` : '']
        .filter(Boolean)
        .join('、');
      return `${n} 视频：${what}（0-${secs(total)}秒）`;
    }
    if (track.tt === 1) {
      if (track.sg.length === 0) return `${n} 背景音乐：无`;
      return track.sg
        .map((s) => {
          const end = s.m.loop ? total : Math.min(s.s + s.d, total);
          return `${n} 背景音乐：${byId.get(s.src)?.name ?? s.src}（${secs(s.s)}-${secs(Math.max(s.s, end))}秒，${Math.round((s.m.volume ?? 1) * 100)}%）`;
        })
        .join(' ');
    }
    if (track.tt === 7) {
      if (track.sg.length === 0) return `${n} 文字：无`;
      return track.sg
        .map(
          (s, j) =>
            `${n} ${j === 0 && s.s === 0 ? '标题' : '字幕'}：“${s.text}”（${secs(s.s)}-${secs(s.s + s.d)}秒）`,
        )
        .join(' ');
    }
    return `${n} 轨道`;
  });
  return `时间线（${draft.t.length} 条轨道）：${parts.join(' ')}`.trim();
}

/** A reply with its English summary line (the one starting "Timeline (") said in `lang` instead. */
export function localizeReply(
  text: string,
  draft: Draft | null,
  media: readonly MediaInfo[],
  lang: Lang,
): string {
  if (lang === 'en' || !draft) return text;
  return text
    .split('\n')
    .map((line) => (/^Timeline \(\d+ tracks?\):/.test(line) ? localSummary(draft, media, lang) : line))
    .join('\n');
}
