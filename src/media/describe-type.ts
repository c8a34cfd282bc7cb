/** What a refused file looks like, in words a person recognises ("a PDF document"). */
const NAMES: Record<string, string> = {
  pdf: 'a PDF document',
  zip: 'a ZIP archive',
  rar: 'a RAR archive',
  '7z': 'a 7-Zip archive',
  gz: 'a gzip archive',
  bz2: 'a bzip2 archive',
  xz: 'an xz archive',
  tar: 'a tar archive',
  docx: 'a Word document',
  doc: 'a Word document',
  xlsx: 'an Excel spreadsheet',
  xls: 'an Excel spreadsheet',
  pptx: 'a PowerPoint presentation',
  ppt: 'a PowerPoint presentation',
  odt: 'an OpenDocument text',
  ods: 'an OpenDocument spreadsheet',
  odp: 'an OpenDocument presentation',
  epub: 'an e-book',
  rtf: 'a rich-text document',
  exe: 'a Windows program',
  elf: 'a Linux program',
  macho: 'a macOS program',
  msi: 'a Windows installer',
  deb: 'a Debian package',
  rpm: 'an RPM package',
  apk: 'an Android app',
  dmg: 'a macOS disk image',
  iso: 'a disc image',
  sqlite: 'a SQLite database',
  wasm: 'a WebAssembly module',
  tif: 'a TIFF image',
  avif: 'an AVIF image',
  jxl: 'a JPEG XL image',
  jp2: 'a JPEG 2000 image',
  ico: 'an icon file',
  icns: 'a macOS icon file',
  psd: 'a Photoshop document',
  cr2: 'a Canon raw photo',
  cr3: 'a Canon raw photo',
  nef: 'a Nikon raw photo',
  arw: 'a Sony raw photo',
  dng: 'a raw photo (DNG)',
  orf: 'an Olympus raw photo',
  rw2: 'a Panasonic raw photo',
  raf: 'a Fujifilm raw photo',
  flac: 'a FLAC sound file',
  ogg: 'an Ogg sound file',
  oga: 'an Ogg sound file',
  opus: 'an Opus sound file',
  aif: 'an AIFF sound file',
  mid: 'a MIDI file',
  wma: 'a Windows Media file',
  wmv: 'a Windows Media video',
  flv: 'a Flash video',
  mpg: 'an MPEG-1/2 video',
  mts: 'an AVCHD video',
  '3gp': 'a 3GP phone video',
  '3g2': 'a 3GP phone video',
  ttf: 'a font',
  otf: 'a font',
  woff: 'a web font',
  woff2: 'a web font',
  xml: 'an XML document',
  svg: 'an SVG drawing',
  html: 'a web page',
  json: 'a JSON file',
  txt: 'a text file',
};

/** "a PDF document", or "a <mime> file" for a type without a friendly name. */
export function describeType(ext: string, mime?: string): string {
  return NAMES[ext] ?? (mime ? `a ${mime} file` : `a .${ext} file`);
}

/**
 * Guesses what an unrecognised file is from its first bytes: a text file (and which kind), or
 * undefined for binary data nobody recognised.
 */
export function describeText(head: Buffer): string | undefined {
  if (head.length === 0) return undefined;
  const text = head.toString('utf8');
  // Text: no NUL bytes and almost no replacement characters or control codes.
  if (head.includes(0)) return undefined;
  let odd = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) odd++;
  }
  if (odd > text.length / 100 + 1) return undefined;
  const start = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 512)
    .toLowerCase();
  if (start.includes('<svg')) return NAMES.svg;
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) return NAMES.html;
  if (start.startsWith('<?xml')) return NAMES.xml;
  if (start.startsWith('#extm3u')) return 'a playlist';
  if (start.startsWith('{') || start.startsWith('[')) return NAMES.json;
  return NAMES.txt;
}
