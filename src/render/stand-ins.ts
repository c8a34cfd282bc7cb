/**
 * Temporary stand-ins for parts of the frame path that land separately (warp kernel, transitions,
 * audio plan, encoder arguments): the simplest correct versions, so the pipeline renders end to end.
 */
import { frameBytes, type Frame } from './frame.ts';
import type { WarpMap } from './motion.ts';
import { audioTracks, videoTrack, type Draft } from '../timeline/draft.ts';

export interface StandInKernel {
  setSource(still: Frame): void;
  warp(map: WarpMap): Frame;
  outputSize(w: number, h: number): void;
}

/** Bilinear scale + translate (the real kernel is 4-tap, in WebAssembly). */
export function standInWarpKernel(): StandInKernel {
  let src: Frame | undefined;
  let out: Frame | undefined;
  const plane = (
    s: Uint8Array,
    sw: number,
    sh: number,
    d: Uint8Array,
    dw: number,
    dh: number,
    scale: number,
    x0: number,
    y0: number,
  ): void => {
    for (let v = 0; v < dh; v++) {
      let sy = y0 + v * scale;
      sy = Math.min(Math.max(sy, 0), sh - 1);
      const iy = Math.min(Math.floor(sy), sh - 2 < 0 ? 0 : sh - 2);
      const fy = sy - iy;
      const r0 = iy * sw;
      const r1 = Math.min(iy + 1, sh - 1) * sw;
      for (let u = 0; u < dw; u++) {
        let sx = x0 + u * scale;
        sx = Math.min(Math.max(sx, 0), sw - 1);
        const ix = Math.min(Math.floor(sx), sw - 2 < 0 ? 0 : sw - 2);
        const fx = sx - ix;
        const ix1 = Math.min(ix + 1, sw - 1);
        const top = s[r0 + ix]! * (1 - fx) + s[r0 + ix1]! * fx;
        const bot = s[r1 + ix]! * (1 - fx) + s[r1 + ix1]! * fx;
        d[v * dw + u] = Math.round(top * (1 - fy) + bot * fy);
      }
    }
  };
  return {
    setSource(still) {
      src = still;
    },
    outputSize(w, h) {
      out = { w, h, data: new Uint8Array(frameBytes(w, h)) };
    },
    warp(map) {
      if (!src || !out) throw new Error('warp before setSource/outputSize');
      const { w: sw, h: sh } = src;
      const { w, h } = out;
      // Continuous map → pixel-centre indices: output pixel u samples index x + (u + 0.5)·scale − 0.5.
      const half = 0.5 * map.scale - 0.5;
      plane(src.data, sw, sh, out.data, w, h, map.scale, map.x + half, map.y + half);
      const sOff = sw * sh;
      const dOff = w * h;
      const sc = (sw * sh) / 4;
      const dc = (w * h) / 4;
      // Chroma (left sited): chroma j sits at luma point 2j + 0.5 across, 2i + 1 down.
      const cx = (map.x + 0.5 * map.scale - 0.5) / 2;
      const cy = (map.y + map.scale - 0.5) / 2 - 0.25;
      for (const k of [0, 1]) {
        plane(
          src.data.subarray(sOff + k * sc, sOff + (k + 1) * sc),
          sw / 2,
          sh / 2,
          out.data.subarray(dOff + k * dc, dOff + (k + 1) * dc),
          w / 2,
          h / 2,
          map.scale,
          cx,
          cy,
        );
      }
      return out;
    },
  };
}

export interface StandInAudioInput {
  draft: Draft;
  fps: { num: number; den: number };
  frames: number;
  clips: {
    item: number;
    path: string;
    startFrame: number;
    frames: number;
    hasAudio: boolean;
    volume: number;
  }[];
  music: { path: string; durationMs?: number }[];
  firstInputIndex: number;
}

const RATE = 48000;

