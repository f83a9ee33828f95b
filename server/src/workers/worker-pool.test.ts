import { getPriority } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkerPool, niceFrom, startModuleWorker, type WorkerPool } from './worker-pool.js';

type Job = { id: number };
type Reply = { id: number; nice: number };
let pool: WorkerPool<Job, Reply> | undefined;
afterEach(async () => pool?.close());

describe('worker threads', () => {
  it('run below the event loop’s priority, and the event loop keeps its own', async () => {
    const before = getPriority();
    // The production default (the suites themselves run with WARDSCAN_WORKER_NICE=0).
    const increment = niceFrom(undefined);
    expect(increment).toBe(10);
    pool = createWorkerPool<Job, Reply>({ size: 1, start: () => startModuleWorker(new URL('./test/priority-worker', import.meta.url), {}, increment), name: 'The priority probe' });
    const { nice } = await pool.run({});
    expect(nice).toBe(Math.min(19, before + increment));
    // Only the worker's thread was lowered: this (the main) thread is where it was.
    expect(getPriority()).toBe(before);
  });

  it('refuses a setting that is not a nice increment, naming it', () => {
    expect(niceFrom('0')).toBe(0);
    expect(niceFrom('19')).toBe(19);
    for (const bad of ['-5', '20', 'low', '1.5']) expect(() => niceFrom(bad)).toThrow(`WARDSCAN_WORKER_NICE: "${bad}"`);
  });

  it('rest after each job as long as it took, times the rest ratio, when jobs come back to back; a job after the rest waits for nothing', async () => {
    type Busy = { id: number; ms: number };
    type Done = { id: number; startedAt: number; endedAt: number };
    const busy = (restRatio: number) =>
      createWorkerPool<Busy, Done>({ size: 1, start: () => startModuleWorker(new URL('./test/busy-worker', import.meta.url), {}, 0), name: 'The busy probe', restRatio });
    const rested = busy(1);
    const tight = busy(0);
    try {
      await rested.run({ ms: 1 }); // the thread started and loaded before timing
      await tight.run({ ms: 1 });
      const [a, b] = await Promise.all([rested.run({ ms: 150 }), rested.run({ ms: 10 })]);
      expect(b.startedAt - a.endedAt).toBeGreaterThanOrEqual(140);
      const [c, d] = await Promise.all([tight.run({ ms: 150 }), tight.run({ ms: 10 })]);
      expect(d.startedAt - c.endedAt).toBeLessThan(100);
      // Once the rest is over, the next job starts at once.
      await new Promise((r) => setTimeout(r, 50));
      const asked = Date.now();
      const e = await rested.run({ ms: 10 });
      expect(e.startedAt - asked).toBeLessThan(100);
    } finally {
      await Promise.all([rested.close(), tight.close()]);
    }
  });
});
