/*
 * The rows the radar's detectors read (radar/detectors.ts), for one ward and
 * period, with names joined in one query each; and the ward's thresholds
 * (migration 010). SQL for the radar lives here.
 */
import { DEFAULT_RADAR_SETTINGS, MAX_HELD_FOR_MS, radarSettingsInputSchema, type RadarSettings, type RadarSettingsInput, type ScanSource, type VerdictOutcome } from '@wardscan/shared';
import { wardDate } from '../domain/ward-time.js';
import { patientName, type PrescriptionRecord, type ProductRecord } from '../domain/records.js';
import type { Repositories } from '../repositories.js';
import type { BedsideEnv } from '../scans/bedside.js';
import { ordersForProduct } from '../scans/medicine-match.js';
import { resolveProduct } from '../scans/resolve-product.js';
import type { DoseRow, PatientRef, ScanRow } from './detectors.js';

interface ScanSql {
  event_id: string;
  device_id: string;
  staff_id: string;
  staff_name: string;
  source: ScanSource;
  kind: string;
  outcome: VerdictOutcome;
  at: string;
  patient_id: string | null;
  given_name: string | null;
  family_name: string | null;
  nhs_number: string | null;
  bed_id: string | null;
  bed_label: string | null;
  product_id: string | null;
  product_name: string | null;
  gtin: string | null;
  gln: string | null;
  loc_bed_id: string | null;
  loc_bed_label: string | null;
}

const SCANS = /* sql */ `
SELECT se.event_id, se.device_id, se.staff_id, st.name AS staff_name, se.source, se.kind, se.outcome,
  COALESCE(se.captured_at, se.recorded_at) AS at,
  se.patient_id, p.given_name, p.family_name, p.nhs_number, p.bed_id, pb.label AS bed_label,
  se.product_id, pr.name AS product_name,
  json_extract(se.response, '$.interpretation.scan.gtin') AS gtin,
  json_extract(se.response, '$.interpretation.scan.gln') AS gln,
  lb.id AS loc_bed_id, lb.label AS loc_bed_label
FROM scan_events se
JOIN staff st ON st.id = se.staff_id
LEFT JOIN patients p ON p.id = se.patient_id
LEFT JOIN beds pb ON pb.id = p.bed_id
LEFT JOIN products pr ON pr.id = se.product_id
LEFT JOIN beds lb ON se.kind = 'location' AND lb.gln = json_extract(se.response, '$.interpretation.scan.gln')
WHERE se.ward_id = ? AND se.recorded_at >= ? AND se.recorded_at < ?
  AND COALESCE(se.captured_at, se.recorded_at) >= ? AND COALESCE(se.captured_at, se.recorded_at) < ?
  AND se.kind IN ('patient', 'product', 'location')`;

interface DoseSql {
  event_id: string;
  given_at: string;
  documented_at: string | null;
  given_by: string;
  staff_name: string;
  patient_id: string;
  given_name: string;
  family_name: string;
  nhs_number: string;
  bed_id: string | null;
  bed_label: string | null;
  device_id: string;
  drug: string;
  override_reason: string | null;
  pack_event_id: string;
  pack_at: string | null;
}

const DOSES = /* sql */ `
SELECT a.event_id, a.given_at, a.documented_at, a.given_by, st.name AS staff_name,
  a.patient_id, p.given_name, p.family_name, p.nhs_number, p.bed_id, b.label AS bed_label,
  a.device_id, rx.drug, a.override_reason,
  a.product_scan_event_id AS pack_event_id, COALESCE(se.captured_at, se.recorded_at) AS pack_at
FROM administrations a
JOIN staff st ON st.id = a.given_by
JOIN patients p ON p.id = a.patient_id
LEFT JOIN beds b ON b.id = p.bed_id
JOIN prescriptions rx ON rx.id = a.prescription_id
LEFT JOIN scan_events se ON se.event_id = a.product_scan_event_id
WHERE a.ward_id = ? AND a.given_at >= ? AND a.given_at < ?`;

const ref = (r: { patient_id: string | null; given_name: string | null; family_name: string | null; nhs_number: string | null; bed_id: string | null; bed_label: string | null }): PatientRef | null =>
  r.patient_id
    ? { id: r.patient_id, name: patientName({ givenName: r.given_name ?? '', familyName: r.family_name ?? '' }), nhsNumber: r.nhs_number ?? '', bedId: r.bed_id, bedLabel: r.bed_label }
    : null;

