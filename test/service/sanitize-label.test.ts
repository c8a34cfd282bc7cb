import { describe, expect, it } from 'vitest';
import { sanitizeLabel } from '../../src/service/sanitize-label.ts';

describe('sanitizeLabel', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\system.ini', 'system.ini'],
    ['evil\u0000name.jpg', 'evilname.jpg'],
    ['photo\u202egpj.exe', 'photogpj.exe'],
    ['\u2066bidi\u2069.png', 'bidi.png'],
    ['.hidden.jpg', 'hidden.jpg'],
    ['🌅 sunset.jpg', '🌅 sunset.jpg'],
    ['  spaced\tout\nname.png ', 'spaced out name.png'],
    ['', 'file'],
    ['../', 'file'],
    [undefined, 'file'],
  ])('%j becomes %j', (input, out) => {
    expect(sanitizeLabel(input)).toBe(out);
  });

  it('cuts long names to 100 characters, keeping the extension', () => {
    const l = sanitizeLabel(`${'a'.repeat(500)}.jpg`);
    expect(Array.from(l)).toHaveLength(100);
    expect(l.endsWith('.jpg')).toBe(true);
  });
});
