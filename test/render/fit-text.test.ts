import { describe, expect, it } from 'vitest';
import { fitText, textWidthEm } from '../../src/render/fit-text.ts';

describe('fitText', () => {
  it('keeps short text on one line at the asked size', () => {
    expect(fitText('Title', 40, { width: 600, height: 400 })).toEqual({ size: 40, lines: ['Title'] });
  });

  it('wraps at spaces, keeps the words whole and every line inside the width', () => {
    const text = 'A very long title about our summer holiday in the mountains';
    const f = fitText(text, 40, { width: 400, height: 600 });
    expect(f.lines.length).toBeGreaterThan(1);
    expect(f.lines.length).toBeLessThanOrEqual(3);
    expect(f.lines.join(' ')).toBe(text);
    for (const line of f.lines) expect(textWidthEm(line) * f.size).toBeLessThanOrEqual(400);
  });

  it('breaks CJK between characters and counts it at one em', () => {
    const f = fitText('夏天的山里度假回忆夏天的山里度假回忆', 40, { width: 400, height: 600 });
    expect(f.lines.join('')).toBe('夏天的山里度假回忆夏天的山里度假回忆');
    for (const line of f.lines) expect(line.length * f.size).toBeLessThanOrEqual(400);
  });

  it('shrinks when three lines are not enough, and keeps the lines the user typed', () => {
    const long = 'word '.repeat(25).trim();
    const f = fitText(long, 40, { width: 400, height: 600 });
    expect(f.size).toBeLessThan(40);
    expect(f.lines.length).toBeLessThanOrEqual(3);
    const typed = fitText('one\ntwo\nthree\nfour', 40, { width: 400, height: 600 });
    expect(typed.lines).toEqual(['one', 'two', 'three', 'four']);
  });

  it('cuts a word too long for any line at the smallest size', () => {
    const f = fitText('x'.repeat(200), 40, { width: 300, height: 600 });
    expect(f.size).toBe(8);
    for (const line of f.lines) expect(textWidthEm(line) * 8).toBeLessThanOrEqual(300);
  });
});
