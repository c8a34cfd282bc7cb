import exifr from 'exifr';

const EXIF_DATE = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;
const OFFSET = /^[+-]\d{2}:\d{2}$/;

/**
 * An EXIF date ("2021:03:04 10:11:12") as ISO 8601 ("2021-03-04T10:11:12"), with its offset
 * ("+02:00") when the camera wrote one. No offset means the camera's local time: it is kept as
 * written, never shifted by the server's time zone. Unset dates (all zeros) are undefined.
 */
export function exifDateToIso(date: unknown, offset?: unknown): string | undefined {
  if (typeof date !== 'string') return undefined;
  const m = EXIF_DATE.exec(date.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`;
  return typeof offset === 'string' && OFFSET.test(offset.trim()) ? iso + offset.trim() : iso;
}

/** DateTimeOriginal, then CreateDate, from an EXIF block (as sharp's metadata().exif gives it). */
export async function captureTimeFromExif(exif: Buffer | undefined): Promise<string | undefined> {
  if (!exif || exif.length < 8) return undefined;
  // JPEG's APP1 block starts "Exif\0\0" before the TIFF header; HEIF's may carry a 4-byte offset.
  let tiff = exif;
  const at = findTiffHeader(exif);
  if (at < 0) return undefined;
  tiff = exif.subarray(at);
  try {
    const tags = (await exifr.parse(tiff, {
      pick: ['DateTimeOriginal', 'CreateDate', 'OffsetTimeOriginal', 'OffsetTimeDigitized', 'OffsetTime'],
      reviveValues: false,
    })) as Record<string, unknown> | undefined;
    if (!tags) return undefined;
    return (
      exifDateToIso(tags.DateTimeOriginal, tags.OffsetTimeOriginal ?? tags.OffsetTime) ??
      exifDateToIso(tags.CreateDate, tags.OffsetTimeDigitized ?? tags.OffsetTime)
    );
  } catch {
    // A capture date is a nicety: unreadable EXIF never refuses a photo.
    return undefined;
  }
}

function findTiffHeader(b: Buffer): number {
  const limit = Math.min(b.length - 4, 16);
  for (let i = 0; i <= limit; i++) {
    if (
      (b[i] === 0x49 && b[i + 1] === 0x49 && b[i + 2] === 0x2a && b[i + 3] === 0) ||
      (b[i] === 0x4d && b[i + 1] === 0x4d && b[i + 2] === 0 && b[i + 3] === 0x2a)
    )
      return i;
  }
  return -1;
}

/**
 * A clip's capture time from its container tags: Apple's local time with offset
 * (com.apple.quicktime.creationdate) first, then creation_time (UTC). Cameras with an unset clock
 * write 1904 or 1970: those are ignored.
 */
export function videoCaptureTime(tags: Record<string, string> | undefined): string | undefined {
  if (!tags) return undefined;
  const apple = tags['com.apple.quicktime.creationdate'];
  const utc = tags.creation_time;
  for (const v of [apple, utc]) {
    if (typeof v !== 'string') continue;
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(v.trim());
    if (!m) continue;
    const year = Number(m[1]);
    if (year < 1980) continue;
    const ms = m[7] ? m[7].slice(0, 4).padEnd(4, '0') : '';
    let zone = m[8] ?? '';
    if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
    return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${ms}${zone}`;
  }
  return undefined;
}
