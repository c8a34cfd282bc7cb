/**
 * Credits under concurrent instructions over real HTTP: N parallel run_sse with fewer credits than N.
 * The balance never goes negative, nothing stays frozen, and each instruction that changed the draft is charged once.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/start/start-server.ts';
import { makePhoto } from '../helpers/media.ts';
import {
  httpSession,
  httpToken,
  parseSse,
  partsOf,
  postInstruction,
  tempDir,
  testConfig,
} from '../helpers/server.ts';

describe('credits under concurrent instructions', () => {
  let server: RunningServer;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let photo: Buffer;
  beforeAll(async () => {
    tmp = await tempDir('photoreel-credits-');
    server = await startServer(
      testConfig(path.join(tmp.dir, 'data'), { creditsPerToken: 3, serveWorker: false }),
    );
    photo = await readFile(await makePhoto(path.join(tmp.dir, 'p.jpg')));
  });
  afterAll(async () => {
    await server.close();
    await tmp.cleanup();
  });

  async function setup(clientId: string, sessions: number) {
    const { headers } = await httpToken(server.url, clientId);
    const ids: string[] = [];
    for (let i = 0; i < sessions; i++) {
      const session = await httpSession(server.url, headers, { task_name: 'p', language: 'en' });
      const form = new FormData();
      form.append('files', new Blob([new Uint8Array(photo)]), 'a.jpg');
      form.append('files', new Blob([new Uint8Array(photo)]), 'b.jpg');
      await fetch(`${server.url}/api/upload-video/nemo_agent/me/${session}`, {
        method: 'POST',
        headers,
        body: form,
      });
      ids.push(session);
    }
    return { headers, ids };
  }

  const instruct = (headers: Record<string, string>, session: string, text: string) =>
    postInstruction(server.url, headers, session, text);

  async function outcome(r: Response): Promise<'charged' | 'free' | number> {
    if (r.status !== 200) return ((await r.json()) as { code: number }).code;
    const parts = parseSse(await r.text()).events.flatMap(partsOf);
    return parts.some((p) => p.functionCall) ? 'charged' : 'free';
  }

  async function balance(headers: Record<string, string>) {
    return (
      (await (await fetch(`${server.url}/api/credits/balance/simple`, { headers })).json()) as {
        data: { available: number; frozen: number; total: number };
      }
    ).data;
  }

  it('8 instructions on 8 sessions with 3 credits: 3 run, 5 answer 2001, nothing frozen', async () => {
    const { headers, ids } = await setup('c0c0c0c0-0000-4000-8000-000000000001', 8);
    const results = await Promise.all(
      ids.map(async (s) =>
        outcome(await instruct(headers, s, 'turn these photos into a video, 2 seconds each')),
      ),
    );
    expect(results.filter((r) => r === 'charged')).toHaveLength(3);
    expect(results.filter((r) => r === 2001)).toHaveLength(5);
    expect(await balance(headers)).toEqual({ available: 0, frozen: 0, total: 0 });
  });

  it('6 instructions on one session with 3 credits: each success charged once, draft saved whole', async () => {
    const { headers, ids } = await setup('c0c0c0c0-0000-4000-8000-000000000002', 1);
    const session = ids[0] as string;
    const results = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(async (n) =>
        outcome(await instruct(headers, session, `turn these photos into a video, ${n} seconds each`)),
      ),
    );
    const charged = results.filter((r) => r === 'charged').length;
    expect(
      results.filter((r) => r === 2001).length + charged + results.filter((r) => r === 'free').length,
    ).toBe(6);
    expect(charged).toBeLessThanOrEqual(3);
    const b = await balance(headers);
    expect(b.frozen).toBe(0);
    expect(b.available).toBe(3 - charged);
    const st = (await (
      await fetch(`${server.url}/api/state/nemo_agent/me/${session}/latest`, { headers })
    ).json()) as {
      data: { state: { draft: { t: { tt: number; sg: { d: number }[] }[] } } };
    };
    const video = st.data.state.draft.t.find((t) => t.tt === 0);
    expect(video?.sg).toHaveLength(2);
    expect(new Set(video?.sg.map((g) => g.d)).size).toBe(1);
  });
});
