import { closeSync, fsync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from './database.js';

/*
 * Group commit for the bedside hot path.
 *
 * With synchronous=FULL, SQLite fsyncs the WAL inside COMMIT, on the event
 * loop: under 200 handhelds that fsync was ~70% of a scan's server time, and
 * every other socket (and the echo) queued behind it. Here the transaction
 * still runs synchronously (so it is atomic, and the next event sees its
 * writes), but its COMMIT runs at synchronous=NORMAL, which writes the WAL
 * frames to the OS without fsync; then one fsync of the WAL file, on libuv's
 * thread pool, makes that commit and every earlier one durable, and only then
 * is the caller's promise resolved. Commits that arrive while an fsync is in
 * flight share the next one.
 *
 * Why this keeps "an acknowledged event is on disk before its ack":
 * - fsync(2) flushes every dirty page of the file, whichever descriptor wrote
 *   it, so the WAL frames of every commit made before the fsync started are on
 *   disk when it returns. SIGKILL never loses them anyway (they are in the
 *   page cache once COMMIT returns).
 * - SQLite overwrites a WAL only after a checkpoint has copied all of it into
 *   the database file and fsynced that file (checkpoints sync at NORMAL too),
 *   so a commit is always on disk either in the WAL or in the database.
 * - Every answer waits, including a replayed eventId and an error: both are
 *   computed from state that may include commits not yet on disk.
 * - If an fsync fails, the page cache can no longer be trusted (PostgreSQL's
 *   "fsyncgate"): every waiting and later write is refused until a restart.
 * Other writers (sign-in, imports, admin) keep synchronous=FULL: the
 * connection returns to FULL after each group-committed transaction.
 */

/** Syncs a file descriptor; Node's `fs.fsync` unless a test wraps it. */
export type SyncFile = (fd: number, done: (err: Error | null) => void) => void;

export interface GroupCommit {
  /**
   * Runs `work` (which opens its own transaction) with the commit's fsync
   * deferred, then resolves with its result, or rejects with what it threw,
   * once the WAL holding it and every earlier commit is on disk.
   */
  write<T>(work: () => T): Promise<T>;
  /** Counts for the metrics and the bench: commits made and fsyncs run. */
  stats(): { readonly commits: number; readonly syncs: number };
  /** Waits for a pending fsync, then closes the WAL descriptor (before the database is closed). */
  close(): Promise<void>;
}

interface Waiter {
  readonly seq: number;
  readonly resolve: () => void;
  readonly reject: (err: Error) => void;
}

export function createGroupCommit(db: Db, onFatal: (err: Error) => void, syncFile: SyncFile = fsync): GroupCommit {
  if (db.memory) throw new Error('Group commit needs a database file, not :memory:.');
  if (db.pragma('journal_mode', { simple: true }) !== 'wal') throw new Error('Group commit needs journal_mode=WAL.');
  const relaxed = db.prepare('PRAGMA synchronous = NORMAL');
  const full = db.prepare('PRAGMA synchronous = FULL');
  // The WAL exists from the first write after journal_mode=WAL (migrations write). Its directory
  // entry is synced once so the file itself survives a power cut.
  const wal = openSync(`${db.name}-wal`, 'r');
  const dir = openSync(dirname(db.name), 'r');
  fsyncSync(dir);
  closeSync(dir);

  let committed = 0; // commits made with the fsync deferred, numbered 1, 2, …
  let synced = 0; // every commit numbered up to this one is on disk
  let syncs = 0;
  let syncing = false;
  let failure: Error | null = null;
  let waiters: Waiter[] = [];
  let idle: (() => void) | null = null;

  function flush(): void {
    if (syncing || waiters.length === 0) return;
    syncing = true;
    const upTo = committed; // this fsync starts after commit `upTo` returned, so it covers it
    syncFile(wal, (err) => {
      syncing = false;
      syncs++;
      if (err) {
        failure = new Error(`The ward database could not be saved to disk (${err.message}); nothing more is accepted until the server restarts.`);
        const failed = waiters;
        waiters = [];
        for (const w of failed) w.reject(failure);
        onFatal(err);
      } else {
        synced = upTo;
        const done = waiters.filter((w) => w.seq <= synced);
        waiters = waiters.filter((w) => w.seq > synced);
        for (const w of done) w.resolve();
        flush();
      }
      if (!syncing && idle) idle();
    });
  }

  const durable = (seq: number): Promise<void> => {
    if (failure) return Promise.reject(failure);
    if (seq <= synced) return Promise.resolve();
    return new Promise((resolve, reject) => {
      waiters.push({ seq, resolve, reject });
      flush();
    });
  };

  return {
    async write<T>(work: () => T): Promise<T> {
      if (failure) throw failure;
      if (db.inTransaction) throw new Error('Group commit cannot run inside an open transaction.');
      relaxed.run();
      let outcome: { ok: true; value: T } | { ok: false; error: unknown };
      try {
        outcome = { ok: true, value: work() };
      } catch (error) {
        outcome = { ok: false, error };
      } finally {
        full.run();
      }
      // Numbered even when `work` wrote nothing or threw: its answer still rests on what it read.
      await durable(++committed);
      if (!outcome.ok) throw outcome.error;
      return outcome.value;
    },
    stats: () => ({ commits: committed, syncs }),
    async close() {
      if (syncing) await new Promise<void>((resolve) => (idle = resolve));
      closeSync(wal);
    },
  };
}