/** Music and clip sound mixed, exactly the video's length (the real plan normalises before the mix). */
export function standInAudio(
  input: StandInAudioInput,
): { inputArgs: string[]; filter: string; label: string } | undefined {
  const { fps } = input;
  const samples = (f: number): number => Math.round((f * fps.den * RATE) / fps.num);
  const end = samples(input.frames);
  const inputArgs: string[] = [];
  const graph: string[] = [];
  const labels: string[] = [];
  let k = input.firstInputIndex;
  const items = videoTrack(input.draft)?.sg ?? [];
  for (const c of input.clips) {
    if (!c.hasAudio || c.volume <= 0) continue;
    const from = items[c.item]?.m.from ?? 0;
    if (from > 0) inputArgs.push('-ss', (from / 1000).toFixed(6));
    inputArgs.push('-t', ((c.frames * fps.den) / fps.num + 1).toFixed(6), '-i', c.path);
    const n = samples(c.frames);
    graph.push(
      `[${k++}:a]aresample=${RATE},aformat=sample_fmts=fltp:channel_layouts=stereo,apad=whole_len=${n},` +
        `atrim=end_sample=${n},volume=${c.volume},adelay=delays=${samples(c.startFrame)}S:all=1[a${labels.length}]`,
    );
    labels.push(`[a${labels.length}]`);
  }
  let m = 0;
  for (const track of audioTracks(input.draft)) {
    for (const seg of track.sg) {
      const src = input.music[m++];
      if (!src) continue;
      const volume = seg.m.volume ?? 1;
      const startF = Math.round((seg.s * fps.num) / (fps.den * 1000));
      if (volume <= 0 || startF >= input.frames) continue;
      if (seg.m.loop === true) inputArgs.push('-stream_loop', '-1');
      inputArgs.push('-i', src.path);
      const play = Math.min(Math.round((seg.d * RATE) / 1000), end - samples(startF));
      const fadeIn = Math.min(Math.round(((seg.m.fadeIn ?? 0) * RATE) / 1000), play);
      const fadeOut = Math.min(Math.round(((seg.m.fadeOut ?? 0) * RATE) / 1000), play);
      const parts = [
        `aresample=${RATE}`,
        'aformat=sample_fmts=fltp:channel_layouts=stereo',
        `atrim=end_sample=${play}`,
        'asetpts=N/SR/TB',
      ];
      if (fadeIn > 0) parts.push(`afade=t=in:ss=0:ns=${fadeIn}`);
      if (fadeOut > 0) parts.push(`afade=t=out:ss=${play - fadeOut}:ns=${fadeOut}`);
      parts.push(`volume=${volume}`, `adelay=delays=${samples(startF)}S:all=1`);
      graph.push(`[${k++}:a]${parts.join(',')}[a${labels.length}]`);
      labels.push(`[a${labels.length}]`);
    }
  }
  if (labels.length === 0) return undefined;
  const mix =
    labels.length > 1
      ? `${labels.join('')}amix=inputs=${labels.length}:duration=longest:dropout_transition=0:normalize=0,`
      : labels[0]!;
  graph.push(`${mix}apad=whole_len=${end},atrim=end_sample=${end}[aout]`);
  return { inputArgs, filter: graph.join(';'), label: '[aout]' };
}

/** H.264 High CRF 20 veryfast, AAC 48 kHz, faststart (the `standard` quality of mp4). */
export function standInEncoderArgs(o: { fps: string; audio: boolean }): { args: string[] } {
  return {
    args: [
      '-c:v',
      'libx264',
      '-profile:v',
      'high',
      '-preset',
      'veryfast',
      '-crf',
      '20',
      '-pix_fmt',
      'yuv420p',
      '-colorspace',
      'bt709',
      '-color_primaries',
      'bt709',
      '-color_trc',
      'bt709',
      '-color_range',
      'tv',
      '-r',
      o.fps,
      '-fps_mode',
      'cfr',
      '-flags:v',
      '+bitexact',
      ...(o.audio
        ? ['-c:a', 'aac', '-b:a', '192k', '-ar', String(RATE), '-ac', '2', '-flags:a', '+bitexact']
        : []),
      '-map_metadata',
      '-1',
      '-fflags',
      '+bitexact',
      '-movflags',
      '+faststart',
      '-f',
      'mp4',
    ],
  };
}
