import { stat } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { PhotoreelError } from '../errors.ts';
import { captureTimeFromExif, videoCaptureTime } from './capture-time.ts';
import { damaged, readImageHeader, shortReason } from './image-header.ts';
import { audioStreams, probe, PROBE_TIMEOUT_MS, videoStreams } from './probe.ts';
import type { ProbeResult, ProbeStream } from './probe.ts';
import { fsError, sniff } from './sniff.ts';
import { runTool } from './run-tool.ts';
import type { IntakeLimits, MediaInfo } from './types.ts';
import { checkAnimation, checkClip, checkPixels, intakeLimits } from './limits.ts';
import { readAnimationLayout } from './animation-header.ts';
import { checkComplete } from './check-complete.ts';
import { openStill } from './decode-still.ts';

export { MEDIA_LIMITS } from './limits.ts';

export interface InspectOptions {
  signal?: AbortSignal;
  /** ffprobe time limit, ms (default 20 s). */
  timeoutMs?: number;
}

/** Photos up to this many pixels are decoded in full once at intake to catch truncation. */
const FULL_CHECK_PIXELS = 50_000_000;

/**
 * Everything photoreel needs to know about an uploaded file, or the catalog error that refuses it:
 * FILE_TOO_LARGE (4002) for more than `maxBytes` or a photo over `maxPixels` (checked from the header,
 * before any decoding), UNSUPPORTED_TYPE (4001) for anything not a photo, clip or music file (judged by
 * content), FILE_DAMAGED (4003) for broken or truncated files, MEDIA_NOT_FOUND (4004) for a missing one.
 * Sizes are as displayed: EXIF orientation and clip rotation applied.
 */
