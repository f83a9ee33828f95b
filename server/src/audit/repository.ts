import type { AuditEntry, AuditEventType, AuditFacets, AuditLogEntry, AuditQuery, RuleId, VerdictOutcome } from '@wardscan/shared';
import type { Db } from '../db/database.js';
import type { AnchorLine } from './anchor.js';
import { GENESIS_HASH, storedJson, storedRowHash, storedText, type StoredAuditRow } from './hash.js';
import { rowMac } from './key.js';
import { openAuditSeal, type AuditSeal } from './seal.js';
import { storedRowToEntry } from './stored-rows.js';
import { patientName } from '../domain/records.js';

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
  eq('ward_id', f.onWardId);
  eq('patient_id', f.patientId);
  eq('user_id', f.userId);
  eq('device_id', f.deviceId);
  eq('event_id', f.eventId);
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

/*
 * The log as a ward manager reads it (issue 15): names joined here, in one
 * query, rather than by the client.
 * - The patient a row concerns: the one it names, else, for a wristband scan
 *   that identified nobody, the patient the band named (by GSRN, else NHS
 *   Number), so a refused other-ward band still says whose it was.
 * - The bed: the one on the scan's answer, else the patient's bed now.
 * - The override reason: from an override row's detail, else the dose's own.
 * - A ward's log (`wardId`): rows on the ward, and rows by its staff on other
 *   wards (a nurse's stop on another ward reaches her own manager too).
 */
/** The names joined onto rows of `a` (audit_log, or a page of it). */
const LOG_JOINS = /* sql */ `
LEFT JOIN wards w ON w.id = a.ward_id
LEFT JOIN staff u ON u.id = a.user_id
LEFT JOIN wards uw ON uw.id = u.ward_id
LEFT JOIN scan_events se ON se.event_id = a.event_id
LEFT JOIN patients p ON p.id = COALESCE(
  a.patient_id,
  CASE WHEN se.patient_id IS NULL AND json_extract(se.response, '$.interpretation.scan.kind') = 'patient' THEN COALESCE(
    (SELECT id FROM patients WHERE wristband_gsrn = json_extract(se.response, '$.interpretation.scan.gsrn')),
    (SELECT id FROM patients WHERE nhs_number = json_extract(se.response, '$.interpretation.scan.nhsNumber'))
  ) END
)
LEFT JOIN beds b ON b.id = p.bed_id
LEFT JOIN administrations adm ON adm.event_id = a.event_id`;

const BED_LABEL = /* sql */ `COALESCE(json_extract(se.response, '$.patient.bedLabel'), b.label)`;

const LOG_COLUMNS = /* sql */ `
a.*, w.name AS ward_name, COALESCE(w.time_zone, uw.time_zone) AS row_time_zone, u.name AS user_name,
p.id AS subject_id, p.given_name AS subject_given, p.family_name AS subject_family, p.nhs_number AS subject_nhs,
${BED_LABEL} AS bed_label,
COALESCE(json_extract(a.detail, '$.overrideReason'), adm.override_reason) AS override_reason`;

interface LogRow extends StoredAuditRow {
  ward_name: string | null;
  row_time_zone: string | null;
  user_name: string | null;
  subject_id: string | null;
  subject_given: string | null;
  subject_family: string | null;
  subject_nhs: string | null;
  bed_label: string | null;
  override_reason: string | null;
}

type LogFilters = Filters;

/**
 * The WHERE clause of the log, over audit_log alone (so a page is chosen,
 * counted and sorted before any name is joined). A patient matches the rows
 * naming them, and scan rows that identified nobody whose band named them.
 * `facets` leaves out the filters the facets choose between.
 */
