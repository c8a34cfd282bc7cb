/** PUT /api/state/<app>/<user>/<session>/draft in process: saved as one undo step, validated, owned, free. */
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

type Auth = Record<string, string>;

describe('PUT …/draft', () => {
  let t: TestApp;
  let session: string;
  let auth: Auth;
  let photos: string[];

  async function upload(sessionId: string, headers: Auth, names: string[]): Promise<string[]> {
    const parts = await Promise.all(
      names.map(async (name, i) => ({
        filename: name,
        data: await readFile(
          await makePhoto(path.join(t.dir, name), { width: 320, height: 240, hue: i + 1 }),
        ),
      })),
    );
    const r = await injectUpload(t.app, headers, sessionId, parts);
    expect(r.statusCode, r.body).toBe(200);
    return (r.json().data.files as { id: string }[]).map((f) => f.id);
  }

  const put = (sessionId: string, payload: unknown, headers: Record<string, string> = auth) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/state/nemo_agent/me/${sessionId}/draft`,
      headers: { ...headers, 'content-type': 'application/json' },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  const state = async () =>
    (
      await t.app.inject({ method: 'GET', url: `/api/state/nemo_agent/me/${session}/latest`, headers: auth })
    ).json().data.state as {
      draft: { w: number; h: number; t: { tt: number; sg: { src: string; d: number }[] }[] };
    };

  const credits = async () =>
    (await t.app.inject({ method: 'GET', url: '/api/credits/balance/simple', headers: auth })).json()
      .data as {
      available: number;
    };

  async function say(text: string): Promise<string[]> {
    const r = await injectInstruction(t.app, auth, session, text);
    expect(r.statusCode).toBe(200);
    const parts = parseSse(r.body).events.flatMap(partsOf);
    expect(parts.some((p) => (p as { error?: unknown }).error)).toBe(false);
    return parts.filter((p) => typeof p.text === 'string').map((p) => p.text as string);
  }

  const small = (srcs: string[], d = 1000) => ({
    v: 1,
    w: 320,
    h: 180,
    fps: 10,
    t: [{ tt: 0, sg: srcs.map((src) => ({ src, d })) }],
  });

  beforeAll(async () => {
    t = await testApp();
    ({ session, auth } = await tokenAndSession(t.app, 'd4af7000-0000-4000-8000-000000000001'));
    photos = await upload(session, auth, ['a.jpg', 'b.jpg', 'c.jpg']);
  });
  afterAll(() => t.close());

  it('replaces the draft for free, answers it with its summary, and undo through run_sse restores the previous one', async () => {
    await say('turn these photos into a slideshow');
    const before = (await state()).draft;
    expect(before.t.find((x) => x.tt === 0)?.sg).toHaveLength(3);
    const balance = (await credits()).available;

    const r = await put(session, { draft: small([photos[2]!, photos[0]!]) });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.code).toBe(0);
    expect(body.data.draft).toMatchObject({
      w: 320,
      h: 180,
      t: [{ tt: 0, sg: [{ src: photos[2] }, { src: photos[0] }] }],
    });
    expect(body.data.summary).toMatch(/^Timeline \(1 track\): 1\. Video: 2 photos \(0-2s\)/);
    expect((await state()).draft).toEqual(body.data.draft);
    expect((await credits()).available).toBe(balance);

    // Instructions go on editing the draft that was set.
    await say('3 seconds each');
    expect((await state()).draft.t[0]!.sg.map((s) => s.d)).toEqual([3000, 3000]);

    await say('undo');
    expect((await state()).draft).toEqual(body.data.draft);
    const undone = await say('undo');
    expect(undone.join(' ')).toMatch(/Undid/);
    expect((await state()).draft).toEqual(before);
    await say('redo');
    expect((await state()).draft).toEqual(body.data.draft);
  });

  it('1001 without a token or with a wrong one', async () => {
    for (const headers of [{}, { authorization: 'Bearer nope' }] as Auth[]) {
      const r = await put(session, { draft: small([photos[0]!]) }, headers);
      expect(r.statusCode).toBe(401);
      expect(r.json()).toMatchObject({ code: 1001, data: null });
    }
  });

  it('1002 for another token’s session, exactly as for a missing one', async () => {
    const other = await tokenAndSession(t.app, 'd4af7000-0000-4000-8000-000000000002');
    const before = (await state()).draft;
    const cross = await put(session, { draft: small([photos[0]!]) }, other.auth);
    const missing = await put('s_doesnotexist', { draft: small([photos[0]!]) }, other.auth);
    expect(cross.statusCode).toBe(404);
    expect(cross.json()).toMatchObject({ code: 1002 });
    expect(cross.body).toBe(missing.body);
    expect((await state()).draft).toEqual(before);
  });

  it('4100 naming the field, 4101 for a newer version; nothing saved', async () => {
    const before = (await state()).draft;
    const odd = await put(session, { draft: { ...small([photos[0]!]), w: 321 } });
    expect(odd.statusCode).toBe(400);
    expect(odd.json().code).toBe(4100);
    expect(odd.json().message).toMatch(/\bw\b/);
    const noDuration = await put(session, {
      draft: { ...small([]), t: [{ tt: 0, sg: [{ src: photos[0] }] }] },
    });
    expect(noDuration.json().code).toBe(4100);
    expect(noDuration.json().message).toMatch(/t\[0\]\.sg\[0\]\.d/);
    const newer = await put(session, { draft: { ...small([photos[0]!]), v: 2 } });
    expect(newer.statusCode).toBe(400);
    expect(newer.json().code).toBe(4101);
    expect((await state()).draft).toEqual(before);
  });

  it('4004 for an asset of another session, naming the item', async () => {
    const { session: otherSession } = await tokenAndSession(t.app, 'd4af7000-0000-4000-8000-000000000001');
    expect(otherSession).not.toBe(session);
    const [foreign] = await upload(otherSession, auth, ['elsewhere.jpg']);
    const before = (await state()).draft;
    const r = await put(session, { draft: small([photos[0]!, foreign!]) });
    expect(r.statusCode).toBe(404);
    expect(r.json().code).toBe(4004);
    expect(r.json().message).toMatch(/t\[0\]\.sg\[1\]\.src/);
    expect((await state()).draft).toEqual(before);
  });

  it('400 for a malformed body', async () => {
    for (const payload of ['{"draft": ', '{}', '{"drafts": {}}', '[]', '{"draft": null}']) {
      const r = await put(session, payload);
      expect(r.statusCode, payload).toBe(400);
      expect(r.json().code, payload).toBe(400);
    }
  });

  it('is in the OpenAPI document with the draft schema', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const op = doc.paths['/api/state/{app}/{user}/{sessionId}/draft']?.put;
    expect(op).toBeDefined();
    expect(JSON.stringify(op.requestBody)).toMatch(/"fps"/);
  });
});

describe('PUT …/draft rate limit', () => {
  it('is limited per token like /run_sse (PHOTOREEL_RATE_INSTRUCTIONS_PER_MIN): 429 with Retry-After', async () => {
    const t = await testApp({ rateInstructionsPerMin: 2 });
    try {
      const { session, auth } = await tokenAndSession(t.app);
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await t.app.inject({
          method: 'PUT',
          url: `/api/state/nemo_agent/me/${session}/draft`,
          headers: auth,
          payload: { draft: { v: 1, w: 320, h: 180, fps: 10, t: [] } },
        });
        codes.push(r.json().code);
        if (i === 2) expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      }
      expect(codes).toEqual([0, 0, 429]);
    } finally {
      await t.close();
    }
  });
});
