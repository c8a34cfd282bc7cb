import { TRACK_AUDIO, TRACK_TEXT, TRACK_VIDEO, type Draft } from './draft.ts';
import { totalMs } from './timing.ts';

/** What the summary needs to know of an asset: its label and whether it is a photo or a clip. */
export interface AssetLabel {
  name: string;
  kind: 'image' | 'video' | 'audio';
}

function seconds(ms: number): string {
  const s = Math.round(ms / 100) / 10;
  return `${Number.isInteger(s) ? s.toFixed(0) : s.toFixed(1)}s`;
}

function range(start: number, end: number): string {
  return `${seconds(start).slice(0, -1)}-${seconds(end)}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The one-line summary of spec/draft.md:
 * `Timeline (3 tracks): 1. Video: 10 photos (0-30s) 2. BGM: sunny-day.m4a (0-30s, 35%) 3. Title: "Urban Dreams" (0-3s)`
 */
export function summarize(
  draft: Draft,
  assets: (id: string) => AssetLabel | undefined = () => undefined,
): string {
  const total = totalMs(draft);
  const parts = draft.t.map((track, i) => {
    const n = `${i + 1}.`;
    if (track.tt === TRACK_VIDEO) {
      const clips = track.sg.filter((s) => assets(s.src)?.kind === 'video').length;
      const photos = track.sg.length - clips;
      const what = [
        photos || !clips ? plural(photos, 'photo', 'photos') : '',
        clips ? plural(clips, 'clip', 'clips') : '',
      ]
        .filter(Boolean)
        .join(', ');
      return `${n} Video: ${what} (${range(0, total)})`;
    }
    if (track.tt === TRACK_AUDIO) {
      if (track.sg.length === 0) return `${n} BGM: none`;
      return track.sg
        .map((s) => {
          const end = s.m.loop ? total : Math.min(s.s + s.d, total);
          const volume = Math.round((s.m.volume ?? 1) * 100);
          return `${n} BGM: ${assets(s.src)?.name ?? s.src} (${range(s.s, Math.max(s.s, end))}, ${volume}%)`;
        })
        .join(' ');
    }
    if (track.tt === TRACK_TEXT) {
      if (track.sg.length === 0) return `${n} Text: none`;
      return track.sg
        .map(
          (s, j) =>
            `${n} ${j === 0 && s.s === 0 ? 'Title' : 'Caption'}: ${JSON.stringify(s.text)} (${range(s.s, s.s + s.d)})`,
        )
        .join(' ');
    }
    return `${n} Track`;
  });
  return `Timeline (${plural(draft.t.length, 'track', 'tracks')}): ${parts.join(' ')}`.trim();
}
