import { stat } from 'node:fs/promises';
import { runTool } from '../media/run-tool.ts';
import { audioTracks, videoTrack } from '../timeline/draft.ts';
import { AUDIO_FORMAT, AUDIO_RATE, frameToSamples, type AudioPlanInput } from './audio-plan.ts';

/**
 * Measures the sources of an audio plan (EBU R128 integrated loudness, ffmpeg's ebur128), so
 * planAudio can normalise each with a fixed gain instead of loudnorm's moving one.
 */

const TIMEOUT_MS = 180_000;
const CACHE_LIMIT = 512;
const cache = new Map<string, number | undefined>();

/**
 * Integrated loudness (LUFS) of `file`'s first sound stream, from `fromMs` for `durationMs`
 * (the whole file when unset). Undefined when it has no sound ffmpeg can read, or only silence.
 * Results are remembered per file (path, size, time) and window.
 */
export async function measureLoudness(
  file: string,
  opts: { fromMs?: number; durationMs?: number; signal?: AbortSignal } = {},
): Promise<number | undefined> {
  const s = await stat(file).catch(() => undefined);
  if (!s) return undefined;
  const key = `${file}\n${s.size}\n${s.mtimeMs}\n${opts.fromMs ?? 0}\n${opts.durationMs ?? ''}`;
  if (cache.has(key)) return cache.get(key);
  const args = ['-hide_banner', '-nostats', '-nostdin'];
  if (opts.fromMs) args.push('-ss', (opts.fromMs / 1000).toFixed(6));
  args.push('-i', file);
  if (opts.durationMs !== undefined) args.push('-t', (opts.durationMs / 1000).toFixed(6));
  // Measured as planAudio hears it: 48 kHz stereo (a mono file counts on both channels).
  // framelog=verbose keeps the per-frame lines out of the log; the summary stays.
  args.push('-map', '0:a:0', '-af', `${AUDIO_FORMAT.join(',')},ebur128=framelog=verbose`, '-f', 'null', '-');
  const r = await runTool('ffmpeg', args, { timeoutMs: TIMEOUT_MS, signal: opts.signal });
  const value = r.code === 0 ? parseIntegratedLoudness(r.stderrTail) : undefined;
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

/** The integrated loudness in ebur128's summary, or undefined for silence (-70 LUFS, -inf). */
export function parseIntegratedLoudness(log: string): number | undefined {
  const m = /Integrated loudness:\s*\n\s*I:\s*(-?[\d.]+|-inf)\s*LUFS/.exec(log);
  if (!m || m[1] === '-inf') return undefined;
  const v = Number(m[1]);
  return Number.isFinite(v) && v > -70 ? v : undefined;
}

/**
 * The plan input with the loudness of every source that will be heard filled in: each clip over
 * the part it plays, each music file over the part the video uses. One at a time (ffmpeg decodes
 * the sound only). Sources that cannot be measured stay unmeasured (planAudio then uses loudnorm).
 */
export async function measureAudioInput(
  input: AudioPlanInput,
  opts: { signal?: AbortSignal } = {},
): Promise<AudioPlanInput> {
  const items = videoTrack(input.draft)?.sg ?? [];
  const videoMs = (frameToSamples(input.frames, input.fps) * 1000) / AUDIO_RATE;
  const clips = [];
  for (const clip of input.clips) {
    if (!clip.hasAudio || !(clip.volume > 0) || clip.loudness !== undefined || clip.frames <= 0) {
      clips.push(clip);
      continue;
    }
    const fromMs = items[clip.item]?.m.from ?? 0;
    const durationMs = (clip.frames * input.fps.den * 1000) / input.fps.num;
    const loudness = await measureLoudness(clip.path, {
      fromMs,
      durationMs,
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    clips.push(loudness === undefined ? clip : { ...clip, loudness });
  }
  const segments = audioTracks(input.draft).flatMap((t) => t.sg);
  const music = [];
  for (const [i, src] of input.music.entries()) {
    const seg = segments[i];
    if (!seg || src.loudness !== undefined || !((seg.m.volume ?? 1) > 0) || seg.s >= videoMs) {
      music.push(src);
      continue;
    }
    // The part that plays (all of a looped file shorter than that).
    const playMs = Math.min(seg.d, videoMs - seg.s);
    const loudness = await measureLoudness(src.path, {
      durationMs: Math.ceil(playMs),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    music.push(loudness === undefined ? src : { ...src, loudness });
  }
  return { ...input, clips, music };
}
