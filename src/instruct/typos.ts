/** Spelling fixes for the words the parsers look for: known misspellings first, then a small edit distance. */

const KNOWN: Record<string, string> = {
  vertial: 'vertical',
  verticle: 'vertical',
  veritcal: 'vertical',
  vertcal: 'vertical',
  horizonal: 'horizontal',
  horizontial: 'horizontal',
  landscap: 'landscape',
  portait: 'portrait',
  potrait: 'portrait',
  sqaure: 'square',
  sqare: 'square',
  secs: 'seconds',
  sec: 'seconds',
  secnds: 'seconds',
  seconsd: 'seconds',
  tranistion: 'transition',
  tranistions: 'transitions',
  transtion: 'transition',
  transtions: 'transitions',
  transiton: 'transition',
  transitons: 'transitions',
  transistion: 'transition',
  transistions: 'transitions',
  trasition: 'transition',
  trasitions: 'transitions',
  photoes: 'photos',
  fotos: 'photos',
  foto: 'photo',
  pics: 'photos',
  pic: 'photo',
  pictures: 'photos',
  picture: 'photo',
  images: 'photos',
  image: 'photo',
  imgs: 'photos',
  img: 'photo',
  musci: 'music',
  muisc: 'music',
  msuic: 'music',
  lenght: 'length',
  lenth: 'length',
  tittle: 'title',
  titel: 'title',
  captoin: 'caption',
  crossfade: 'crossfade',
  'cross-fade': 'crossfade',
  xfade: 'crossfade',
  kenburns: 'ken burns',
  'ken-burns': 'ken burns',
  slidshow: 'slideshow',
  slideshw: 'slideshow',
  'slide-show': 'slideshow',
  centre: 'center',
  middle: 'center',
  colour: 'color',
  untill: 'until',
  shuffel: 'shuffle',
  suffle: 'shuffle',
  revers: 'reverse',
  reversed: 'reverse',
  backwards: 'reverse',
  quiter: 'quieter',
  quietter: 'quieter',
  loudr: 'louder',
  youtub: 'youtube',
  tiktock: 'tiktok',
  'tik-tok': 'tiktok',
  instgram: 'instagram',
  instagam: 'instagram',
  insta: 'instagram',
  ig: 'instagram',
  yt: 'youtube',
  undoo: 'undo',
};

/** Words typed often enough to be worth correcting by distance (5+ letters, never number words). */
const VOCAB = [
  'vertical',
  'horizontal',
  'landscape',
  'portrait',
  'square',
  'transition',
  'transitions',
  'seconds',
  'second',
  'minutes',
  'music',
  'photos',
  'photo',
  'shuffle',
  'reverse',
  'crossfade',
  'dissolve',
  'title',
  'caption',
  'captions',
  'subtitle',
  'volume',
  'quieter',
  'louder',
  'faster',
  'slower',
  'longer',
  'shorter',
  'remove',
  'delete',
  'motion',
  'burns',
  'slideshow',
  'export',
  'download',
  'render',
  'credits',
  'balance',
  'status',
  'upload',
  'instagram',
  'youtube',
  'tiktok',
  'smoother',
  'duration',
  'length',
  'background',
  'blurred',
  'center',
  'bottom',
  'duplicate',
  'beginning',
  'between',
  'swap',
  'order',
  'total',
  'video',
  'track',
  'soundtrack',
  'random',
  'zoom',
  'wipe',
  'slide',
  'square',
  'uploaded',
  'oldest',
  'newest',
  'transitions',
];
const VOCAB_SET = new Set(VOCAB);

/** Damerau–Levenshtein distance (adjacent swaps count as one), capped for speed. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows[i] = [i];
  }
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = v;
    }
  }
  return rows[a.length]![b.length]!;
}

/** Common English words that sit near a vocabulary word and must never be "corrected". */
const LEAVE = new Set([
  'there',
  'three',
  'these',
  'those',
  'other',
  'order',
  'video',
  'title',
  'water',
  'first',
  'music',
  'photo',
  'votes',
  'slides',
  'square',
  'squares',
  'faster',
  'father',
  'longer',
  'louder',
  'slower',
  'lower',
  'power',
  'render',
  'tender',
  'total',
  'totally',
  'remove',
  'removed',
  'motion',
  'emotion',
  'status',
  'statue',
  'swaps',
  'swapped',
  'zooms',
  'wiped',
  'wipes',
  'between',
  'second',
  'seconds',
  'minutes',
  'minute',
  'length',
  'lengths',
  'center',
  'centered',
  'bottom',
  'random',
  'videos',
  'tracks',
  'photos',
  'titles',
  'captions',
  'shorter',
  'export',
  'upload',
  'uploads',
  'reverse',
  'smooth',
  'smoothly',
]);

function fixWord(word: string): string {
  const known = KNOWN[word];
  if (known) return known;
  if (word.length < 5 || VOCAB_SET.has(word) || LEAVE.has(word) || !/^[a-z]+$/.test(word)) return word;
  const limit = word.length >= 8 ? 2 : 1;
  let best: string | undefined;
  let bestD = limit + 1;
  for (const v of VOCAB) {
    const d = editDistance(word, v, limit);
    if (d < bestD) {
      best = v;
      bestD = d;
    }
  }
  return best ?? word;
}

/** Fixes misspelled words in lower-case text; quoted text (placeholders) is never touched. */
/** Words already looked up (a pure function of the word; bounded so a flood of new words cannot grow it). */
const SEEN = new Map<string, string>();

export function fixTypos(text: string): string {
  return text.replace(/[a-z][a-z-]*/g, (w) => {
    let fixed = SEEN.get(w);
    if (fixed === undefined) {
      fixed = fixWord(w);
      if (SEEN.size > 5000) SEEN.clear();
      SEEN.set(w, fixed);
    }
    return fixed;
  });
}
