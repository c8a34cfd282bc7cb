/** run_sse in process: the events of an instruction, routed words, undo across requests, what is charged. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePhoto } from '../helpers/media.ts';
import {
  injectInstruction,
  injectUpload,
  parseSse,
  partsOf,
  testApp,
  tokenAndSession,
  type TestApp,
} from '../helpers/server.ts';

describe('instructions', () => {
  let t: TestApp;
  let session: string;
  let auth: Record<string, string>;
  beforeAll(async () => {
    t = await testApp();
    ({ session, auth } = await tokenAndSession(t.app));
    const photo = await readFile(await makePhoto(path.join(t.dir, 'p.jpg')));
    await injectUpload(t.app, auth, session, [
      { filename: 'a.jpg', data: photo },
      { filename: 'b.jpg', data: photo },
    ]);
  });
  afterAll(() => t.close());

  async function say(text: string) {
    const r = await injectInstruction(t.app, auth, session, text);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/event-stream/);
    const parts = parseSse(r.body).events.flatMap(partsOf);
    return {
      calls: parts.filter((p) => p.functionCall).map((p) => (p.functionCall as { name: string }).name),
      responses: parts.filter((p) => p.functionResponse).length,
      texts: parts.filter((p) => typeof p.text === 'string').map((p) => p.text as string),
    };
  }
  const state = async () =>
    (
      await t.app.inject({ method: 'GET', url: `/api/state/nemo_agent/me/${session}/latest`, headers: auth })
    ).json().data.state as {
      draft: { w: number; h: number };
    };
  const balance = async () =>
    (await t.app.inject({ method: 'GET', url: '/api/credits/balance/simple', headers: auth })).json().data;

  it('streams each edit as a call and its response, then the reply ending with the summary; charges 1', async () => {
    const r = await say('turn these photos into a video, 2 seconds each');
    expect(r.calls.length).toBeGreaterThan(0);
    expect(r.responses).toBe(r.calls.length);
    expect(r.texts.at(-1)).toMatch(/Timeline \(\d+ tracks?\): 1\. Video: 2 photos \(0-4s\)$/);
    expect(await balance()).toEqual({ available: 99, frozen: 0, total: 99 });
  });

  it('keeps the undo history across requests', async () => {
    await say('make it vertical');
    expect((await state()).draft).toMatchObject({ w: 1080, h: 1920 });
    await say('undo');
    expect((await state()).draft).toMatchObject({ w: 1920, h: 1080 });
  });

  it('answers routed words with useful text, free of charge', async () => {
    const before = await balance();
    const credits = await say('credits');
    expect(credits.texts.join(' ')).toContain(`${before.available} available`);
    const zh = await say('积分');
    expect(zh.texts.join(' ')).toContain(`可用 ${before.available}`);
    const exp = await say('export');
    expect(exp.texts.join(' ')).toContain('/api/render/proxy/lambda');
    const status = await say('status');
    expect(status.texts.join(' ')).toMatch(/2 media uploaded/);
    const upload = await say('upload');
    expect(upload.texts.join(' ')).toContain(`/api/upload-video/nemo_agent/me/${session}`);
    const nonsense = await say('blah blah');
    expect(nonsense.texts.join(' ')).toContain('blah blah');
    expect(await balance()).toEqual(before);
  });
});
