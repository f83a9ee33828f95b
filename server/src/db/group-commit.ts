import { closeSync, copyFileSync, fsync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
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
  /** Commits made and fsyncs run since start (commits per fsync is the grouping). */
  stats(): { readonly commits: number; readonly syncs: number };
  /**
   * Since the last call: how long each fsync took, and how long each write
   * (a batch of socket events is one) waited after its commit for the fsync
   * covering it: that wait is part of every acknowledgement's latency.
   */
  window(): GroupCommitWindow;
  /** Waits for a pending fsync, then closes the WAL descriptor (before the database is closed). */
  close(): Promise<void>;
}

/** Milliseconds, summarised. */
export interface Spread {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}
export interface GroupCommitWindow {
  readonly commits: number;
  readonly syncs: number;
  readonly fsyncMs: Spread;
  readonly waitMs: Spread;
}

function spread(values: number[]): Spread {
  const sorted = values.sort((a, b) => a - b);
  const at = (p: number) => +(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0).toFixed(3);
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: at(1) };
}

// Enough for any window between two reads; past it, later samples are not kept.
const MAX_SAMPLES = 1_000_000;

interface Waiter {
  readonly seq: number;
  readonly resolve: () => void;
  readonly reject: (err: Error) => void;
}

/**
 * Test hook, for durability.int.test.ts only; never set in production:
 * WARDSCAN_TEST_DISK_IMAGES=<dir> copies the database and its WAL, as each
 * fsync is asked to make them durable, into <dir>/<n>/ (the newest two kept).
 * Each copy is what that fsync guarantees (taken before it starts, so it
 * holds nothing it does not cover): the disk after a power cut the moment it
 * returns. Each fsync is also held 20 ms, as on a busy disk. The test
 * recovers from the newest copy and must find every event that was
 * acknowledged; remove the fsync, or answer before it, and it does not.
 */
function syncFileFor(dbFile: string): SyncFile {
  const images = process.env.WARDSCAN_TEST_DISK_IMAGES;
  if (!images) return fsync;
  let n = 0;
  const image = (i: number) => join(images, String(i).padStart(9, '0'));
  return (fd, done) => {
    const partial = `${image(++n)}.partial`;
    mkdirSync(partial, { recursive: true });
    copyFileSync(dbFile, join(partial, basename(dbFile)));
    copyFileSync(`${dbFile}-wal`, join(partial, `${basename(dbFile)}-wal`));
    renameSync(partial, image(n));
    rmSync(image(n - 2), { recursive: true, force: true });
    // A slow disk (20 ms an fsync): commits made meanwhile must wait for the next one, so an answer sent early shows.
    fsync(fd, (err) => setTimeout(() => done(err), 20));
  };
}

export function createGroupCommit(db: Db, onFatal: (err: Error) => void, syncFile: SyncFile = syncFileFor(db.name)): GroupCommit {
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
  let fsyncMs: number[] = [];
  let waitMs: number[] = [];
  let windowFrom = { commits: 0, syncs: 0 };
  const sample = (into: number[], since: number) => {
    if (into.length < MAX_SAMPLES) into.push(performance.now() - since);
  };

  function flush(): void {
    if (syncing || waiters.length === 0) return;
    syncing = true;
    const upTo = committed; // this fsync starts after commit `upTo` returned, so it covers it
    const started = performance.now();
    syncFile(wal, (err) => {
      sample(fsyncMs, started);
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
      const committedAt = performance.now();
      await durable(++committed);
      sample(waitMs, committedAt);
      if (!outcome.ok) throw outcome.error;
      return outcome.value;
    },
    stats: () => ({ commits: committed, syncs }),
    window() {
      const figures = { commits: committed - windowFrom.commits, syncs: syncs - windowFrom.syncs, fsyncMs: spread(fsyncMs), waitMs: spread(waitMs) };
      windowFrom = { commits: committed, syncs };
      fsyncMs = [];
      waitMs = [];
      return figures;
    },
    async close() {
      if (syncing) await new Promise<void>((resolve) => (idle = resolve));
      closeSync(wal);
    },
  };
}
