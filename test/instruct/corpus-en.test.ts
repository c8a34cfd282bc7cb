import { describe, it } from 'vitest';
import { check } from './check.ts';
import { EN } from './cases-en.ts';

describe('instruction corpus: English', () => {
  it.each(EN)('%s', (text, expected) => check(text, expected));
});
