/**
 * Transitions of the frame path: `to` replaces `from` along one of the named transitions, drawn on
 * yuv420p frames (src/render/frame.ts). Every function here is pure, synchronous and deterministic (no
 * state between calls, no randomness), so it runs in the render worker threads. Each transition is
 * re-derived from what its name means (see docs/transitions.md); progress 0 is exactly `from`, 1 exactly `to`.
 */
import { PhotoreelError } from '../../errors.ts';
import type { NamedTransition } from '../../timeline/transitions.ts';
import type { Frame } from '../frame.ts';
import { buffers, copySpan } from './blend.ts';
import { drawCircle } from './circle.ts';
import { drawDissolve } from './dissolve.ts';
import { drawDistance } from './distance.ts';
import { drawDip, drawFade } from './fades.ts';
import { drawHblur } from './hblur.ts';
import { drawPixelize } from './pixelize.ts';
import { drawable, framePlanes } from './planes.ts';
import { drawRadial } from './radial.ts';
import { drawSlide } from './slides.ts';
import { drawSmoothWipe, drawWipe } from './wipes.ts';
import { drawZoom } from './zoom.ts';

/**
 * Draws transition `type` at `progress` (0..1, clamped) from `from` to `to` into `out`. The three frames
 * have one size; `out` must not share memory with `from` or `to`.
 */
export function drawTransition(
  type: NamedTransition,
  from: Frame,
  to: Frame,
  progress: number,
  out: Frame,
): void {
  if (!drawable(from, to, out)) {
    throw new PhotoreelError(
      'INTERNAL_ERROR',
      'A transition was given frames of different sizes, or an output that overlaps an input.',
    );
  }
  const b = buffers(from, to, out);
  if (!(progress > 0)) return copySpan(b.out, b.from, 0, b.out.length);
  if (progress >= 1) return copySpan(b.out, b.to, 0, b.out.length);
  const planes = framePlanes(out.w, out.h);
  switch (type) {
    case 'fade':
      return drawFade(b, progress);
    case 'fadeblack':
      return drawDip(b, planes, progress, 'black');
    case 'fadewhite':
      return drawDip(b, planes, progress, 'white');
    case 'dissolve':
      return drawDissolve(b, planes, progress);
    case 'wipeleft':
      return drawWipe(b, planes, progress, 'left');
    case 'wiperight':
      return drawWipe(b, planes, progress, 'right');
    case 'wipeup':
      return drawWipe(b, planes, progress, 'up');
    case 'wipedown':
      return drawWipe(b, planes, progress, 'down');
    case 'slideleft':
      return drawSlide(b, planes, progress, 'left');
    case 'slideright':
      return drawSlide(b, planes, progress, 'right');
    case 'slideup':
      return drawSlide(b, planes, progress, 'up');
    case 'slidedown':
      return drawSlide(b, planes, progress, 'down');
    case 'smoothleft':
      return drawSmoothWipe(b, planes, progress, 'left');
    case 'smoothright':
      return drawSmoothWipe(b, planes, progress, 'right');
    case 'smoothup':
      return drawSmoothWipe(b, planes, progress, 'up');
    case 'smoothdown':
      return drawSmoothWipe(b, planes, progress, 'down');
    case 'circleopen':
      return drawCircle(b, planes, progress, true);
    case 'circleclose':
      return drawCircle(b, planes, progress, false);
    case 'radial':
      return drawRadial(b, planes, progress);
    case 'zoomin':
      return drawZoom(b, planes, progress);
    case 'pixelize':
      return drawPixelize(b, planes, progress);
    case 'hblur':
      return drawHblur(b, planes, progress);
    case 'distance':
      return drawDistance(b, planes, progress);
    default: {
      const unknown: never = type;
      throw new PhotoreelError('INTERNAL_ERROR', `There is no transition named ${String(unknown)}.`);
    }
  }
}
