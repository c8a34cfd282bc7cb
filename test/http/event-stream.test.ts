import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startHeartbeat } from '../../src/http/event-stream.ts';

describe('heartbeat', () => {
  it('sends `: heartbeat` at its interval while work runs, and stops with it', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (c: Buffer) => (text += c.toString()));
    const stop = startHeartbeat({ comment: (t) => out.write(`: ${t}\n\n`) }, 20);
    await new Promise((r) => setTimeout(r, 110));
    stop();
    const n = text.split(': heartbeat\n\n').length - 1;
    expect(n).toBeGreaterThanOrEqual(3);
    await new Promise((r) => setTimeout(r, 60));
    expect(text.split(': heartbeat\n\n').length - 1).toBe(n);
  });
});
