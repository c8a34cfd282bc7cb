import path from 'node:path';
import {
  audioTracks,
  textTracks,
  videoTrack,
  type Draft,
  type Fit,
  type MotionType,
  type TextPosition,
} from '../timeline/draft.ts';
import { hashSeed } from '../timeline/random.ts';
import { resolveTransition, type NamedTransition } from '../timeline/transitions.ts';
import { fitText, LINE_PITCH } from './fit-text.ts';

/**
 * Pure planning: draft + facts about prepared inputs → one ffmpeg argument list.
 * No file system, no processes: the same input always gives the same plan (golden-tested).
 *
 * Everything is counted in frames so nothing drifts: the video has exactly
 * round(total ms × fps / 1000) frames, item i owns the frames between its cuts, and a
 * transition of T frames starts floor(T/2) frames before its cut (xfade, so it never
 * changes the length).
 */

/** One video-track item, as the renderer will feed it to ffmpeg. */
export interface PlanVideoInput {
  /** `image`: a still already composed at canvas size (prepareImage); `clip`: a video or animated GIF. */
  kind: 'image' | 'clip';
  path: string;
  width: number;
  height: number;
  /** Clips: their length, when known. */
  durationMs?: number;
  /** Clips: whether there is a sound stream to mix in. */
  hasAudio?: boolean;
  /** Animated GIF: loops within its item instead of freezing on its last frame. */
  gif?: boolean;
}

/** One audio-track item (all audio tracks, in draft order). */
export interface PlanAudioInput {
  path: string;
  durationMs?: number;
}

export interface PlanInput {
  draft: Draft;
  /** One per item of the video track, in order. */
  video: readonly PlanVideoInput[];
  /** One per audio item, track by track, in draft order. */
  audio: readonly PlanAudioInput[];
  fontPath: string;
  output: string;
  /** Folder for plan.files (text files for drawtext); defaults to the output's folder. */
  scratchDir?: string;
  /** Most video items one ffmpeg graph draws (default 5): longer drafts render in chunks. */
  maxItemsPerRun?: number;
}

export interface PlanFile {
  path: string;
  content: string;
}

/** One ffmpeg run of a plan. */
export interface RenderRun {
  args: string[];
  /** Length of what this run writes, to turn ffmpeg's out_time into a fraction. */
  durationMs: number;
  /** Share of the whole render's work (all runs add up to 1), for one progress bar. */
  weight: number;
  /**
   * Runs of the same stage do not depend on each other and may run at the same time (video chunks);
   * a stage starts when the stage before it has finished (the join).
   */
  stage: number;
}

export interface RenderPlan {
  /**
   * Full ffmpeg argument list of the run that writes the output (without the program name and
   * without -progress). For short drafts it is the only run.
   */
  args: string[];
  /**
   * Every run, in order (the last one is `args`). Long drafts render their video in chunks of at most
   * `maxItemsPerRun` items (ffmpeg keeps each transition's frame pool until a graph ends, so one graph
   * for 100 photos would need gigabytes); the last run joins the chunks (stream copy) and adds the sound.
   */
  runs: RenderRun[];
  /** The filter graphs (of every run, in order). */
  graph: string;
  /** Files to write before running ffmpeg. */
  files: PlanFile[];
  durationMs: number;
  frames: number;
  /** Frame rate as ffmpeg reads it: `30/1`, `30000/1001`. */
  fps: string;
}

export const AUDIO_RATE = 48000;
export const LOUDNESS_LUFS = -14;
/** Graphs larger than this go through -filter_complex_script (argv entries are limited to 128 KiB). */
const MAX_INLINE_GRAPH = 100_000;
const DEFAULT_TEXT_SIZE = 0.06;
const DEFAULT_MOTION_AMOUNT = 0.1;
const TEXT_FADE_MS = 250;
/**
 * Items per ffmpeg run. ffmpeg 5.1 keeps each xfade's frame pool (~13 MB at 1080p) until its graph
 * ends and x264 needs ~280 MB at 1080p, so runs of 5 items stay under ~500 MB (measured, bench/render.ts).
 */
export const DEFAULT_ITEMS_PER_RUN = 5;

