import { createHash, randomUUID } from 'node:crypto';
import type { BundleEntryResponse } from '@medplum/fhirtypes';
import { patientGsrn, type ProductInput } from '@wardscan/shared';
import type { Repositories } from '../repositories.js';
import { WRITE_ORDER, type ImportCommand, type PatientRef, type PlaceRef, type ProductRef } from './commands.js';
import { FhirError, issue } from './operation-outcome.js';
import type { FhirRepository, WriteResult } from './repository.js';

export interface EntryResult {
  readonly entry: number;
  readonly result: WriteResult;
  /** Where the entry landed; none for an entry kept off the chart. */
  readonly location: string | null;
  /** Why an entry was kept off the chart, told back in the response. */
  readonly note?: string;
}

/** Our prescription id for a prescribing system's identifier: stable, so a re-import finds it. */
export const prescriptionIdFor = (system: string, value: string): string => `rx-${createHash('sha256').update(`${system}|${value}`).digest('hex').slice(0, 24)}`;

const reject = (entry: number, text: string, field = '', code: 'not-found' | 'conflict' | 'business-rule' = 'business-rule'): FhirError =>
  new FhirError(422, [issue(code, text, `Bundle.entry[${entry}].resource${field}`)]);

interface Context {
  readonly repos: Repositories;
  readonly fhir: FhirRepository;
  readonly now: Date;
  readonly nhsCompanyPrefix: string | undefined;
  readonly commands: readonly ImportCommand[];
}

function patientOf(c: Context, ref: PatientRef, entry: number, field: string) {
  const p = ref.by === 'nhs-number' ? c.repos.patients.byNhsNumber(ref.nhsNumber) : c.repos.patients.byId(ref.id);
  if (!p) throw reject(entry, `No patient ${ref.by === 'id' ? `Patient/${ref.id}` : `with NHS Number ${ref.nhsNumber}`} on record or in this bundle.`, field, 'not-found');
  return p;
}

function placeOf(c: Context, place: PlaceRef, entry: number): { wardId: string; bedId: string | null } {
  const bed = place.by === 'bed-gln' || place.by === 'gln' ? c.fhir.bedByGln(place.gln) : place.by === 'id' ? c.fhir.bedById(place.id) : undefined;
  if (bed) return { wardId: bed.ward_id, bedId: bed.id };
  const wardId = place.by === 'ward' ? place.wardId : place.by === 'id' ? place.id : place.by === 'gln' ? `ward-gln-${place.gln}` : '';
  if (c.fhir.ward(wardId)) return { wardId, bedId: null };
  throw reject(entry, 'The encounter location is no ward or bed on record or in this bundle.', '.location', 'not-found');
}

function productOf(c: Context, ref: ProductRef, entry: number) {
  const product = ref.by === 'gtin' ? c.repos.products.byGtin(ref.gtin) : c.repos.products.byId(ref.id);
  if (!product) throw reject(entry, `No product ${ref.by === 'gtin' ? `with GTIN ${ref.gtin}` : `Medication/${ref.id}`} in the catalogue or in this bundle.`, '.medicationReference', 'not-found');
  return product;
}

