import { doseUnitSchema, orderDoseSchema, type DoseUnit, type MedicationRoute, type OrderDose, type OrderedMedication, type OrderHold } from '@wardscan/shared';
import type { Db } from '../db/database.js';
import type { DmdRepository } from '../dmd/repository.js';
import type { HoldSpan, PastDose, PrescriptionRecord, Schedule } from '../domain/records.js';

interface PrescriptionRow {
  id: string;
  patient_id: string;
  drug: string;
  medication_code: string | null;
  product_id: string | null;
  dose_value: string;
  dose_unit: DoseUnit;
  route: MedicationRoute;
  schedule: string;
  starts_at: string;
  stops_at: string | null;
  status: 'active' | 'on-hold';
  needs_review: string | null;
  dose_range: string | null;
}

type DoseRange = { low: string; high: string; unit: string };

/** Why an order in force is not checked at the bedside, or null when it is (active, nothing to review). */
export function holdOf(r: { status: string; needs_review: string | null; dose_range: string | null }): OrderHold | null {
  if (r.status === 'on-hold') return { kind: 'on-hold', review: r.needs_review };
  if (r.needs_review !== null) return { kind: 'needs-review', reason: r.needs_review, doseRange: r.dose_range ? (JSON.parse(r.dose_range) as DoseRange) : null };
  return null;
}

/** An order in force that has no dose due and none checked as a match, and why. */
export interface HeldPrescription {
  readonly prescription: PrescriptionRecord;
  readonly hold: OrderHold;
}

/** The order's medicine as this release knows its code: a VTM, VMP or AMP, a code not (yet) in the release, or words only. */
export function orderedMedication(code: string | null, name: string, dmd: DmdRepository): OrderedMedication {
  if (!code) return { level: 'free-text', name };
  const known = dmd.conceptLevel(code);
  return known ? { level: known.level, code, name: known.concept.name } : { level: 'dmd-unknown', code, name };
}

/**
 * The order's dose: a range when `dose_range` holds one the import could read
 * (one known unit, low ≤ high) and the order is not waiting for review; the
 * exact dose otherwise. A range that does not parse is never given as one.
 */
export function orderDoseOf(r: Pick<PrescriptionRow, 'dose_value' | 'dose_unit' | 'dose_range' | 'needs_review'>): OrderDose {
  if (r.dose_range !== null && r.needs_review === null) {
    const range = orderDoseSchema.safeParse({ kind: 'range', ...(JSON.parse(r.dose_range) as object) });
    if (range.success) return range.data;
  }
  return { kind: 'fixed', value: r.dose_value, unit: r.dose_unit };
}

const DOSE_UNIT_NAMES: ReadonlySet<string> = new Set(doseUnitSchema.options);
/** A dose as the rules read it; a unit Wardscan no longer knows leaves the amount out rather than guessing. */
const pastDose = (d: { given_at: string; slot_at: string | null; dose_value: string; dose_unit: string }): PastDose => ({
  givenAt: new Date(d.given_at),
  slotAt: d.slot_at ? new Date(d.slot_at) : null,
  ...(d.dose_value && DOSE_UNIT_NAMES.has(d.dose_unit) ? { dose: { value: d.dose_value, unit: d.dose_unit as DoseUnit } } : {}),
});

const toRecord = (r: PrescriptionRow, dmd: DmdRepository): PrescriptionRecord => ({
  id: r.id,
  patientId: r.patient_id,
  drug: r.drug,
  medication: orderedMedication(r.medication_code, r.drug, dmd),
  productId: r.product_id,
  dose: orderDoseOf(r),
  route: r.route,
  schedule: JSON.parse(r.schedule) as Schedule,
  startsAt: r.starts_at,
  stopsAt: r.stops_at,
});

const HOLDS_LOOKBACK_MS = 3 * 24 * 60 * 60 * 1000;

/** order_holds rows as spans in epoch ms, by order (the chart and compliance read them alike). */
export function holdSpansByOrder(rows: Iterable<{ prescription_id: string; from_at: string; to_at: string | null }>): Map<string, HoldSpan[]> {
  const byOrder = new Map<string, HoldSpan[]>();
  for (const h of rows) {
    const spans = byOrder.get(h.prescription_id) ?? [];
    spans.push({ from: Date.parse(h.from_at), to: h.to_at === null ? null : Date.parse(h.to_at) });
    byOrder.set(h.prescription_id, spans);
  }
  return byOrder;
}