/**
 * A ward's scans and doses for the radar. Scans are the ward's (scan_events.ward_id)
 * read from `lookbackMinutes` before `from`; the packs a scan could be for are
 * the ward's patients whose orders (in force at `to`) the pack fits.
 */
export function loadRadarRows(env: BedsideEnv, wardId: string, from: Date, to: Date, lookbackMinutes: number): { scans: ScanRow[]; doses: DoseRow[] } {
  const { repos } = env;
  const db = repos.db;
  const start = new Date(from.getTime() - lookbackMinutes * 60_000).toISOString();
  const end = to.toISOString();
  // A scan is recorded when it reaches the server, at most a week after it was read.
  const recordedBy = new Date(to.getTime() + MAX_HELD_FOR_MS).toISOString();
  const scanRows = db.prepare(SCANS).all(wardId, start, recordedBy, start, end) as ScanSql[];

  const timeZone = repos.wards.timeZone(wardId) ?? 'Europe/London';
  const day = wardDate(to, timeZone);
  const patients = repos.patients.list(wardId);
  const orders = new Map<string, PrescriptionRecord[]>(patients.map((p) => [p.id, repos.prescriptions.active(p.id, to)]));
  const refs = new Map<string, PatientRef>(patients.map((p) => [p.id, { id: p.id, name: patientName(p), nhsNumber: p.nhsNumber, bedId: p.bedId, bedLabel: p.bedLabel }]));
  const fitsCache = new Map<string, { product: ProductRecord | undefined; fits: PatientRef[] }>();
  const fitsOf = (gtin: string) => {
    let known = fitsCache.get(gtin);
    if (!known) {
      const product = resolveProduct(env, gtin, day, repos.products.byGtin(gtin));
      const fits = product ? patients.filter((p) => ordersForProduct(product, orders.get(p.id) ?? [], repos.dmd.vmpOfAmp).length > 0).map((p) => refs.get(p.id)!) : [];
      known = { product, fits };
      fitsCache.set(gtin, known);
    }
    return known;
  };

  const scans: ScanRow[] = scanRows.map((r) => {
    const pack = r.kind === 'product' && r.gtin ? fitsOf(r.gtin) : null;
    return {
      eventId: r.event_id,
      at: new Date(r.at),
      deviceId: r.device_id,
      nurse: { id: r.staff_id, name: r.staff_name },
      kind: r.kind,
      source: r.source,
      outcome: r.outcome,
      patient: ref(r),
      product: r.kind === 'product' ? { key: r.product_id ?? pack?.product?.productId ?? `gtin:${r.gtin ?? r.event_id}`, name: r.product_name ?? pack?.product?.name ?? `GTIN ${r.gtin ?? 'unknown'}` } : null,
      fits: pack?.fits ?? [],
      location: r.kind === 'location' && r.gln ? { gln: r.gln, bedId: r.loc_bed_id, bedLabel: r.loc_bed_label } : null,
    };
  });

  const doseRows = db.prepare(DOSES).all(wardId, from.toISOString(), end) as DoseSql[];
  const doses: DoseRow[] = doseRows.map((r) => ({
    eventId: r.event_id,
    givenAt: new Date(r.given_at),
    documentedAt: r.documented_at ? new Date(r.documented_at) : null,
    nurse: { id: r.given_by, name: r.staff_name },
    patient: ref(r)!,
    deviceId: r.device_id,
    drug: r.drug,
    overrideReason: r.override_reason,
    packScan: r.pack_at ? { eventId: r.pack_event_id, at: new Date(r.pack_at) } : null,
  }));
  return { scans, doses };
}

/** The ward's own thresholds (only those it set) and, over the defaults, those in force. */
export function radarSettingsOf(repos: Repositories, wardId: string): { own: RadarSettingsInput; settings: RadarSettings } {
  const stored = repos.db.prepare<[string], string>('SELECT settings FROM radar_settings WHERE ward_id = ?').pluck().get(wardId);
  const parsed = stored ? radarSettingsInputSchema.safeParse(JSON.parse(stored)) : undefined;
  // A stored value this version no longer accepts falls back to the defaults rather than failing the radar.
  const own = parsed?.success ? parsed.data : {};
  return { own, settings: { ...DEFAULT_RADAR_SETTINGS, ...own } };
}

export function saveRadarSettings(repos: Repositories, wardId: string, own: RadarSettingsInput, at: Date, by: string): void {
  repos.db
    .prepare(
      `INSERT INTO radar_settings (ward_id, settings, updated_at, updated_by) VALUES (?, ?, ?, ?)
       ON CONFLICT (ward_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    )
    .run(wardId, JSON.stringify(own), at.toISOString(), by);
}
