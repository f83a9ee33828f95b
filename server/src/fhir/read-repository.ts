import type { AuditEntry, DoseUnit, MedicationRoute, NotGivenReason, OverrideReason, VerdictOutcome } from '@wardscan/shared';
import type { Statement } from 'better-sqlite3';
import type { StoredAuditRow } from '../audit/hash.js';
import { storedRowToEntry } from '../audit/stored-rows.js';
import type { Db } from '../db/database.js';
import { orderDoseOf } from '../prescriptions/repository.js';
import type { GivenDose, NotGivenDose, StaffRef } from './to-fhir/medication-administration.js';

/** An instant window, [from, to) as UTC ISO strings (see `dateWindow`). */
export interface Window {
  readonly from?: string;
  readonly to?: string;
}
export interface Page {
  readonly count: number;
  readonly offset: number;
}

interface GivenRow {
  id: string;
  event_id: string;
  patient_id: string;
  nhs_number: string;
  prescription_id: string;
  order_system: string | null;
  order_value: string | null;
  given_at: string;
  last_updated: string;
  documented_late: number;
  given_by: string;
  given_by_name: string;
  given_by_badge: string | null;
  witnessed_by: string | null;
  witness_name: string | null;
  witness_badge: string | null;
  override_reason: OverrideReason | null;
  indication: string | null;
  dose_text: string;
  dose_value: string;
  dose_unit: DoseUnit;
  route: MedicationRoute;
  gtin: string | null;
  batch: string | null;
  expiry: string | null;
  product_name: string | null;
  ampp_code: string | null;
  ampp_name: string | null;
}

interface NotGivenRow {
  id: string;
  event_id: string;
  patient_id: string;
  nhs_number: string;
  prescription_id: string;
  order_system: string | null;
  order_value: string | null;
  slot_at: string;
  last_updated: string;
  reason: NotGivenReason;
  note: string | null;
  recorded_by: string;
  recorded_by_name: string;
  recorded_by_badge: string | null;
  drug: string;
  medication_code: string | null;
  dose_value: string;
  dose_unit: DoseUnit;
  dose_range: string | null;
  route: MedicationRoute;
}

/** A MedicationAdministration is one of two records: a dose given, or a dose documented as not given. */
export type DoseRef = { readonly kind: 'given' | 'not-given'; readonly id: string };
export type DoseResource = { readonly kind: 'given'; readonly dose: GivenDose } | { readonly kind: 'not-given'; readonly dose: NotGivenDose };

export interface DoseFilters {
  readonly patientId?: string;
  /** meta.lastUpdated: when the record reached the server. */
  readonly lastUpdated?: Window;
  /** effectiveDateTime: given (capture time) or due (not given). */
  readonly effective?: Window;
  /** Which records: given (completed), not given (not-done); both when absent. */
  readonly kinds?: readonly ('given' | 'not-given')[];
}

export interface AuditFilters {
  readonly patientId?: string;
  readonly wardId?: string;
  readonly outcome?: VerdictOutcome;
  readonly at?: Window;
  /** The newest row a paged search reads (its first page's newest), so later pages do not shift as rows are added. */
  readonly maxSeq?: number;
}

// When each record reached the server (both expressions are indexed by migration 012).
const GIVEN_UPDATED = 'COALESCE(a.documented_at, a.given_at)';
const NOT_GIVEN_UPDATED = 'COALESCE(o.documented_at, o.recorded_at)';

const staff = (id: string, name: string, badge: string | null): StaffRef => ({ id, name, badge });
const order = (system: string | null, value: string | null) => (system && value ? { system, value } : null);

/** `col >= from AND col < to` for the parts of a window that are set. */
function windowSql(col: string, w: Window | undefined, clauses: string[], params: unknown[]): void {
  if (w?.from !== undefined) {
    clauses.push(`${col} >= ?`);
    params.push(w.from);
  }
  if (w?.to !== undefined) {
    clauses.push(`${col} < ?`);
    params.push(w.to);
  }
}

/**
 * The FHIR reads' queries: doses given and not given (MedicationAdministration),
 * audit rows (AuditEvent) and Patient versions, each search paged in SQL with
 * its total counted there.
 */
