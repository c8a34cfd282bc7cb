import { z } from 'zod';
import { presetOf } from '../presets.ts';
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
    /** A preset name to record; `null` removes it. */
    preset: z.string().max(40).nullable().optional(),
  })
  .refine((a) => a.w !== undefined || a.h !== undefined || a.fps !== undefined || a.preset !== undefined, {
    message: 'give at least one of w, h, fps, preset',
  });

/**
 * `set_canvas`: output size, frame rate and preset name. A size that matches a preset records its name.
 * Undone by set_canvas with the previous values of what it set (the preset too when the size changed).
 */
export const setCanvas: EditFactory<z.infer<typeof setCanvasArgs>> = defineEdit({
  name: 'set_canvas',
  args: setCanvasArgs,
  run(draft, a) {
    if (a.w !== undefined) draft.w = a.w;
    if (a.h !== undefined) draft.h = a.h;
    if (a.fps !== undefined) draft.fps = a.fps;
    const preset =
      a.preset === null
        ? undefined
        : (a.preset ??
          (a.w !== undefined || a.h !== undefined ? presetOf(draft.w, draft.h) : draft.m.preset));
    if (preset) draft.m.preset = preset;
    else delete draft.m.preset;
    return draft;
  },
  inverse(before, a) {
    const sized = a.w !== undefined || a.h !== undefined;
    return setCanvas({
      ...(a.w !== undefined ? { w: before.w } : {}),
      ...(a.h !== undefined ? { h: before.h } : {}),
      ...(a.fps !== undefined ? { fps: before.fps } : {}),
      ...(sized || a.preset !== undefined ? { preset: before.m.preset ?? null } : {}),
    });
  },
});