function apply(c: Context, cmd: ImportCommand): EntryResult {
  const { entry } = cmd;
  switch (cmd.kind) {
    case 'ward':
      return { entry, result: c.fhir.upsertWard(cmd.wardId, cmd.name), location: `Location/${cmd.wardId}` };
    case 'bed': {
      if (!c.fhir.ward(cmd.wardId)) throw reject(entry, `Ward ${cmd.wardId} is not on record or in this bundle.`, '.partOf', 'not-found');
      const { id, result } = c.fhir.upsertBed(cmd.gln, cmd.label, cmd.wardId);
      return { entry, result, location: `Location/${id}` };
    }
    case 'staff': {
      const { id, result } = c.fhir.upsertStaff(cmd.badgeGsrn, cmd.name, `staff-${randomUUID()}`);
      return { entry, result, location: `Practitioner/${id}` };
    }
    case 'product': {
      const owners = new Set(cmd.gtins.map((g) => c.repos.products.gtinOwner(g)).filter((o): o is string => !!o));
      if (owners.size > 1) throw reject(entry, `These GTINs belong to different products (${[...owners].join(', ')}).`, '.code', 'conflict');
      const [ownerId] = [...owners];
      const current = ownerId ? c.repos.products.byId(ownerId) : undefined;
      const next: ProductInput = {
        kind: 'drug',
        gtins: [...cmd.gtins],
        name: cmd.name,
        drug: cmd.drug,
        dmdCode: cmd.dmdCode,
        strength: cmd.strength,
        form: cmd.form,
        routes: [...cmd.routes],
        // High-alert status is pharmacy's call: kept on update; a new product of a high-alert drug is high-alert too.
        highAlert: current?.highAlert ?? [cmd.drug.toLowerCase(), cmd.dmdCode].some((k) => k !== null && c.repos.products.highAlertKeys().has(k)),
        scored: current?.scored ?? false,
      };
      const id = ownerId ?? `product-${randomUUID()}`;
      const same = current && JSON.stringify({ ...current, gtins: [...current.gtins].sort(), id: undefined, updatedAt: undefined, dmd: undefined }) === JSON.stringify({ ...next, gtins: [...next.gtins].sort(), id: undefined, updatedAt: undefined, kind: current.kind });
      if (!same) c.repos.products.save(id, next, c.now.toISOString());
      return { entry, result: !current ? 'created' : same ? 'unchanged' : 'updated', location: `Medication/${id}` };
    }
    case 'patient': {
      const fields = { mrn: cmd.mrn, familyName: cmd.familyName, givenName: cmd.givenName, birthDate: cmd.birthDate };
      const current = c.repos.patients.byNhsNumber(cmd.nhsNumber);
      if (current) return { entry, result: c.fhir.updatePatient(current.id, current, fields), location: `Patient/${current.id}` };
      const placement = c.commands.find((p) => p.kind === 'placement' && p.patient.by === 'nhs-number' && p.patient.nhsNumber === cmd.nhsNumber);
      if (placement?.kind !== 'placement') throw reject(entry, 'A new patient needs a ward: add an in-progress Encounter whose location is their ward or bed.', '', 'business-rule');
      const place = placeOf(c, placement.place, placement.entry);
      if (place.bedId && c.fhir.bedOccupant(place.bedId)) throw reject(placement.entry, 'That bed already has a patient on record.', '.location', 'conflict');
      const id = `patient-${randomUUID()}`;
      const prefix = c.nhsCompanyPrefix;
      c.repos.patients.insert({ id, nhsNumber: cmd.nhsNumber, ...fields, ...place, wristbandGsrn: prefix && prefix.length <= 7 ? patientGsrn(prefix, cmd.nhsNumber) : null, allergies: [], allergyStatus: 'unknown' });
      return { entry, result: 'created', location: `Patient/${id}` };
    }
    case 'placement': {
      const patient = patientOf(c, cmd.patient, entry, '.subject');
      const place = placeOf(c, cmd.place, entry);
      const occupant = place.bedId ? c.fhir.bedOccupant(place.bedId) : undefined;
      if (occupant && occupant !== patient.id) throw reject(entry, 'That bed already has another patient on record.', '.location', 'conflict');
      return { entry, result: c.fhir.placePatient(patient.id, patient, place), location: `Patient/${patient.id}` };
    }
    case 'prescription': {
      const patient = patientOf(c, cmd.patient, entry, '.subject');
      const product = cmd.product ? productOf(c, cmd.product, entry) : undefined;
      const medicationCode = cmd.medicationCode ?? product?.dmdCode ?? null;
      const drug = cmd.drug ?? product?.name ?? (medicationCode ? c.repos.dmd.conceptLevel(medicationCode)?.concept.name : undefined) ?? product?.drug;
      if (!drug) throw reject(entry, 'The prescription names no drug: give its dm+d code or name.', '.medicationReference');
      const id = prescriptionIdFor(cmd.identifier.system, cmd.identifier.value);
      const current = c.fhir.prescription(id);
      if (current && current.patient_id !== patient.id) throw reject(entry, 'This prescription identifier is already used for another patient.', '.identifier', 'conflict');
      const nowIso = c.now.toISOString();
      // Ended: no dose after now; an earlier end already on record stays.
      const stopsAt = !cmd.ended ? cmd.stopsAt : [current?.stops_at, cmd.stopsAt, nowIso].filter((s): s is string => !!s).sort()[0] ?? nowIso;
      const result = c.fhir.upsertPrescription({
        id,
        patient_id: patient.id,
        drug,
        medication_code: medicationCode,
        product_id: product?.id ?? null,
        dose_value: cmd.dose.value,
        dose_unit: cmd.dose.unit,
        route: cmd.route,
        schedule: JSON.stringify(cmd.schedule),
        starts_at: cmd.startsAt,
        stops_at: stopsAt,
      });
      return { entry, result, location: `MedicationRequest/${id}` };
    }
    case 'allergy': {
      const patient = patientOf(c, cmd.patient, entry, '.patient');
      const { id, result } = c.fhir.upsertAllergy(patient.id, cmd);
      return { entry, result, location: `AllergyIntolerance/${id ?? 'removed'}` };
    }
    case 'not-charted':
      return { entry, result: 'unchanged', location: null, note: cmd.reason };
    case 'no-known-allergies': {
      const patient = patientOf(c, cmd.patient, entry, '.patient');
      const result = c.fhir.recordNoKnownAllergies(patient.id);
      if (result === 'conflict') throw reject(entry, 'The patient has allergies on record: "no known drug allergies" contradicts them. Refute those first.', '.code', 'conflict');
      return { entry, result, location: `Patient/${patient.id}` };
    }
    default: {
      const never: never = cmd;
      return never;
    }
  }
}

/**
 * Applies the commands in one SQLite transaction, with the audit row: all or
 * nothing, committed before the response is sent.
 */
export function applyImport(repos: Repositories, fhir: FhirRepository, commands: readonly ImportCommand[], opts: { now: Date; userId: string; nhsCompanyPrefix: string | undefined }): BundleEntryResponse[] {
  return repos.db.transaction(() => {
    const c: Context = { repos, fhir, now: opts.now, nhsCompanyPrefix: opts.nhsCompanyPrefix, commands };
    const ordered = [...commands].sort((a, b) => WRITE_ORDER.indexOf(a.kind) - WRITE_ORDER.indexOf(b.kind) || a.entry - b.entry);
    const results = ordered.map((cmd) => apply(c, cmd)).sort((a, b) => a.entry - b.entry);
    const count = (r: WriteResult) => results.filter((x) => x.result === r).length;
    repos.audit.append(
      {
        type: 'fhir-import',
        userId: opts.userId,
        summary: `FHIR import: ${count('created')} created, ${count('updated')} updated, ${count('unchanged')} unchanged`,
        detail: { entries: results.length, changed: results.filter((r) => r.result !== 'unchanged').map((r) => `${r.result} ${r.location}`) },
      },
      opts.now,
    );
    return results.map((r) => ({
      status: r.result === 'created' ? '201 Created' : '200 OK',
      ...(r.location ? { location: r.location } : {}),
      ...(r.note ? { outcome: { resourceType: 'OperationOutcome' as const, issue: [{ severity: 'information' as const, code: 'informational' as const, diagnostics: r.note }] } } : {}),
    }));
  })();
}