export function createFhirReadRepository(db: Db) {
  const statements = new Map<string, Statement>();
  const prepared = (sql: string): Statement => {
    let s = statements.get(sql);
    if (!s) statements.set(sql, (s = db.prepare(sql)));
    return s;
  };

  const given = db.prepare<[string], GivenRow>(
    `SELECT a.id, a.event_id, a.patient_id, pt.nhs_number, a.prescription_id,
       p.order_identifier_system AS order_system, p.order_identifier_value AS order_value,
       a.given_at, ${GIVEN_UPDATED} AS last_updated, a.documented_late,
       a.given_by, g.name AS given_by_name, g.badge_gsrn AS given_by_badge,
       a.witnessed_by, w.name AS witness_name, w.badge_gsrn AS witness_badge,
       a.override_reason, a.indication, a.dose_text, COALESCE(a.dose_given_value, p.dose_value) AS dose_value, COALESCE(a.dose_given_unit, p.dose_unit) AS dose_unit, p.route,
       json_extract(s.response, '$.interpretation.scan.gtin') AS gtin,
       json_extract(s.response, '$.interpretation.scan.batch') AS batch,
       json_extract(s.response, '$.interpretation.scan.expiry') AS expiry,
       pr.name AS product_name, dg.appid AS ampp_code, dp.name AS ampp_name
     FROM administrations a
     JOIN prescriptions p ON p.id = a.prescription_id
     JOIN patients pt ON pt.id = a.patient_id
     JOIN staff g ON g.id = a.given_by
     LEFT JOIN staff w ON w.id = a.witnessed_by
     LEFT JOIN scan_events s ON s.event_id = a.product_scan_event_id
     LEFT JOIN products pr ON pr.id = s.product_id
     -- The pack's AMPP in dm+d, by the GTIN scanned (the mapping in force on the day it was given).
     LEFT JOIN dmd_gtin dg ON dg.gtin = json_extract(s.response, '$.interpretation.scan.gtin')
       AND (dg.start_date IS NULL OR dg.start_date <= substr(a.given_at, 1, 10)) AND (dg.end_date IS NULL OR dg.end_date >= substr(a.given_at, 1, 10))
     LEFT JOIN dmd_ampp dp ON dp.appid = dg.appid
     WHERE a.id = ? GROUP BY a.id`,
  );
  const notGiven = db.prepare<[string], NotGivenRow>(
    `SELECT o.id, o.event_id, o.patient_id, pt.nhs_number, o.prescription_id,
       p.order_identifier_system AS order_system, p.order_identifier_value AS order_value,
       o.slot_at, ${NOT_GIVEN_UPDATED} AS last_updated, o.reason, o.note,
       o.recorded_by, s.name AS recorded_by_name, s.badge_gsrn AS recorded_by_badge,
       p.drug, p.medication_code, p.dose_value, p.dose_unit, p.dose_range, p.route
     FROM dose_omissions o
     JOIN prescriptions p ON p.id = o.prescription_id
     JOIN patients pt ON pt.id = o.patient_id
     JOIN staff s ON s.id = o.recorded_by
     WHERE o.id = ?`,
  );

  const givenDose = (id: string): GivenDose | undefined => {
    const r = given.get(id);
    if (!r) return undefined;
    return {
      id: r.id,
      eventId: r.event_id,
      patientId: r.patient_id,
      nhsNumber: r.nhs_number,
      prescriptionId: r.prescription_id,
      order: order(r.order_system, r.order_value),
      lastUpdated: r.last_updated,
      givenAt: r.given_at,
      documentedLate: r.documented_late === 1,
      givenBy: staff(r.given_by, r.given_by_name, r.given_by_badge),
      witness: r.witnessed_by ? staff(r.witnessed_by, r.witness_name ?? '', r.witness_badge) : null,
      overrideReason: r.override_reason,
      indication: r.indication,
      doseText: r.dose_text,
      dose: { value: r.dose_value, unit: r.dose_unit },
      route: r.route,
      product: { gtin: r.gtin ?? '', name: r.product_name ?? r.ampp_name, batch: r.batch, expiry: r.expiry, ampp: r.ampp_code ? { code: r.ampp_code, name: r.ampp_name ?? '' } : null },
    };
  };
  const notGivenDose = (id: string): NotGivenDose | undefined => {
    const r = notGiven.get(id);
    if (!r) return undefined;
    return {
      id: r.id,
      eventId: r.event_id,
      patientId: r.patient_id,
      nhsNumber: r.nhs_number,
      prescriptionId: r.prescription_id,
      order: order(r.order_system, r.order_value),
      lastUpdated: r.last_updated,
      slotAt: r.slot_at,
      reason: r.reason,
      note: r.note,
      recordedBy: staff(r.recorded_by, r.recorded_by_name, r.recorded_by_badge),
      drug: r.drug,
      medicationCode: r.medication_code,
      // A range the order was charted with stays a range here even if the order now waits for review: its low bound was never the dose due.
      dose: orderDoseOf({ ...r, needs_review: null }),
      route: r.route,
    };
  };
  const dose = (ref: DoseRef): DoseResource | undefined => {
    if (ref.kind === 'given') {
      const d = givenDose(ref.id);
      return d && { kind: 'given', dose: d };
    }
    const d = notGivenDose(ref.id);
    return d && { kind: 'not-given', dose: d };
  };

  /** The WHERE clause of each arm: the same filters over administrations (a) and dose_omissions (o). */
  const doseWhere = (f: DoseFilters) => {
    const arm = (alias: 'a' | 'o') => {
      const clauses: string[] = [];
      const params: unknown[] = [];
      if (f.kinds && !f.kinds.includes(alias === 'a' ? 'given' : 'not-given')) clauses.push('0');
      if (f.patientId !== undefined) {
        clauses.push(`${alias}.patient_id = ?`);
        params.push(f.patientId);
      }
      windowSql(alias === 'a' ? GIVEN_UPDATED : NOT_GIVEN_UPDATED, f.lastUpdated, clauses, params);
      windowSql(alias === 'a' ? 'a.given_at' : 'o.slot_at', f.effective, clauses, params);
      return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
    };
    return { a: arm('a'), o: arm('o') };
  };

  return {
    /** One MedicationAdministration by id: a dose given, else one documented as not given. */
    medicationAdministration: (id: string): DoseResource | undefined => dose({ kind: 'given', id }) ?? dose({ kind: 'not-given', id }),
    dose,
    /**
     * A page of MedicationAdministrations, oldest update first (a record is
     * written once, at the end of the order, so pages do not shift as doses
     * are recorded), and how many match in all.
     */
    searchDoses(f: DoseFilters, page: Page): { total: number; doses: DoseResource[] } {
      const w = doseWhere(f);
      const total = prepared(`SELECT (SELECT count(*) FROM administrations a ${w.a.sql}) + (SELECT count(*) FROM dose_omissions o ${w.o.sql}) AS n`).pluck().get(...w.a.params, ...w.o.params) as number;
      if (page.count === 0 || page.offset >= total) return { total, doses: [] };
      // A compound ORDER BY (not a sorted subquery): SQLite merges the two arms, each read in order from its index, so a page costs its offset, not a sort of every match.
      const refs = prepared(
        `SELECT 'given' AS kind, a.id AS id, ${GIVEN_UPDATED} AS updated FROM administrations a ${w.a.sql}
         UNION ALL
         SELECT 'not-given' AS kind, o.id AS id, ${NOT_GIVEN_UPDATED} AS updated FROM dose_omissions o ${w.o.sql}
         ORDER BY updated, id LIMIT ? OFFSET ?`,
      ).all(...w.a.params, ...w.o.params, page.count, page.offset) as DoseRef[];
      return { total, doses: refs.map(dose).filter((d): d is DoseResource => d !== undefined) };
    },
    /** The newest audit row's seq (0 for an empty log). */
    auditHead: (): number => (db.prepare('SELECT COALESCE(max(seq), 0) FROM audit_log').pluck().get() as number),
    /** A page of the audit log, newest first, and how many rows match in all. */
    searchAudit(f: AuditFilters, page: Page): { total: number; entries: AuditEntry[] } {
      const clauses: string[] = [];
      const params: unknown[] = [];
      const eq = (col: string, v: unknown) => {
        if (v === undefined) return;
        clauses.push(`${col} = ?`);
        params.push(v);
      };
      eq('ward_id', f.wardId);
      eq('patient_id', f.patientId);
      eq('outcome', f.outcome);
      windowSql('at', f.at, clauses, params);
      if (f.maxSeq !== undefined) {
        clauses.push('seq <= ?');
        params.push(f.maxSeq);
      }
      const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
      const total = prepared(`SELECT count(*) FROM audit_log ${where}`).pluck().get(...params) as number;
      if (page.count === 0 || page.offset >= total) return { total, entries: [] };
      const rows = prepared(`SELECT * FROM audit_log ${where} ORDER BY seq DESC LIMIT ? OFFSET ?`).all(...params, page.count, page.offset) as StoredAuditRow[];
      return { total, entries: rows.map(storedRowToEntry) };
    },
    /** A Patient's meta: its version (1 on creation, one more per change) and when it last changed. */
    patientVersion(id: string): { versionId: string; lastUpdated: string } | undefined {
      const row = prepared("SELECT version, last_updated FROM fhir_versions WHERE resource_type = 'Patient' AND id = ?").get(id) as { version: number; last_updated: string } | undefined;
      return row && { versionId: String(row.version), lastUpdated: row.last_updated };
    },
  };
}
export type FhirReadRepository = ReturnType<typeof createFhirReadRepository>;
