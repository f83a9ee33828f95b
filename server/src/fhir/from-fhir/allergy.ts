import type { AllergyIntolerance } from '@medplum/fhirtypes';
import type { ImportCommand } from '../commands.js';
import { conceptText, fail, ok, type EntryContext, type Mapped } from '../references.js';
import { NO_KNOWN_DRUG_ALLERGY_CODES } from '@wardscan/shared';
import { SNOMED_SYSTEM } from '../systems.js';
import { patientRefFrom } from './patient.js';

type AllergyCommand = Extract<ImportCommand, { kind: 'allergy' | 'no-known-allergies' }>;

/** UK Core's negation examples and common words for "no known drug allergies": a status, never a substance. */
const NKDA_WORDS = /^(no known (drug )?allerg(y|ies)|nkda|nka)$/i;

/**
 * An allergy on the patient's record. Inactive and resolved ones are kept
 * (safety first: the bedside warns); only refuted or entered-in-error remove one.
 */
export function allergyFromFhir(a: AllergyIntolerance, ctx: EntryContext): Mapped<AllergyCommand> {
  const at = ctx.at;
  const substance = conceptText(a.code) ?? conceptText(a.reaction?.[0]?.substance);
  if (!substance) return fail('The allergy needs its substance (code.text or a display).', `${at}.code`, 'required');
  const patient = patientRefFrom(a.patient, ctx, `${at}.patient`);
  if (!patient.ok) return patient;
  const code = a.code?.coding?.find((c) => c.system === SNOMED_SYSTEM && c.code && /^\d{6,18}$/.test(c.code))?.code ?? null;
  if ((code && NO_KNOWN_DRUG_ALLERGY_CODES.includes(code)) || NKDA_WORDS.test(substance.trim())) {
    return ok({ kind: 'no-known-allergies', entry: ctx.index, patient: patient.value });
  }
  const verification = a.verificationStatus?.coding?.[0]?.code;
  const manifestations = (a.reaction ?? []).flatMap((r) => r.manifestation.map((m) => conceptText(m)).filter((s): s is string => !!s));
  return ok({
    kind: 'allergy',
    entry: ctx.index,
    patient: patient.value,
    substance,
    code,
    reaction: manifestations.length ? [...new Set(manifestations)].join(', ') : null,
    remove: verification === 'refuted' || verification === 'entered-in-error',
  });
}
