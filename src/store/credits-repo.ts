import { PhotoreelError } from '../errors.ts';
import type { Db } from './open-database.ts';

export interface Balance {
  available: number;
  frozen: number;
  total: number;
}

export interface Reservation {
  id: string;
  tokenHash: string;
  amount: number;
  status: 'reserved' | 'charged' | 'released';
}

/**
 * Credits of a token and a ledger of reservations. Every change runs in an IMMEDIATE transaction,
 * the columns carry CHECK (>= 0), and a reservation settles (charge or release) at most once.
 */
export function creditsRepo(db: Db) {
  const get = db.prepare<[string], { available: number; frozen: number }>(
    'SELECT available, frozen FROM credits WHERE token_hash = ?',
  );
  const init = db.prepare('INSERT OR IGNORE INTO credits (token_hash, available, frozen) VALUES (?, ?, 0)');
  const take = db.prepare(
    'UPDATE credits SET available = available - @amount, frozen = frozen + @amount WHERE token_hash = @token AND available >= @amount',
  );
  const addReservation = db.prepare(
    `INSERT INTO credit_reservations (id, token_hash, amount, status, reason, created_at)
     VALUES (@id, @token, @amount, 'reserved', @reason, @now)`,
  );
  const getReservation = db.prepare<
    [string],
    { id: string; token_hash: string; amount: number; status: string }
  >('SELECT id, token_hash, amount, status FROM credit_reservations WHERE id = ?');
  const settle = db.prepare(
    "UPDATE credit_reservations SET status = @status, settled_at = @now WHERE id = @id AND status = 'reserved'",
  );
  const unfreeze = db.prepare(
    'UPDATE credits SET frozen = frozen - @amount, available = available + @back WHERE token_hash = @token AND frozen >= @amount',
  );
  const open = db.prepare<[string], { id: string }>(
    "SELECT id FROM credit_reservations WHERE status = 'reserved' AND created_at < ?",
  );
  const grant = db.prepare('UPDATE credits SET available = available + ? WHERE token_hash = ?');

  const settleTx = db.transaction((id: string, status: 'charged' | 'released', now: string): boolean => {
    const r = getReservation.get(id);
    if (!r || r.status !== 'reserved') return false;
    if (settle.run({ id, status, now }).changes !== 1) return false;
    const changed = unfreeze.run({
      token: r.token_hash,
      amount: r.amount,
      back: status === 'released' ? r.amount : 0,
    });
    if (changed.changes !== 1) throw new Error(`credits ledger out of step for reservation ${id}`);
    return true;
  });

  return {
    init(tokenHash: string, credits: number): void {
      init.run(tokenHash, credits);
    },
    balance(tokenHash: string): Balance {
      const r = get.get(tokenHash) ?? { available: 0, frozen: 0 };
      return { available: r.available, frozen: r.frozen, total: r.available + r.frozen };
    },
    /** Moves `amount` from available to frozen and records the reservation; OUT_OF_CREDITS when there is not enough. */
    reserve: db.transaction((id: string, tokenHash: string, amount: number, reason: string, now: string) => {
      if (take.run({ token: tokenHash, amount }).changes !== 1) {
        const b = get.get(tokenHash) ?? { available: 0, frozen: 0 };
        throw new PhotoreelError(
          'OUT_OF_CREDITS',
          `This needs ${amount} credit${amount === 1 ? '' : 's'} and ${b.available} ${b.available === 1 ? 'is' : 'are'} available: get a new token or ask the server operator for more credits.`,
          { available: b.available, frozen: b.frozen, needed: amount },
        );
      }
      addReservation.run({ id, token: tokenHash, amount, reason, now });
    }).immediate as (id: string, tokenHash: string, amount: number, reason: string, now: string) => void,
    /** Spends a reservation. Returns false when it was already settled (never charges twice). */
    charge(id: string, now: string): boolean {
      return settleTx.immediate(id, 'charged', now);
    },
    /** Gives a reservation back. Returns false when it was already settled. */
    release(id: string, now: string): boolean {
      return settleTx.immediate(id, 'released', now);
    },
    /** Settling inside a caller's transaction (e.g. with the draft save). */
    chargeInTransaction(id: string, now: string): boolean {
      return settleTx(id, 'charged', now);
    },
    reservation(id: string): Reservation | undefined {
      const r = getReservation.get(id);
      return r
        ? { id: r.id, tokenHash: r.token_hash, amount: r.amount, status: r.status as Reservation['status'] }
        : undefined;
    },
    /** Reservations left open (by a process that died) since before `before`: released at start-up. */
    releaseStale(before: string, now: string): number {
      let n = 0;
      for (const r of open.all(before)) if (settleTx.immediate(r.id, 'released', now)) n += 1;
      return n;
    },
    grant(tokenHash: string, amount: number): void {
      grant.run(amount, tokenHash);
    },
  };
}
export type CreditsRepo = ReturnType<typeof creditsRepo>;
