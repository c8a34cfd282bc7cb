import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { totalFrames } from '../src/timeline/timing.ts';
import { parseDraft } from '../src/timeline/draft.ts';
import { runCli, tempDir } from './cli/cli-helpers.ts';
import { probe } from './helpers/video.ts';

const dir = fileURLToPath(new URL('../examples/', import.meta.url));
const examples = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('examples render as documented', () => {
  it('has examples', () => expect(examples.length).toBeGreaterThan(0));

  it.each(examples)('%s', async (file) => {
    const draft = parseDraft(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
    const out = await tempDir();
    try {
      const run = await runCli(
        ['render', path.join(dir, file), '-o', path.join(out.dir, 'out.mp4')],
        out.dir,
      );
      expect(run.code, run.stderr).toBe(0);
      const p = await probe(path.join(out.dir, 'out.mp4'));
      expect(p.video).toMatchObject({ width: draft.w, height: draft.h, frames: totalFrames(draft) });
      expect(p.audio?.sampleRate).toBe(48000);
    } finally {
      await out.cleanup();
    }
  });
});