export async function inspectMedia(
  file: string,
  limits: IntakeLimits = {},
  o: InspectOptions = {},
): Promise<MediaInfo> {
  const l = intakeLimits(limits);
  const { maxBytes } = l;
  const name = path.basename(file);
  let size: number;
  try {
    const st = await stat(file);
    if (st.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    size = st.size;
  } catch (e) {
    throw fsError(e, name);
  }
  if (size > maxBytes) {
    throw new PhotoreelError(
      'FILE_TOO_LARGE',
      `${name} is ${formatBytes(size)}, more than the ${formatBytes(maxBytes)} limit: compress or trim it and try again.`,
      { file: name, size, maxBytes },
    );
  }
  const sniffed = await sniff(file, o);
  const base = { kind: sniffed.kind, mime: sniffed.mime, ext: sniffed.ext, size };
  if (sniffed.kind === 'image') return { ...base, ...(await inspectImage(file, sniffed.ext, l, o)) };
  const p = sniffed.probe ?? (await probe(file, o));
  return { ...base, ...(await inspectTimed(file, p, sniffed.kind === 'video', l, o)) };
}

async function inspectImage(
  file: string,
  ext: string,
  l: Required<IntakeLimits>,
  o: InspectOptions,
): Promise<Partial<MediaInfo>> {
  const name = path.basename(file);
  const maxPixels = l.maxPixels;
  const h = await readImageHeader(file, ext);
  checkPixels(name, h.width, h.height, maxPixels);
  if (h.truncated) throw damaged(name, 'its pixel rows end early');
  // Animations by their structure, before any decoder sees them: a decoder allocates the canvas
  // (enlarged to fit every frame), whatever the first frame's size says.
  const anim = await readAnimationLayout(file, ext);
  if (anim) {
    checkAnimation(name, anim, l);
    checkPixels(name, anim.extentWidth, anim.extentHeight, maxPixels);
  }
  if (ext === 'heic') {
    // HEIC decodes whole (heic-decode has no reduced decode): corrupt or missing picture data is
    // refused now. One at a time: a 100-megapixel HEIC holds 400 MB while it decodes.
    await oneHeicAtATime(async () => {
      try {
        const still = await openStill(file, { maxPixels, ...(o.signal ? { signal: o.signal } : {}) });
        await still.resize(64, 64, { fit: 'inside' }).raw().toBuffer();
      } catch (e) {
        throw isDamage(e) ? e : damaged(name, shortReason(e));
      }
    });
  }
  // A full decode at a small size catches truncated and corrupt photos now rather than mid-render.
  // BMP is checked by its length above.
  if (ext !== 'heic' && ext !== 'bmp' && h.width * h.height <= FULL_CHECK_PIXELS) {
    try {
      await sharp(file, { failOn: 'error', limitInputPixels: maxPixels })
        .resize(256, 256, { fit: 'inside' })
        .raw()
        .toBuffer();
    } catch (e) {
      throw damaged(name, shortReason(e));
    }
  }
  const turned = h.orientation >= 5;
  const info: Partial<MediaInfo> = {
    width: turned ? h.height : h.width,
    height: turned ? h.width : h.height,
  };
  if (h.pages > 1 && (ext === 'gif' || ext === 'webp')) {
    info.animated = true;
    info.durationMs = animationMs(h.delays, h.pages);
    checkClip(name, { durationMs: info.durationMs }, l);
  }
  const capturedAt = await captureTimeFromExif(h.exif);
  if (capturedAt) info.capturedAt = capturedAt;
  return info;
}

/** Browsers show GIF frames with a delay under 20 ms for 100 ms; so does photoreel. */
export function animationMs(delays: readonly number[] | undefined, pages: number): number {
  let total = 0;
  for (let i = 0; i < pages; i++) {
    const d = delays?.[i] ?? 100;
    total += d < 20 ? 100 : d;
  }
  return total;
}

async function inspectTimed(
  file: string,
  p: ProbeResult,
  isVideo: boolean,
  l: Required<IntakeLimits>,
  o: InspectOptions,
): Promise<Partial<MediaInfo>> {
  const name = path.basename(file);
  const info: Partial<MediaInfo> = {};
  const v = videoStreams(p)[0];
  const a = audioStreams(p)[0];
  if (isVideo && v) {
    const dims = displaySize(v);
    if (!dims) throw damaged(name, 'its picture has no size');
    info.width = dims.width;
    info.height = dims.height;
    info.hasAudio = a !== undefined;
  }
  let ms = seconds(p.format.duration) ?? seconds((isVideo ? v : a)?.duration);
  if (ms === undefined) ms = await scanDuration(file, isVideo ? 'v:0' : 'a:0', o);
  if (ms === undefined || ms <= 0) throw damaged(name, 'its length cannot be read');
  info.durationMs = ms;
  if (isVideo) {
    // From the header first (cheap), then from the packets actually there.
    const promised = Number(v?.nb_frames);
    checkClip(
      name,
      {
        durationMs: ms,
        ...(Number.isFinite(promised) && promised > 0 ? { frames: promised } : {}),
        ...(info.width !== undefined && info.height !== undefined
          ? { width: info.width, height: info.height }
          : {}),
      },
      l,
    );
  }
  // Every packet read (not decoded): a file cut off after an intact index is refused here, not at render.
  const counted = await checkComplete(file, { ...(o.signal ? { signal: o.signal } : {}) });
  if (isVideo && counted.videoFrames !== undefined) checkClip(name, { frames: counted.videoFrames }, l);
  const capturedAt = videoCaptureTime(p.format.tags);
  if (capturedAt) info.capturedAt = capturedAt;
  return info;
}

/** A picture stream's size as shown: sample aspect ratio and rotation (display matrix) applied. */
export function displaySize(s: ProbeStream): { width: number; height: number } | undefined {
  if (!s.width || !s.height) return undefined;
  let width = s.width;
  const height = s.height;
  const sar = /^(\d+):(\d+)$/.exec(s.sample_aspect_ratio ?? '');
  if (sar && Number(sar[1]) > 0 && Number(sar[2]) > 0 && sar[1] !== sar[2]) {
    width = Math.round((width * Number(sar[1])) / Number(sar[2]));
  }
  const rotation = streamRotation(s);
  return Math.abs(rotation) % 180 === 90 ? { width: height, height: width } : { width, height };
}

/** Degrees a player turns the picture: display-matrix side data, or the older `rotate` tag. */
export function streamRotation(s: ProbeStream): number {
  for (const sd of s.side_data_list ?? []) {
    if (typeof sd.rotation === 'number' && Number.isFinite(sd.rotation)) return Math.round(sd.rotation);
  }
  const tag = Number(s.tags?.rotate);
  return Number.isFinite(tag) ? tag : 0;
}

function seconds(v: string | undefined): number | undefined {
  const n = Number(v);
  return v !== undefined && v !== 'N/A' && Number.isFinite(n) && n > 0 ? Math.round(n * 1000) : undefined;
}

/**
 * Length of a file whose header does not say (a browser's MediaRecorder WebM, for one): the end of
 * its last packet, read with ffprobe.
 */
async function scanDuration(file: string, stream: string, o: InspectOptions): Promise<number | undefined> {
  const r = await runTool(
    'ffprobe',
    [
      '-v',
      'error',
      '-protocol_whitelist',
      'file',
      '-select_streams',
      stream,
      '-show_entries',
      'packet=pts_time,duration_time',
      '-of',
      'csv=p=0',
      `file:${path.resolve(file)}`,
    ],
    { timeoutMs: o.timeoutMs ?? PROBE_TIMEOUT_MS * 3, signal: o.signal, maxOutputBytes: 64 << 20 },
  );
  if (r.code !== 0) return undefined;
  let end = 0;
  for (const line of r.stdout.toString('utf8').split('\n')) {
    const [pts, dur] = line.split(',').map(Number);
    if (pts !== undefined && Number.isFinite(pts))
      end = Math.max(end, pts + (dur !== undefined && Number.isFinite(dur) ? dur : 0));
  }
  return end > 0 ? Math.round(end * 1000) : undefined;
}

let heicTail: Promise<unknown> = Promise.resolve();

/** Runs `work` after every HEIC check started before it has settled. */
function oneHeicAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = heicTail.then(work, work);
  heicTail = run.catch(() => undefined);
  return run;
}

function isDamage(e: unknown): boolean {
  return e instanceof PhotoreelError && (e.key === 'FILE_DAMAGED' || e.key === 'FILE_TOO_LARGE');
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / 1024 ** 3).toFixed(1).replace(/\.0$/, '')} GB`;
  if (n >= 1024 * 1024) return `${(n / 1024 ** 2).toFixed(1).replace(/\.0$/, '')} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${n} bytes`;
}
