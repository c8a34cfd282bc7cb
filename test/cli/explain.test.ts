import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './cli-helpers.ts';

describe('photoreel explain', () => {
  it('prints the edits and the reply, ending with the summary, without rendering', async () => {
    const { dir, cleanup } = await tempDir();
    const run = await runCli(['explain', 'make it vertical, 2 seconds each'], dir);
    await cleanup();
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Timeline \(2 tracks\): 1\. Video: 5 photos \(0-10s\)/);
  });

  it('prints the resulting draft with --json', async () => {
    const { dir, cleanup } = await tempDir();
    const run = await runCli(['explain', '--json', '把它变成竖屏'], dir);
    await cleanup();
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ w: 1080, h: 1920 });
  });
});
