import type { Repositories } from '../repositories.js';
import type { ImportCommand, PatientRef } from './commands.js';
import type { PatientRecord } from '../domain/records.js';
import { FhirError, issue } from './operation-outcome.js';
import type { FhirRepository, RegisteredPatientRow, WriteResult } from './repository.js';

/* What every command's apply shares: the transaction's context, finding a patient, refusing an entry. */

export interface EntryResult {
  readonly entry: number;
  readonly result: WriteResult;
  /** Where the entry landed; none for an entry kept off the chart. */
  readonly location: string | null;
  /** Why an entry was kept off the chart, told back in the response. */
  readonly note?: string;
}

export const reject = (entry: number, text: string, field = '', code: 'not-found' | 'conflict' | 'business-rule' = 'business-rule'): FhirError =>
  new FhirError(422, [issue(code, text, `Bundle.entry[${entry}].resource${field}`)]);

export interface Context {
  readonly repos: Repositories;
  readonly fhir: FhirRepository;
  readonly now: Date;
  readonly nhsCompanyPrefix: string | undefined;
  readonly commands: readonly ImportCommand[];
}

/** A patient as the import finds them: on a ward's record (in any state), or registered at the hospital only. */
type FoundPatient = { readonly on: 'ward'; readonly record: PatientRecord } | { readonly on: 'registered'; readonly row: RegisteredPatientRow };

/** By NHS Number, hospital number or id, whatever state the record is in; a merged record answers with its survivor. */
export function findPatient(c: Context, ref: PatientRef, follow = true): FoundPatient | undefined {
  const onWard = (id: string | undefined, hops = 0): FoundPatient | undefined => {
    const state = id ? c.fhir.patientState(id) : undefined;
    if (!state) return undefined;
    if (follow && state.replaced_by && hops < 5) return onWard(state.replaced_by, hops + 1);
    const record = c.repos.patients.byId(state.id);
    return record ? { on: 'ward', record } : undefined;
  };
  const mrnIds = ref.by === 'mrn' ? c.fhir.patientIdsByMrn(ref.mrn) : [];
  const ward =
    ref.by === 'nhs-number' ? onWard(c.fhir.patientStateByNhs(ref.nhsNumber)?.id) : ref.by === 'id' ? onWard(ref.id) : mrnIds.length === 1 ? onWard(mrnIds[0]) : undefined;
  if (ward) return ward;
  const row = ref.by === 'nhs-number' ? c.fhir.registered('nhs', ref.nhsNumber) : ref.by === 'mrn' ? c.fhir.registered('mrn', ref.mrn) : c.fhir.registered('id', ref.id);
  return row ? { on: 'registered', row } : undefined;
}

export const describeRef = (ref: PatientRef): string => (ref.by === 'id' ? `Patient/${ref.id}` : ref.by === 'mrn' ? `with hospital number ${ref.mrn}` : `with NHS Number ${ref.nhsNumber}`);

export function patientOf(c: Context, ref: PatientRef, entry: number, field: string): PatientRecord {
  const found = findPatient(c, ref);
  if (!found) throw reject(entry, `No patient ${describeRef(ref)} on record or in this bundle.`, field, 'not-found');
  if (found.on === 'registered') throw new NotOnWard(found.row);
  return found.record;
}

/** Thrown by patientOf for a patient the hospital knows who is on no ward: their orders and allergies are answered, not charted. */
export class NotOnWard extends Error {
  constructor(readonly row: RegisteredPatientRow) {
    super('not on a ward');
  }
}

export const combine = (...results: WriteResult[]): WriteResult => (results.includes('created') ? 'created' : results.includes('updated') ? 'updated' : 'unchanged');
