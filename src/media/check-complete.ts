import path from 'node:path';
import { damaged } from './image-header.ts';
import { PROBE_FORMATS } from './probe.ts';
import { runTool } from './run-tool.ts';

export interface PacketCount {
  index: number;
  codec_type?: string;
  /** What the container's index (MP4/MOV sample table) promises, when it has one. */
  nb_frames?: string;
  /** Packets actually read from the bytes present. */
  nb_read_packets?: string;
}

/** Demuxer messages that mean the bytes stop before the streams do. */
const CUT_SHORT =
  /partial file|ended prematurely|truncat|unexpected end|end of file|invalid data found|corrupt/i;

/**
 * Judges whether a clip or sound is all there, pure: the demuxer did not report the file ending
 * early, and (outside MP4/MOV, whose demuxer reports every sample it cannot read and whose edit
 * lists may drop samples on purpose) every picture stream whose index promises N samples
 * delivered N packets. Returns the reason a file is incomplete, or undefined.
 */
export function incompleteReason(
  streams: readonly PacketCount[],
  log: string,
  formatName = '',
): string | undefined {
  const cut = log.split('\n').find((l) => CUT_SHORT.test(l));
  if (cut)
    return cut
      .replace(/^\[[^\]]*\]\s*/, '')
      .trim()
      .slice(0, 160);
  if (/\bmov\b/.test(formatName)) return undefined;
  for (const s of streams) {
    // Sound indexes may count samples rather than packets (PCM in AVI): pictures only.
    if (s.codec_type !== 'video') continue;
    const promised = Number(s.nb_frames);
    const read = Number(s.nb_read_packets);
    if (Number.isFinite(promised) && promised > 0 && Number.isFinite(read) && read < promised) {
      return `its index lists ${promised} picture samples but only ${read} are in the file`;
    }
  }
  return undefined;
}

export interface CompleteOptions {
  signal?: AbortSignal;
  /** ffprobe time limit, ms (default 60 s: reading 200 MB of packets takes a few seconds). */
  timeoutMs?: number;
}

/**
 * Reads every packet of a clip or sound (ffprobe -count_packets: no decoding, so it costs about a
 * read of the file) and refuses one whose bytes stop before its streams do, such as an MP4 cut off
 * after an intact index, with FILE_DAMAGED (4003) now rather than at render. Returns the number of
 * picture packets (frames) of the first picture stream, when there is one.
 */
export async function checkComplete(
  file: string,
  o: CompleteOptions = {},
): Promise<{ videoFrames?: number }> {
  const name = path.basename(file);
  const timeoutMs = o.timeoutMs ?? 60_000;
  const r = await runTool(
    'ffprobe',
    [
      '-v',
      'error',
      '-hide_banner',
      '-protocol_whitelist',
      'file',
      '-format_whitelist',
      PROBE_FORMATS.join(','),
      '-count_packets',
      '-show_entries',
      'format=format_name:stream=index,codec_type,nb_frames,nb_read_packets:stream_disposition=attached_pic',
      '-of',
      'json',
      `file:${path.resolve(file)}`,
    ],
    { timeoutMs, signal: o.signal, maxOutputBytes: 1 << 20 },
  );
  if (r.timedOut) throw damaged(name, `reading it took longer than ${Math.round(timeoutMs / 1000)} s`);
  let streams: Array<PacketCount & { disposition?: { attached_pic?: number } }> = [];
  let formatName = '';
  try {
    const parsed = JSON.parse(r.stdout.toString('utf8')) as {
      streams?: typeof streams;
      format?: { format_name?: string };
    };
    streams = Array.isArray(parsed.streams) ? parsed.streams : [];
    formatName = parsed.format?.format_name ?? '';
  } catch {
    streams = [];
  }
  if (r.code !== 0 || streams.length === 0)
    throw damaged(name, lastLine(r.stderrTail) || 'its packets cannot be read');
  const why = incompleteReason(streams, r.stderrTail, formatName);
  if (why) throw damaged(name, why);
  const v = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const frames = Number(v?.nb_read_packets);
  return Number.isFinite(frames) && frames > 0 ? { videoFrames: frames } : {};
}

function lastLine(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return (lines[lines.length - 1] ?? '')
    .replace(/^\[[^\]]*\]\s*/, '')
    .trim()
    .slice(0, 160);
}
