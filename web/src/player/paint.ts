/**
 * Draws a planned frame onto the preview canvas: Ken Burns as one drawImage of the still's window the
 * renderer's warp map names, transitions by the renderer's own transition code on yuv420p copies of the
 * two pictures, texts on top with their fades.
 */
import { drawTransition } from '../../../src/render/transitions/index.ts';
import { drawFitted, type Source } from './compose.ts';
import type { FramePlan, PlanLayer, Timeline } from './frame-plan.ts';
import { layoutText, type LaidOutText } from './text-layout.ts';
import { rgbaToYuv420, yuv420ToRgba } from './yuv-rgba.ts';

/** The font the titles are drawn with in the export first (bundled), then close fallbacks. */
export const TEXT_FONT =
  "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans', 'DejaVu Sans', Arial, sans-serif";

/**
 * Where the export's baseline sits in a line of the bundled font, below the line's half-leading, as a
 * share of the font size (Pango, WenQuanYi Micro Hei: measured 0.984–0.990 px below the line band's top
 * at a pitch of 1.2 px, for 32–100 px).
 */
const BASELINE = 0.885;

/** What the painter asks for each layer: a composed still (photo) or a clip's video element. */
export interface LayerSources {
  still(item: number): HTMLCanvasElement | undefined;
  clip(item: number): HTMLVideoElement | undefined;
}

interface Lane {
  canvas: HTMLCanvasElement;
  ctx: CanvasRenderingContext2D;
}

function lane(w: number, h: number): Lane {
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  return { canvas, ctx: canvas.getContext('2d', { willReadFrequently: true })! };
}

export class Painter {
  private lanes: Lane[] = [];
  private yuv: { from: Uint8Array; to: Uint8Array; out: Uint8Array; rgb: Uint8Array } | undefined;
  private texts = new Map<string, { block: LaidOutText; canvas: HTMLCanvasElement }>();
  private measureCtx: CanvasRenderingContext2D | undefined;
  private image: ImageData | undefined;

  constructor(private readonly ctx: CanvasRenderingContext2D) {}

  private ensure(w: number, h: number): void {
    if (this.lanes[0]?.canvas.width === w && this.lanes[0]?.canvas.height === h) return;
    this.lanes = [lane(w, h), lane(w, h)];
    const n = (w * h * 3) / 2;
    this.yuv = {
      from: new Uint8Array(n),
      to: new Uint8Array(n),
      out: new Uint8Array(n),
      rgb: new Uint8Array(w * h * 3),
    };
  }

