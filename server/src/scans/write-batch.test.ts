import { fsync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/database.js';
import { createGroupCommit, type SyncFile } from '../db/group-commit.js';
import { createWriteBatch } from './write-batch.js';

/* A real SQLite file and the real fsync(2); a test can hold an fsync's completion to see what waits for it. */

describe('write batch', () => {
  let dir: string;
  let db: Db;
  let held: (() => void)[];
  const heldSync: SyncFile = (fd, done) => held.push(() => fsync(fd, done));
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wardscan-batch-'));
    db = openDatabase(join(dir, 'batch.db'));
    db.exec('CREATE TABLE events (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    held = [];
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const rows = () => db.prepare('SELECT id FROM events ORDER BY id').pluck().all();
  // Like recordScan: the work opens its own transaction.
  const insert = (id: number) => () => db.transaction(() => db.prepare('INSERT INTO events (id, body) VALUES (?, ?)').run(id, `event ${id}`).changes)();
  const settle = () => new Promise((r) => setTimeout(r, 20));

  it('commits writes queued in the same turn together, in order, each seeing the ones before', async () => {
    const gc = createGroupCommit(db, () => {});
    const batch = createWriteBatch(db, gc);
    const seen: unknown[] = [];
    const results = await Promise.all([
      batch.write(insert(1)),
      batch.write(() => seen.push(rows())),
      batch.write(insert(2)),
    ]);
    expect(results).toEqual([1, 1, 1]);
    expect(seen).toEqual([[1]]);
    expect(rows()).toEqual([1, 2]);
    expect(gc.stats().commits).toBe(1);
    await batch.write(insert(3));
    expect(gc.stats().commits).toBe(2);
  });

  it('commits at most maxWrites together and lets the event loop run before the rest, keeping their order', async () => {
    const gc = createGroupCommit(db, () => {});
    const batch = createWriteBatch(db, gc, 2);
    const turns: string[] = [];
    const writes = [1, 2, 3, 4, 5].map((id) => batch.write(() => turns.push(`write ${id}`) && insert(id)()));
    setImmediate(() => turns.push('other work'));
    expect(await Promise.all(writes)).toEqual([1, 1, 1, 1, 1]);
    expect(turns).toEqual(['write 1', 'write 2', 'other work', 'write 3', 'write 4', 'write 5']);
    expect(rows()).toEqual([1, 2, 3, 4, 5]);
    expect(gc.stats().commits).toBe(3);
  });

  it('undoes only the write that threw, and answers it with its own error', async () => {
    const batch = createWriteBatch(db, createGroupCommit(db, () => {}));
    const failing = () => {
      insert(10)();
      throw new Error('conflict');
    };
    const outcomes = await Promise.allSettled([batch.write(insert(1)), batch.write(failing), batch.write(insert(2))]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error('conflict'));
    expect(rows()).toEqual([1, 2]);
  });

  it('answers no write, nor its error, before the batch is on disk', async () => {
    const batch = createWriteBatch(db, createGroupCommit(db, () => {}, heldSync));
    const answered: string[] = [];
    const done = Promise.allSettled([
      batch.write(insert(1)).then(() => answered.push('ok')),
      batch.write(() => {
        throw new Error('refused');
      }).catch(() => answered.push('error')),
    ]);
    await settle();
    expect(rows()).toEqual([1]);
    expect(answered).toEqual([]);
    expect(held).toHaveLength(1);
    held.shift()!();
    await done;
    expect(answered).toEqual(['ok', 'error']);
  });

  it('fails every write when SQLite abandons the transaction', async () => {
    const batch = createWriteBatch(db, createGroupCommit(db, () => {}));
    const abandon = () => {
      db.exec('ROLLBACK'); // what SQLite does itself after some I/O errors
      throw new Error('disk I/O error');
    };
    const outcomes = await Promise.allSettled([batch.write(insert(1)), batch.write(abandon), batch.write(insert(2))]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(rows()).toEqual([]);
  });
});
