import { z } from 'zod';
import type { Draft } from '../draft.ts';
import { presetOf, RESOLUTIONS, SHORT_SIDE, type Resolution } from '../presets.ts';
import { defineEdit, type EditFactory } from './define-edit.ts';

const even = z
  .int()
  .min(16)
  .max(4320)
  .refine((n) => n % 2 === 0, { message: 'must be an even number of pixels' });

export const setCanvasArgs = z
  .object({
    w: even.optional(),
    h: even.optional(),
    fps: z.number().min(1).max(120).optional(),
    /** 720, 1080, 1440 or 4k: scales the canvas, keeping its shape, so its shorter side is 720/1080/1440/2160 px. */
    resolution: z.enum(RESOLUTIONS).optional(),
    /** A preset name to record; `null` removes it. */
    preset: z.string().max(40).nullable().optional(),
  })
  .refine(
    (a) =>
      a.w !== undefined ||
      a.h !== undefined ||
      a.fps !== undefined ||
      a.preset !== undefined ||
      a.resolution !== undefined,
    { message: 'give at least one of w, h, fps, resolution, preset' },
  )
  .refine((a) => a.resolution === undefined || (a.w === undefined && a.h === undefined), {
    message: 'give either a resolution or w and h, not both',
  });

/** The canvas scaled so its shorter side is the resolution's (even pixels, the shape kept). */
function scaled(draft: Draft, resolution: Resolution): { w: number; h: number } {
  const k = SHORT_SIDE[resolution] / Math.min(draft.w, draft.h);
  const even = (n: number) => Math.min(4320, Math.max(16, Math.round((n * k) / 2) * 2));
  return { w: even(draft.w), h: even(draft.h) };
}

/**
 * `set_canvas`: output size, frame rate and preset name. A size that matches a preset records its name;
 * `resolution` changes the size and keeps the shape (vertical at 4k is 2160x3840).
 * Undone by set_canvas with the previous values of what it set (the preset too when the size changed).
 */
export const setCanvas: EditFactory<z.infer<typeof setCanvasArgs>> = defineEdit({
  name: 'set_canvas',
  args: setCanvasArgs,
  run(draft, a) {
    const size = a.resolution ? scaled(draft, a.resolution) : { w: a.w, h: a.h };
    if (size.w !== undefined) draft.w = size.w;
    if (size.h !== undefined) draft.h = size.h;
    if (a.fps !== undefined) draft.fps = a.fps;
    const preset =
      a.preset === null
        ? undefined
        : (a.preset ??
          (size.w !== undefined || size.h !== undefined ? presetOf(draft.w, draft.h) : draft.m.preset));
    if (preset) draft.m.preset = preset;
    else delete draft.m.preset;
    return draft;
  },
  inverse(before, a) {
    const sized = a.w !== undefined || a.h !== undefined || a.resolution !== undefined;
    return setCanvas({
      ...(a.w !== undefined || a.resolution !== undefined ? { w: before.w } : {}),
      ...(a.h !== undefined || a.resolution !== undefined ? { h: before.h } : {}),
      ...(a.fps !== undefined ? { fps: before.fps } : {}),
      ...(sized || a.preset !== undefined ? { preset: before.m.preset ?? null } : {}),
    });
  },
});
