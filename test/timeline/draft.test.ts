import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isPhotoreelError, PhotoreelError } from '../../src/errors.ts';
import { parseDraft, type DraftInput } from '../../src/timeline/draft.ts';
import { draftJsonSchemaText } from '../../src/timeline/json-schema.ts';

const valid: DraftInput = {
  v: 1,
  w: 1920,
  h: 1080,
  fps: 30,
  t: [
    {
      tt: 0,
      sg: [
        {
          src: 'a_1',
          d: 3000,
          m: { fit: 'cover', motion: { type: 'zoom-in', amount: 0.1 }, tr: { type: 'fade', d: 500 } },
        },
        { src: 'a_2', d: 3000, m: {} },
      ],
    },
    { tt: 1, sg: [{ src: 'a_m', s: 0, d: 6000, m: { volume: 0.35, fadeOut: 1000, loop: true } }] },
    {
      tt: 7,
      sg: [{ text: 'Urban Dreams', s: 0, d: 3000, m: { pos: 'center', size: 0.08, color: '#ffffff' } }],
    },
  ],
  m: { preset: 'youtube', name: 'Summer' },
};

function refusal(input: unknown): PhotoreelError {
  try {
    parseDraft(input);
  } catch (e) {
    if (isPhotoreelError(e)) return e;
    throw e;
  }
  throw new Error('draft was accepted');
}

describe('parseDraft', () => {
  it('accepts the spec example and keeps keys it does not know under m', () => {
    const draft = parseDraft({ ...valid, m: { ...valid.m, brandColour: '#ff0000' } });
    expect(draft.t).toHaveLength(3);
    expect(draft.m).toMatchObject({ brandColour: '#ff0000' });
  });

  it.each([
    ['odd width', { ...valid, w: 1921 }, 'w: must be an even number of pixels'],
    ['negative duration', { ...valid, t: [{ tt: 0, sg: [{ src: 'a', d: -5, m: {} }] }] }, 't[0].sg[0].d'],
    [
      'unknown transition',
      { ...valid, t: [{ tt: 0, sg: [{ src: 'a', d: 1000, m: { tr: { type: 'spin', d: 1 } } }] }] },
      'tr.type',
    ],
    [
      'unknown fit',
      { ...valid, t: [{ tt: 0, sg: [{ src: 'a', d: 1000, m: { fit: 'stretch' } }] }] },
      'm.fit',
    ],
    ['missing fps', { ...valid, fps: undefined }, 'fps'],
    [
      'bad colour',
      { ...valid, t: [{ tt: 7, sg: [{ text: 'x', s: 0, d: 1, m: { color: 'red' } }] }] },
      'colour like #ffffff',
    ],
  ])('refuses %s, naming the field', (_name, input, field) => {
    const e = refusal(input);
    expect(e.code).toBe(4100);
    expect(e.message).toContain(field);
  });

  it('refuses a transition longer than the shorter neighbour', () => {
    const input = {
      ...valid,
      t: [
        {
          tt: 0,
          sg: [
            { src: 'a', d: 3000, m: { tr: { type: 'fade', d: 1500 } } },
            { src: 'b', d: 1000, m: {} },
          ],
        },
      ],
    };
    expect(refusal(input).message).toContain('at most 1000 ms');
  });

  it('refuses a draft from a newer version with its own code', () => {
    const e = refusal({ ...valid, v: 2 });
    expect(e.code).toBe(4101);
    expect(e.message).toContain('version 2');
  });

  it('refuses things that are not drafts', () => {
    expect(refusal(null).code).toBe(4100);
    expect(refusal('draft').code).toBe(4100);
  });
});

describe('published JSON Schema', () => {
  it('is the one generated from the zod schema (run `npm run schema` after changing it)', () => {
    const published = readFileSync(new URL('../../schema/draft.schema.json', import.meta.url), 'utf8');
    expect(published).toBe(draftJsonSchemaText());
  });
});
