import { createHash } from 'node:crypto';
import type { RoundTimes } from '@wardscan/shared';
import { roundTimesOf, clockTimesFor } from '../wards/round-times.js';
import type { Schedule } from '../domain/records.js';
import { combine, findPatient, patientOf, reject, type Context, type EntryResult } from './apply-context.js';
import type { ImportCommand, OrderSchedule, ProductRef, StepEnd } from './commands.js';
import { recordOrderIdentifier } from './order-identifiers.js';

/*
 * Writing a MedicationRequest: a prescription (each step of a taper its own
 * row) or the end of one on record.
 */

type Command<K extends ImportCommand['kind']> = Extract<ImportCommand, { kind: K }>;

/** Our prescription id for a prescribing system's identifier: stable, so a re-import finds it. */
export const prescriptionIdFor = (system: string, value: string): string => `rx-${createHash('sha256').update(`${system}|${value}`).digest('hex').slice(0, 24)}`;

function productOf(c: Context, ref: ProductRef, entry: number) {
  const product = ref.by === 'gtin' ? c.repos.products.byGtin(ref.gtin) : c.repos.products.byId(ref.id);
  if (!product) throw reject(entry, `No product ${ref.by === 'gtin' ? `with GTIN ${ref.gtin}` : `Medication/${ref.id}`} in the catalogue or in this bundle.`, '.medicationReference', 'not-found');
  return product;
}

/** Each step's start and stop: its own start, else where the step before ends; its end at a time, a length after its start, or none. */
function timedPhases<P extends { readonly startsAt: string | null; readonly ends: StepEnd }>(startsAt: string, steps: readonly P[]): (P & { startsAt: string; stopsAt: string | null })[] {
  let from: string | null = startsAt;
  return steps.map((step) => {
    const starts: string = step.startsAt ?? from ?? startsAt;
    const e = step.ends;
    const stopsAt = e.kind === 'at' ? e.at : e.kind === 'after' ? new Date(new Date(starts).getTime() + e.ms).toISOString() : null;
    from = stopsAt;
    return { ...step, startsAt: starts, stopsAt };
  });
}

/**
 * The chart's schedule: the order's own, or the ward's standard times for
 * what it asked (issue 13), read from the patient's ward as it stands after
 * this bundle's admissions; a patient on no ward gets the trust defaults.
 */
function scheduleOn(schedule: OrderSchedule, c: Context, wardId: string | null): Schedule {
  if (schedule.kind === 'regular' || schedule.kind === 'prn') return schedule;
  let byWard = wardTimes.get(c);
  if (!byWard) wardTimes.set(c, (byWard = new Map()));
  const key = wardId ?? '';
  const times = byWard.get(key) ?? roundTimesOf(c.repos, wardId);
  byWard.set(key, times);
  return { kind: 'regular', times: clockTimesFor(schedule, times) };
}

/** Each ward's times read once per import (a bundle of thousands of orders), the same for all of its orders. */
const wardTimes = new WeakMap<Context, Map<string, RoundTimes>>();

export function applyPrescription(c: Context, cmd: Command<'prescription'>): EntryResult {
  const { entry } = cmd;
  const patient = patientOf(c, cmd.patient, entry, '.subject');
  const product = cmd.product ? productOf(c, cmd.product, entry) : undefined;
  const medicationCode = cmd.medicationCode ?? product?.dmdCode ?? null;
  const drug = cmd.drug ?? product?.name ?? (medicationCode ? c.repos.dmd.conceptLevel(medicationCode)?.concept.name : undefined) ?? product?.drug;
  if (!drug) throw reject(entry, 'The prescription names no drug: give its dm+d code or name.', '.medicationReference');
  const id = prescriptionIdFor(cmd.identifier.system, cmd.identifier.value);
  const current = c.fhir.prescription(id);
  if (current && current.patient_id !== patient.id) throw reject(entry, 'This prescription identifier is already used for another patient.', '.identifier', 'conflict');
  const nowIso = c.now.toISOString();
  // An order that names no start starts when first received; sent again, it keeps that start.
  const startsAt = cmd.startsAt ?? current?.starts_at ?? nowIso;
  const phases = timedPhases(startsAt, [{ ...cmd, id }, ...cmd.then.map((p, i) => ({ ...p, id: `${id}-s${i + 2}` }))]);
  const results = phases.map((p) => {
    const previous = p.id === id ? current : c.fhir.prescription(p.id);
    // Ended: no dose after now; an earlier end already on record stays.
    const stopsAt = !cmd.ended ? p.stopsAt : [previous?.stops_at, p.stopsAt, nowIso].filter((s): s is string => !!s).sort()[0] ?? nowIso;
    const written = c.fhir.upsertPrescription({
      id: p.id,
      patient_id: patient.id,
      drug,
      medication_code: medicationCode,
      product_id: product?.id ?? null,
      dose_value: p.dose.value,
      dose_unit: p.dose.unit,
      route: p.route,
      schedule: JSON.stringify(scheduleOn(p.schedule, c, patient.dischargedAt ? null : patient.wardId)),
      starts_at: p.startsAt,
      stops_at: stopsAt,
      status: cmd.onHold ? 'on-hold' : 'active',
      needs_review: p.review,
      dose_range: p.doseRange ? JSON.stringify(p.doseRange) : null,
    }, nowIso);
    // The EPR's own order identifier, for MedicationAdministration.request (fhir/order-identifiers.ts).
    return recordOrderIdentifier(c.repos.db, p.id, cmd.identifier) && written === 'unchanged' ? 'updated' : written;
  });
  // Steps an earlier version had beyond this one's (a taper now sent as one order held for review) end now: they are no longer ordered.
  const result = combine(...results, c.fhir.endStepsAfter(id, phases.length, nowIso));
  const notes = [
    cmd.startsAt ? null : `No start date was sent (authoredOn or timing.repeat.boundsPeriod.start): the order starts when first received, ${startsAt}.`,
    cmd.onHold ? 'On hold: no dose is due until the order is active again.' : null,
    ...phases.map((p) => p.review),
  ].filter((n): n is string => !!n);
  if (notes.length) return { entry, result, location: `MedicationRequest/${id}`, note: [...new Set(notes)].join(' ') };
  return { entry, result, location: `MedicationRequest/${id}` };
}

export function applyEndOrder(c: Context, cmd: Command<'end-order'>): EntryResult {
  const { entry } = cmd;
  const id = prescriptionIdFor(cmd.identifier.system, cmd.identifier.value);
  const current = c.fhir.prescription(id);
  if (!current) return { entry, result: 'unchanged', location: null, note: `status "${cmd.status}": no order ${cmd.identifier.system}|${cmd.identifier.value} on record to end: nothing is written.` };
  const found = cmd.patient ? findPatient(c, cmd.patient) : undefined;
  const foundId = found?.on === 'ward' ? found.record.id : found?.row.id;
  if (foundId && foundId !== current.patient_id) throw reject(entry, 'This prescription identifier is on record for another patient: it was not ended.', '.subject', 'conflict');
  const result = c.fhir.endPrescription(id, c.now.toISOString());
  return { entry, result, location: `MedicationRequest/${id}`, note: `Ended (status "${cmd.status}"): no dose of it is due from now. The rest of the order was not read.` };
}
