/** POST /api/state/<app>/<user>/<session>/edits in process: one undo step, free, validated, owned, limited. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMusic, makePhoto } from '../helpers/media.ts';
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
interface Seg {
  src: string;
  d: number;
  m?: Record<string, unknown>;
}
interface DraftShape {
  w: number;
  h: number;
  t: { tt: number; sg: Seg[] }[];
}

async function upload(t: TestApp, sessionId: string, headers: Auth, names: string[]): Promise<string[]> {
  const parts = await Promise.all(
    names.map(async (name, i) => ({
      filename: name,
      data: await readFile(await makePhoto(path.join(t.dir, name), { width: 320, height: 240, hue: i + 1 })),
    })),
  );
  const r = await injectUpload(t.app, headers, sessionId, parts);
  expect(r.statusCode, r.body).toBe(200);
  return (r.json().data.files as { id: string }[]).map((f) => f.id);
}

const slideshow = (srcs: string[], d = 1000) => ({
  v: 1,
  w: 320,
  h: 180,
  fps: 10,
  t: [{ tt: 0, sg: srcs.map((src) => ({ src, d })) }],
});

describe('POST …/edits', () => {
  let t: TestApp;
  let session: string;
  let auth: Auth;
  let photos: string[];

  const post = (payload: unknown, headers: Auth = auth, sessionId = session) =>
    t.app.inject({
      method: 'POST',
      url: `/api/state/nemo_agent/me/${sessionId}/edits`,
      headers: { ...headers, 'content-type': 'application/json' },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  const latest = async () =>
    (
      await t.app.inject({ method: 'GET', url: `/api/state/nemo_agent/me/${session}/latest`, headers: auth })
    ).json();
  const draft = async () => (await latest()).data.state.draft as DraftShape;
  const credits = async () =>
    (await t.app.inject({ method: 'GET', url: '/api/credits/balance/simple', headers: auth })).json()
      .data as {
      available: number;
      frozen: number;
    };

  async function say(text: string): Promise<string> {
    const r = await injectInstruction(t.app, auth, session, text);
    expect(r.statusCode).toBe(200);
    const parts = parseSse(r.body).events.flatMap(partsOf);
    expect(parts.some((p) => (p as { error?: unknown }).error)).toBe(false);
    return parts.flatMap((p) => (typeof p.text === 'string' ? [p.text] : [])).join(' ');
  }

  beforeAll(async () => {
    t = await testApp();
    ({ session, auth } = await tokenAndSession(t.app, 'ed175000-0000-4000-8000-000000000001'));
    photos = await upload(t, session, auth, ['a.jpg', 'b.jpg', 'c.jpg']);
    const r = await t.app.inject({
      method: 'PUT',
      url: `/api/state/nemo_agent/me/${session}/draft`,
      headers: auth,
      payload: { draft: slideshow(photos) },
    });
    expect(r.statusCode, r.body).toBe(200);
  });
  afterAll(() => t.close());

  it('applies several edits as ONE undo step, for free, answering the same body as GET …/latest', async () => {
    const before = await draft();
    const balance = await credits();

    const r = await post({
      edits: [
        { name: 'set_item_duration', args: { items: [0], ms: 2500 } },
        { name: 'move_item', args: { from: 0, to: 2 } },
        { name: 'set_fit', args: { items: 'all', fit: 'contain' } },
      ],
    });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.code).toBe(0);
    // The same reader works for both: the answer is the session state, draft included.
    const state = await latest();
    expect(body).toEqual(state);
    const after = body.data.state.draft as DraftShape;
    expect(after.t[0]!.sg.map((s) => s.src)).toEqual([photos[1], photos[2], photos[0]]);
    expect(after.t[0]!.sg.map((s) => s.d)).toEqual([1000, 1000, 2500]);
    expect(after.t[0]!.sg.every((s) => s.m?.fit === 'contain')).toBe(true);
    // Free: nothing charged, nothing frozen.
    expect(await credits()).toEqual(balance);

    // One undo takes the whole request back; redo brings all of it again.
    await say('undo');
    expect(await draft()).toEqual(before);
    await say('redo');
    expect(await draft()).toEqual(after);
    await say('undo');
    expect(await draft()).toEqual(before);
  });

  it('each request is its own step: three presses are three undo steps, and each can be undone', async () => {
    const start = await draft();
    const seen: DraftShape[] = [];
    for (const ms of [1100, 1200, 1300]) {
      const r = await post({ edits: [{ name: 'set_item_duration', args: { items: [1], ms } }] });
      expect(r.statusCode, r.body).toBe(200);
      seen.push(r.json().data.state.draft as DraftShape);
    }
    expect(seen.map((d) => d.t[0]!.sg[1]!.d)).toEqual([1100, 1200, 1300]);
    await say('undo');
    expect(await draft()).toEqual(seen[1]);
    await say('undo');
    expect(await draft()).toEqual(seen[0]);
    await say('undo');
    expect(await draft()).toEqual(start);
  });

  it('POST …/undo and …/redo step through the same history for free, answering the session state', async () => {
    const step = (direction: 'undo' | 'redo', headers: Auth = auth) =>
      t.app.inject({
        method: 'POST',
        url: `/api/state/nemo_agent/me/${session}/${direction}`,
        headers,
      });
    const before = await draft();
    const balance = await credits();
    const r = await post({
      edits: [
        { name: 'set_fit', args: { items: 'all', fit: 'blur' } },
        { name: 'move_item', args: { from: 2, to: 0 } },
      ],
    });
    const after = r.json().data.state.draft as DraftShape;
    const undone = await step('undo');
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json()).toEqual(await latest());
    expect(undone.json().data.state.draft).toEqual(before);
    const redone = await step('redo');
    expect(redone.json().data.state.draft).toEqual(after);
    // Nothing to redo: the state as it is.
    expect((await step('redo')).json().data.state.draft).toEqual(after);
    expect(await credits()).toEqual(balance);
    // Words undo the same steps (for a credit).
    await say('undo');
    expect(await draft()).toEqual(before);
    const other = await tokenAndSession(t.app, 'ed175000-0000-4000-8000-000000000003');
    const cross = await step('redo', other.auth);
    expect(cross.statusCode).toBe(404);
    expect(cross.json().code).toBe(1002);
    expect(await draft()).toEqual(before);
  });

  it('an edit that changes nothing records no undo step and costs nothing', async () => {
    const before = await draft();
    const d = before.t[0]!.sg[0]!.d;
    const r = await post({ edits: [{ name: 'set_item_duration', args: { items: [0], ms: d } }] });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().data.state.draft).toEqual(before);
  });

  it('invalid edits answer their catalog code and change nothing', async () => {
    const before = await draft();
    const balance = await credits();
    const cases: [unknown, number, number][] = [
      // An item that does not exist: EDIT_INVALID, even after a valid edit in the same request.
      [
        {
          edits: [
            { name: 'set_fit', args: { items: 'all', fit: 'blur' } },
            { name: 'set_item_duration', args: { items: [9], ms: 2000 } },
          ],
        },
        400,
        4102,
      ],
      [{ edits: [{ name: 'move_item', args: { from: 0, to: 7 } }] }, 400, 4102],
      // Arguments that do not fit the edit's schema, an unknown edit, a malformed edit: BAD_REQUEST.
      [{ edits: [{ name: 'set_item_duration', args: { items: [0], ms: -5 } }] }, 400, 400],
      [{ edits: [{ name: 'set_fit', args: { items: 'all', fit: 'stretch' } }] }, 400, 400],
      [{ edits: [{ name: 'make_it_pop', args: {} }] }, 400, 400],
      [{ edits: [{ args: {} }] }, 400, 400],
      [{ edits: [] }, 400, 400],
      [{}, 400, 400],
      ['{"edits": [', 400, 400],
      // An asset that is not this session's media.
      [{ edits: [{ name: 'set_music', args: { src: 'a_0000000000000000' } }] }, 404, 4004],
    ];
    for (const [payload, status, code] of cases) {
      const r = await post(payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(status);
      expect(r.json().code, JSON.stringify(payload)).toBe(code);
      expect(r.json().message.length, JSON.stringify(payload)).toBeGreaterThan(10);
    }
    expect(await draft()).toEqual(before);
    expect(await credits()).toEqual(balance);
    // And undo still finds the step before these failures (nothing was recorded).
    const undo = await say('undo');
    expect(undo).toMatch(/Undid/);
  });

  it('1001 without a token; 1002 for another token’s session, exactly as for a missing one', async () => {
    const before = await draft();
    const edits = { edits: [{ name: 'set_fit', args: { items: 'all', fit: 'blur' } }] };
    const none = await post(edits, {});
    expect(none.statusCode).toBe(401);
    expect(none.json().code).toBe(1001);
    const other = await tokenAndSession(t.app, 'ed175000-0000-4000-8000-000000000002');
    const cross = await post(edits, other.auth);
    const missing = await post(edits, other.auth, 's_doesnotexist');
    expect(cross.statusCode).toBe(404);
    expect(cross.json().code).toBe(1002);
    expect(cross.body).toBe(missing.body);
    expect(await draft()).toEqual(before);
  });

  it('music uploaded after the slideshow exists is listed with the photos and used through set_music', async () => {
    const song = await makeMusic(path.join(t.dir, 'song.m4a'), 3);
    const up = await injectUpload(t.app, auth, session, [
      { filename: 'song.m4a', data: await readFile(song) },
    ]);
    expect(up.statusCode, up.body).toBe(200);
    const musicId = (up.json().data.files as { id: string }[])[0]!.id;
    const r = await post({
      edits: [
        { name: 'replace_draft', args: { draft: slideshow(photos) } },
        { name: 'set_music', args: { src: musicId, volume: 0.5, fadeOut: 1000 } },
      ],
    });
    expect(r.statusCode, r.body).toBe(200);
    const state = r.json().data.state as {
      draft: DraftShape;
      video_infos: {
        id: string;
        kind: string;
        name: string;
        size: number;
        duration_ms: number | null;
        thumbnail_url: string | null;
      }[];
    };
    expect(state.draft.t.find((x) => x.tt === 1)?.sg[0]).toMatchObject({ src: musicId });
    // The media library: every upload of the session, photos and music, kept on the server.
    expect(state.video_infos.map((m) => m.id)).toEqual([...photos, musicId]);
    for (const m of state.video_infos.slice(0, 3)) {
      expect(m).toMatchObject({ kind: 'image', name: expect.stringMatching(/\.jpg$/) });
      expect(m.size).toBeGreaterThan(0);
      expect(m.thumbnail_url).toMatch(new RegExp(`/api/media/${session}/${m.id}/thumbnail$`));
    }
    expect(state.video_infos[3]).toMatchObject({ kind: 'audio', name: 'song.m4a', thumbnail_url: null });
    expect(state.video_infos[3]!.duration_ms).toBeGreaterThan(2500);
  });
});

describe('POST …/edits limits', () => {
  it('the draft limits apply: a text over PHOTOREEL_MAX_TEXT_CHARS is 4103 and nothing is saved', async () => {
    const t = await testApp({ maxTextChars: 10 });
    try {
      const { session, auth } = await tokenAndSession(t.app);
      const photos = await upload(t, session, auth, ['a.jpg']);
      const url = `/api/state/nemo_agent/me/${session}/edits`;
      const ok = await t.app.inject({
        method: 'POST',
        url,
        headers: auth,
        payload: {
          edits: [
            { name: 'replace_draft', args: { draft: slideshow(photos) } },
            { name: 'add_text', args: { text: 'Hello', item: 0 } },
          ],
        },
      });
      expect(ok.statusCode, ok.body).toBe(200);
      const before = ok.json().data.state.draft;
      const r = await t.app.inject({
        method: 'POST',
        url,
        headers: auth,
        payload: { edits: [{ name: 'add_text', args: { text: 'A much longer line', end: true } }] },
      });
      expect(r.statusCode).toBe(413);
      expect(r.json()).toMatchObject({ code: 4103, data: { limit: 'maxTextChars' } });
      const latest = await t.app.inject({
        method: 'GET',
        url: `/api/state/nemo_agent/me/${session}/latest`,
        headers: auth,
      });
      expect(latest.json().data.state.draft).toEqual(before);
    } finally {
      await t.close();
    }
  });

  it('is in the OpenAPI document with its body', async () => {
    const t = await testApp();
    try {
      const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
      const op = doc.paths['/api/state/{app}/{user}/{sessionId}/edits']?.post;
      expect(op).toBeDefined();
      expect(JSON.stringify(op.requestBody)).toMatch(/"edits"/);
    } finally {
      await t.close();
    }
  });
});