function logWhere(db: Db, f: LogFilters, facets = false): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const eq = (col: string, v: unknown) => {
    if (v !== undefined) {
      clauses.push(`${col} = ?`);
      params.push(v);
    }
  };
  if (f.wardId !== undefined) {
    clauses.push('(a.ward_id = ? OR a.user_id IN (SELECT id FROM staff WHERE ward_id = ?))');
    params.push(f.wardId, f.wardId);
  }
  if (f.from !== undefined) {
    clauses.push('a.at >= ?');
    params.push(new Date(f.from).toISOString());
  }
  if (f.to !== undefined) {
    clauses.push('a.at < ?');
    params.push(new Date(f.to).toISOString());
  }
  if (!facets) {
    eq('a.ward_id', f.onWardId);
    if (f.patientId !== undefined) {
      const ids = db.prepare<[string], { gsrn: string | null; nhs: string }>('SELECT wristband_gsrn AS gsrn, nhs_number AS nhs FROM patients WHERE id = ?').get(f.patientId);
      clauses.push(`(a.patient_id = ? OR (a.patient_id IS NULL AND a.type = 'scan' AND EXISTS (
        SELECT 1 FROM scan_events se WHERE se.event_id = a.event_id AND se.patient_id IS NULL
          AND json_extract(se.response, '$.interpretation.scan.kind') = 'patient'
          AND (json_extract(se.response, '$.interpretation.scan.gsrn') = ?
            OR (json_extract(se.response, '$.interpretation.scan.nhsNumber') = ?
              AND NOT EXISTS (SELECT 1 FROM patients g WHERE g.wristband_gsrn = json_extract(se.response, '$.interpretation.scan.gsrn')))))))`);
      params.push(f.patientId, ids?.gsrn ?? null, ids?.nhs ?? null);
    }
    eq('a.user_id', f.userId);
    eq('a.device_id', f.deviceId);
    eq('a.event_id', f.eventId);
    eq('a.outcome', f.outcome);
    eq('a.type', f.type);
    if (f.rule !== undefined) {
      clauses.push('EXISTS (SELECT 1 FROM json_each(a.rules) WHERE value = ?)');
      params.push(f.rule);
    }
    if (f.bedLabel !== undefined) {
      // The bed exactly as LOG_COLUMNS reads it, for this row alone (by its primary key).
      clauses.push(`(SELECT ${BED_LABEL} FROM audit_log x ${LOG_JOINS.replace(/\ba\./g, 'x.')} WHERE x.seq = a.seq) = ?`);
      params.push(f.bedLabel);
    }
    if (f.overrideReason !== undefined) {
      // As LOG_COLUMNS reads it: the override row's own reason, else the dose's.
      clauses.push(`COALESCE(json_extract(a.detail, '$.overrideReason'), (SELECT override_reason FROM administrations WHERE event_id = a.event_id)) = ?`);
      params.push(f.overrideReason);
    }
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

const toLogEntry = (r: LogRow, fallbackTimeZone: string): AuditLogEntry => ({
  ...storedRowToEntry(r),
  wardName: r.ward_name,
  wardTimeZone: r.row_time_zone ?? fallbackTimeZone,
  bedLabel: r.bed_label,
  patient:
    r.subject_id !== null
      ? {
          id: r.subject_id,
          name: patientName({ givenName: r.subject_given ?? '', familyName: r.subject_family ?? '' }),
          nhsNumber: r.subject_nhs ?? '',
          identified: r.patient_id === r.subject_id,
        }
      : null,
  userName: r.user_name,
  overrideReason: r.override_reason,
});

/** Up to this many choices per filter. */
const FACET_LIMIT = 500;

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
    /**
     * A page of the log with names joined (see LOG_JOINS), newest first.
     * `timeZone` is the zone for rows that have no ward (the viewed ward's).
     */
    logPage(f: LogFilters, page: number, pageSize: number, timeZone: string): { entries: AuditLogEntry[]; total: number } {
      const w = logWhere(db, f);
      const total = (db.prepare(`SELECT count(*) AS n FROM audit_log a ${w.sql}`).get(...w.params) as { n: number }).n;
      const rows = db
        .prepare(`SELECT ${LOG_COLUMNS} FROM (SELECT * FROM audit_log a ${w.sql} ORDER BY a.seq DESC LIMIT ? OFFSET ?) a ${LOG_JOINS} ORDER BY a.seq DESC`)
        .all(...w.params, pageSize, (page - 1) * pageSize) as LogRow[];
      return { entries: rows.map((r) => toLogEntry(r, timeZone)), total };
    },
    /** The log with names joined, in order, one row at a time: the CSV export. */
    *iterateLog(f: LogFilters, timeZone: string): Generator<AuditLogEntry> {
      const w = logWhere(db, f);
      for (const r of db.prepare(`SELECT ${LOG_COLUMNS} FROM audit_log a ${LOG_JOINS} ${w.sql} ORDER BY a.seq`).iterate(...w.params) as IterableIterator<LogRow>) {
        yield toLogEntry(r, timeZone);
      }
    },
    /**
     * What the log's filters can choose from, within its ward and period: one
     * pass over the rows' ids, then their names (up to FACET_LIMIT of each).
     */
    logFacets(f: LogFilters): AuditFacets {
      const w = logWhere(db, f, true);
      const combos = db.prepare(`SELECT DISTINCT a.ward_id AS w, a.user_id AS u, a.device_id AS d, a.patient_id AS p FROM audit_log a ${w.sql}`).raw().all(...w.params) as [string | null, string | null, string | null, string | null][];
      const wardIds = new Set<string>();
      const userIds = new Set<string>();
      const devices = new Set<string>();
      const patientIds = new Set<string>();
      for (const [wd, u, d, pt] of combos) {
        if (wd) wardIds.add(wd);
        if (u) userIds.add(u);
        if (d) devices.add(d);
        if (pt) patientIds.add(pt);
      }
      // Patients a refused band named (rows that identified nobody).
      const and = w.sql ? 'AND' : 'WHERE';
      const named = db
        .prepare(
          `SELECT DISTINCT p.id FROM audit_log a JOIN scan_events se ON se.event_id = a.event_id ${LOG_JOINS.slice(LOG_JOINS.indexOf('LEFT JOIN patients p'), LOG_JOINS.indexOf('LEFT JOIN beds b'))}
           ${w.sql} ${and} a.patient_id IS NULL AND a.type = 'scan' AND se.patient_id IS NULL AND p.id IS NOT NULL`,
        )
        .pluck()
        .all(...w.params) as string[];
      for (const id of named) patientIds.add(id);
      const named_ = <T>(sql: string, ids: Set<string>): T[] => {
        const list = [...ids].slice(0, FACET_LIMIT * 4);
        const out: T[] = [];
        // SQLite's parameter limit: in chunks.
        for (let i = 0; i < list.length; i += 500) {
          const chunk = list.slice(i, i + 500);
          out.push(...(db.prepare(sql.replace('(?)', `(${chunk.map(() => '?').join(',')})`)).all(...chunk) as T[]));
        }
        return out;
      };
      const byName = <T extends { name: string }>(list: T[]): T[] => list.sort((x, y) => x.name.localeCompare(y.name)).slice(0, FACET_LIMIT);
      return {
        wards: byName(named_<{ id: string; name: string }>('SELECT id, name FROM wards WHERE id IN (?)', wardIds)),
        patients: named_<{ id: string; given: string; family: string; nhs: string }>('SELECT id, given_name AS given, family_name AS family, nhs_number AS nhs FROM patients WHERE id IN (?)', patientIds)
          .sort((x, y) => x.family.localeCompare(y.family) || x.given.localeCompare(y.given))
          .slice(0, FACET_LIMIT)
          .map((r) => ({ id: r.id, name: patientName({ givenName: r.given, familyName: r.family }), nhsNumber: r.nhs })),
        users: byName(named_<{ id: string; name: string }>('SELECT id, name FROM staff WHERE id IN (?)', userIds)),
        devices: [...devices].sort().slice(0, FACET_LIMIT),
        // The ward's beds, not those in the log: a manager asks about a bed whatever happened there.
        beds: [
          ...new Set(
            (f.wardId !== undefined
              ? db.prepare<[string], string>('SELECT label FROM beds WHERE ward_id = ?').pluck().all(f.wardId)
              : db.prepare<[], string>('SELECT label FROM beds').pluck().all()
            ).sort((x, y) => x.localeCompare(y, 'en-GB', { numeric: true })),
          ),
        ].slice(0, FACET_LIMIT),
      };
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
