/**
 * The live preview player: plays the current draft in a <canvas> at preview size (long side 640), in
 * real time, with the renderer's own timing, motion, text placement and transition code (frame-plan.ts,
 * paint.ts), the music through Web Audio (audio.ts) and clips as video elements. Canvas 2D: photos and
 * Ken Burns are one GPU drawImage per frame, and the transitions need the pixels on the CPU anyway to
 * run the renderer's code, which WebGL would only make slower to read back.
 *
 * Deterministic when paused: seek(ms) draws the frame of that time at once (photos loaded), from the
 * draft alone; nothing depends on the wall clock until play().
 */
import { TRANSITIONS } from '../../../src/timeline/transitions.ts';
import { MusicPlayer } from './audio.ts';
import { composeStill } from './compose.ts';
import { buildControls, type Lang } from './controls.ts';
import { buildTimeline, frameAtMs, planFrame, type FramePlan, type Timeline } from './frame-plan.ts';
import { frameAfterSeek, loadMedia, releaseMedia, type LoadedMedia } from './media.ts';
import { musicSegments } from './music-plan.ts';
import { Painter } from './paint.ts';
import type { Draft } from './types.ts';

export type { Draft };

export interface PlayerChange {
  time: number;
  playing: boolean;
  /** Index of the video item on screen (from its cut on), -1 for none. */
  item: number;
}

export interface Player {
  setDraft(draft: Draft): void;
  play(): void;
  pause(): void;
  seek(ms: number): void;
  /** Playhead, ms. */
  readonly time: number;
  /** Length of the video, ms. */
  readonly duration: number;
  readonly playing: boolean;
  onChange(cb: (e: PlayerChange) => void): () => void;
  /** Transitions of the draft drawn as a nearby one, not as the export draws them. */
  approximated(): string[];
  destroy(): void;
}

/** The player with what tests and tools need besides: the canvas, and a promise of loaded media. */
export interface PreviewPlayer extends Player {
  readonly canvas: HTMLCanvasElement;
  /** Resolves when every medium of the current draft has loaded (or failed) and the frame is drawn. */
  whenReady(): Promise<void>;
}

export interface PlayerOptions {
  /** URL of a media id's file (photo, clip or music). */
  mediaUrl(src: string): string;
  lang?: Lang;
}

const KNOWN = new Set<string>(TRANSITIONS);
/** Composed stills kept (about 1–2 MB each at preview size); others are composed again when shown. */
const MAX_STILLS = 24;

