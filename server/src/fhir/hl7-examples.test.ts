import type { AllergyIntolerance, MedicationRequest, Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { validateR4 } from './definitions.js';
import { importBundle } from './import-bundle.js';
import { FhirError } from './operation-outcome.js';
import { fhirFixture, transactionOf } from './test/support.js';

/*
 * Examples published with the FHIR R4 specification (fixtures/fhir/hl7-examples,
 * CC0): written by others, so they show what a real sender may send us.
 */
const patient = () => fhirFixture<Patient>('hl7-examples/patient-example.json');
const allergy = () => fhirFixture<AllergyIntolerance>('hl7-examples/allergyintolerance-example.json');
const medicationRequest = () => fhirFixture<MedicationRequest>('hl7-examples/medicationrequest0301.json');

/** The FhirError an import throws (the test fails if it does not throw one). */
function refusal(body: unknown): FhirError {
  try {
    importBundle(body);
  } catch (err) {
    if (err instanceof FhirError) return err;
    throw err;
  }
  throw new Error('expected the import to be refused');
}

describe('official HL7 R4 examples', () => {
  it.each([
    ['patient-example', patient],
    ['allergyintolerance-example', allergy],
    ['medicationrequest0301', medicationRequest],
  ])('%s passes our R4 base validation', (_name, load) => {
    expect(validateR4(load())).toEqual([]);
  });

  it('refuses the example Patient, which has no NHS Number, with a clear 422 naming the identifier', () => {
    const err = refusal(transactionOf(patient()));
    expect(err.status).toBe(422);
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]?.expression).toEqual(['Bundle.entry[0].resource.identifier']);
    expect(err.issues[0]?.details?.text).toMatch(/NHS Number/);
  });

  it('takes the example Patient once it carries a valid NHS Number', () => {
    const p = patient();
    p.identifier = [...(p.identifier ?? []), { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '999 003 0030' }];
    const [command] = importBundle(transactionOf(p));
    expect(command).toMatchObject({ kind: 'patient', nhsNumber: '9990030030', familyName: 'Chalmers', givenName: 'Peter', birthDate: '1974-12-25', mrn: null });
  });

  it('maps the example allergy (cashew nuts, anaphylaxis and urticaria) for the patient it names', () => {
    const [command] = importBundle(transactionOf(allergy()));
    expect(command).toEqual({
      kind: 'allergy',
      entry: 0,
      patient: { by: 'id', id: 'example' },
      substance: 'Cashew nuts',
      code: '227493005', // SNOMED CT: cashew nuts, as the HL7 example codes it
      reaction: 'Anaphylactic reaction, Urticaria',
      remove: false,
    });
  });

  it('charts the example oxycodone order\'s dose range (1 to 2 tablets, v3 TAB) for the nurse to choose within, never as one exact dose (issue 13)', () => {
    const [command] = importBundle(transactionOf(medicationRequest()));
    expect(command).toMatchObject({
      kind: 'prescription',
      dose: { value: '1', unit: 'tablet' },
      doseRange: { low: '1', high: '2', unit: 'tablet' },
      review: null,
      schedule: { kind: 'prn', minIntervalMinutes: 240 },
    });
  });

  it('reads the example PRN timing (every 4 to 6 hours) as a 4-hour minimum interval once the dose is exact', () => {
    const rx = medicationRequest();
    const dosage = rx.dosageInstruction![0]!;
    dosage.doseAndRate = [{ doseQuantity: { value: 5, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' } }];
    const [command] = importBundle(transactionOf(rx));
    expect(command).toMatchObject({
      kind: 'prescription',
      drug: 'oral form oxycodone (product)',
      product: null,
      patient: { by: 'id', id: 'pat1' },
      dose: { value: '5', unit: 'mg' },
      route: 'oral',
      schedule: { kind: 'prn', minIntervalMinutes: 240, maxDailyDose: null },
      startsAt: '2015-01-15T00:00:00.000Z',
      ended: true,
    });
  });
});
