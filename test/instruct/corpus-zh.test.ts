import { describe, it } from 'vitest';
import { check } from './check.ts';
import { ZH } from './cases-zh.ts';

describe('instruction corpus: Chinese', () => {
  it.each(ZH)('%s', (text, expected) => check(text, expected));
});
