import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

/**
 * The fonts titles are drawn with. Pango picks, for each run of text, the first family in the stack
 * that has its glyphs, then anything fontconfig knows:
 * - WenQuanYi Micro Hei (bundled in assets/fonts): Latin, Greek, Cyrillic, CJK, Hangul — the titles'
 *   look, the same on every machine;
 * - Noto Sans Arabic and Noto Sans Hebrew (Debian: fonts-noto-core), Noto Color Emoji (Debian:
 *   fonts-noto-color-emoji), found through fontconfig. Set-up (scripts/ensure.sh) installs them;
 *   where they are missing, those characters show as boxes and prepareTextOverlays says so.
 */
export const FONT_FAMILIES = [
  'WenQuanYi Micro Hei',
  'Noto Sans Arabic',
  'Noto Sans Hebrew',
  'Noto Color Emoji',
];

export const BUNDLED_FONT = fileURLToPath(new URL('../../../assets/fonts/wqy-microhei.ttc', import.meta.url));

const FONT_FILE = /\.(ttf|otf|ttc)$/i;
const registered = new Set<string>();

/**
 * Makes every font file in `dir` known to Pango (libvips adds each file given as `fontfile` to
 * fontconfig for the life of the process). Their families serve as fallbacks after the stack.
 */
export async function registerFontDir(dir: string): Promise<void> {
  const names = (await readdir(dir)).filter((n) => FONT_FILE.test(n)).sort();
  for (const name of names) {
    const file = path.resolve(dir, name);
    if (registered.has(file)) continue;
    await sharp({ text: { text: ' ', fontfile: file, dpi: 72 } })
      .raw()
      .toBuffer()
      .catch(() => undefined);
    registered.add(file);
  }
}

/** Pango font description: the stack at a size in pixels (libvips renders at 72 dpi: 1 pt = 1 px). */
export function fontDescription(px: number): string {
  return `${FONT_FAMILIES.join(',')} ${px}`;
}

/** Scripts whose fonts come from the system, with a character that shows whether they are there. */
const PROBES = [
  { name: 'emoji', test: /\p{Extended_Pictographic}/u, sample: '\u{1F389}', pkg: 'fonts-noto-color-emoji' },
  { name: 'Arabic', test: /\p{Script=Arabic}/u, sample: '\u0628\u0628', pkg: 'fonts-noto-core' },
  { name: 'Hebrew', test: /\p{Script=Hebrew}/u, sample: '\u05e9\u05dc', pkg: 'fonts-noto-core' },
] as const;

const probed = new Map<string, Promise<boolean>>();

async function inkOf(text: string): Promise<{ w: number; h: number; data: Buffer }> {
  const { data, info } = await sharp({
    text: { text, font: fontDescription(40), fontfile: BUNDLED_FONT, rgba: true, dpi: 72 },
  })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { w: info.width, h: info.height, data };
}

/**
 * Whether a probe's script draws with real glyphs: colour for emoji; for letters, an ink box unlike
 * the boxes Pango draws for characters no font has (the same size for any two BMP code points).
 */
async function probe(p: (typeof PROBES)[number]): Promise<boolean> {
  const got = await inkOf(p.sample);
  if (p.name === 'emoji') {
    for (let i = 0; i < got.data.length; i += 4) {
      const r = got.data[i]!;
      const g = got.data[i + 1]!;
      const b = got.data[i + 2]!;
      if (got.data[i + 3]! > 128 && Math.max(r, g, b) - Math.min(r, g, b) > 60) return true;
    }
    return false;
  }
  const tofu = await inkOf('\u0378\u0379');
  return got.w !== tofu.w || got.h !== tofu.h;
}

/** One message per script a text uses whose font is missing here (empty when all is well). */
export async function missingFontMessages(texts: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of PROBES) {
    if (!texts.some((t) => p.test.test(t))) continue;
    let ok = probed.get(p.name);
    if (!ok) {
      ok = probe(p);
      probed.set(p.name, ok);
    }
    if (!(await ok)) {
      out.push(
        `No font for ${p.name} is installed, so ${p.name} in titles shows as boxes: install ${p.pkg} ` +
          `(sudo apt-get install ${p.pkg}) or put a font for it in the fonts folder.`,
      );
    }
  }
  return out;
}
