import { describe, it } from 'vitest';
import { check } from './check.ts';
import { V2 } from './cases-v2.ts';

describe('instruction corpus: v2 kinds (arithmetic, several photos, corrections, text, name, not possible)', () => {
  it.each(V2)('%s', (text, expected) => check(text, expected));
});
