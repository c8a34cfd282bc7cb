import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { probe } from '../helpers/video.ts';
import { runCli, tempDir } from './cli-helpers.ts';

describe('photoreel demo', () => {
  it('renders the bundled samples with music and a title', async () => {
    const { dir, cleanup } = await tempDir();
    try {
      const run = await runCli(['demo', '--preset', 'youtube-720', '-o', 'demo.mp4'], dir);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/1\. Video: \d+ photos .* 2\. BGM: .* 3\. Title: "photoreel"/);
      const p = await probe(path.join(dir, 'demo.mp4'));
      expect(p.video).toMatchObject({ width: 1280, height: 720, codec: 'h264' });
      expect(p.audio?.sampleRate).toBe(48000);
      expect(p.video?.duration).toBeGreaterThan(5);
    } finally {
      await cleanup();
    }
  });
});
