import type { Patient, Reference } from '@medplum/fhirtypes';
import type { PatientCommand, PatientRef } from '../commands.js';
import { all, fail, identifiersOf, nhsNumberFrom, ok, parseReference, type EntryContext, type Mapped } from '../references.js';
import { mrnSystem, NHS_NUMBER_SYSTEM } from '../systems.js';

export { mrnSystem };

/** UK Core: the NHS Number's verification status, an extension on the identifier; only '01' is "present and verified". */
export const NHS_VERIFICATION_EXTENSION = 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus';
export const NHS_VERIFIED = '01';

/** The patient's NHS Number, valid mod 11, or null when they have none; several different ones are refused. */
export function nhsNumberOf(p: Patient, at: string): Mapped<string | null> {
  const found = identifiersOf(p, NHS_NUMBER_SYSTEM);
  const first = found[0];
  if (!first) return ok(null);
  if (found.some((f) => f.value.replace(/\s/g, '') !== first.value.replace(/\s/g, ''))) {
    return fail('The patient has two different NHS Numbers.', `${at}.identifier`, 'invalid');
  }
  return nhsNumberFrom(first.value, `${at}.identifier[${first.index}].value`);
}

/** How the patient is identified: NHS Number, else the trust's hospital number. Nothing weaker. */
export function patientKeyOf(p: Patient, at: string): Mapped<PatientRef> {
  const nhs = nhsNumberOf(p, at);
  if (!nhs.ok) return nhs;
  if (nhs.value) return ok({ by: 'nhs-number', nhsNumber: nhs.value });
  const mrn = identifiersOf(p, mrnSystem())[0]?.value;
  if (mrn) return ok({ by: 'mrn', mrn });
  return fail(`Wardscan identifies patients by a valid NHS Number (${NHS_NUMBER_SYSTEM}) or the trust's hospital number (${mrnSystem()}): add one.`, `${at}.identifier`, 'required');
}

function verificationOf(p: Patient): string | null {
  const id = p.identifier?.find((i) => i.system === NHS_NUMBER_SYSTEM);
  const ext = id?.extension?.find((e) => e.url === NHS_VERIFICATION_EXTENSION);
  return ext?.valueCodeableConcept?.coding?.find((c) => c.code)?.code ?? null;
}

export function patientFromFhir(p: Patient, ctx: EntryContext): Mapped<PatientCommand> {
  const at = ctx.at;
  const name = p.name?.find((n) => n.use === 'official') ?? p.name?.[0];
  const nameAt = `${at}.name[${Math.max(0, p.name?.indexOf(name!) ?? 0)}]`;
  const family = name?.family?.trim();
  const given = name?.given?.[0]?.trim();
  const replaced = p.link?.findIndex((l) => l.type === 'replaced-by') ?? -1;
  const steps = all(
    nhsNumberOf(p, at),
    patientKeyOf(p, at),
    family ? ok(family) : fail('The patient needs a family name.', `${nameAt}.family`, 'required'),
    given ? ok(given) : fail('The patient needs a given name.', `${nameAt}.given`, 'required'),
    // A partial date (year only) cannot be checked against a wristband.
    p.birthDate && /^\d{4}-\d{2}-\d{2}$/.test(p.birthDate) ? ok(p.birthDate) : fail('The patient needs a full date of birth (YYYY-MM-DD).', `${at}.birthDate`, 'required'),
    replaced >= 0 ? patientRefFrom(p.link?.[replaced]?.other, ctx, `${at}.link[${replaced}].other`) : ok(null),
  );
  if (!steps.ok) return steps;
  const [nhsNumber, , familyName, givenName, birthDate, replacedBy] = steps.value;
  const mrn = identifiersOf(p, mrnSystem())[0]?.value ?? null;
  const deceased = p.deceasedDateTime ? { at: new Date(p.deceasedDateTime).toISOString() } : p.deceasedBoolean === true ? { at: null } : null;
  return ok({ kind: 'patient', entry: ctx.index, nhsNumber, mrn, familyName, givenName, birthDate, nhsVerification: nhsNumber ? verificationOf(p) : null, deceased, replacedBy });
}

/** A reference to a patient, resolved to the NHS Number or hospital number (or, for Patient/<id>, our id). */
export function patientRefFrom(ref: Reference | undefined, ctx: EntryContext, where: string): Mapped<PatientRef> {
  const parsed = parseReference(ref, ctx, `${where}.reference`, 'Patient');
  if (!parsed.ok) return parsed;
  const r = parsed.value;
  switch (r.kind) {
    case 'entry':
      return patientKeyOf(r.resource as Patient, `Bundle.entry[${r.index}].resource`);
    case 'conditional': {
      if (r.system === mrnSystem()) return ok({ by: 'mrn', mrn: r.value });
      if (r.system !== NHS_NUMBER_SYSTEM) return fail(`Patients are found by NHS Number (${NHS_NUMBER_SYSTEM}) or hospital number (${mrnSystem()}).`, `${where}.reference`, 'not-supported');
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
