import type { Patient, Reference } from '@medplum/fhirtypes';
import type { PatientCommand, PatientRef } from '../commands.js';
import { all, fail, identifiersOf, nhsNumberFrom, ok, parseReference, type EntryContext, type Mapped } from '../references.js';
import { NHS_NUMBER_SYSTEM, TRUST_MRN_SYSTEM } from '../systems.js';

/** The patient's NHS Number: exactly one, valid mod 11. Nothing weaker ever identifies a patient. */
export function nhsNumberOf(p: Patient, at: string): Mapped<string> {
  const found = identifiersOf(p, NHS_NUMBER_SYSTEM);
  const first = found[0];
  if (!first) return fail(`Wardscan identifies patients only by a valid NHS Number: add an identifier with system ${NHS_NUMBER_SYSTEM}.`, `${at}.identifier`, 'required');
  if (found.some((f) => f.value.replace(/\s/g, '') !== first.value.replace(/\s/g, ''))) {
    return fail('The patient has two different NHS Numbers.', `${at}.identifier`, 'invalid');
  }
  return nhsNumberFrom(first.value, `${at}.identifier[${first.index}].value`);
}

export function patientFromFhir(p: Patient, ctx: EntryContext): Mapped<PatientCommand> {
  const at = ctx.at;
  const name = p.name?.find((n) => n.use === 'official') ?? p.name?.[0];
  const nameAt = `${at}.name[${Math.max(0, p.name?.indexOf(name!) ?? 0)}]`;
  const family = name?.family?.trim();
  const given = name?.given?.[0]?.trim();
  const steps = all(
    nhsNumberOf(p, at),
    family ? ok(family) : fail('The patient needs a family name.', `${nameAt}.family`, 'required'),
    given ? ok(given) : fail('The patient needs a given name.', `${nameAt}.given`, 'required'),
    // A partial date (year only) cannot be checked against a wristband.
    p.birthDate && /^\d{4}-\d{2}-\d{2}$/.test(p.birthDate) ? ok(p.birthDate) : fail('The patient needs a full date of birth (YYYY-MM-DD).', `${at}.birthDate`, 'required'),
  );
  if (!steps.ok) return steps;
  const [nhsNumber, familyName, givenName, birthDate] = steps.value;
  const mrn = identifiersOf(p, TRUST_MRN_SYSTEM)[0]?.value ?? null;
  return ok({ kind: 'patient', entry: ctx.index, nhsNumber, mrn, familyName, givenName, birthDate });
}

/** A reference to a patient, resolved to the NHS Number (or, for Patient/<id>, our id). */
export function patientRefFrom(ref: Reference | undefined, ctx: EntryContext, where: string): Mapped<PatientRef> {
  const parsed = parseReference(ref, ctx, `${where}.reference`, 'Patient');
  if (!parsed.ok) return parsed;
  const r = parsed.value;
  switch (r.kind) {
    case 'entry': {
      const nhs = nhsNumberOf(r.resource as Patient, `Bundle.entry[${r.index}].resource`);
      return nhs.ok ? ok({ by: 'nhs-number', nhsNumber: nhs.value }) : nhs;
    }
    case 'conditional': {
      if (r.system !== NHS_NUMBER_SYSTEM) return fail(`Patients are found only by NHS Number (${NHS_NUMBER_SYSTEM}).`, `${where}.reference`, 'not-supported');
      const nhs = nhsNumberFrom(r.value, `${where}.reference`);
      return nhs.ok ? ok({ by: 'nhs-number', nhsNumber: nhs.value }) : nhs;
    }
    case 'literal':
      return ok({ by: 'id', id: r.id });
    case 'contained':
      return fail('A contained Patient cannot identify a patient: refer to one with an NHS Number.', `${where}.reference`, 'not-supported');
    default: {
      const never: never = r;
      return never;
    }
  }
}
