import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPhotoreelError } from '../../src/errors.ts';
import { loadConfig } from '../../src/service/config.ts';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const c = loadConfig();
    expect(c).toMatchObject({
      port: 8787,
      host: '127.0.0.1',
      maxUploadMb: 200,
      creditsPerToken: 100,
      tokenTtlHours: 168,
      instructionCost: 1,
      requireAttribution: false,
      allowPrivateUrls: false,
      heartbeatMs: 15_000,
    });
    expect(c.dataDir).toBe(path.resolve('photoreel-data'));
    expect(c.renderConcurrency).toBeGreaterThanOrEqual(1);
  });

  it('reads PHOTOREEL_* variables; flags win over them', () => {
    const c = loadConfig(
      { port: 9000 },
      {
        PHOTOREEL_PORT: '8000',
        PHOTOREEL_MAX_UPLOAD_MB: '50',
        PHOTOREEL_REQUIRE_ATTRIBUTION: 'true',
        PHOTOREEL_ALLOW_PRIVATE_URLS: '127.0.0.1:8080, 10.0.0.0/8',
        PHOTOREEL_PUBLIC_URL: 'https://video.example.com/',
        PHOTOREEL_REDIS_URL: 'redis://127.0.0.1:6379',
      },
    );
    expect(c.port).toBe(9000);
    expect(c.maxUploadMb).toBe(50);
    expect(c.requireAttribution).toBe(true);
    expect(c.allowPrivateUrls).toEqual(['127.0.0.1:8080', '10.0.0.0/8']);
    expect(c.publicUrl).toBe('https://video.example.com');
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it('names the variable of a wrong value', () => {
    let err: unknown;
    try {
      loadConfig({}, { PHOTOREEL_PORT: 'eighty' });
    } catch (e) {
      err = e;
    }
    expect(isPhotoreelError(err, 'BAD_REQUEST')).toBe(true);
    expect((err as Error).message).toContain('PHOTOREEL_PORT');
  });
});
