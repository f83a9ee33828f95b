import { fsync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './database.js';
import { createGroupCommit, type SyncFile } from './group-commit.js';

/*
 * A real SQLite file and the real fsync(2). The only seam is when each fsync's
 * completion is handed back, so a test can hold it and see what waits for it.
 */

interface HeldSync {
  readonly sync: SyncFile;
  /** Rows committed when each fsync started (what it is guaranteed to cover). */
  readonly startedWithRows: number[];
  /** Lets the oldest held fsync run and report. */
  release(): void;
  held(): number;
}

function heldSync(db: Db): HeldSync {
  const startedWithRows: number[] = [];
  const queue: (() => void)[] = [];
  const count = db.prepare('SELECT count(*) FROM events').pluck();
  return {
    startedWithRows,
    sync: (fd, done) => {
      startedWithRows.push(count.get() as number);
      queue.push(() => fsync(fd, done));
    },
    release: () => queue.shift()?.(),
    held: () => queue.length,
  };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('group commit', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wardscan-gc-'));
    db = openDatabase(join(dir, 'gc.db'));
    db.exec('CREATE TABLE events (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const insert = (id: number) => () => db.transaction(() => db.prepare('INSERT INTO events (id, body) VALUES (?, ?)').run(id, `event ${id}`))();

  it('answers only after an fsync that started once the commit was made', async () => {
    const h = heldSync(db);
    const gc = createGroupCommit(db, () => {}, h.sync);
    let answered = false;
    const done = gc.write(insert(1)).then(() => (answered = true));
    await settle();
    expect(h.held()).toBe(1);
    expect(answered).toBe(false); // committed, visible, but not yet on disk: no answer
    expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(1);
    h.release();
    await done;
    expect(answered).toBe(true);
    expect(h.startedWithRows).toEqual([1]);
    await gc.close();
  });

  it('makes commits that arrive during an fsync share the next one', async () => {
    const h = heldSync(db);
    const gc = createGroupCommit(db, () => {}, h.sync);
    const first = gc.write(insert(1));
    await settle();
    const resolved: number[] = [];
    const later = Array.from({ length: 20 }, (_, i) => gc.write(insert(i + 2)).then(() => resolved.push(i + 2)));
    await settle();
    expect(h.held()).toBe(1); // still the first fsync: the 20 wait, they cannot ride on it
    h.release();
    await first;
    await settle();
    expect(resolved).toEqual([]); // the first fsync began before their commits
    expect(h.held()).toBe(1);
    h.release();
    await Promise.all(later);
    expect(h.startedWithRows).toEqual([1, 21]);
    expect(gc.stats()).toEqual({ commits: 21, syncs: 2 });
    await gc.close();
  });

  it('reports each window: fsync times, and how long each write waited for its fsync, then starts a new one', async () => {
    const h = heldSync(db);
    const gc = createGroupCommit(db, () => {}, h.sync);
    const written = [gc.write(insert(1)), gc.write(insert(2))];
    await new Promise((r) => setTimeout(r, 30)); // the first fsync is held for 30 ms
    h.release();
    await written[0];
    await settle();
    h.release();
    await Promise.all(written);
    const first = gc.window();
    expect(first).toMatchObject({ commits: 2, syncs: 2, fsyncMs: { count: 2 }, waitMs: { count: 2 } });
    expect(first.fsyncMs.max).toBeGreaterThanOrEqual(25); // the held one
    expect(first.waitMs.max).toBeGreaterThanOrEqual(first.fsyncMs.max);
    expect(gc.window()).toEqual({ commits: 0, syncs: 0, fsyncMs: { count: 0, p50: 0, p99: 0, max: 0 }, waitMs: { count: 0, p50: 0, p99: 0, max: 0 } });
    await gc.close();
  });

  it('waits for the disk before an error too, rethrows it, and leaves the connection at synchronous=FULL', async () => {
    const h = heldSync(db);
    const gc = createGroupCommit(db, () => {}, h.sync);
    await settle();
    const committed = gc.write(insert(1));
    const failing = gc.write(() => {
      throw new Error('This eventId was already used for a different scan.');
    });
    let rejected = false;
    failing.catch(() => (rejected = true));
    await settle();
    expect(rejected).toBe(false); // the error rests on a commit not yet on disk
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    h.release();
    await committed;
    h.release();
    await expect(failing).rejects.toThrow('already used');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    await gc.close();
  });

  it('refuses waiting and later writes once an fsync fails', async () => {
    const fatal: Error[] = [];
    const gc = createGroupCommit(db, (err) => fatal.push(err), (_fd, done) => setImmediate(() => done(new Error('EIO: i/o error'))));
    await expect(gc.write(insert(1))).rejects.toThrow(/could not be saved to disk \(EIO: i\/o error\)/);
    expect(fatal.map((e) => e.message)).toEqual(['EIO: i/o error']);
    let ran = false;
    await expect(gc.write(() => (ran = true))).rejects.toThrow(/until the server restarts/);
    expect(ran).toBe(false);
    await gc.close();
  });

  it('refuses a database without a write-ahead log', () => {
    const mem = openDatabase(':memory:');
    expect(() => createGroupCommit(mem, () => {})).toThrow(/database file/);
    mem.close();
  });
});