export function mountPlayer(container: HTMLElement, opts: PlayerOptions): PreviewPlayer {
  let tl: Timeline | undefined;
  let timeMs = 0;
  let playing = false;
  let startPerf = 0;
  let startMs = 0;
  let raf = 0;
  let destroyed = false;
  let slow = false;
  const listeners = new Set<(e: PlayerChange) => void>();
  const media = new Map<string, Promise<LoadedMedia>>();
  const loaded = new Map<string, LoadedMedia>();
  /** Clips seeking for a paused frame: settled once the element shows the frame sought (then drawn). */
  const seeks = new Map<HTMLVideoElement, Promise<void>>();
  const stills = new Map<string, HTMLCanvasElement>();
  const approximations = new Set<string>();
  const music = new MusicPlayer();

  const controls = buildControls(container, opts.lang ?? 'en', {
    toggle: () => (playing ? player.pause() : player.play()),
    seek: (ms) => player.seek(ms),
    step: (ms) => player.seek(current() + ms),
  });
  const canvas = controls.canvas;
  const ctx = canvas.getContext('2d')!;
  const painter = new Painter(ctx);

  const current = (): number => {
    if (!playing) return timeMs;
    return Math.min(duration(), startMs + (performance.now() - startPerf));
  };
  const duration = (): number => tl?.durationMs ?? 0;

  const isClip = (i: number): boolean => {
    const src = tl?.items[i]?.src;
    return src !== undefined && loaded.get(src)?.kind === 'video';
  };

  const sources = {
    still(i: number): HTMLCanvasElement | undefined {
      const it = tl?.items[i];
      if (!it) return undefined;
      const m = loaded.get(it.src);
      if (m?.kind !== 'image') return undefined;
      const key = `${it.src}|${it.fit}|${it.still.w}x${it.still.h}`;
      let c = stills.get(key);
      if (c) {
        // Most recently used last: the oldest are let go first.
        stills.delete(key);
        stills.set(key, c);
      } else {
        c = composeStill(m.bitmap, it.fit, it.still.w, it.still.h, tl!.size.w / tl!.draft.w);
        stills.set(key, c);
        while (stills.size > MAX_STILLS) stills.delete(stills.keys().next().value!);
      }
      return c;
    },
    clip(i: number): HTMLVideoElement | undefined {
      const it = tl?.items[i];
      const m = it && loaded.get(it.src);
      return m?.kind === 'video' ? m.video : undefined;
    },
  };

  const planAt = (ms: number): FramePlan | undefined =>
    tl && tl.layout.frames > 0 ? planFrame(tl, frameAtMs(ms, tl.fps, tl.layout.frames), isClip) : undefined;

  /** Keeps clip elements where the frame needs them: playing along, or seeked to the frame when paused. */
  const syncClips = (plan: FramePlan | undefined): void => {
    const onScreen = new Map<HTMLVideoElement, number>();
    for (const layer of plan?.layers ?? []) {
      if (layer.kind !== 'clip') continue;
      const v = sources.clip(layer.item);
      if (v) onScreen.set(v, layer.ms);
      if (v) {
        const vol = tl?.items[layer.item]?.volume ?? 1;
        v.volume = Math.min(1, Math.max(0, vol));
        v.muted = !playing || vol <= 0;
      }
    }
    for (const m of loaded.values()) {
      if (m.kind !== 'video') continue;
      const at = onScreen.get(m.video);
      if (at === undefined) {
        if (!m.video.paused) m.video.pause();
        continue;
      }
      // Half a frame in, so the element shows the frame that starts there (not the one before, by rounding).
      const target = (at + (500 * (tl?.fps.den ?? 1)) / (tl?.fps.num ?? 30)) / 1000;
      if (playing) {
        if (Math.abs(m.video.currentTime - target) > 0.3) m.video.currentTime = target;
        if (m.video.paused) void m.video.play().catch(() => undefined);
      } else {
        if (!m.video.paused) m.video.pause();
        if (Math.abs(m.video.currentTime - target) > 0.002) {
          m.video.currentTime = target;
          const v = m.video;
          const shown = frameAfterSeek(v).then(() => {
            if (seeks.get(v) === shown) seeks.delete(v);
            draw();
          });
          seeks.set(v, shown);
        }
      }
    }
  };

  const draw = (): FramePlan | undefined => {
    if (destroyed) return undefined;
    const plan = planAt(current());
    if (!tl || !plan) {
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      return plan;
    }
    syncClips(plan);
    try {
      // While playing, a device too slow for full-size transitions (over 12 ms a frame) gets half-size ones.
      if (!playing) slow = false;
      painter.paint(tl, plan, sources, slow);
      if (playing && plan.transition && painter.lastTransitionMs > 12) slow = true;
    } catch {
      // A transition this build cannot draw: the nearest one (a crossfade), and say so.
      if (plan.transition) {
        approximations.add(plan.transition.type);
        painter.paint(tl, { ...plan, transition: { ...plan.transition, type: 'fade' } }, sources);
      }
    }
    return plan;
  };

  const emit = (plan = planAt(current())): void => {
    const now = current();
    controls.update(now, duration(), playing);
    const e = { time: now, playing, item: plan?.item ?? -1 };
    for (const cb of listeners) cb(e);
  };

  const startMusic = (): void => {
    if (!tl || !playing) return;
    const segs = musicSegments(tl.draft, tl.durationMs, (src) => {
      const m = loaded.get(src);
      return m?.kind === 'audio' ? m.buffer.duration * 1000 : undefined;
    });
    music.start(segs, current(), (src) => {
      const m = loaded.get(src);
      return m?.kind === 'audio' ? m.buffer : undefined;
    });
  };

  const tick = (): void => {
    raf = 0;
    if (!playing || destroyed) return;
    if (current() >= duration()) {
      timeMs = duration();
      playing = false;
      music.stop();
      emit(draw());
      return;
    }
    emit(draw());
    raf = requestAnimationFrame(tick);
  };

  const srcsOf = (t: Timeline): string[] => {
    const audio = t.draft.t.flatMap((track) => (track.tt === 1 ? track.sg.map((s) => s.src) : []));
    return [...new Set([...t.items.map((i) => i.src), ...audio])];
  };

  const load = (t: Timeline): Promise<unknown> =>
    Promise.all(
      srcsOf(t).map((src) => {
        let p = media.get(src);
        if (!p) {
          p = loadMedia(opts.mediaUrl(src), () => music.context()).then((m) => {
            if (destroyed) {
              releaseMedia(m);
              return m;
            }
            loaded.set(src, m);
            if (!playing) emit(draw());
            else if (m.kind === 'audio') startMusic();
            return m;
          });
          media.set(src, p);
        }
        return p;
      }),
    );

  const player: PreviewPlayer = {
    get canvas() {
      return canvas;
    },
    get time() {
      return current();
    },
    get duration() {
      return duration();
    },
    get playing() {
      return playing;
    },
    setDraft(draft) {
      const now = current();
      tl = buildTimeline(draft);
      if (canvas.width !== tl.size.w || canvas.height !== tl.size.h) {
        canvas.width = tl.size.w;
        canvas.height = tl.size.h;
      }
      // Stills of items no longer in the draft (or at another fit or size) are let go.
      const keep = new Set(tl.items.map((it) => `${it.src}|${it.fit}|${it.still.w}x${it.still.h}`));
      for (const key of stills.keys()) if (!keep.has(key)) stills.delete(key);
      timeMs = Math.min(now, tl.durationMs);
      if (playing) {
        startMs = timeMs;
        startPerf = performance.now();
        startMusic();
      }
      void load(tl);
      emit(draw());
    },
    play() {
      if (playing || !tl || duration() <= 0) return;
      if (timeMs >= duration() - 1) timeMs = 0;
      playing = true;
      startMs = timeMs;
      startPerf = performance.now();
      startMusic();
      emit(draw());
      if (!raf) raf = requestAnimationFrame(tick);
    },
    pause() {
      if (!playing) return;
      timeMs = current();
      playing = false;
      music.stop();
      emit(draw());
    },
    seek(ms) {
      timeMs = Math.max(0, Math.min(duration(), Number.isFinite(ms) ? ms : 0));
      if (playing) {
        startMs = timeMs;
        startPerf = performance.now();
        startMusic();
      }
      emit(draw());
    },
    onChange(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    approximated() {
      const out = new Set(approximations);
      for (const it of tl?.layout.items ?? []) if (it.out && !KNOWN.has(it.out.type)) out.add(it.out.type);
      return [...out];
    },
    async whenReady() {
      if (tl) await load(tl);
      const plan = draw();
      // Clips seek asynchronously: wait until they show the frame sought before saying the picture is there.
      const videos = (plan?.layers ?? []).flatMap((l) => (l.kind === 'clip' ? [sources.clip(l.item)] : []));
      await Promise.all(videos.map((v) => (v ? seeks.get(v) : undefined)));
      draw();
    },
    destroy() {
      destroyed = true;
      playing = false;
      if (raf) cancelAnimationFrame(raf);
      music.close();
      for (const m of loaded.values()) releaseMedia(m);
      loaded.clear();
      stills.clear();
      listeners.clear();
      controls.destroy();
    },
  };
  emit(draw());
  return player;
}
