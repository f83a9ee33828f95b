import type { AuditEntry, AuditEventType, AuditQuery, RuleId, VerdictOutcome } from '@wardscan/shared';
import type { Db } from '../db/database.js';
import type { AnchorLine } from './anchor.js';
import { GENESIS_HASH, storedJson, storedRowHash, storedText, type StoredAuditRow } from './hash.js';
import { rowMac } from './key.js';
import { openAuditSeal, type AuditSeal } from './seal.js';
import { storedRowToEntry } from './stored-rows.js';

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

/**
 * The audit log. `seal` (the key and anchor file, see seal.ts) is opened from
 * the database's place unless given.
 */
export function createAuditRepository(db: Db, seal: AuditSeal = openAuditSeal(db)) {
  const last = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare(
    `INSERT INTO audit_log (seq, at, type, ward_id, patient_id, user_id, device_id, event_id, outcome, rules, summary, detail, prev_hash, hash, mac)
     VALUES (@seq, @at, @type, @ward_id, @patient_id, @user_id, @device_id, @event_id, @outcome, @rules, @summary, @detail, @prev_hash, @hash, @mac)`,
  );
  return {
    /**
     * Appends one row chained to the last, hashed and MACed over exactly the
     * text stored. Call inside the transaction that writes the event it
     * records, so the two commit together.
     */
    append(input: AuditInput, at: Date): AuditEntry {
      const tail = last.get();
      const unhashed: Omit<StoredAuditRow, 'hash' | 'mac'> = {
        seq: (tail?.seq ?? 0) + 1,
        at: at.toISOString(),
        type: input.type,
        ward_id: storedText(input.wardId ?? null),
        patient_id: storedText(input.patientId ?? null),
        user_id: storedText(input.userId ?? null),
        device_id: storedText(input.deviceId ?? null),
        event_id: storedText(input.eventId ?? null),
        outcome: input.outcome ?? null,
        rules: storedJson(input.rules ?? []),
        summary: storedText(input.summary),
        detail: storedJson(input.detail ?? {}),
        prev_hash: tail?.hash ?? GENESIS_HASH,
      };
      const hash = storedRowHash(unhashed);
      const row = { ...unhashed, hash };
      insert.run({ ...row, mac: rowMac(seal.key, row, hash) });
      return storedRowToEntry(row);
    },
    /** The newest row's seq and hash (seq 0 and the genesis hash for an empty log). */
    head(): { seq: number; hash: string } {
      return last.get() ?? { seq: 0, hash: GENESIS_HASH };
    },
    /** Writes the head to the anchor file (fsynced). Pass a head already on disk: an anchor must never outlive a power cut's loss. */
    async anchor(head: { seq: number; hash: string }, at: Date): Promise<AnchorLine | null> {
      const anchors = seal.anchors;
      if (!anchors) return null;
      const previous = anchors.last();
      if (previous && previous.seq === head.seq && previous.hash === head.hash) return previous;
      return anchors.append({ kind: 'head', seq: head.seq, hash: head.hash, at: at.toISOString() });
    },
    query(f: Filters, page: number, pageSize: number): { entries: AuditEntry[]; total: number } {
      const w = where(f);
      const total = (db.prepare(`SELECT count(*) AS n FROM audit_log ${w.sql}`).get(...w.params) as { n: number }).n;
      const rows = db
        .prepare(`SELECT * FROM audit_log ${w.sql} ORDER BY seq DESC LIMIT ? OFFSET ?`)
        .all(...w.params, pageSize, (page - 1) * pageSize) as StoredAuditRow[];
      return { entries: rows.map(storedRowToEntry), total };
    },
    /** Every row in order, for export and verification, without loading them all at once. */
    *iterate(f: Filters = {}): Generator<AuditEntry> {
      const w = where(f);
      for (const r of db.prepare(`SELECT * FROM audit_log ${w.sql} ORDER BY seq`).iterate(...w.params) as IterableIterator<StoredAuditRow>) {
        yield storedRowToEntry(r);
      }
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