/** A frame rate as an exact fraction: 30 → 30/1, 29.97 → 30000/1001. */
export function fpsFraction(fps: number): { num: number; den: number } {
  if (Number.isInteger(fps)) return { num: fps, den: 1 };
  for (const base of [24, 30, 48, 60, 120]) {
    if (Math.abs(fps - (base * 1000) / 1001) < 0.006) return { num: base * 1000, den: 1001 };
  }
  const num = Math.round(fps * 1000);
  const g = gcd(num, 1000);
  return { num: num / g, den: 1000 / g };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Seconds with 6 decimals: exact enough that ffmpeg rounds every time back to the intended frame. */
function sec(value: number): string {
  return value.toFixed(6);
}

/**
 * Escapes a value for a filter option inside a filter graph (both levels of ffmpeg's quoting):
 * first the option level (\ ' :), then the graph level (\ ' [ ] , ;).
 */
export function escapeFilterValue(value: string): string {
  const level1 = value.replace(/[\\':]/g, (c) => `\\${c}`);
  return level1.replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}

/** The seed `random` transitions use: draft.m.seed, else a stable hash of the item sources. */
export function transitionSeed(draft: Draft): string {
  if (draft.m.seed !== undefined) return draft.m.seed;
  const srcs = (videoTrack(draft)?.sg ?? []).map((item) => item.src).join('\n');
  return hashSeed(srcs).toString(16);
}

/** Where each item sits, in frames: its own frames, and the frames its clip covers (with transition overlaps). */
export interface ItemFrames {
  index: number;
  /** First frame the item owns (its cut in). */
  start: number;
  /** First frame after the item's cut out. */
  end: number;
  /** First frame of the clip (the incoming transition's start). */
  clipStart: number;
  /** First frame after the clip (the outgoing transition's end). */
  clipEnd: number;
  /** Outgoing transition (to index + 1), or undefined for a hard cut. */
  out?: { type: NamedTransition; frames: number; start: number };
  /** Frames of the incoming transition (0 after a hard cut). */
  inFrames: number;
}

/** Frame layout of the video track: pure timing maths, exported for tests. */
export function layoutFrames(draft: Draft): { frames: number; items: ItemFrames[] } {
  const items = videoTrack(draft)?.sg ?? [];
  const { num, den } = fpsFraction(draft.fps);
  const toFrame = (ms: number): number => Math.round((ms * num) / (den * 1000));
  const seed = transitionSeed(draft);
  let acc = 0;
  const bounds = items.map((item) => {
    const start = toFrame(acc);
    acc += item.d;
    return { start, end: toFrame(acc) };
  });
  const frames = toFrame(acc);
  // Items that round to no frame at all are never on screen: they take part in no transition.
  const visible = bounds.map((b) => b.end > b.start);
  const out: ItemFrames[] = bounds.map((b, index) => ({
    index,
    start: b.start,
    end: b.end,
    clipStart: b.start,
    clipEnd: b.end,
    inFrames: 0,
  }));
  items.forEach((item, i) => {
    const tr = item.m.tr;
    const cur = out[i];
    const next = out[i + 1];
    if (!tr || !cur || !next || !visible[i] || !visible[i + 1]) return;
    const type = resolveTransition(tr.type, i, seed);
    if (type === 'cut') return;
    const limit = Math.min(cur.end - cur.start, next.end - next.start);
    const t = Math.min(toFrame(tr.d), limit);
    if (t < 1) return;
    const start = cur.end - Math.floor(t / 2);
    cur.out = { type, frames: t, start };
    cur.clipEnd = start + t;
    next.clipStart = start;
    next.inFrames = t;
  });
  return { frames, items: out };
}

interface Motion {
  type: MotionType;
  amount: number;
}

interface LaneSegment {
  /** First frame of the item within its lane (this run). */
  offset: number;
  /** Frames of the item drawn in this run. */
  frames: number;
  /** Frames of the item's clip drawn by earlier runs (a chunk may start inside an item). */
  skip: number;
  /** Frames of the item's whole clip: motion runs over all of them. */
  span: number;
  motion: Motion;
}

/**
 * The source window (x, y, width, height) of one item at lane frame `f` (an expression):
 * linear in time, so the picture moves at a constant speed with sub-pixel precision.
 */
function motionWindow(seg: LaneSegment, f: string): [string, string, string, string] {
  const a = String(seg.motion.amount);
  const shift = seg.skip - seg.offset;
  const local = shift === 0 ? f : shift > 0 ? `(${f}+${shift})` : `(${f}-${-shift})`;
  const p = seg.span > 1 ? `${local}/${seg.span - 1}` : '0';
  const type = seg.motion.type;
  if (type === 'zoom-in' || type === 'zoom-out') {
    // The picture scales by z around the centre, z linear in time (1 → 1+a, or back).
    const z = type === 'zoom-in' ? `(1+${a}*${p})` : `(1+${a}*(1-${p}))`;
    return [`W*(1-1/${z})/2`, `H*(1-1/${z})/2`, `W/${z}`, `H/${z}`];
  }
  // Zoomed in by 1+a, the window travels across the spare margin.
  const z = 1 + seg.motion.amount;
  const spareX = `W*${(1 - 1 / z).toFixed(6)}`;
  const spareY = `H*${(1 - 1 / z).toFixed(6)}`;
  let x = `${spareX}/2`;
  let y = `${spareY}/2`;
  if (type === 'pan-right') x = `${spareX}*${p}`;
  if (type === 'pan-left') x = `${spareX}*(1-${p})`;
  if (type === 'pan-down') y = `${spareY}*${p}`;
  if (type === 'pan-up') y = `${spareY}*(1-${p})`;
  return [x, y, `W/${z}`, `H/${z}`];
}

/** One perspective filter for a lane: per-frame corner expressions that switch item by item. */
function laneMotion(segments: readonly LaneSegment[]): string {
  // perspective's `in` counts from 1 at the first frame.
  const f = '(in-1)';
  const corner = (pick: (w: [string, string, string, string]) => string): string => {
    let expr = '';
    for (let j = segments.length - 1; j >= 0; j--) {
      const seg = segments[j]!;
      const e = pick(motionWindow(seg, f));
      expr = expr === '' ? e : `if(lt(${f},${seg.offset + seg.frames}),${e},${expr})`;
    }
    return expr;
  };
  const x0 = corner(([x]) => x);
  const y0 = corner(([, y]) => y);
  const x1 = corner(([x, , w]) => `${x}+${w}`);
  const y2 = corner(([, y, , h]) => `${y}+${h}`);
  return (
    `perspective=x0='${x0}':y0='${y0}':x1='${x1}':y1='${y0}':x2='${x0}':y2='${y2}':x3='${x1}':y3='${y2}'` +
    `:interpolation=linear:sense=source:eval=frame`
  );
}

function fitChain(fit: Fit, w: number, h: number, label: string): string {
  if (fit === 'cover')
    return `scale=${w}:${h}:force_original_aspect_ratio=increase:flags=bicubic,crop=${w}:${h}`;
  if (fit === 'contain') {
    return `scale=${w}:${h}:force_original_aspect_ratio=decrease:flags=bicubic,pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2:black`;
  }
  // blur: the clip contained over a blurred, darkened copy of itself filling the frame.
  const sw = Math.max(2, Math.round(w / 8 / 2) * 2);
  const sh = Math.max(2, Math.round(h / 8 / 2) * 2);
  const bg =
    `scale=${sw}:${sh}:force_original_aspect_ratio=increase,crop=${sw}:${sh},boxblur=4:2,` +
    `scale=${w}:${h}:flags=bilinear,eq=brightness=-0.12`;
  const fg = `scale=${w}:${h}:force_original_aspect_ratio=decrease:flags=bicubic`;
  return `split=2[${label}bg][${label}fg];[${label}bg]${bg}[${label}b];[${label}fg]${fg}[${label}f];[${label}b][${label}f]overlay=(W-w)/2:(H-h)/2`;
}

interface Margins {
  top: number;
  bottom: number;
  side: number;
}

/** Safe margins: vertical video keeps clear of the platform UI (top ~12%, bottom ~20%). */
export function textMargins(w: number, h: number): Margins {
  if (h > w) return { top: Math.round(h * 0.13), bottom: Math.round(h * 0.21), side: Math.round(w * 0.06) };
  return { top: Math.round(h * 0.07), bottom: Math.round(h * 0.09), side: Math.round(w * 0.05) };
}

/** Horizontal place of a line (drawtext x), by position. */
function lineX(pos: TextPosition, m: Margins): string {
  if (pos === 'top-left' || pos === 'bottom-left') return String(m.side);
  if (pos === 'top-right' || pos === 'bottom-right') return `w-text_w-${m.side}`;
  return '(w-text_w)/2';
}

/** Font ascent of the bundled font, as a share of the size (ascent + descent ≈ 1 em). */
const ASCENT = 0.8;

/**
 * Baselines (pixels from the top) of `n` lines of `size` px, placed by position inside the margins.
 * Each line is drawn at y = baseline - max_glyph_a, so lines share a steady pitch whatever their glyphs.
 */
export function lineBaselines(pos: TextPosition, n: number, size: number, H: number, m: Margins): number[] {
  const pitch = Math.round(size * LINE_PITCH);
  const block = size + (n - 1) * pitch;
  let top: number;
  if (pos === 'top' || pos === 'top-left' || pos === 'top-right') top = m.top;
  else if (pos === 'bottom' || pos === 'bottom-left' || pos === 'bottom-right') top = H - m.bottom - block;
  else top = Math.round((H - block) / 2);
  const first = top + Math.round(size * ASCENT);
  return Array.from({ length: n }, (_, i) => first + i * pitch);
}

/** Everything the sections of a plan share. */
interface Ctx {
  input: PlanInput;
  draft: Draft;
  W: number;
  H: number;
  num: number;
  den: number;
  fps: string;
  tb: string;
  scratch: string;
  layout: { frames: number; items: ItemFrames[] };
  /** Items with at least one frame, in order. */
  shown: number[];
  totalSamples: number;
  files: PlanFile[];
}

/** A piece of an ffmpeg run: its inputs (numbered from `base`) and graph lines. */
interface Section {
  inputArgs: string[];
  graph: string[];
  inputs: number;
}

const toFrames = (ctx: Ctx, ms: number): number => Math.round((ms * ctx.num) / (ctx.den * 1000));
const frameSamples = (ctx: Ctx, f: number): number => Math.round((f * ctx.den * AUDIO_RATE) / ctx.num);
const frameSec = (ctx: Ctx, f: number): string => sec((f * ctx.den) / ctx.num);

/**
 * Where long drafts are cut into runs: at most `maxItems` items each, always at the start of an
 * item's solo part (after its incoming transition), never inside a transition.
 */
export function chunkBounds(
  layout: { frames: number; items: ItemFrames[] },
  shown: readonly number[],
  maxItems: number,
): number[] {
  const bounds = [0];
  let firstItem = 0; // position in `shown` of the first item of the current chunk
  for (let pos = firstItem + maxItems; pos < shown.length;) {
    let placed = false;
    for (let c = pos; c > firstItem && !placed; c--) {
      const lay = layout.items[shown[c]!]!;
      const soloStart = lay.clipStart + lay.inFrames;
      const soloEnd = lay.out ? lay.out.start : lay.clipEnd;
      if (soloEnd > soloStart && soloStart > bounds[bounds.length - 1]!) {
        bounds.push(soloStart);
        firstItem = c;
        placed = true;
      }
    }
    if (!placed) break;
    pos = firstItem + maxItems;
  }
  bounds.push(layout.frames);
  return bounds;
}

/** The video of frames [from, to): stills in two lanes, clips, transitions, text. Output label [vout]. */
function videoSection(ctx: Ctx, from: number, to: number, base: number, tag: string): Section {
  const { input, W, H, fps, tb, layout } = ctx;
  const items = videoTrack(ctx.draft)?.sg ?? [];
  const inputArgs: string[] = [];
  const graph: string[] = [];
  let next = base;
  // Items drawn in this range, with how much of their clip earlier runs drew.
  const present = ctx.shown
    .map((i) => {
      const lay = layout.items[i]!;
      const start = Math.max(lay.clipStart, from);
      const end = Math.min(lay.clipEnd, to);
      return { i, lay, skip: start - lay.clipStart, frames: end - start, span: lay.clipEnd - lay.clipStart };
    })
    .filter((p) => p.frames > 0);

  // Stills: shown items alternate between two lanes (A/B roll: neighbours in a lane never overlap
  // in time). A lane's stills come from ONE input (concat demuxer), converted once, placed at their
  // first frame (setpts) and held by `fps` (repeats are references, not copies); ONE perspective
  // filter per lane draws the motion, switching expressions item by item; `segment` cuts the lane
  // into per-item streams. Filter count and memory do not grow with the number of photos.
  const streamLabel = new Map<number, string>();
  for (const lane of [0, 1]) {
    const members = present.filter((_, pos) => pos % 2 === lane && input.video[_.i]?.kind === 'image');
    if (members.length === 0) continue;
    const k = next++;
    const list = path.join(ctx.scratch, `stills${tag}-${lane === 0 ? 'a' : 'b'}.ffconcat`);
    ctx.files.push({
      path: list,
      content:
        'ffconcat version 1.0\n' +
        // The last still once more: a sentinel at the lane's end frame, so `fps` knows where to stop.
        [...members, members[members.length - 1]!]
          .map((m) => `file '${(input.video[m.i]?.path ?? '').replace(/'/g, "'\\''")}'\n`)
          .join(''),
    });
    inputArgs.push('-reinit_filter', '0', '-f', 'concat', '-safe', '0', '-i', list);
    const segments: (LaneSegment & { index: number })[] = [];
    let offset = 0;
    for (const m of members) {
      const mo = items[m.i]?.m.motion;
      const amount = mo?.amount ?? DEFAULT_MOTION_AMOUNT;
      const motion: Motion =
        mo && mo.type !== 'none' && amount > 0 ? { type: mo.type, amount } : { type: 'none', amount: 0 };
      segments.push({ index: m.i, offset, frames: m.frames, skip: m.skip, span: m.span, motion });
      offset += m.frames;
    }
    let pts = '0';
    const starts = [...segments.map((seg) => seg.offset), offset];
    for (let j = starts.length - 1; j >= 1; j--) pts = `if(eq(N,${j}),${starts[j]},${pts})`;
    const parts = [
      `[${k}:v]scale=${W}:${H}:flags=bicubic:out_color_matrix=bt709:out_range=tv`,
      'format=yuv420p',
      `settb=${tb}`,
      `setpts='${pts}'`,
      `fps=${fps}`,
      'tpad=stop_mode=clone:stop=-1',
      `trim=end_frame=${offset}`,
      'setsar=1',
    ];
    const moving = segments.filter((seg) => seg.motion.type !== 'none');
    if (moving.length > 0) {
      const enable = moving.map((seg) => `between(n,${seg.offset},${seg.offset + seg.frames - 1})`).join('+');
      parts.push(`${laneMotion(moving)}:enable='${enable}'`);
    }
    if (segments.length > 1) {
      const split = segments.slice(1).map((seg) => seg.offset);
      parts.push(`segment=frames=${split.join('|')}${segments.map((seg) => `[l${seg.index}]`).join('')}`);
      graph.push(parts.join(','));
      for (const seg of segments) {
        graph.push(`[l${seg.index}]settb=${tb},setpts=N[m${seg.index}]`);
        streamLabel.set(seg.index, `m${seg.index}`);
      }
    } else {
      graph.push(`${parts.join(',')}[m${segments[0]!.index}]`);
      streamLabel.set(segments[0]!.index, `m${segments[0]!.index}`);
    }
  }

  // Clips (and animated GIFs): their own input each, fitted, trimmed, frame rate conformed.
  for (const p of present) {
    const src = input.video[p.i]!;
    if (src.kind !== 'clip') continue;
    const item = items[p.i]!;
    const k = next++;
    const startMs = (item.m.from ?? 0) + (p.skip * ctx.den * 1000) / ctx.num;
    if (startMs > 0) inputArgs.push('-ss', sec(startMs / 1000));
    if (src.gif) inputArgs.push('-ignore_loop', '0');
    inputArgs.push('-t', sec((p.frames * ctx.den) / ctx.num + 1), '-i', src.path);
    graph.push(
      `[${k}:v]fps=${fps},${fitChain(item.m.fit ?? 'cover', W, H, `f${p.i}`)},scale=out_color_matrix=bt709:out_range=tv,` +
        `format=yuv420p,setsar=1,tpad=stop_mode=clone:stop=-1,trim=end_frame=${p.frames},settb=${tb},setpts=N[c${p.i}]`,
    );
    streamLabel.set(p.i, `c${p.i}`);
  }

  // Join: xfade where a transition is planned, concat for hard cuts.
  let acc = present[0] ? `[${streamLabel.get(present[0].i)}]` : '';
  for (let j = 1; j < present.length; j++) {
    const prev = present[j - 1]!;
    const cur = present[j]!;
    const out = `[x${cur.i}]`;
    const tr = prev.lay.out;
    const label = `[${streamLabel.get(cur.i)}]`;
    if (tr && prev.i === cur.i - 1 && tr.start >= from) {
      graph.push(
        `${acc}${label}xfade=transition=${tr.type}:duration=${frameSec(ctx, tr.frames)}:offset=${frameSec(ctx, tr.start - from)}${out}`,
      );
    } else {
      graph.push(`${acc}${label}concat=n=2:v=1:a=0${out}`);
    }
    acc = out;
  }

  // Text: drawtext from files (literal, expansion off), the bundled font, safe margins, short fades.
  // The size is a share of the canvas's shorter side (a title looks the same on vertical and landscape);
  // the text wraps and shrinks to fit the safe area (fitText), and each line is its own drawtext so
  // centred lines are centred one by one.
  const margins = textMargins(W, H);
  const fontOpt = escapeFilterValue(input.fontPath);
  const texts: string[] = [];
  textTracks(ctx.draft).forEach((track, ti) =>
    track.sg.forEach((seg, si) => {
      const sF = toFrames(ctx, seg.s);
      const eF = Math.min(layout.frames, toFrames(ctx, seg.s + seg.d));
      if (eF <= sF || eF <= from || sF >= to) return;
      const wanted = Math.max(8, Math.round((seg.m.size ?? DEFAULT_TEXT_SIZE) * Math.min(W, H)));
      // Outline and shadow stick out of the glyphs: keep room for them.
      const outline = 2 * Math.max(1, Math.round(wanted / 30)) + Math.max(1, Math.round(wanted / 24));
      const fitted = fitText(seg.text, wanted, {
        width: W - 2 * margins.side - outline,
        height: H - margins.top - margins.bottom,
      });
      const size = fitted.size;
      const pos = seg.m.pos ?? 'center';
      const x = lineX(pos, margins);
      const baselines = lineBaselines(pos, fitted.lines.length, size, H, margins);
      const color = (seg.m.color ?? '#ffffff').replace('#', '0x');
      const fadeF = Math.min(toFrames(ctx, TEXT_FADE_MS), Math.floor((eF - sF) / 4));
      const n = from > 0 ? `(n+${from})` : 'n';
      const alpha =
        fadeF > 0 ? `:alpha='min(1,min((${n}-${sF}+1)/${fadeF + 1},(${eF}-${n})/${fadeF + 1}))'` : '';
      const shadow = Math.max(1, Math.round(size / 24));
      fitted.lines.forEach((line, li) => {
        if (line.trim() === '') return;
        const file = path.join(ctx.scratch, `text-${ti}-${si}-${li}.txt`);
        if (!ctx.files.some((f) => f.path === file)) ctx.files.push({ path: file, content: line });
        texts.push(
          `drawtext=fontfile=${fontOpt}:textfile=${escapeFilterValue(file)}:expansion=none:fontsize=${size}` +
            `:fontcolor=${color}:borderw=${Math.max(1, Math.round(size / 30))}:bordercolor=black@0.45` +
            `:shadowcolor=black@0.55:shadowx=${shadow}:shadowy=${shadow}` +
            `:x=${x}:y=${baselines[li]}-max_glyph_a${alpha}:enable='between(${n},${sF},${eF - 1})'`,
        );
      });
    }),
  );
  graph.push(`${acc}${texts.length ? texts.join(',') + ',' : ''}format=yuv420p[vout]`);
  return { inputArgs, graph, inputs: next - base };
}

/** The sound: clips' own sound and music, mixed, normalised to -14 LUFS, exactly as long as the video. Output [aout]. */
function audioSection(ctx: Ctx, base: number): Section {
  const { input, layout } = ctx;
  const items = videoTrack(ctx.draft)?.sg ?? [];
  const inputArgs: string[] = [];
  const graph: string[] = [];
  const labels: string[] = [];
  let next = base;
  const end = ctx.totalSamples;

  for (const i of ctx.shown) {
    const src = input.video[i]!;
    const item = items[i]!;
    const lay = layout.items[i]!;
    const volume = item.m.volume ?? 1;
    if (src.kind !== 'clip' || !src.hasAudio || volume <= 0) continue;
    const frames = lay.clipEnd - lay.clipStart;
    const k = next++;
    const fromMs = item.m.from ?? 0;
    if (fromMs > 0) inputArgs.push('-ss', sec(fromMs / 1000));
    inputArgs.push('-t', sec((frames * ctx.den) / ctx.num + 1), '-i', src.path);
    // Sound crossfades with the picture: in over the incoming transition, out over the outgoing one.
    const fadeIn = lay.inFrames;
    const fadeOut = lay.out?.frames ?? 0;
    const n = frameSamples(ctx, frames);
    const parts = [
      `aresample=${AUDIO_RATE}`,
      `aformat=sample_fmts=fltp:channel_layouts=stereo`,
      `apad=whole_len=${n}`,
      `atrim=end_sample=${n}`,
    ];
    if (fadeIn > 0) parts.push(`afade=t=in:ss=0:ns=${frameSamples(ctx, fadeIn)}`);
    if (fadeOut > 0)
      parts.push(`afade=t=out:ss=${frameSamples(ctx, frames - fadeOut)}:ns=${frameSamples(ctx, fadeOut)}`);
    if (volume !== 1) parts.push(`volume=${volume}`);
    const delay = frameSamples(ctx, lay.clipStart);
    if (delay > 0) parts.push(`adelay=delays=${delay}S:all=1`);
    graph.push(`[${k}:a]${parts.join(',')}[a${labels.length}]`);
    labels.push(`[a${labels.length}]`);
  }

  // Music: looped or cut, placed at s, faded, volume.
  let audioIndex = 0;
  audioTracks(ctx.draft).forEach((track) =>
    track.sg.forEach((seg) => {
      const src = input.audio[audioIndex++];
      if (!src) return;
      const startF = toFrames(ctx, seg.s);
      if (startF >= layout.frames) return;
      const loop = seg.m.loop === true;
      const videoLeftMs = ((layout.frames - startF) * ctx.den * 1000) / ctx.num;
      let playMs = Math.min(seg.d, videoLeftMs);
      if (!loop && src.durationMs !== undefined) playMs = Math.min(playMs, src.durationMs);
      const playSamples = Math.round((playMs * AUDIO_RATE) / 1000);
      const volume = seg.m.volume ?? 1;
      if (playSamples <= 0 || volume <= 0) return;
      const k = next++;
      if (loop) inputArgs.push('-stream_loop', '-1');
      inputArgs.push('-i', src.path);
      const fadeIn = Math.min(Math.round(((seg.m.fadeIn ?? 0) * AUDIO_RATE) / 1000), playSamples);
      const fadeOut = Math.min(Math.round(((seg.m.fadeOut ?? 0) * AUDIO_RATE) / 1000), playSamples);
      const parts = [
        `aresample=${AUDIO_RATE}`,
        `aformat=sample_fmts=fltp:channel_layouts=stereo`,
        `atrim=end_sample=${playSamples}`,
        `asetpts=N/SR/TB`,
      ];
      if (fadeIn > 0) parts.push(`afade=t=in:ss=0:ns=${fadeIn}`);
      if (fadeOut > 0) parts.push(`afade=t=out:ss=${playSamples - fadeOut}:ns=${fadeOut}`);
      if (volume !== 1) parts.push(`volume=${volume}`);
      const delay = frameSamples(ctx, startF);
      if (delay > 0) parts.push(`adelay=delays=${delay}S:all=1`);
      graph.push(`[${k}:a]${parts.join(',')}[a${labels.length}]`);
      labels.push(`[a${labels.length}]`);
    }),
  );

  if (labels.length > 0) {
    const mix =
      labels.length > 1
        ? `${labels.join('')}amix=inputs=${labels.length}:duration=longest:dropout_transition=0:normalize=0,`
        : `${labels[0]}`;
    graph.push(
      `${mix}apad=whole_len=${end},atrim=end_sample=${end},` +
        `loudnorm=I=${LOUDNESS_LUFS}:TP=-1.5:LRA=11,aresample=${AUDIO_RATE},` +
        `aformat=sample_fmts=fltp:sample_rates=${AUDIO_RATE}:channel_layouts=stereo,` +
        `apad=whole_len=${end},atrim=end_sample=${end}[aout]`,
    );
  } else {
    // No sound at all: still a silent AAC track, as players and platforms expect one.
    graph.push(`anullsrc=r=${AUDIO_RATE}:cl=stereo,atrim=end_sample=${end}[aout]`);
  }
  return { inputArgs, graph, inputs: next - base };
}

const HEAD = ['-hide_banner', '-nostdin', '-y', '-loglevel', 'level+warning'];

/** The x264 settings of every video run (and of the benchmark's encode floor, so the two stay equal). */
export function videoCodecArgs(fps: string): string[] {
  return [
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
    fps,
    '-fps_mode',
    'cfr',
    '-flags:v',
    '+bitexact',
  ];
}

const AUDIO_CODEC = [
  '-c:a',
  'aac',
  '-b:a',
  '192k',
  '-ar',
  String(AUDIO_RATE),
  '-ac',
  '2',
  '-flags:a',
  '+bitexact',
];
const MUX = ['-map_metadata', '-1', '-fflags', '+bitexact', '-movflags', '+faststart', '-f', 'mp4'];

function graphArgs(ctx: Ctx, graph: string, name: string): string[] {
  if (graph.length <= MAX_INLINE_GRAPH) return ['-filter_complex', graph];
  const script = path.join(ctx.scratch, `${name}.txt`);
  ctx.files.push({ path: script, content: graph });
  return ['-filter_complex_script', script];
}

/** Builds the ffmpeg plan for a validated draft. Pure. */
export function planRender(input: PlanInput): RenderPlan {
  const { draft } = input;
  const { num, den } = fpsFraction(draft.fps);
  const items = videoTrack(draft)?.sg ?? [];
  if (items.length !== input.video.length) {
    throw new RangeError(`planRender: ${items.length} video items but ${input.video.length} inputs`);
  }
  const layout = layoutFrames(draft);
  const ctx: Ctx = {
    input,
    draft,
    W: draft.w,
    H: draft.h,
    num,
    den,
    fps: `${num}/${den}`,
    tb: `${den}/${num}`,
    scratch: input.scratchDir ?? path.dirname(input.output),
    layout,
    shown: items.map((_, i) => i).filter((i) => layout.items[i]!.clipEnd > layout.items[i]!.clipStart),
    // Audio runs to the next whole AAC frame (1024 samples) so the sound never ends before the picture.
    totalSamples: Math.ceil(Math.round((layout.frames * den * AUDIO_RATE) / num) / 1024) * 1024 + 1024,
    files: [],
  };
  const durationMs = items.reduce((s, i) => s + i.d, 0);
  const bounds = chunkBounds(layout, ctx.shown, Math.max(2, input.maxItemsPerRun ?? DEFAULT_ITEMS_PER_RUN));
  const runs: RenderRun[] = [];
  const graphs: string[] = [];

  if (bounds.length <= 2) {
    // One run: video and sound together.
    const video = videoSection(ctx, 0, layout.frames, 0, '');
    const audio = audioSection(ctx, video.inputs);
    const graph = [...video.graph, ...audio.graph].join(';\n');
    graphs.push(graph);
    const args = [
      ...HEAD,
      ...video.inputArgs,
      ...audio.inputArgs,
      ...graphArgs(ctx, graph, 'graph'),
      '-map',
      '[vout]',
      '-map',
      '[aout]',
      ...videoCodecArgs(ctx.fps),
      ...AUDIO_CODEC,
      ...MUX,
      input.output,
    ];
    runs.push({ args, durationMs, weight: 1, stage: 0 });
  } else {
    // Chunks of video (same encoder settings), then one run that joins them and adds the sound.
    const chunkFiles: string[] = [];
    const videoWeight = 0.97;
    for (let j = 0; j + 1 < bounds.length; j++) {
      const from = bounds[j]!;
      const to = bounds[j + 1]!;
      const video = videoSection(ctx, from, to, 0, `-${j}`);
      const graph = video.graph.join(';\n');
      graphs.push(graph);
      const chunk = path.join(ctx.scratch, `chunk-${j}.mp4`);
      chunkFiles.push(chunk);
      runs.push({
        args: [
          ...HEAD,
          ...video.inputArgs,
          ...graphArgs(ctx, graph, `graph-${j}`),
          '-map',
          '[vout]',
          ...videoCodecArgs(ctx.fps),
          '-an',
          '-map_metadata',
          '-1',
          '-fflags',
          '+bitexact',
          '-f',
          'mp4',
          chunk,
        ],
        durationMs: ((to - from) * den * 1000) / num,
        weight: (videoWeight * (to - from)) / layout.frames,
        stage: 0,
      });
    }
    const list = path.join(ctx.scratch, 'chunks.ffconcat');
    ctx.files.push({
      path: list,
      content: 'ffconcat version 1.0\n' + chunkFiles.map((f) => `file '${f}'\n`).join(''),
    });
    const audio = audioSection(ctx, 1);
    const graph = audio.graph.join(';\n');
    graphs.push(graph);
    runs.push({
      args: [
        ...HEAD,
        '-f',
        'concat',
        '-safe',
        '0',
        '-i',
        list,
        ...audio.inputArgs,
        ...graphArgs(ctx, graph, 'graph-audio'),
        '-map',
        '0:v',
        '-c:v',
        'copy',
        '-map',
        '[aout]',
        ...AUDIO_CODEC,
        ...MUX,
        input.output,
      ],
      durationMs,
      weight: 1 - videoWeight,
      stage: 1,
    });
  }
  return {
    args: runs[runs.length - 1]!.args,
    runs,
    graph: graphs.join('\n\n'),
    files: ctx.files,
    durationMs,
    frames: layout.frames,
    fps: ctx.fps,
  };
}
