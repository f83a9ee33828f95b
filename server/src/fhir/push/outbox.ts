import type { Db } from '../../db/database.js';

export type OutboxKind = 'given' | 'not-given';

export interface OutboxRow {
  readonly id: number;
  readonly kind: OutboxKind;
  readonly record_id: string;
  /** The resource's identifier value (`urn:uuid:<event id>`), which the receiver deduplicates on. */
  readonly identifier: string;
  readonly attempts: number;
}

/** Each source table, the kind of record it holds, and how many rows one fill reads from it at most. */
const SOURCES = [
  { source: 'administrations', kind: 'given' },
  { source: 'dose_omissions', kind: 'not-given' },
] as const;
const FILL_BATCH = 1000;

/**
 * The durable outbox (migration 012): every new administration and not-given
 * dose queued once, found by rowid since the last one queued (both tables
 * only ever have rows added, and SQLite gives a new row a higher rowid than
 * any before it while none is deleted), then marked delivered or given its
 * next attempt. Times are the server's wall clock (the push's own schedule).
 */
export function createOutbox(db: Db) {
  const cursor = db.prepare<[string], number>('SELECT last_rowid FROM fhir_outbox_cursor WHERE source = ?').pluck();
  const setCursor = db.prepare<[string, number]>(
    'INSERT INTO fhir_outbox_cursor (source, last_rowid) VALUES (?, ?) ON CONFLICT (source) DO UPDATE SET last_rowid = excluded.last_rowid',
  );
  const newRows = {
    administrations: db.prepare<[number, number], { rowid: number; id: string; event_id: string }>('SELECT rowid, id, event_id FROM administrations WHERE rowid > ? ORDER BY rowid LIMIT ?'),
    dose_omissions: db.prepare<[number, number], { rowid: number; id: string; event_id: string }>('SELECT rowid, id, event_id FROM dose_omissions WHERE rowid > ? ORDER BY rowid LIMIT ?'),
  };
  const maxRowid = {
    administrations: db.prepare<[], number>('SELECT COALESCE(max(rowid), 0) FROM administrations').pluck(),
    dose_omissions: db.prepare<[], number>('SELECT COALESCE(max(rowid), 0) FROM dose_omissions').pluck(),
  };
  const enqueue = db.prepare<[OutboxKind, string, string, string, string]>(
    'INSERT OR IGNORE INTO fhir_outbox (kind, record_id, identifier, queued_at, next_attempt_at) VALUES (?, ?, ?, ?, ?)',
  );
  const due = db.prepare<[string, number], OutboxRow>(
    'SELECT id, kind, record_id, identifier, attempts FROM fhir_outbox WHERE delivered_at IS NULL AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?',
  );
  const delivered = db.prepare<[string, number, string | null, number]>('UPDATE fhir_outbox SET delivered_at = ?, attempts = attempts + 1, last_status = ?, last_error = ? WHERE id = ?');
  const failed = db.prepare<[string, number | null, string, number]>('UPDATE fhir_outbox SET next_attempt_at = ?, attempts = attempts + 1, last_status = ?, last_error = ? WHERE id = ?');

  return {
    /**
     * On the very first start, where the push begins: after every record
     * already held (`now`), or before all of them (`start`). Later starts
     * carry on from the cursor, so nothing recorded while the server was
     * stopped or the push was switched off is missed.
     */
    begin(from: 'now' | 'start'): void {
      db.transaction(() => {
        for (const { source } of SOURCES) if (cursor.get(source) === undefined) setCursor.run(source, from === 'now' ? maxRowid[source].get()! : 0);
      })();
    },
    /** Queues the records added since the last fill, in one transaction with the cursor; returns how many. */
    fill(at: Date): number {
      return db.transaction(() => {
        let queued = 0;
        for (const { source, kind } of SOURCES) {
          const rows = newRows[source].all(cursor.get(source) ?? 0, FILL_BATCH);
          for (const r of rows) queued += enqueue.run(kind, r.id, `urn:uuid:${r.event_id}`, at.toISOString(), at.toISOString()).changes;
          const last = rows.at(-1);
          if (last) setCursor.run(source, last.rowid);
        }
        return queued;
      })();
    },
    due: (at: Date, limit: number): OutboxRow[] => due.all(at.toISOString(), limit),
    delivered: (id: number, at: Date, status: number, note: string | null = null): void => void delivered.run(at.toISOString(), status, note, id),
    failed: (id: number, retryAt: Date, status: number | null, error: string): void => void failed.run(retryAt.toISOString(), status, error.slice(0, 500), id),
    /** Deliveries still to make (for logs and tests). */
    pending: (): number => db.prepare<[], number>('SELECT count(*) FROM fhir_outbox WHERE delivered_at IS NULL').pluck().get()!,
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
