import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedDownloadUrl } from '../../src/service/exports.ts';
import { makePhoto } from '../helpers/media.ts';
import { injectUpload, testApp, tokenAndSession, type TestApp } from '../helpers/server.ts';

describe('logs', () => {
  let t: TestApp;
  let lines = '';
  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (c: Buffer) => (lines += c.toString()));
    t = await testApp({ logLevel: 'info' }, { logStream: stream });
  });
  afterAll(() => t.close());

  it('are JSON lines with request ids, and never carry tokens or link signatures', async () => {
    const { token, session, auth } = await tokenAndSession(t.app);
    await injectUpload(t.app, auth, session, [
      { filename: 'p.jpg', data: await readFile(await makePhoto(path.join(t.dir, 'p.jpg'))) },
    ]);
    await t.app.inject({
      method: 'GET',
      url: '/api/credits/balance/simple',
      headers: { authorization: 'Bearer wrong-token-value' },
    });
    const link = new URL(signedDownloadUrl(t.service, `r_${'a'.repeat(32)}`, 'http://localhost'));
    const r = await t.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
    expect(r.json().code).toBe(4200);
    const records = lines
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { reqId?: string; msg?: string });
    expect(records.filter((x) => x.reqId).length).toBeGreaterThan(4);
    expect(lines).not.toContain(token);
    expect(lines).not.toContain('wrong-token-value');
    expect(lines).not.toContain(link.searchParams.get('sig') as string);
  });
});
