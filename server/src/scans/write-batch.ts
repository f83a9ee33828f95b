import type { Db } from '../db/database.js';
import type { GroupCommit } from '../db/group-commit.js';

/*
 * Bedside writes that arrive in the same turn of the event loop commit
 * together: one transaction, one COMMIT, one place in the group commit.
 *
 * Why: each scan or dose dirties 9 to 14 pages (its row, its UUID indexes,
 * the time indexes, the device context, the audit row and its indexes), and
 * every COMMIT writes each of them to the WAL, which the group commit then
 * fsyncs. Events that commit together write the shared pages (table tails,
 * time indexes, the audit chain) once, and pay BEGIN/COMMIT once.
 *
 * What does not change:
 * - Each write runs in its own savepoint, so one that throws undoes only its
 *   own writes and answers with its own error; the others still commit.
 * - Writes run one after another in arrival order, each seeing the ones
 *   before it, exactly as separate transactions would.
 * - Every answer, a result or an error, waits until the shared commit and
 *   every earlier one are on disk (the group commit's promise).
 * - If SQLite abandons the whole transaction (it does after some I/O errors),
 *   the batch stops there and every write in it fails: none is committed.
 *
 * A batch holds at most `maxWrites` (64 by default): under a flood (1,000
 * handhelds at 500 ms queue hundreds in one turn) an unbounded batch held the
 * event loop for as long as all of them took, so sockets were neither read
 * nor answered meanwhile. The rest wait for the next check phase, behind
 * whatever I/O arrived, in the same order.
 */

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

interface Job {
  readonly work: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

export interface WriteBatch {
  /**
   * Runs `work` (synchronously, in a savepoint of the batch's transaction) in
   * the next check phase of the event loop, with every other write queued
   * before then; resolves or rejects once the batch's commit is on disk.
   */
  write<T>(work: () => T): Promise<T>;
}

export const MAX_BATCH_WRITES = 64;

export function createWriteBatch(db: Db, durable: GroupCommit, maxWrites: number = MAX_BATCH_WRITES): WriteBatch {
  let queued: Job[] = [];

  // Inside the batch's transaction a better-sqlite3 transaction is a savepoint.
  const savepoint = db.transaction((work: () => unknown) => work());
  const inSavepoint = (work: () => unknown): Outcome<unknown> => {
    try {
      return { ok: true, value: savepoint(work) };
    } catch (error) {
      if (!db.inTransaction) throw error; // the whole transaction is gone: fail the batch
      return { ok: false, error };
    }
  };
  const runAll = db.transaction((jobs: readonly Job[]) => jobs.map((job) => inSavepoint(job.work)));

  function flush(): void {
    const jobs = queued.slice(0, maxWrites);
    queued = queued.slice(maxWrites);
    if (queued.length > 0) setImmediate(flush);
    durable.write(() => runAll(jobs)).then(
      (outcomes) => {
        outcomes.forEach((o, i) => (o.ok ? jobs[i]!.resolve(o.value) : jobs[i]!.reject(o.error)));
      },
      (error: unknown) => {
        for (const job of jobs) job.reject(error);
      },
    );
  }

  return {
    write<T>(work: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        // setImmediate runs after every socket read of this poll phase, so their events share the batch.
        if (queued.length === 0) setImmediate(flush);
        queued.push({ work, resolve: resolve as (value: unknown) => void, reject });
      });
    },
  };
}
