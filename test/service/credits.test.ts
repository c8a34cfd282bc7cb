import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPhotoreelError } from '../../src/errors.ts';
import { createStore, type Store } from '../../src/store/create-store.ts';
import { tempDir } from '../helpers/server.ts';

describe('credits ledger', () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  const now = '2026-01-01T00:00:00.000Z';

  beforeEach(async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    store = createStore(path.join(t.dir, 'data'));
    store.tokens.insert({
      hash: 'h1',
      nonce: 'n1',
      clientId: 'c1',
      createdAt: now,
      expiresAt: '2099-01-01T00:00:00.000Z',
      attribution: {},
    });
    store.credits.init('h1', 3);
  });
  afterEach(async () => {
    store.close();
    await cleanup();
  });

  it('reserves (frozen), charges once and releases once', () => {
    store.credits.reserve('r1', 'h1', 1, 'test', now);
    store.credits.reserve('r2', 'h1', 1, 'test', now);
    expect(store.credits.balance('h1')).toEqual({ available: 1, frozen: 2, total: 3 });
    expect(store.credits.charge('r1', now)).toBe(true);
    expect(store.credits.charge('r1', now)).toBe(false);
    expect(store.credits.release('r1', now)).toBe(false);
    expect(store.credits.release('r2', now)).toBe(true);
    expect(store.credits.charge('r2', now)).toBe(false);
    expect(store.credits.balance('h1')).toEqual({ available: 2, frozen: 0, total: 2 });
  });

  it('never goes below zero: a reservation beyond the balance is OUT_OF_CREDITS and changes nothing', () => {
    for (let i = 0; i < 3; i++) store.credits.reserve(`r${i}`, 'h1', 1, 'test', now);
    let err: unknown;
    try {
      store.credits.reserve('r9', 'h1', 1, 'test', now);
    } catch (e) {
      err = e;
    }
    expect(isPhotoreelError(err, 'OUT_OF_CREDITS')).toBe(true);
    expect(store.credits.balance('h1')).toEqual({ available: 0, frozen: 3, total: 3 });
    expect(store.credits.reservation('r9')).toBeUndefined();
  });

  it('releases reservations left open by a stopped process, and only old ones', () => {
    store.credits.reserve('old', 'h1', 1, 'test', '2025-12-31T23:00:00.000Z');
    store.credits.reserve('new', 'h1', 1, 'test', now);
    expect(store.credits.releaseStale('2025-12-31T23:40:00.000Z', now)).toBe(1);
    expect(store.credits.reservation('old')?.status).toBe('released');
    expect(store.credits.reservation('new')?.status).toBe('reserved');
  });
});
