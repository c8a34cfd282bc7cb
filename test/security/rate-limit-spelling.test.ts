/** The per-token instruction limit counts the token, however its Authorization header is spelled. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpSession, httpToken } from '../helpers/server.ts';
import { attackServer, codeOf, rawRequest, type AttackServer } from './raw-http.ts';

describe('rate limits key on the token', () => {
  let s: AttackServer;
  let token: string;
  let session: string;

  beforeAll(async () => {
    s = await attackServer({ rateInstructionsPerMin: 3, rateTokensPerMin: 3 });
    const t = await httpToken(s.url, 'c0ffee00-0000-4000-8000-00000000aaaa');
    token = t.token;
    session = await httpSession(s.url, t.headers);
  });
  afterAll(async () => {
    await s?.close();
  });

  const putDraft = (authorization: string) =>
    rawRequest(
      s.port,
      `PUT /api/state/nemo_agent/me/${session}/draft HTTP/1.1\r\ncontent-type: application/json\r\nauthorization: ${authorization}`,
      '{}',
    );

  it('re-spelling the Bearer header (case, double space, tab) does not bypass the instruction limit', async () => {
    const spellings = [
      `Bearer ${token}`,
      `bearer ${token}`,
      `Bearer  ${token}`,
      `BEARER\t${token}`,
      `Bearer \t ${token}`,
    ];
    const statuses: number[] = [];
    for (const a of spellings) statuses.push((await putDraft(a)).status);
    // Every spelling is the same token (authenticated: the body is refused, 400); the fourth and fifth are over 3/min.
    expect(statuses).toEqual([400, 400, 400, 429, 429]);
    const last = await putDraft(`bearer\t\t${token}  `);
    expect(last.status).toBe(429);
    expect(codeOf(last)).toBe(429);
  });

  it('a wrong token is refused with 1001 before any limit, in any spelling', async () => {
    const a = await putDraft('bearer pr_not-a-token');
    expect(a.status).toBe(401);
    expect(codeOf(a)).toBe(1001);
    const b = await putDraft('Basic abc');
    expect(b.status).toBe(401);
  });

  it('the anonymous-token call keeps its per-address limit', async () => {
    // One token was already issued from this address in beforeAll: two more pass, then 429 whatever the client id.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await fetch(`${s.url}/api/auth/anonymous-token`, {
        method: 'POST',
        headers: { 'X-Client-Id': `c0ffee00-0000-4000-8000-00000000b00${i}` },
      });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([200, 200, 429, 429]);
  });
});