export function createPrescriptionRepository(db: Db, dmd: DmdRepository) {
  const record = (r: PrescriptionRow): PrescriptionRecord => toRecord(r, dmd);
  const active = db.prepare<[string, string, string], PrescriptionRow>(
    // On hold, or needing review (a dose range, a dose in words): no dose is due and none is checked as a match (issue 13); see `held`.
    "SELECT * FROM prescriptions WHERE patient_id = ? AND starts_at <= ? AND (stops_at IS NULL OR stops_at > ?) AND status = 'active' AND needs_review IS NULL ORDER BY id",
  );
  const byId = db.prepare<[string], PrescriptionRow>('SELECT * FROM prescriptions WHERE id = ?');
  const held = db.prepare<[string, string, string], { id: string; drug: string; status: string; needs_review: string | null; dose_range: string | null; starts_at: string; stops_at: string | null }>(
    "SELECT id, drug, status, needs_review, dose_range, starts_at, stops_at FROM prescriptions WHERE patient_id = ? AND starts_at <= ? AND (stops_at IS NULL OR stops_at > ?) AND (status <> 'active' OR needs_review IS NOT NULL) ORDER BY id",
  );
  const heldRows = db.prepare<[string, string, string], PrescriptionRow>(
    "SELECT * FROM prescriptions WHERE patient_id = ? AND starts_at <= ? AND (stops_at IS NULL OR stops_at > ?) AND (status <> 'active' OR needs_review IS NOT NULL) ORDER BY id",
  );
  const holdRows = db.prepare<[string, string], { prescription_id: string; from_at: string; to_at: string | null }>(
    'SELECT h.prescription_id, h.from_at, h.to_at FROM order_holds h JOIN prescriptions p ON p.id = h.prescription_id WHERE p.patient_id = ? AND (h.to_at IS NULL OR h.to_at > ?) ORDER BY h.from_at',
  );
  const reviewOnWard = db.prepare<[string, string, string], PrescriptionRow & { bed_label: string | null; nhs_number: string; family_name: string; given_name: string }>(
    `SELECT r.*, p.nhs_number, p.family_name, p.given_name, b.label AS bed_label
     FROM patients p JOIN prescriptions r ON r.patient_id = p.id LEFT JOIN beds b ON b.id = p.bed_id
     WHERE p.ward_id = ? AND p.discharged_at IS NULL AND p.deceased = 0 AND p.replaced_by IS NULL
       AND r.needs_review IS NOT NULL AND r.starts_at <= ? AND (r.stops_at IS NULL OR r.stops_at > ?)
     ORDER BY p.family_name, p.given_name, r.starts_at, r.id`,
  );
  // The dose given: kept since migration 014; before it only exact doses could be given, so the order's own.
  const doses = db.prepare<[string, string], { given_at: string; slot_at: string | null; dose_value: string; dose_unit: string }>(
    `SELECT a.given_at, a.slot_at, COALESCE(a.dose_given_value, p.dose_value) AS dose_value, COALESCE(a.dose_given_unit, p.dose_unit) AS dose_unit
     FROM administrations a JOIN prescriptions p ON p.id = a.prescription_id WHERE a.prescription_id = ? AND a.given_at >= ? ORDER BY a.given_at`,
  );
  // The same doses for several orders at once: a chart reads every order's, and one query beats one per order.
  const dosesOfPatient = db.prepare<[string, string], { prescription_id: string; given_at: string; slot_at: string | null; dose_value: string; dose_unit: string }>(
    `SELECT a.prescription_id, a.given_at, a.slot_at, COALESCE(a.dose_given_value, p.dose_value) AS dose_value, COALESCE(a.dose_given_unit, p.dose_unit) AS dose_unit
     FROM prescriptions p JOIN administrations a ON a.prescription_id = p.id WHERE p.patient_id = ? AND a.given_at >= ? ORDER BY a.given_at`,
  );
  const insert = db.prepare(
    `INSERT INTO prescriptions (id, patient_id, drug, medication_code, product_id, dose_value, dose_unit, dose_range, route, schedule, starts_at, stops_at)
     VALUES (@id, @patientId, @drug, @medicationCode, @productId, @doseValue, @doseUnit, @doseRange, @route, @schedule, @startsAt, @stopsAt)`,
  );
  /*
   * Each record with the holds that lasted into the last HOLDS_LOOKBACK (the chart looks back 48
   * hours, the timing rules a day): a dose that fell due while its order was held was never due.
   */
  const withHolds = (records: PrescriptionRecord[], patientId: string, now: Date): PrescriptionRecord[] => {
    if (records.length === 0) return records;
    const byOrder = holdSpansByOrder(holdRows.iterate(patientId, new Date(now.getTime() - HOLDS_LOOKBACK_MS).toISOString()));
    return byOrder.size === 0 ? records : records.map((r) => (byOrder.has(r.id) ? { ...r, holds: byOrder.get(r.id)! } : r));
  };
  return {
    byId: (id: string): PrescriptionRecord | undefined => {
      const r = byId.get(id);
      return r && record(r);
    },
    /** The patient's prescriptions in force at `now`, each with its recent holds. */
    active: (patientId: string, now: Date): PrescriptionRecord[] => {
      const iso = now.toISOString();
      return withHolds(active.all(patientId, iso, iso).map(record), patientId, now);
    },
    /**
     * The patient's orders in force that the bedside does not check: on hold,
     * or waiting for review by pharmacy or a nurse (why, and the dose range if
     * one), for the chart and the ward manager's list.
     */
    held: (patientId: string, now: Date): { id: string; drug: string; onHold: boolean; review: string | null; doseRange: { low: string; high: string; unit: string } | null }[] => {
      const iso = now.toISOString();
      return held.all(patientId, iso, iso).map((r) => ({ id: r.id, drug: r.drug, onHold: r.status === 'on-hold', review: r.needs_review, doseRange: r.dose_range ? (JSON.parse(r.dose_range) as { low: string; high: string; unit: string }) : null }));
    },
    /** The same orders as `held`, as full records (to match a scanned pack against, and chart what they missed before) with why each is held. */
    heldRecords: (patientId: string, now: Date): HeldPrescription[] => {
      const iso = now.toISOString();
      const rows = heldRows.all(patientId, iso, iso);
      const records = withHolds(rows.map(record), patientId, now);
      return rows.flatMap((r, i) => {
        const hold = holdOf(r);
        return hold ? [{ prescription: records[i]!, hold }] : [];
      });
    },
    /** Orders in force on the ward's patients that wait for review (on hold or not), for the ward manager. */
    needingReviewOnWard: (wardId: string, now: Date) => {
      const iso = now.toISOString();
      return reviewOnWard.all(wardId, iso, iso).map((r) => ({
        prescriptionId: r.id,
        drugName: r.drug,
        route: r.route,
        reason: r.needs_review ?? '',
        doseRange: r.dose_range ? (JSON.parse(r.dose_range) as DoseRange) : null,
        onHold: r.status === 'on-hold',
        patient: { id: r.patient_id, nhsNumber: r.nhs_number, familyName: r.family_name, givenName: r.given_name, bedLabel: r.bed_label },
        startsAt: r.starts_at,
      }));
    },
    /** Doses recorded since `since` (the rules look back two days at most). */
    pastDoses: (prescriptionId: string, since: Date): PastDose[] => doses.all(prescriptionId, since.toISOString()).map(pastDose),
    /** `pastDoses` of each of the orders, read in one query (an order with none has an empty list). */
    pastDosesOf: (patientId: string, prescriptionIds: readonly string[], since: Date): Map<string, PastDose[]> => {
      const byOrder = new Map<string, PastDose[]>(prescriptionIds.map((id) => [id, []]));
      if (prescriptionIds.length === 0) return byOrder;
      for (const d of dosesOfPatient.all(patientId, since.toISOString())) byOrder.get(d.prescription_id)?.push(pastDose(d));
      return byOrder;
    },
    insert: (p: NewPrescription): void => {
      insert.run({
        id: p.id,
        patientId: p.patientId,
        drug: p.drug,
        medicationCode: p.medicationCode,
        productId: p.productId,
        // A range keeps its low bound in dose_value, as the FHIR import writes it.
        doseValue: p.dose.kind === 'fixed' ? p.dose.value : p.dose.low,
        doseUnit: p.dose.unit,
        doseRange: p.dose.kind === 'range' ? JSON.stringify({ low: p.dose.low, high: p.dose.high, unit: p.dose.unit }) : null,
        route: p.route,
        schedule: JSON.stringify(p.schedule),
        startsAt: p.startsAt,
        stopsAt: p.stopsAt,
      });
    },
  };
}
/** A prescription as written: the medicine's dm+d code (any level) or none, resolved when read. */
export type NewPrescription = Omit<PrescriptionRecord, 'medication'> & { readonly medicationCode: string | null };
export type PrescriptionRepository = ReturnType<typeof createPrescriptionRepository>;
