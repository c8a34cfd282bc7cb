import { textTracks, type Draft } from '../../timeline/draft.ts';
import { fpsFraction } from '../layout.ts';
import { BUNDLED_FONT, missingFontMessages, registerFontDir } from './fonts.ts';
import { compositeText, rgbaToOverlay, type TextOverlay } from './overlay.ts';
import { renderBlock, type RenderedBlock } from './render-block.ts';
import { horizontalOf, MAX_WRAPPED_LINES, placeBlock, textMargins, textPixels } from './safe-area.ts';
import { textWindow, videoFrames, type FrameRate } from './timing.ts';

/**
 * Titles and captions: each text segment is rendered once, on the main thread, through Pango (shaping,
 * bidi, colour emoji, wrapping) into a placed premultiplied yuv420p+alpha overlay; compositeText draws
 * it into frames, in workers.
 */

export { compositeText, type TextOverlay };
export { BUNDLED_FONT };

export interface TextOverlayOptions {
  /** Folder of extra fonts (fallbacks after the built-in stack); one that cannot be read is only warned about. */
  fontDir?: string;
  /** Frame rate and length of the video, as the frame layout counts them (default: from the draft). */
  fps?: FrameRate;
  frames?: number;
  /** Told once per script the titles use whose font is missing here (they still render, as boxes). */
  onWarning?: (message: string) => void;
}

/**
 * One overlay per text segment that shows on screen, tracks in draft order then segments in order
 * (draw them in this order: later ones on top). Same draft, same overlays, byte for byte.
 */
export async function prepareTextOverlays(
  draft: Draft,
  opts: TextOverlayOptions = {},
): Promise<TextOverlay[]> {
  const W = draft.w;
  const H = draft.h;
  const fps = opts.fps ?? fpsFraction(draft.fps);
  const frames = opts.frames ?? videoFrames(draft, fps);
  if (opts.fontDir !== undefined) {
    try {
      await registerFontDir(opts.fontDir);
    } catch (err) {
      opts.onWarning?.(
        `The fonts folder ${opts.fontDir} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}): ` +
          'titles use the built-in and installed fonts.',
      );
    }
  }
  const segments = textTracks(draft).flatMap((t) => t.sg);
  if (opts.onWarning) {
    for (const message of await missingFontMessages(segments.map((s) => s.text))) opts.onWarning(message);
  }
  const m = textMargins(W, H);
  const blocks = new Map<string, Promise<RenderedBlock>>();
  const out: TextOverlay[] = [];
  for (const seg of segments) {
    const win = textWindow(seg.s, seg.d, fps, frames);
    if (!win) continue;
    const pos = seg.m.pos ?? 'center';
    const req = {
      text: seg.text,
      color: seg.m.color,
      size: textPixels(seg.m.size, W, H),
      align: horizontalOf(pos),
      maxWidth: W - 2 * m.side,
      maxHeight: H - m.top - m.bottom,
      maxLines: Math.max(MAX_WRAPPED_LINES, seg.text.split(/\r\n?|\n/).length),
    };
    const key = JSON.stringify(req);
    let block = blocks.get(key);
    if (!block) {
      block = renderBlock(req);
      blocks.set(key, block);
    }
    const b = await block;
    if (b.lines === 0) continue;
    const at = placeBlock(pos, b, W, H);
    out.push(rgbaToOverlay(b.image, at.x, at.y, win));
  }
  return out;
}
