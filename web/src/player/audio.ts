/**
 * The draft's music through Web Audio: one buffer source per segment, started at the playhead, with a
 * gain that follows the export's volume, fades, loop and cut (music-plan.ts) and each file's loudness
 * brought to the export's target (src/render/audio-plan.ts normalisingGainDb).
 */
import { normalisingGainDb } from '../../../src/render/audio-plan.ts';
import { fileOffset, gainPoints, normalisingGain, type MusicSegment } from './music-plan.ts';

export class MusicPlayer {
  private ctx: AudioContext | undefined;
  private playing: { src: AudioBufferSourceNode; gain: GainNode }[] = [];
  private levels = new WeakMap<AudioBuffer, number>();

  context(): AudioContext {
    this.ctx ??= new AudioContext();
    return this.ctx;
  }

  private level(buffer: AudioBuffer): number {
    let g = this.levels.get(buffer);
    if (g === undefined) {
      let sum = 0;
      let n = 0;
      for (let c = 0; c < buffer.numberOfChannels; c++) {
        const d = buffer.getChannelData(c);
        for (let i = 0; i < d.length; i += 4) sum += d[i]! * d[i]!;
        n += Math.ceil(d.length / 4);
      }
      g = normalisingGain(n > 0 ? sum / n : 0, normalisingGainDb);
      this.levels.set(buffer, g);
    }
    return g;
  }

  /** Starts every segment as it sounds `atMs` into the video. */
  start(segments: MusicSegment[], atMs: number, buffer: (src: string) => AudioBuffer | undefined): void {
    this.stop();
    if (segments.length === 0) return;
    const ctx = this.context();
    void ctx.resume();
    const now = ctx.currentTime + 0.03;
    for (const seg of segments) {
      const buf = buffer(seg.src);
      if (!buf || atMs >= seg.start + seg.play) continue;
      const t0 = Math.max(0, atMs - seg.start);
      const when = now + Math.max(0, seg.start - atMs) / 1000;
      const src = ctx.createBufferSource();
      src.buffer = buf;
      src.loop = seg.loop;
      const gain = ctx.createGain();
      const norm = this.level(buf);
      const points = gainPoints(seg, t0);
      gain.gain.setValueAtTime((points[0]?.gain ?? 0) * norm, when);
      for (const p of points.slice(1))
        gain.gain.linearRampToValueAtTime(p.gain * norm, when + (p.t - t0) / 1000);
      src.connect(gain).connect(ctx.destination);
      src.start(when, fileOffset(seg, t0, buf.duration * 1000) / 1000);
      src.stop(when + (seg.play - t0) / 1000);
      this.playing.push({ src, gain });
    }
  }

  stop(): void {
    for (const p of this.playing) {
      try {
        p.src.stop();
      } catch {
        // never started
      }
      p.src.disconnect();
      p.gain.disconnect();
    }
    this.playing = [];
  }

  close(): void {
    this.stop();
    void this.ctx?.close();
    this.ctx = undefined;
  }
}
