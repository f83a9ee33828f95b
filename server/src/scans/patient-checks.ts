import { formatNhsNumber, worstOutcome, type Check, type PatientScan, type PlainNhsNumberPolicy, type ScanSource, type Verdict } from '@wardscan/shared';
import type { IdMethod } from '../devices/context-repository.js';
import { patientName, type PatientRecord } from '../domain/records.js';
import { unverifiedNhsNumberWords } from '../patients/nhs-verification.js';
import { notOnWardCheck, type NotOnWard } from './not-on-ward.js';

export interface PatientIdInput {
  readonly scan: PatientScan;
  readonly source: ScanSource;
  /** The record the scan's validated identifier points to, if any. */
  readonly found: PatientRecord | undefined;
  /** The record found by the other identifier on the band, when it names someone else. */
  readonly conflicting: PatientRecord | undefined;
  readonly nurseWardId: string | null;
  readonly allowKeyedPatientId: boolean;
  /** The ward's policy for a plain NHS Number barcode (no wristband GSRN). */
  readonly plainNhsNumber: PlainNhsNumberPolicy;
  /** When the band names someone on no ward (discharged, deceased, merged, never admitted): why. */
  readonly notOnWard?: NotOnWard | null;
}

export interface PatientIdResult {
  readonly verdict: Verdict;
  /** Set only when the scan positively identifies a patient. */
  readonly identified: PatientRecord | null;
}

const label = (scan: PatientScan): string =>
  scan.nhsNumber ? `NHS Number ${formatNhsNumber(scan.nhsNumber)}` : scan.gsrn ? `wristband ${scan.gsrn}` : 'this identifier';

/**
 * How a patient scan identifies: typed, the DCB1077 wristband (its GSRN in a
 * GS1 DataMatrix), or a plain NHS Number barcode, which may be printed on
 * notes or a label rather than worn.
 */
export function idMethodOf(scan: PatientScan, source: ScanSource): IdMethod {
  if (source === 'keyboard') return 'keyed';
  return scan.gsrn ? 'wristband' : 'nhs-number-barcode';
}

/** Wristband extras (MRN, name, birth date) must agree with the record the identifier found. */
function detailsDisagree(scan: PatientScan, p: PatientRecord): string | null {
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  if (scan.mrn && p.mrn && !same(scan.mrn, p.mrn)) return 'hospital number';
  if (scan.familyName && !same(scan.familyName, p.familyName)) return 'family name';
  if (scan.givenName && !same(scan.givenName, p.givenName)) return 'given name';
  if (scan.birthDate && scan.birthDate !== p.birthDate) return 'date of birth';
  return null;
}

/** A warning when the patient's NHS Number is not verified (UK Core status other than 01), in plain words; none otherwise. */
export function nhsVerificationChecks(patient: PatientRecord): Check[] {
  const words = unverifiedNhsNumberWords(patient.nhsVerification);
  if (!words) return [];
  const message = `NHS Number ${formatNhsNumber(patient.nhsNumber)} is not verified: it is ${words}. Confirm name and date of birth with the patient before giving anything.`;
  return [{ rule: 'nhs-number-unverified', outcome: 'warning', message }];
}

/** What the title says about the identification's warnings, briefly (the checks say it in full). */
function warningNote(checks: readonly Check[]): string {
  const notes = checks
    .filter((c) => c.outcome === 'warning')
    .map((c): string | null => (c.rule === 'keyed-patient-id' ? 'typed, check the wristband' : c.rule === 'nhs-number-unverified' ? 'NHS Number not verified' : null))
    .filter((n): n is string => n !== null);
  return notes.length ? ` (${notes.join('; ')})` : '';
}

/**
 * Positive patient identification: only a validated identifier on the
 * wristband selects a patient, on the nurse's own ward; a typed identifier is
 * a stop unless the trust allows it (then a warning).
 */
export function identifyPatient(input: PatientIdInput): PatientIdResult {
  const { scan, found } = input;
  const checks: Check[] = [];
  if (input.source === 'keyboard') {
    checks.push(
      input.allowKeyedPatientId
        ? { rule: 'keyed-patient-id', outcome: 'warning', message: 'Typed, not scanned: check the number against the wristband.' }
        : { rule: 'keyed-patient-id', outcome: 'stop', message: 'A typed patient identifier is not accepted. Scan the wristband; if it will not scan, ask for a new band.' },
    );
  }
  // A number that is not the band in the nurse's hand (typed, or a plain NHS Number barcode) tells
  // nothing of a patient who is not on the nurse's ward: not their name, nor where they are, nor whether
  // they died (issue 16: a ward 8A nurse could learn a 7B patient's name from any NHS Number).
  const byBand = idMethodOf(scan, input.source) === 'wristband';
  const beyondWard = (input.notOnWard ?? null) !== null || (found !== undefined && found.wardId !== input.nurseWardId);
  if (idMethodOf(scan, input.source) === 'nhs-number-barcode' && input.plainNhsNumber === 'refused') {
    checks.push({ rule: 'right-patient', outcome: 'stop', message: 'This barcode is not the wristband: scan the wristband.' });
  } else if (!byBand && beyondWard) {
    checks.push({ rule: 'right-patient', outcome: 'stop', message: `No patient with ${label(scan)} is on your ward, so nobody is identified. Check you are at the right bedside, and scan the wristband.` });
  } else if (input.notOnWard) {
    checks.push(notOnWardCheck(input.notOnWard));
  } else if (!found) {
    checks.push({ rule: 'right-patient', outcome: 'stop', message: `No patient with ${label(scan)} is on record. Check the wristband; do not give anything.` });
  } else if (input.conflicting && input.conflicting.id !== found.id) {
    checks.push({ rule: 'right-patient', outcome: 'stop', message: 'The wristband identifiers point to two different patients. Do not proceed; replace the wristband.' });
  } else if (found.wardId !== input.nurseWardId) {
    checks.push({ rule: 'right-patient', outcome: 'stop', message: `${patientName(found)} is not on your ward. Check you are at the right bedside.` });
  } else {
    const mismatch = detailsDisagree(scan, found);
    checks.push(
      mismatch
        ? { rule: 'right-patient', outcome: 'stop', message: `The wristband's ${mismatch} does not match the record for ${label(scan)}. Do not proceed; replace the wristband.` }
        : { rule: 'right-patient', outcome: 'pass', message: `${patientName(found)}, born ${found.birthDate}, NHS Number ${formatNhsNumber(found.nhsNumber)}.` },
    );
    // Identified all the same (the band matches the record); the record's own identity is what is weak.
    if (!mismatch) checks.push(...nhsVerificationChecks(found));
  }
  const outcome = worstOutcome(checks);
  const identified = outcome === 'stop' || !found ? null : found;
  const title =
    outcome === 'stop'
      ? `Stop: ${checks.find((c) => c.outcome === 'stop')?.message ?? 'patient not identified.'}`
      : `${patientName(found as PatientRecord)} identified${warningNote(checks)}`;
  return { verdict: { outcome, title, checks }, identified };
}
