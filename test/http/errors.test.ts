/** Every error code of the protocol's table through the real app (in process), and malformed requests. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePhoto, makeText } from '../helpers/media.ts';
import {
  injectInstruction,
  injectUpload,
  instructionBody,
  testApp,
  tokenAndSession,
  type TestApp,
} from '../helpers/server.ts';

describe('error codes', () => {
  let t: TestApp;
  let photo: Buffer;
  beforeAll(async () => {
    t = await testApp({ rateTokensPerMin: 1000 });
    photo = await readFile(await makePhoto(path.join(t.dir, 'p.jpg')));
  });
  afterAll(() => t.close());

  it('400 without X-Client-Id on the token call; 0 with it, and the same token again while valid', async () => {
    const none = await t.app.inject({ method: 'POST', url: '/api/auth/anonymous-token' });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: 400, data: null });
    expect(none.json().message).toMatch(/X-Client-Id/);
    const a = await t.app.inject({
      method: 'POST',
      url: '/api/auth/anonymous-token',
      headers: { 'x-client-id': 'e1e1e1e1-0000-4000-8000-000000000001' },
    });
    expect(a.statusCode).toBe(200);
    expect(a.json()).toMatchObject({ code: 0, data: { credits: 100 } });
    expect(Date.parse(a.json().data.expires_at) - Date.now()).toBeGreaterThan(167 * 3600_000);
    const b = await t.app.inject({
      method: 'POST',
      url: '/api/auth/anonymous-token',
      headers: { 'x-client-id': 'e1e1e1e1-0000-4000-8000-000000000001' },
    });
    expect(b.json().data.token).toBe(a.json().data.token);
  });

  it('1001 without a token, with a wrong one, on every endpoint that needs one', async () => {
    const { session } = await tokenAndSession(t.app, 'e1e1e1e1-0000-4000-8000-000000000002');
    const calls = [
      { method: 'POST', url: '/api/tasks/me/with-session/nemo_agent', payload: {} },
      {
        method: 'POST',
        url: `/api/upload-video/nemo_agent/me/${session}`,
        payload: { urls: ['https://example.com/a.jpg'] },
      },
      { method: 'POST', url: '/run_sse', payload: instructionBody(session, 'hello') },
      { method: 'GET', url: `/api/state/nemo_agent/me/${session}/latest` },
      { method: 'GET', url: '/api/credits/balance/simple' },
      {
        method: 'POST',
        url: '/api/render/proxy/lambda',
        payload: { id: 'render_1', sessionId: session, draft: {} },
      },
      { method: 'GET', url: '/api/render/proxy/lambda/render_1' },
      { method: 'GET', url: `/api/media/${session}/a_00/thumbnail` },
    ] as const;
    for (const c of calls) {
      for (const authorization of [undefined, 'Bearer nope', 'Basic abc', `Bearer ${'x'.repeat(5000)}`]) {
        const r = await t.app.inject({ ...c, headers: authorization ? { authorization } : {} });
        expect(r.statusCode, `${c.method} ${c.url} ${authorization?.slice(0, 20)}`).toBe(401);
        expect(r.json()).toMatchObject({ code: 1001 });
      }
    }
  });

  it('1001 once a token expired', async () => {
    const short = await testApp({ tokenTtlHours: 0.0002 });
    try {
      const { auth } = await tokenAndSession(short.app);
      await new Promise((r) => setTimeout(r, 900));
      const r = await short.app.inject({ method: 'GET', url: '/api/credits/balance/simple', headers: auth });
      expect(r.statusCode).toBe(401);
      expect(r.json().code).toBe(1001);
    } finally {
      await short.close();
    }
  });

  it('1002 for a missing session and, exactly alike, for another token’s session (every session endpoint)', async () => {
    const mine = await tokenAndSession(t.app, 'e1e1e1e1-0000-4000-8000-000000000003');
    const other = await tokenAndSession(t.app, 'e1e1e1e1-0000-4000-8000-000000000004');
    const upload = await injectUpload(t.app, mine.auth, mine.session, [{ filename: 'p.jpg', data: photo }]);
    const asset = upload.json().data.files[0].id as string;
    const calls = (s: string) =>
      [
        {
          method: 'POST',
          url: `/api/upload-video/nemo_agent/me/${s}`,
          payload: { urls: ['https://example.com/a.jpg'] },
        },
        { method: 'POST', url: '/run_sse', payload: instructionBody(s, 'make it vertical') },
        { method: 'GET', url: `/api/state/nemo_agent/me/${s}/latest` },
        {
          method: 'POST',
          url: '/api/render/proxy/lambda',
          payload: { id: `render_x${s.length}`, sessionId: s, draft: {} },
        },
        { method: 'GET', url: `/api/media/${s}/${asset}/thumbnail` },
      ] as const;
    const answers: string[] = [];
    for (const s of [mine.session, 's_doesnotexist']) {
      for (const c of calls(s)) {
        const r = await t.app.inject({ ...c, headers: other.auth });
        expect(r.statusCode, `${c.method} ${c.url}`).toBe(404);
        expect(r.json().code).toBe(1002);
        answers.push(JSON.stringify({ ...r.json(), url: undefined }));
      }
    }
    // Someone else's session reads exactly like a session that does not exist.
    expect(answers.slice(0, 5)).toEqual(answers.slice(5));
    const multi = await injectUpload(t.app, other.auth, mine.session, [{ filename: 'p.jpg', data: photo }]);
    expect(multi.json().code).toBe(1002);
  });

  it('2001 when out of credits, before any event is sent; the balance stays at zero', async () => {
    const poor = await testApp({ creditsPerToken: 0 });
    try {
      const { session, auth } = await tokenAndSession(poor.app);
      const r = await injectInstruction(poor.app, auth, session, 'make it vertical');
      expect(r.statusCode).toBe(402);
      expect(r.json()).toMatchObject({ code: 2001 });
      const b = await poor.app.inject({ method: 'GET', url: '/api/credits/balance/simple', headers: auth });
      expect(b.json()).toEqual({ code: 0, message: 'success', data: { available: 0, frozen: 0, total: 0 } });
    } finally {
      await poor.close();
    }
  });

  it('4001 for a file whose content is not an accepted type, whatever its name; nothing is kept', async () => {
    const { session, auth } = await tokenAndSession(t.app, 'e1e1e1e1-0000-4000-8000-000000000005');
    const text = await readFile(await makeText(path.join(t.dir, 'x.txt')));
    const r = await injectUpload(t.app, auth, session, [
      { filename: 'fine.jpg', data: photo },
      { filename: 'looks-like.jpg', data: text, type: 'image/jpeg' },
    ]);
    expect(r.statusCode).toBe(415);
    expect(r.json().code).toBe(4001);
    expect(r.json().message).toContain('looks-like.jpg');
    const dir = path.join(t.service.config.dataDir, 'uploads', session);
    expect(await readdir(dir).catch(() => [])).toEqual([]);
    const s = await t.app.inject({
      method: 'GET',
      url: `/api/state/nemo_agent/me/${session}/latest`,
      headers: auth,
    });
    expect(s.json().data.state.video_infos).toEqual([]);
  });

  it('4002 for a file over the limit, and no part of it stays on disk', async () => {
    const small = await testApp({ maxUploadMb: 0.01 });
    try {
      const { session, auth } = await tokenAndSession(small.app);
      const big = await readFile(
        await makePhoto(path.join(small.dir, 'big.jpg'), { width: 1600, height: 1200, hue: 7 }),
      );
      expect(big.length).toBeGreaterThan(0.01 * 1024 * 1024);
      const r = await injectUpload(small.app, auth, session, [{ filename: 'big.jpg', data: big }]);
      expect(r.statusCode).toBe(413);
      expect(r.json().code).toBe(4002);
      expect(
        await readdir(path.join(small.service.config.dataDir, 'uploads', session)).catch(() => []),
      ).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it('402 for an export without attribution headers when the server requires them', async () => {
    const strict = await testApp({ requireAttribution: true });
    try {
      const { session, auth } = await tokenAndSession(strict.app);
      const body = {
        id: 'render_1',
        sessionId: session,
        draft: { v: 1, w: 320, h: 180, fps: 10, t: [] },
        output: { format: 'mp4', quality: 'high' },
      };
      const r = await strict.app.inject({
        method: 'POST',
        url: '/api/render/proxy/lambda',
        headers: auth,
        payload: body,
      });
      expect(r.statusCode).toBe(402);
      expect(r.json().code).toBe(402);
      const withHeaders = await strict.app.inject({
        method: 'POST',
        url: '/api/render/proxy/lambda',
        headers: {
          ...auth,
          'x-skill-source': 'test',
          'x-skill-version': '1.0',
          'x-skill-platform': 'vitest',
        },
        payload: body,
      });
      // Past the policy: now the (empty) draft is what is wrong.
      expect(withHeaders.json().code).toBe(4100);
    } finally {
      await strict.close();
    }
  });

  it('429 with Retry-After once token creation goes over its rate', async () => {
    const limited = await testApp({ rateTokensPerMin: 2 });
    try {
      const codes: number[] = [];
      let retryAfter: unknown;
      for (let i = 0; i < 3; i++) {
        const r = await limited.app.inject({
          method: 'POST',
          url: '/api/auth/anonymous-token',
          headers: { 'x-client-id': `c-${i}` },
        });
        codes.push(r.json().code);
        if (r.statusCode === 429) retryAfter = r.headers['retry-after'];
      }
      expect(codes).toEqual([0, 0, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it('429 on run_sse over its rate', async () => {
    const limited = await testApp({ rateInstructionsPerMin: 1, creditsPerToken: 0 });
    try {
      const { session, auth } = await tokenAndSession(limited.app);
      const first = await limited.app.inject({
        method: 'POST',
        url: '/run_sse',
        headers: auth,
        payload: instructionBody(session, 'x'),
      });
      const second = await limited.app.inject({
        method: 'POST',
        url: '/run_sse',
        headers: auth,
        payload: instructionBody(session, 'x'),
      });
      expect(first.json().code).toBe(2001);
      expect(second.statusCode).toBe(429);
      expect(second.json().code).toBe(429);
      expect(second.headers['retry-after']).toBeDefined();
    } finally {
      await limited.close();
    }
  });

  it('400 for malformed bodies, never a 5xx', async () => {
    const { session, auth } = await tokenAndSession(t.app, 'e1e1e1e1-0000-4000-8000-000000000006');
    const json = { ...auth, 'content-type': 'application/json' };
    const cases = [
      { method: 'POST', url: '/run_sse', headers: json, payload: '{"session_id":' },
      { method: 'POST', url: '/run_sse', headers: json, payload: '[]' },
      {
        method: 'POST',
        url: '/run_sse',
        headers: json,
        payload: JSON.stringify({ session_id: 5, new_message: {} }),
      },
      {
        method: 'POST',
        url: '/run_sse',
        headers: json,
        payload: JSON.stringify(instructionBody(session, '   ')),
      },
      {
        method: 'POST',
        url: '/run_sse',
        headers: { ...auth, 'content-type': 'text/plain' },
        payload: 'make a video',
      },
      {
        method: 'POST',
        url: '/api/tasks/me/with-session/nemo_agent',
        headers: json,
        payload: JSON.stringify({ language: 'not a language!' }),
      },
      {
        method: 'POST',
        url: `/api/upload-video/nemo_agent/me/${session}`,
        headers: json,
        payload: JSON.stringify({ urls: 'https://x' }),
      },
      {
        method: 'POST',
        url: `/api/upload-video/nemo_agent/me/${session}`,
        headers: json,
        payload: JSON.stringify({ urls: ['ftp://example.com/a.jpg'] }),
      },
      {
        method: 'POST',
        url: `/api/upload-video/nemo_agent/me/${session}`,
        headers: json,
        payload: JSON.stringify({ urls: ['not a url'] }),
      },
      {
        method: 'POST',
        url: `/api/upload-video/nemo_agent/me/${session}`,
        headers: { ...auth, 'content-type': 'multipart/form-data; boundary=zzz' },
        payload: '--zzz\r\nbroken',
      },
      {
        method: 'POST',
        url: '/api/render/proxy/lambda',
        headers: json,
        payload: JSON.stringify({ id: '../../etc', sessionId: session, draft: {} }),
      },
      {
        method: 'POST',
        url: '/api/render/proxy/lambda',
        headers: json,
        payload: JSON.stringify({ sessionId: session }),
      },
      {
        method: 'POST',
        url: '/api/render/proxy/lambda',
        headers: json,
        payload: 'x'.repeat(9 * 1024 * 1024),
      },
    ] as const;
    for (const c of cases) {
      const r = await t.app.inject(c);
      expect(r.statusCode, `${c.url} ${String(c.payload).slice(0, 60)}`).toBe(400);
      expect(r.json()).toMatchObject({ code: 400 });
      expect(typeof r.json().message).toBe('string');
    }
    const draftBad = await t.app.inject({
      method: 'POST',
      url: '/api/render/proxy/lambda',
      headers: auth,
      payload: { id: 'render_bad', sessionId: session, draft: { v: 1, w: 321, h: 180, fps: 10, t: [] } },
    });
    expect(draftBad.statusCode).toBe(400);
    expect(draftBad.json().code).toBe(4100);
    expect(draftBad.json().message).toMatch(/w/);
  });

  it('answers unknown paths with the envelope and 404, and serves health and OpenAPI', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({ code: 404, data: null });
    const h = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(h.json()).toMatchObject({ code: 0, data: { status: 'ok' } });
    expect(h.headers['x-content-type-options']).toBe('nosniff');
    const o = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    const paths = Object.keys(o.json().paths as object);
    for (const p of [
      '/api/auth/anonymous-token',
      '/run_sse',
      '/api/render/proxy/lambda',
      '/api/credits/balance/simple',
    ]) {
      expect(paths).toContain(p);
    }
  });
});
