import { formatNhsNumber, type Check, type PatientScan } from '@wardscan/shared';
import { patientName, type PatientRecord } from '../domain/records.js';
import { wardClockTime, wardDate } from '../domain/ward-time.js';
import type { PatientStanding, RegisteredPatient } from '../patients/repository.js';
import type { Repositories } from '../repositories.js';
import { dateText } from './product-checks.js';

/*
 * Why a wristband names a patient who is on no ward now (issue 13). Each case
 * is a stop with its own rule and its own words: the band is real, so "no
 * patient on record" would send the nurse looking for the wrong fault.
 */

/** A patient the band names who cannot be identified for giving medicines, and why. */
export type NotOnWard =
  | { readonly kind: 'merged'; readonly record: PatientRecord; readonly survivor: PatientRecord | undefined }
  | { readonly kind: 'deceased'; readonly name: string; readonly deceasedAt: string | null; readonly timeZone: string }
  | { readonly kind: 'discharged'; readonly record: PatientRecord; readonly wardName: string | null; readonly timeZone: string }
  | { readonly kind: 'not-admitted'; readonly registered: RegisteredPatient };

const MERGE_HOPS = 5;
const LONDON = 'Europe/London';

function survivorOf(repos: Repositories, standing: PatientStanding): PatientRecord | undefined {
  let next = standing.replacedBy;
  let found: PatientStanding | undefined;
  for (let hop = 0; next && hop < MERGE_HOPS; hop++) {
    found = repos.patients.standingById(next);
    next = found?.replacedBy ?? null;
  }
  return found?.record;
}

/** Why a record on file is on no ward (merged, deceased, discharged), or null when it is on one. */
export function notOnWardOfRecord(repos: Repositories, standing: PatientStanding): NotOnWard | null {
  const { record } = standing;
  if (standing.replacedBy) return { kind: 'merged', record, survivor: survivorOf(repos, standing) };
  const timeZone = repos.wards.timeZone(record.wardId) ?? LONDON;
  if (record.deceased) return { kind: 'deceased', name: patientName(record), deceasedAt: standing.deceasedAt, timeZone };
  if (record.dischargedAt) return { kind: 'discharged', record, wardName: repos.wards.get(record.wardId)?.name ?? null, timeZone };
  return null;
}

/**
 * What the band's identifiers name when they find no one on a ward: a record
 * merged into another, a deceased or discharged patient, or one registered at
 * the hospital but never admitted. Null when the band names a patient on a
 * ward, or nobody at all.
 */
export function notOnWardOf(repos: Repositories, scan: PatientScan): NotOnWard | null {
  const standing = (scan.gsrn ? repos.patients.standingByGsrn(scan.gsrn) : undefined) ?? (scan.nhsNumber ? repos.patients.standingByNhsNumber(scan.nhsNumber) : undefined);
  if (standing) return notOnWardOfRecord(repos, standing);
  const registered = repos.patients.registered({ nhsNumber: scan.nhsNumber, mrn: scan.mrn });
  if (!registered) return null;
  return registered.deceased ? { kind: 'deceased', name: patientName(registered), deceasedAt: null, timeZone: LONDON } : { kind: 'not-admitted', registered };
}

const when = (iso: string, timeZone: string): string => {
  const at = new Date(iso);
  return `${dateText(wardDate(at, timeZone))} at ${wardClockTime(at, timeZone)}`;
};

/** The stop for a band whose patient is on no ward, in words a nurse can act on. */
export function notOnWardCheck(n: NotOnWard): Check {
  switch (n.kind) {
    case 'merged': {
      const into = n.survivor
        ? `${patientName(n.survivor)}'s record, NHS Number ${formatNhsNumber(n.survivor.nhsNumber)}`
        : 'another record, whose NHS Number is not on record here';
      return {
        rule: 'patient-merged',
        outcome: 'stop',
        message: `This wristband is for a record that was merged into ${into}. Do not give anything against this band: print a new wristband from that record and scan it.`,
      };
    }
    case 'deceased':
      return {
        rule: 'patient-deceased',
        outcome: 'stop',
        message: `${n.name} is recorded as deceased${n.deceasedAt ? ` (${when(n.deceasedAt, n.timeZone)})` : ''}, so they cannot be identified for giving medicines. Do not give anything; if the record is wrong, tell the nurse in charge now.`,
      };
    case 'discharged':
      return {
        rule: 'patient-discharged',
        outcome: 'stop',
        message: `${patientName(n.record)} was discharged from ${n.wardName ?? 'their ward'} on ${when(n.record.dischargedAt ?? '', n.timeZone)}, so they are on no ward now: do not give anything. If they are back, ask the ward clerk to readmit them.`,
      };
    case 'not-admitted': {
      const r = n.registered;
      const number = r.nhsNumber ? `NHS Number ${formatNhsNumber(r.nhsNumber)}` : `hospital number ${r.mrn ?? ''}`;
      return {
        rule: 'patient-not-admitted',
        outcome: 'stop',
        message: `${patientName(r)} (${number}) is registered at the hospital but not admitted to any ward, so they cannot be identified for giving medicines. Do not give anything; ask the ward clerk to admit them.`,
      };
    }
    default: {
      const never: never = n;
      return never;
    }
  }
}
