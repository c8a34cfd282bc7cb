import { open } from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromFile } from 'file-type';
import { PhotoreelError } from '../errors.ts';
import { describeText, describeType } from './describe-type.ts';
import { audioStreams, probe, videoStreams } from './probe.ts';
import type { ProbeResult } from './probe.ts';
import type { MediaKind } from './types.ts';

/** What a file is, judged by its content. */
export interface Sniffed {
  kind: MediaKind;
  /** image/jpeg, video/mp4, audio/mp4, … */
  mime: string;
  /** Canonical extension without the dot: jpg, heic, mp4, m4a. */
  ext: string;
  /** Clips and sounds: what ffprobe said (intake reuses it rather than probing twice). */
  probe?: ProbeResult;
}

export interface SniffOptions {
  signal?: AbortSignal;
  /** ffprobe time limit, ms. */
  timeoutMs?: number;
}

export const ACCEPTED_TYPES =
  'jpg, png, webp, gif, heic, bmp, mp4, mov, avi, webm, mkv, mp3, wav, m4a or aac';

const STILLS: Record<string, { ext: string; mime: string }> = {
  jpg: { ext: 'jpg', mime: 'image/jpeg' },
  png: { ext: 'png', mime: 'image/png' },
  // An animated PNG is a PNG whose first frame every reader shows.
  apng: { ext: 'png', mime: 'image/png' },
  webp: { ext: 'webp', mime: 'image/webp' },
  gif: { ext: 'gif', mime: 'image/gif' },
  bmp: { ext: 'bmp', mime: 'image/bmp' },
};

const SOUNDS: Record<string, { ext: string; mime: string }> = {
  mp3: { ext: 'mp3', mime: 'audio/mpeg' },
  wav: { ext: 'wav', mime: 'audio/wav' },
  aac: { ext: 'aac', mime: 'audio/aac' },
};

/** Containers that hold pictures, sound or both: ffprobe says which. */
type Container = 'mp4' | 'mov' | 'webm' | 'mkv' | 'avi';
const CONTAINERS: Record<string, Container> = {
  mp4: 'mp4',
  m4v: 'mp4',
  m4a: 'mp4',
  mov: 'mov',
  webm: 'webm',
  mkv: 'mkv',
  avi: 'avi',
};
const AS_VIDEO: Record<Container, { ext: string; mime: string }> = {
  mp4: { ext: 'mp4', mime: 'video/mp4' },
  mov: { ext: 'mov', mime: 'video/quicktime' },
  webm: { ext: 'webm', mime: 'video/webm' },
  mkv: { ext: 'mkv', mime: 'video/x-matroska' },
  avi: { ext: 'avi', mime: 'video/x-msvideo' },
};
/** The same containers with no picture: they are music files. */
const AS_AUDIO: Record<Container, { ext: string; mime: string }> = {
  mp4: { ext: 'm4a', mime: 'audio/mp4' },
  mov: { ext: 'm4a', mime: 'audio/mp4' },
  webm: { ext: 'webm', mime: 'audio/webm' },
  mkv: { ext: 'mka', mime: 'audio/x-matroska' },
  avi: { ext: 'avi', mime: 'audio/x-msvideo' },
};

/**
 * Detects what a file is from its bytes, never its name: a photo (jpg, png, webp, gif, heic/heif,
 * bmp), a clip (mp4, mov, avi, webm, mkv) or a music file (mp3, wav, m4a, aac including raw ADTS).
 *
 * Rules: an MP4/MOV with no picture stream (cover art does not count) is an m4a music file, and an
 * "m4a" with a real picture stream is an mp4 clip. WebM/MKV/AVI with sound only are accepted as music
 * (audio/webm, audio/x-matroska, audio/x-msvideo): ffmpeg plays them like any other sound.
 * Anything else is UNSUPPORTED_TYPE (4001) naming what it looks like; an empty file or a container
 * with neither picture nor sound is FILE_DAMAGED (4003); a missing file is MEDIA_NOT_FOUND (4004).
 */
