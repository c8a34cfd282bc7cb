import { afterAll, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/render/worker-pool.ts';

describe('WorkerPool still memory', () => {
  const pool = new WorkerPool(1);
  afterAll(() => pool.close());

  it('hands back the memory of a still no longer drawn, for the next still of the same size', () => {
    // Workers free shared memory only when their own garbage collector runs: new memory for every
    // photo made the process grow from render to render.
    const a = pool.stillMemory(1000);
    pool.spareStill(a);
    expect(pool.stillMemory(2000)).not.toBe(a);
    expect(pool.stillMemory(1000)).toBe(a);
    expect(pool.stillMemory(1000)).not.toBe(a);
  });

  it('keeps only a few spare memories', () => {
    const given = Array.from({ length: 10 }, () => pool.stillMemory(64));
    for (const m of given) pool.spareStill(m);
    const back = new Set(Array.from({ length: 10 }, () => pool.stillMemory(64)));
    const reused = given.filter((m) => back.has(m));
    // The newest four are kept (what one render holds at once), the older ones let go.
    expect(reused).toEqual(given.slice(6));
  });
});
