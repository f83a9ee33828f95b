import type { AuditEntry, AuditEventType, AuditQuery, RuleId, VerdictOutcome } from '@wardscan/shared';
import type { Db } from '../db/database.js';
import { auditHash, GENESIS_HASH } from './hash.js';

/** What a caller records; seq, hashes and time are added on append. */
export interface AuditInput {
  readonly type: AuditEventType;
  readonly wardId?: string | null;
  readonly patientId?: string | null;
  readonly userId?: string | null;
  readonly deviceId?: string | null;
  readonly eventId?: string | null;
  readonly outcome?: VerdictOutcome | null;
  readonly rules?: readonly RuleId[];
  readonly summary: string;
  readonly detail?: Record<string, unknown>;
}

interface AuditRow {
  seq: number;
  at: string;
  type: AuditEventType;
  ward_id: string | null;
  patient_id: string | null;
  user_id: string | null;
  device_id: string | null;
  event_id: string | null;
  outcome: VerdictOutcome | null;
  rules: string;
  summary: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

export const rowToEntry = (r: AuditRow): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  type: r.type,
  wardId: r.ward_id,
  patientId: r.patient_id,
  userId: r.user_id,
  deviceId: r.device_id,
  eventId: r.event_id,
  outcome: r.outcome,
  rules: JSON.parse(r.rules) as RuleId[],
  summary: r.summary,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
  prevHash: r.prev_hash,
  hash: r.hash,
});

type Filters = Omit<AuditQuery, 'page' | 'pageSize' | 'format'>;

function where(f: Filters): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const eq = (col: string, v: unknown) => {
    if (v !== undefined) {
      clauses.push(`${col} = ?`);
      params.push(v);
    }
  };
  eq('ward_id', f.wardId);
  eq('patient_id', f.patientId);
  eq('user_id', f.userId);
  eq('outcome', f.outcome);
  eq('type', f.type);
  if (f.rule !== undefined) {
    clauses.push('EXISTS (SELECT 1 FROM json_each(audit_log.rules) WHERE value = ?)');
    params.push(f.rule);
  }
  // Instants are stored as UTC ISO strings, so they compare as text once normalised.
  if (f.from !== undefined) {
    clauses.push('at >= ?');
    params.push(new Date(f.from).toISOString());
  }
  if (f.to !== undefined) {
    clauses.push('at < ?');
    params.push(new Date(f.to).toISOString());
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

export function createAuditRepository(db: Db) {
  const last = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare(
    `INSERT INTO audit_log (seq, at, type, ward_id, patient_id, user_id, device_id, event_id, outcome, rules, summary, detail, prev_hash, hash)
     VALUES (@seq, @at, @type, @wardId, @patientId, @userId, @deviceId, @eventId, @outcome, @rules, @summary, @detail, @prevHash, @hash)`,
  );
  return {
    /**
     * Appends one row chained to the last. Call inside the transaction that
     * writes the event it records, so the two commit together.
     */
    append(input: AuditInput, at: Date): AuditEntry {
      const tail = last.get();
      const prevHash = tail?.hash ?? GENESIS_HASH;
      const seq = (tail?.seq ?? 0) + 1;
      const unhashed: Omit<AuditEntry, 'hash'> = {
        seq,
        at: at.toISOString(),
        type: input.type,
        wardId: input.wardId ?? null,
        patientId: input.patientId ?? null,
        userId: input.userId ?? null,
        deviceId: input.deviceId ?? null,
        eventId: input.eventId ?? null,
        outcome: input.outcome ?? null,
        rules: [...(input.rules ?? [])],
        summary: input.summary,
        detail: input.detail ?? {},
        prevHash,
      };
      const entry: AuditEntry = { ...unhashed, hash: auditHash(unhashed) };
      insert.run({ ...entry, rules: JSON.stringify(entry.rules), detail: JSON.stringify(entry.detail) });
      return entry;
    },
    query(f: Filters, page: number, pageSize: number): { entries: AuditEntry[]; total: number } {
      const w = where(f);
      const total = (db.prepare(`SELECT count(*) AS n FROM audit_log ${w.sql}`).get(...w.params) as { n: number }).n;
      const rows = db
        .prepare(`SELECT * FROM audit_log ${w.sql} ORDER BY seq DESC LIMIT ? OFFSET ?`)
        .all(...w.params, pageSize, (page - 1) * pageSize) as AuditRow[];
      return { entries: rows.map(rowToEntry), total };
    },
    /** Every row in order, for export and verification, without loading them all at once. */
    *iterate(f: Filters = {}): Generator<AuditEntry> {
      const w = where(f);
      for (const r of db.prepare(`SELECT * FROM audit_log ${w.sql} ORDER BY seq`).iterate(...w.params) as IterableIterator<AuditRow>) {
        yield rowToEntry(r);
      }
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
