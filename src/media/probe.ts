import path from 'node:path';
import { PhotoreelError } from '../errors.ts';
import { runTool } from './run-tool.ts';

/** The parts of `ffprobe -print_format json -show_format -show_streams` that intake reads. */
export interface ProbeStream {
  index: number;
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  /** "16:9", "1:1", "0:1" when unknown. */
  sample_aspect_ratio?: string;
  avg_frame_rate?: string;
  duration?: string;
  nb_frames?: string;
  disposition?: Record<string, number>;
  tags?: Record<string, string>;
  side_data_list?: Array<{ side_data_type?: string; rotation?: number }>;
}

export interface ProbeFormat {
  /** Demuxer names, comma-separated: "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm", "mp3". */
  format_name?: string;
  duration?: string;
  size?: string;
  tags?: Record<string, string>;
}

export interface ProbeResult {
  format: ProbeFormat;
  streams: ProbeStream[];
}

export interface ProbeOptions {
  signal?: AbortSignal;
  /** Kill ffprobe after this long (default 20 s): a damaged file never hangs intake. */
  timeoutMs?: number;
  /**
   * Demuxers ffprobe may use (ffmpeg's `format_whitelist`). The default is the containers photoreel
   * accepts, so a text playlist or concat script disguised as a clip is refused, not followed.
   */
  formats?: readonly string[];
}

export const PROBE_FORMATS = ['mov', 'mp4', 'm4a', 'matroska', 'webm', 'avi', 'mp3', 'aac', 'wav'] as const;
export const PROBE_TIMEOUT_MS = 20_000;

/**
 * Reads a clip's or a sound's container and streams with ffprobe (spawned without a shell, local
 * files only). A file ffprobe cannot read, or one it chokes on for longer than `timeoutMs`, is
 * FILE_DAMAGED (4003); a missing ffprobe is FFMPEG_MISSING; an aborted `signal` rejects with its reason.
 */
export async function probe(file: string, o: ProbeOptions = {}): Promise<ProbeResult> {
  const timeoutMs = o.timeoutMs ?? PROBE_TIMEOUT_MS;
  const args = [
    '-v',
    'error',
    '-hide_banner',
    '-protocol_whitelist',
    'file',
    '-format_whitelist',
    (o.formats ?? PROBE_FORMATS).join(','),
    '-print_format',
    'json',
    '-show_format',
    '-show_streams',
    // The file: prefix keeps a name like "http:x" or "-y" from being read as a URL or an option.
    `file:${path.resolve(file)}`,
  ];
  const r = await runTool('ffprobe', args, { timeoutMs, signal: o.signal, maxOutputBytes: 8 << 20 });
  const name = path.basename(file);
  if (r.timedOut) {
    throw new PhotoreelError(
      'FILE_DAMAGED',
      `Reading ${name} took longer than ${Math.round(timeoutMs / 1000)} s, so it is probably damaged: export it again from its source.`,
      { file: name, timeoutMs },
    );
  }
  if (r.code !== 0 || r.overflow) {
    const why = lastLine(r.stderrTail);
    throw new PhotoreelError(
      'FILE_DAMAGED',
      `${name} cannot be read as a clip or a sound${why ? ` (${why})` : ''}: export it again from its source.`,
      { file: name, log: r.stderrTail },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(r.stdout.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const res = parsed as Partial<ProbeResult> | undefined;
  if (!res || typeof res !== 'object' || !res.format) {
    throw new PhotoreelError(
      'FILE_DAMAGED',
      `${name} cannot be read as a clip or a sound: export it again from its source.`,
      {
        file: name,
        log: r.stderrTail,
      },
    );
  }
  return { format: res.format, streams: Array.isArray(res.streams) ? res.streams : [] };
}

/** Streams that carry moving pictures (cover art in a music file is not one). */
export function videoStreams(p: ProbeResult): ProbeStream[] {
  return p.streams.filter((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
}

export function audioStreams(p: ProbeResult): ProbeStream[] {
  return p.streams.filter((s) => s.codec_type === 'audio');
}

function lastLine(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const line = lines[lines.length - 1] ?? '';
  // ffprobe prefixes lines with the file name: keep the reason only.
  const i = line.lastIndexOf(': ');
  return (i >= 0 ? line.slice(i + 2) : line).trim().slice(0, 200);
}
