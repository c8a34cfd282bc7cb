import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog, PhotoreelError } from '../src/errors.ts';

const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');

describe('error catalog', () => {
  it.each(Object.entries(catalog))('%s is documented with its code, status and key', (key, entry) => {
    const row = doc.split('\n').find((line) => line.startsWith(`| ${entry.code} |`));
    expect(row, `docs/errors.md has no row for ${entry.code}`).toBeDefined();
    expect(row).toContain(`| ${entry.status} |`);
    expect(row).toContain(`| ${key} |`);
  });

  it('every code documented is in the catalog (no row for a code that no longer exists)', () => {
    const known = new Set<number>(Object.values(catalog).map((e) => e.code));
    const documented = doc
      .split('\n')
      .map((line) => /^\| (\d+) \|/.exec(line)?.[1])
      .filter((c): c is string => c !== undefined)
      .map(Number);
    expect(documented.length).toBeGreaterThan(10);
    expect(documented.filter((c) => !known.has(c))).toEqual([]);
  });

  it('an error keeps the lower-level error it stands for as its cause, and never sends it', () => {
    const low = new Error('VipsJpeg: premature end of input file');
    const e = new PhotoreelError('FILE_DAMAGED', undefined, { file: 'a.jpg' }, { cause: low });
    expect(e.cause).toBe(low);
    expect(JSON.stringify(e)).not.toContain('premature');
  });

  it('codes are unique and messages are sentences that say what to do', () => {
    const codes = Object.values(catalog).map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const entry of Object.values(catalog)) {
      expect(entry.message).toMatch(/^[A-Za-z].*[.:]/);
    }
  });

  it('errors carry code, status and a JSON form', () => {
    const e = new PhotoreelError('FILE_TOO_LARGE', 'photo.jpg is 300 MB; the limit is 200 MB.');
    expect(e).toMatchObject({ code: 4002, status: 413, key: 'FILE_TOO_LARGE' });
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      code: 4002,
      message: 'photo.jpg is 300 MB; the limit is 200 MB.',
    });
  });
});