export async function sniff(file: string, o: SniffOptions = {}): Promise<Sniffed> {
  const name = path.basename(file);
  let ft: { ext: string; mime: string } | undefined;
  try {
    ft = await fileTypeFromFile(file);
  } catch (e) {
    throw fsError(e, name);
  }
  if (ft) {
    const still = STILLS[ft.ext];
    if (still) return { kind: 'image', ...still };
    if (ft.ext === 'heic') {
      // HEIF family: image/heic (HEVC, iPhones), image/heif (mif1), and their sequences.
      return {
        kind: 'image',
        ext: 'heic',
        mime: ft.mime.startsWith('image/heif') ? 'image/heif' : 'image/heic',
      };
    }
    const sound = SOUNDS[ft.ext];
    if (sound) return { kind: 'audio', ...sound };
    const container = CONTAINERS[ft.ext];
    if (container) {
      const p = await probe(file, o);
      return classify(container, p, name);
    }
    throw refuse(describeType(ft.ext, ft.mime), name, { detected: ft.ext, mime: ft.mime });
  }

  // file-type knows no signature: an MP3 or AAC without a header it recognises, or something else.
  const head = await readHead(file, name);
  if (head.length === 0) {
    throw new PhotoreelError('FILE_DAMAGED', `${name} is empty (0 bytes): upload the file again.`, {
      file: name,
    });
  }
  let p: ProbeResult | undefined;
  try {
    p = await probe(file, o);
  } catch (e) {
    if (e instanceof PhotoreelError && e.key === 'FFMPEG_MISSING') throw e;
    if (o.signal?.aborted) throw e;
    p = undefined;
  }
  const formats = p?.format.format_name?.split(',') ?? [];
  if (p && formats.includes('mp3') && audioStreams(p).length > 0)
    return { kind: 'audio', ...SOUNDS.mp3!, probe: p };
  if (p && formats.includes('aac') && audioStreams(p).length > 0)
    return { kind: 'audio', ...SOUNDS.aac!, probe: p };
  if (p && formats.includes('wav') && audioStreams(p).length > 0)
    return { kind: 'audio', ...SOUNDS.wav!, probe: p };
  if (p && formats.includes('mov')) return classify('mov', p, name);
  if (p && formats.includes('matroska')) return classify(formats.includes('webm') ? 'webm' : 'mkv', p, name);
  if (p && formats.includes('avi')) return classify('avi', p, name);
  const text = describeText(head);
  if (text) throw refuse(text, name, { detected: 'text' });
  throw new PhotoreelError(
    'UNSUPPORTED_TYPE',
    `The type of ${name} could not be recognised from its content: use ${ACCEPTED_TYPES}.`,
    { file: name },
  );
}

function classify(container: Container, p: ProbeResult, name: string): Sniffed {
  if (videoStreams(p).length > 0) return { kind: 'video', ...AS_VIDEO[container], probe: p };
  if (audioStreams(p).length > 0) return { kind: 'audio', ...AS_AUDIO[container], probe: p };
  throw new PhotoreelError(
    'FILE_DAMAGED',
    `${name} is a ${container.toUpperCase()} file with neither picture nor sound: export it again from its source.`,
    { file: name },
  );
}

function refuse(looksLike: string, name: string, details: Record<string, unknown>): PhotoreelError {
  return new PhotoreelError(
    'UNSUPPORTED_TYPE',
    `${name} looks like ${looksLike}, not a photo, clip or music file: use ${ACCEPTED_TYPES}.`,
    { file: name, ...details },
  );
}

async function readHead(file: string, name: string): Promise<Buffer> {
  try {
    const fh = await open(file, 'r');
    try {
      const buf = Buffer.alloc(4096);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw fsError(e, name);
  }
}

/** A file system failure as a catalog error: missing → MEDIA_NOT_FOUND, unreadable → FILE_DAMAGED. */
export function fsError(e: unknown, name: string): unknown {
  if (e instanceof PhotoreelError) return e;
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new PhotoreelError(
      'MEDIA_NOT_FOUND',
      `${name} was not found: upload it (or check the path) and try again.`,
      {
        file: name,
      },
    );
  }
  if (code === 'EISDIR') {
    return new PhotoreelError(
      'UNSUPPORTED_TYPE',
      `${name} is a folder, not a file: choose the photos inside it.`,
      {
        file: name,
      },
    );
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EIO') {
    return new PhotoreelError(
      'FILE_DAMAGED',
      `${name} cannot be read (${code}): check its permissions and try again.`,
      {
        file: name,
      },
    );
  }
  return e;
}
