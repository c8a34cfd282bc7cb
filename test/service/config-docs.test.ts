import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CONFIG_ENV, loadConfig } from '../../src/service/config.ts';

describe('the configuration table in docs/api.md', () => {
  it('has a row for every setting, with its default', async () => {
    const doc = await readFile(new URL('../../docs/api.md', import.meta.url), 'utf8');
    const defaults = loadConfig() as Record<string, unknown>;
    const missing: string[] = [];
    for (const [name, key] of Object.entries(CONFIG_ENV)) {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${name}\` |`));
      if (!row) {
        missing.push(name);
        continue;
      }
      const v = defaults[key];
      if (typeof v === 'number' && !['renderConcurrency', 'port'].includes(key))
        expect(row, name).toContain(`| ${v} |`);
    }
    expect(missing).toEqual([]);
  });
});
