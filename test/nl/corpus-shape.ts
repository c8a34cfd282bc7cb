/**
 * Shape of an instruction corpus in the nl-check format (see ../shared/nl-check/README.md), checked
 * without the runner: so the own set stays well-formed even where ../shared is not available.
 */

export interface CorpusCase {
  id: string;
  lang: 'en' | 'zh';
  photos: number;
  music: boolean;
  clips?: number;
  before: string[];
  say: string;
  expect: Record<string, unknown>[];
}

export interface Corpus {
  version: number;
  about?: string;
  preludes: Record<string, Record<string, string>>;
  cases: CorpusCase[];
}

/** The assertion keys of the nl-check vocabulary (README table). */
export const ASSERTION_KEYS = new Set([
  'canvas',
  'orientation',
  'canvasFromStep',
  'fps',
  'photoCount',
  'videoCount',
  'segmentCount',
  'kinds',
  'photoSeconds',
  'segmentSeconds',
  'totalSeconds',
  'totalVsPrev',
  'transition',
  'transitionAll',
  'transitionAny',
  'transitionNone',
  'transitionMs',
  'hasMusic',
  'musicSilent',
  'musicVolume',
  'musicVolumeDown',
  'musicVolumeUp',
  'musicFadeInMs',
  'musicFadeOutMs',
  'musicFadeIn',
  'musicFadeOut',
  'musicLoop',
  'musicCoversVideo',
  'textContains',
  'textNotContains',
  'textCount',
  'noText',
  'textAtStart',
  'textAtEnd',
  'textSeconds',
  'textColor',
  'textPos',
  'order',
  'orderFromPrev',
  'firstPhoto',
  'lastPhoto',
  'includesAll',
  'motion',
  'motionAny',
  'motionAmount',
  'fit',
  'name',
  'equalsStep',
  'unchanged',
  'replyAdmits',
  'stepExpect',
]);

/** Assertions that compare with the draft before `say`: they need an earlier instruction. */
const RELATIVE = [
  'orderFromPrev',
  'totalVsPrev',
  'musicVolumeDown',
  'musicVolumeUp',
  'equalsStep',
  'canvasFromStep',
];
/** Assertions that only make sense with the music uploaded. */
const NEEDS_MUSIC = [
  'musicVolume',
  'musicVolumeDown',
  'musicVolumeUp',
  'musicFadeInMs',
  'musicFadeOutMs',
  'musicFadeIn',
  'musicFadeOut',
  'musicLoop',
  'musicCoversVideo',
];
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const POOL_PHOTOS = 12;

const keyOf = (a: Record<string, unknown>) => Object.keys(a)[0] ?? '';

/** Problems with a corpus (empty list = fine). */
export function checkCorpusShape(corpus: Corpus, { idPrefix = 'own' } = {}): string[] {
  const p: string[] = [];
  if (corpus.version !== 1) p.push(`version is ${JSON.stringify(corpus.version)}, expected 1`);
  if (!corpus.about?.trim()) p.push('no "about" saying how the corpus was written');
  const cases = Array.isArray(corpus.cases) ? corpus.cases : [];
  if (cases.length < 150) p.push(`only ${cases.length} cases`);
  const en = cases.filter((c) => c.lang === 'en').length;
  const share = cases.length ? en / cases.length : 0;
  if (share < 0.4 || share > 0.6) p.push(`English share ${share.toFixed(2)}, expected about half`);

  const ids = new Set<string>();
  const says = new Set<string>();
  for (const c of cases) {
    const where = c.id ?? JSON.stringify(c.say);
    if (!new RegExp(`^${idPrefix}-${c.lang}-\\d{3}$`).test(c.id))
      p.push(`${where}: id does not read ${idPrefix}-${c.lang}-NNN`);
    if (ids.has(c.id)) p.push(`${where}: id used twice`);
    ids.add(c.id);
    if (!['en', 'zh'].includes(c.lang)) p.push(`${where}: lang ${JSON.stringify(c.lang)}`);
    if (!Number.isInteger(c.photos) || c.photos < 0 || c.photos > POOL_PHOTOS)
      p.push(`${where}: photos ${c.photos}`);
    if (typeof c.music !== 'boolean') p.push(`${where}: music is not a boolean`);
    if (c.clips !== undefined && !(Number.isInteger(c.clips) && c.clips >= 0))
      p.push(`${where}: clips ${c.clips}`);
    if (c.photos + (c.clips ?? 0) === 0) p.push(`${where}: uploads nothing`);
    if (typeof c.say !== 'string' || !c.say.trim()) p.push(`${where}: no say`);
    else if ((c.lang === 'zh') !== CJK.test(c.say)) p.push(`${where}: say is not in the case language`);
    const key = `${c.lang}|${(c.before ?? []).join('>')}|${c.say}`;
    if (says.has(key)) p.push(`${where}: repeats another case`);
    says.add(key);
    const before = Array.isArray(c.before) ? c.before : [];
    for (const b of before) {
      if (b.startsWith('@') && !corpus.preludes?.[b.slice(1)]?.[c.lang])
        p.push(`${where}: prelude ${b} missing in ${c.lang}`);
      if (!b.startsWith('@') && (c.lang === 'zh') !== CJK.test(b))
        p.push(`${where}: earlier instruction not in the case language`);
    }
    if (!Array.isArray(c.expect) || c.expect.length === 0) {
      p.push(`${where}: nothing expected`);
      continue;
    }
    const all = c.expect.flatMap((a) => {
      const inner = a.stepExpect as [number, Record<string, unknown>] | undefined;
      return inner ? [a, inner[1]] : [a];
    });
    for (const a of all) {
      if (!a || typeof a !== 'object' || Object.keys(a).length !== 1)
        p.push(`${where}: assertion ${JSON.stringify(a)} is not one key`);
      else if (!ASSERTION_KEYS.has(keyOf(a))) p.push(`${where}: unknown assertion ${keyOf(a)}`);
      if (!c.music && NEEDS_MUSIC.includes(keyOf(a))) p.push(`${where}: ${keyOf(a)} without music uploaded`);
      if (!c.music && (a.hasMusic === true || a.musicSilent === false))
        p.push(`${where}: expects music without music uploaded`);
    }
    for (const a of c.expect) {
      const k = keyOf(a);
      if (RELATIVE.includes(k) && before.length === 0) p.push(`${where}: ${k} with no earlier instruction`);
      const step =
        k === 'stepExpect'
          ? (a.stepExpect as [number])[0]
          : k === 'equalsStep' || k === 'canvasFromStep'
            ? (a[k] as number)
            : undefined;
      if (step !== undefined && !(Number.isInteger(step) && step >= 0 && step < before.length))
        p.push(`${where}: step ${step} does not exist`);
    }
    const admits = c.expect.some((a) => a.replyAdmits === true);
    const unchanged = c.expect.some((a) => a.unchanged === true);
    if (admits && !unchanged)
      p.push(`${where}: an impossible request expects both the draft unchanged and an admission`);
  }
  return p;
}
