/**
 * The undo history and draft size attack: many PUT …/draft of a large draft keep the session's history, the
 * database and the server's memory bounded, /healthz keeps answering, and drafts over a limit get 4103 (never 5xx).
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpSession, httpToken } from '../helpers/server.ts';
import { attackServer, type AttackServer } from './raw-http.ts';

const LIMITS = {
  maxDraftBytes: 200_000,
  maxDraftItems: 50,
  maxTextChars: 40,
  historySteps: 100,
  historyBytes: 1_000_000,
  rateInstructionsPerMin: 1000,
};

/** A draft without items whose `m` carries `bytes` of filler (keys under `m` are allowed). */
function bigDraft(bytes: number, n: number) {
  return { v: 1, w: 1280, h: 720, fps: 30, t: [], m: { name: `flood ${n}`, filler: 'x'.repeat(bytes) } };
}

describe('draft and history limits', () => {
  let s: AttackServer;
  let headers: Record<string, string>;
  let session: string;

  beforeAll(async () => {
    s = await attackServer(LIMITS);
    const t = await httpToken(s.url, 'c0ffee00-0000-4000-8000-00000000f100');
    headers = { ...t.headers, 'content-type': 'application/json' };
    session = await httpSession(s.url, t.headers);
  });
  afterAll(async () => {
    await s?.close();
  });

  const put = (draft: unknown) =>
    fetch(`${s.url}/api/state/nemo_agent/me/${session}/draft`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ draft }),
    });

  it('refuses unknown keys on the draft, a track or an item (4100), and keeps keys under m', async () => {
    for (const draft of [
      { ...bigDraft(10, 0), extra: 1 },
      { ...bigDraft(10, 0), t: [{ tt: 7, sg: [], junk: 'x' }] },
      { ...bigDraft(10, 0), t: [{ tt: 7, sg: [{ text: 'hi', s: 0, d: 1000, payload: 'x' }] }] },
    ]) {
      const r = await put(draft);
      expect(r.status).toBe(400);
      const body = (await r.json()) as { code: number; message: string };
      expect(body.code).toBe(4100);
      expect(body.message).toMatch(/put additions under "m"/);
    }
    const ok = await put({
      ...bigDraft(10, 0),
      t: [{ tt: 7, sg: [{ text: 'hi', s: 0, d: 1000, m: { mine: 1 } }] }],
    });
    expect(ok.status).toBe(200);
  });

  it('refuses a draft over the byte, item or text limits with 4103 (413)', async () => {
    const cases = [
      bigDraft(LIMITS.maxDraftBytes, 1),
      {
        ...bigDraft(0, 2),
        t: [{ tt: 7, sg: Array.from({ length: 51 }, (_, i) => ({ text: 't', s: i * 1000, d: 1000 })) }],
      },
      { ...bigDraft(0, 3), t: [{ tt: 7, sg: [{ text: 'y'.repeat(41), s: 0, d: 1000 }] }] },
    ];
    for (const draft of cases) {
      const r = await put(draft);
      expect(r.status).toBe(413);
      expect(((await r.json()) as { code: number }).code).toBe(4103);
    }
    // Far over: refused by the body limit before it is parsed, still a 4xx.
    const huge = await put(bigDraft(5_000_000, 4));
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
  });

  it('60 PUTs of a large draft keep the history and database bounded while /healthz answers', async () => {
    const rssBefore = process.memoryUsage().rss;
    let flooding = true;
    let healthAnswers = 0;
    const health = (async () => {
      while (flooding) {
        const r = await fetch(`${s.url}/healthz`);
        expect(r.status).toBe(200);
        healthAnswers++;
      }
    })();
    for (let i = 0; i < 60; i++) {
      const r = await put(bigDraft(180_000, i));
      expect(r.status, await r.clone().text()).toBe(200);
    }
    flooding = false;
    await health;
    expect(healthAnswers).toBeGreaterThan(0);

    const db = path.join(s.dataDir, 'photoreel.db');
    const history = s.server.service.store.db
      .prepare('SELECT length(history) AS n, length(draft) AS d FROM sessions WHERE id = ?')
      .get(session) as { n: number; d: number };
    // 60 steps of two 180 KB drafts would be 21 MB: the history stays within its byte limit.
    expect(history.n).toBeLessThanOrEqual(LIMITS.historyBytes);
    expect(history.d).toBeLessThanOrEqual(LIMITS.maxDraftBytes);
    const files = await Promise.all(
      ['', '-wal'].map((x) =>
        stat(db + x).then(
          (f) => f.size,
          () => 0,
        ),
      ),
    );
    expect(files[0]! + files[1]!).toBeLessThan(40_000_000);
    // The test process holds the server: its memory grew by far less than 60 stored copies would need.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(400_000_000);
  });
});