  private drawLayer(ctx: CanvasRenderingContext2D, tl: Timeline, layer: PlanLayer, src: LayerSources): void {
    const { w, h } = tl.size;
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    if (layer.kind === 'still') {
      const still = src.still(layer.item);
      if (still) {
        const m = layer.map;
        ctx.drawImage(still, m.x, m.y, w * m.scale, h * m.scale, 0, 0, w, h);
        return;
      }
    } else if (layer.kind === 'clip') {
      const video = src.clip(layer.item);
      if (video && video.readyState >= 2) {
        drawFitted(ctx, video as Source, tl.items[layer.item]!.fit, w, h, false, w / tl.draft.w);
        return;
      }
    }
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, w, h);
  }

  /** Draws frame `plan` of `tl` onto the canvas (already sized to tl.size). */
  /** Milliseconds the last transition frame took (the player goes to half size while playing when slow). */
  lastTransitionMs = 0;

  /**
   * Draws frame `plan` of `tl` onto the canvas (already sized to tl.size). `fast`: a transition is
   * worked out at half the preview size and scaled up (for playback on a slow device); paused frames
   * and tests use the full preview size.
   */
  paint(tl: Timeline, plan: FramePlan, src: LayerSources, fast = false): void {
    const { w, h } = tl.size;
    const [first, second] = plan.layers;
    if (second && plan.transition) {
      const started = performance.now();
      const even = (v: number): number => Math.max(2, Math.round(v / 4) * 2);
      const lw = fast ? even(w) : w;
      const lh = fast ? even(h) : h;
      this.ensure(lw, lh);
      const [a, b] = this.lanes as [Lane, Lane];
      const yuv = this.yuv!;
      for (const [l, layer] of [
        [a, first!],
        [b, second],
      ] as const) {
        l.ctx.setTransform(lw / w, 0, 0, lh / h, 0, 0);
        this.drawLayer(l.ctx, tl, layer, src);
        l.ctx.setTransform(1, 0, 0, 1, 0, 0);
      }
      const from = rgbaToYuv420(a.ctx.getImageData(0, 0, lw, lh).data, lw, lh, yuv.rgb, yuv.from);
      const to = rgbaToYuv420(b.ctx.getImageData(0, 0, lw, lh).data, lw, lh, yuv.rgb, yuv.to);
      const out = { w: lw, h: lh, data: yuv.out };
      drawTransition(plan.transition.type, from, to, plan.transition.progress, out);
      if (this.image?.width !== lw || this.image.height !== lh) this.image = a.ctx.createImageData(lw, lh);
      const image = this.image;
      yuv420ToRgba(out, image.data);
      if (lw === w && lh === h) this.ctx.putImageData(image, 0, 0);
      else {
        a.ctx.putImageData(image, 0, 0);
        this.ctx.drawImage(a.canvas, 0, 0, lw, lh, 0, 0, w, h);
      }
      this.lastTransitionMs = performance.now() - started;
    } else if (first) {
      this.drawLayer(this.ctx, tl, first, src);
    }
    for (const t of plan.texts) this.paintText(tl, t.index, t.alpha);
  }

  private measure = (text: string, px: number): number => {
    if (!this.measureCtx) this.measureCtx = document.createElement('canvas').getContext('2d')!;
    this.measureCtx.font = `${px}px ${TEXT_FONT}`;
    return this.measureCtx.measureText(text).width;
  };

  private paintText(tl: Timeline, index: number, alpha: number): void {
    const seg = tl.texts.find((t) => t.index === index);
    if (!seg) return;
    const W = tl.draft.w;
    const H = tl.draft.h;
    const k = tl.size.w / W;
    const key = JSON.stringify([seg.text, seg.size, seg.pos, seg.color, W, H, tl.size.w]);
    let entry = this.texts.get(key);
    if (!entry) {
      const block = layoutText(seg, W, H, this.measure);
      entry = { block, canvas: textCanvas(block, seg.color, k) };
      if (this.texts.size > 64) this.texts.clear();
      this.texts.set(key, entry);
    }
    this.ctx.globalAlpha = alpha;
    this.ctx.drawImage(entry.canvas, Math.round(entry.block.x * k), Math.round(entry.block.y * k));
    this.ctx.globalAlpha = 1;
  }
}

/** One text block drawn at scale k: shadow, then outline, then the text (the renderer's order). */
function textCanvas(b: LaidOutText, color: string | undefined, k: number): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = Math.max(1, Math.ceil(b.w * k));
  c.height = Math.max(1, Math.ceil(b.h * k));
  const ctx = c.getContext('2d')!;
  ctx.scale(k, k);
  ctx.font = `${b.px}px ${TEXT_FONT}`;
  ctx.textBaseline = 'alphabetic';
  ctx.lineJoin = 'round';
  const x =
    b.align === 'left' ? b.outline : b.align === 'right' ? b.w - b.outline - b.shadow : (b.w - b.shadow) / 2;
  ctx.textAlign = b.align === 'left' ? 'left' : b.align === 'right' ? 'right' : 'center';
  const fill = color !== undefined && /^#[0-9a-fA-F]{6}$/.test(color) ? color : '#ffffff';
  b.lines.forEach((line, i) => {
    const y = b.outline + i * b.pitch + (b.pitch - b.px) / 2 + BASELINE * b.px;
    ctx.fillStyle = 'rgba(0,0,0,0.55)';
    ctx.fillText(line, x + b.shadow, y + b.shadow);
    ctx.strokeStyle = 'rgba(0,0,0,0.45)';
    ctx.lineWidth = 2 * b.outline;
    ctx.strokeText(line, x, y);
    ctx.fillStyle = fill;
    ctx.fillText(line, x, y);
  });
  return c;
}
