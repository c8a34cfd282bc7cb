import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/service/config.ts';
import { checkExportLimits, estimateExport } from '../../src/service/export-limits.ts';
import { parseDraft, type Draft } from '../../src/timeline/draft.ts';

/** A draft of `items` photos of `d` ms each on a w×h canvas at fps. */
function draft(w: number, h: number, fps: number, items: number, d: number): Draft {
  return parseDraft({
    v: 1,
    w,
    h,
    fps,
    t: [{ tt: 0, sg: Array.from({ length: items }, (_, i) => ({ src: `a_${i}`, d })) }],
  });
}

const limits = loadConfig();

function refusal(d: Draft, l = limits): { key: string; code: number; status: number; details: unknown } {
  try {
    checkExportLimits(d, l);
  } catch (e) {
    const err = e as { key: string; code: number; status: number; details: unknown; message: string };
    return { key: err.key, code: err.code, status: err.status, details: err.details };
  }
  throw new Error('not refused');
}

describe('export limits', () => {
  it('has defaults that fit social video: 10 minutes, 4K either way, 60 fps, 10 minutes of 1080p60', () => {
    expect(limits).toMatchObject({
      maxVideoSeconds: 600,
      maxCanvasSide: 3840,
      maxCanvasPixels: 8_294_400,
      maxFps: 60,
      maxExportCost: 74_649_600_000,
      maxRendersPerToken: 3,
      maxRendersTotal: 100,
      queueTimeoutMs: 1500,
    });
    expect(
      loadConfig({}, { PHOTOREEL_MAX_VIDEO_SECONDS: '30', PHOTOREEL_MAX_EXPORT_COST: '1000' }),
    ).toMatchObject({ maxVideoSeconds: 30, maxExportCost: 1000 });
  });

  it('estimates frames × pixels exactly', () => {
    expect(estimateExport(draft(1920, 1080, 30, 2, 1500))).toEqual({
      durationMs: 3000,
      frames: 90,
      pixels: 2_073_600,
      cost: 186_624_000,
    });
    expect(estimateExport(draft(1080, 1920, 25, 3, 1000)).cost).toBe(75 * 2_073_600);
  });

  it('accepts exactly the limits: 10 minutes, 3840x2160 and 2160x3840, 60 fps, the cost at its maximum', () => {
    expect(checkExportLimits(draft(1920, 1080, 60, 100, 6000), limits).cost).toBe(74_649_600_000);
    expect(checkExportLimits(draft(3840, 2160, 30, 1, 1000), limits).pixels).toBe(8_294_400);
    expect(checkExportLimits(draft(2160, 3840, 30, 1, 1000), limits).pixels).toBe(8_294_400);
    expect(checkExportLimits(draft(2880, 2880, 30, 1, 1000), limits).pixels).toBe(8_294_400);
  });

  it('refuses a video one millisecond over the length with 4201 (422)', () => {
    expect(refusal(draft(640, 360, 30, 2, 300_001))).toEqual({
      key: 'EXPORT_TOO_LONG',
      code: 4201,
      status: 422,
      details: { limit: 'maxVideoSeconds', max: 600, actual: 600.002 },
    });
    // The attack: a 24-hour draft.
    expect(refusal(draft(1920, 1080, 60, 1, 24 * 3600 * 1000)).code).toBe(4201);
  });

  it('refuses a canvas over 4K by its longer side or by its pixels with 4202', () => {
    expect(refusal(draft(3842, 2160, 30, 1, 1000))).toMatchObject({
      code: 4202,
      status: 422,
      details: { limit: 'maxCanvasSide', max: 3840, actual: 3842 },
    });
    expect(refusal(draft(2160, 4320, 30, 1, 1000))).toMatchObject({
      details: { limit: 'maxCanvasSide', actual: 4320 },
    });
    expect(refusal(draft(2882, 2880, 30, 1, 1000))).toMatchObject({
      code: 4202,
      details: { limit: 'maxCanvasPixels', max: 8_294_400, actual: 8_300_160 },
    });
  });

  it('refuses a frame rate over 60 with 4203', () => {
    expect(refusal(draft(640, 360, 61, 1, 1000))).toEqual({
      key: 'EXPORT_FPS_TOO_HIGH',
      code: 4203,
      status: 422,
      details: { limit: 'maxFps', max: 60, actual: 61 },
    });
  });

  it('refuses a cost one frame over the maximum with 4204, though each other limit is met', () => {
    // 10 minutes of 1080p60 plus one frame (a sixtieth of a second rounds to one frame).
    const d = draft(1920, 1080, 60, 101, 6000);
    const over = parseDraft({ ...d, t: [{ tt: 0, sg: [...d.t[0]!.sg.slice(0, 100), { src: 'x', d: 17 }] }] });
    expect(refusal(over, { ...limits, maxVideoSeconds: 601 })).toEqual({
      key: 'EXPORT_TOO_COSTLY',
      code: 4204,
      status: 422,
      details: { limit: 'maxExportCost', max: 74_649_600_000, actual: 74_651_673_600 },
    });
    // 4K at 60 fps is allowed for 2.5 minutes, not 3.
    expect(checkExportLimits(draft(3840, 2160, 60, 1, 150_000), limits).frames).toBe(9000);
    expect(refusal(draft(3840, 2160, 60, 1, 180_000)).code).toBe(4204);
  });
});
