/** Output sizes by platform. Each has 720p, 1440p and 4K variants: `vertical-720`, `square-1440`, `youtube-4k`. */
export const PRESETS = {
  youtube: { w: 1920, h: 1080, label: 'YouTube / landscape 16:9' },
  vertical: { w: 1080, h: 1920, label: 'TikTok, Reels, Shorts / vertical 9:16' },
  square: { w: 1080, h: 1080, label: 'Instagram square 1:1' },
  portrait: { w: 1080, h: 1350, label: 'Instagram portrait 4:5' },
} as const;

export type PresetName = keyof typeof PRESETS;
/** Resolutions by the canvas's shorter side: 720, 1080, 1440 or 2160 (4K) pixels. */
export const RESOLUTIONS = ['720', '1080', '1440', '4k'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

/** Other names people use for the same presets. */
export const PRESET_ALIASES: Record<string, PresetName> = {
  youtube: 'youtube',
  landscape: 'youtube',
  horizontal: 'youtube',
  '16:9': 'youtube',
  vertical: 'vertical',
  tiktok: 'vertical',
  reels: 'vertical',
  shorts: 'vertical',
  story: 'vertical',
  stories: 'vertical',
  '9:16': 'vertical',
  square: 'square',
  instagram: 'square',
  '1:1': 'square',
  portrait: 'portrait',
  '4:5': 'portrait',
};

const SCALE: Record<Resolution, number> = { '720': 2 / 3, '1080': 1, '1440': 4 / 3, '4k': 2 };

/** The shorter side of the canvas at each resolution. */
export const SHORT_SIDE: Record<Resolution, number> = { '720': 720, '1080': 1080, '1440': 1440, '4k': 2160 };

function even(n: number): number {
  return Math.round(n / 2) * 2;
}

/** Canvas size of a preset at a resolution: `vertical` at 720 is 720x1280. */
export function presetSize(name: PresetName, resolution: Resolution = '1080'): { w: number; h: number } {
  const p = PRESETS[name];
  const k = SCALE[resolution];
  return { w: even(p.w * k), h: even(p.h * k) };
}

/**
 * Parses `youtube`, `tiktok`, `vertical-720`, `square-1440`, `square-4k`, `9:16`.
 * Returns undefined for a name it does not know.
 */
export function parsePreset(
  text: string,
): { preset: PresetName; resolution: Resolution; w: number; h: number } | undefined {
  const m = /^(.+?)(?:[-_@ ](720p?|1080p?|1440p?|4k|2160p?))?$/i.exec(text.trim().toLowerCase());
  if (!m?.[1]) return undefined;
  const preset = PRESET_ALIASES[m[1]];
  if (!preset) return undefined;
  const r = (m[2] ?? '1080').replace(/p$/, '');
  const resolution: Resolution =
    r === '720' ? '720' : r === '1440' ? '1440' : r === '4k' || r === '2160' ? '4k' : '1080';
  return { preset, resolution, ...presetSize(preset, resolution) };
}

/** The preset name a canvas matches, for summaries and the web page. */
export function presetOf(w: number, h: number): string | undefined {
  for (const name of Object.keys(PRESETS) as PresetName[]) {
    for (const r of RESOLUTIONS) {
      const s = presetSize(name, r);
      if (s.w === w && s.h === h) return r === '1080' ? name : `${name}-${r}`;
    }
  }
  return undefined;
}
