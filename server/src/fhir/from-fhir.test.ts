import type { Bundle, MedicationRequest } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { importBundle } from './import-bundle.js';
import { FhirError } from './operation-outcome.js';
import { admissionBundle, transactionOf } from './test/support.js';

const issuesOf = (body: unknown) => {
  try {
    importBundle(body);
    return [];
  } catch (err) {
    if (!(err instanceof FhirError)) throw err;
    return err.issues.map((i) => ({ at: i.expression?.[0], text: i.details?.text }));
  }
};

/** The admission bundle's regular omeprazole order, edited by `edit`. */
function omeprazoleOrder(edit: (rx: MedicationRequest) => void): Bundle {
  const b = admissionBundle();
  edit(b.entry![7]!.resource as MedicationRequest);
  return b;
}

describe('mapping the admission bundle', () => {
  it('maps every entry to a command keyed by its identifiers', () => {
    const commands = importBundle(admissionBundle());
    expect(commands.map((c) => c.kind)).toEqual(['ward', 'bed', 'bed', 'patient', 'placement', 'staff', 'product', 'prescription', 'prescription', 'allergy']);
    expect(commands[2]).toEqual({
      kind: 'bed', entry: 2, gln: '5099998071203', label: 'Bed 20', wardId: 'ward-7b',
      // Its PUT's conditional URL: the update may change only the bed with that GLN.
      request: { kind: 'conditional-update', search: { param: 'identifier', system: 'https://www.gs1.org/gln', value: '5099998071203' } },
    });
    expect(commands[6]).toMatchObject({ gtins: ['05099997009993'], drug: 'omeprazole', strength: { numerator: { value: '20', unit: 'mg' }, denominator: { value: '1', unit: 'capsule' } }, form: 'capsule', routes: ['oral'] });
    expect(commands[7]).toMatchObject({ schedule: { kind: 'regular', times: ['08:00'] }, product: { by: 'gtin', gtin: '05099997009993' }, ended: false });
    expect(commands[8]).toMatchObject({ drug: 'Paracetamol', patient: { by: 'nhs-number', nhsNumber: '9990030014' }, schedule: { kind: 'prn', minIntervalMinutes: 240, maxDailyDose: '4' } });
  });

  it('keeps doses exact and converts UCUM ug to microgram', () => {
    const b = omeprazoleOrder((rx) => {
      rx.dosageInstruction![0]!.doseAndRate![0]!.doseQuantity = { value: 62.5, system: 'http://unitsofmeasure.org', code: 'ug' };
    });
    expect(importBundle(b)[7]).toMatchObject({ dose: { value: '62.5', unit: 'microgram' } });
  });
});

/** The prescription command the edited omeprazole order maps to. */
const mappedOrder = (edit: (rx: MedicationRequest) => void) => importBundle(omeprazoleOrder(edit)).find((c) => c.entry === 7);
const UCUM = 'http://unitsofmeasure.org';

describe('what Wardscan holds for review instead of refusing (issue 13)', () => {
  it.each([
    ['a unit with no code system', (rx: MedicationRequest) => (rx.dosageInstruction![0]!.doseAndRate![0]!.doseQuantity = { value: 1, unit: 'tablet' }), /^Dose 1 tablet: its unit "tablet" is not coded: needs review/],
    ['a unit Wardscan does not know (mcg)', (rx: MedicationRequest) => (rx.dosageInstruction![0]!.doseAndRate![0]!.doseQuantity = { value: 75, unit: 'mcg', system: UCUM, code: 'mcg' }), /^Dose 75 mcg: "mcg" is not a unit Wardscan knows/],
    ['a dose per kg', (rx: MedicationRequest) => (rx.dosageInstruction![0]!.doseAndRate![0]!.doseQuantity = { value: 5, unit: 'mg/kg', system: UCUM, code: 'mg/kg' }), /^Dose 5 mg\/kg depends on the patient's weight: a nurse or pharmacist must work out the dose/],
    ['a dose per m²', (rx: MedicationRequest) => (rx.dosageInstruction![0]!.doseAndRate![0]!.doseQuantity = { value: 1250, unit: 'mg/m2', system: UCUM, code: 'mg/m2' }), /^Dose 1250 mg\/m2 depends on the patient's body surface area/],
    ['an unknown route code', (rx: MedicationRequest) => (rx.dosageInstruction![0]!.route = { coding: [{ system: 'http://snomed.info/sct', code: '12130007' }] }), /^Route 12130007 is not one Wardscan checks at the bedside/],
    ['no route', (rx: MedicationRequest) => delete rx.dosageInstruction![0]!.route, /^No route is stated/],
    ['a regular dose with neither clock times nor a frequency', (rx: MedicationRequest) => (rx.dosageInstruction![0]!.timing = { repeat: {} }), /^No times to give it are stated/],
    ['a regular dose five times a day with no clock times', (rx: MedicationRequest) => (rx.dosageInstruction![0]!.timing = { repeat: { frequency: 5, period: 1, periodUnit: 'd' } }), /^Given 5 times a day: the ward's drug rounds have no standard times for that/],
    ['three times a week', (rx: MedicationRequest) => (rx.dosageInstruction![0]!.timing = { repeat: { frequency: 3, period: 1, periodUnit: 'wk', timeOfDay: ['09:00:00'] } }), /^Given 3 times a week: the ward's daily drug rounds cannot hold that pattern/],
    ['on Mondays only', (rx: MedicationRequest) => (rx.dosageInstruction![0]!.timing = { repeat: { frequency: 1, period: 1, periodUnit: 'd', dayOfWeek: ['mon'] } }), /^Given every day, on mon: the ward's daily drug rounds cannot hold that pattern/],
    ['a time not on the minute', (rx: MedicationRequest) => (rx.dosageInstruction![0]!.timing!.repeat!.timeOfDay = ['08:00:30']), /^Time 08:00:30 is not on the minute/],
    ['a PRN without a minimum interval', (rx: MedicationRequest) => Object.assign(rx.dosageInstruction![0]!, { asNeededBoolean: true, timing: undefined }), /^As needed, with no shortest time between doses stated/],
    ['an infusion rate with no dose', (rx: MedicationRequest) => (rx.dosageInstruction![0]!.doseAndRate = [{ rateQuantity: { value: 4, unit: 'ug/kg/min', system: UCUM } }]), /^Given as a rate \(4 ug\/kg\/min\), with no dose/],
    ['no dosage instruction at all', (rx: MedicationRequest) => delete rx.dosageInstruction, /^No dosage instruction is given/],
    ['two instructions given together (the same sequence)', (rx: MedicationRequest) => (rx.dosageInstruction = [{ ...rx.dosageInstruction![0]!, sequence: 1 }, { ...rx.dosageInstruction![0]!, sequence: 1 }]), /^2 dosage instructions are to be given together/],
    ['a step of unknown length before another', (rx: MedicationRequest) => (rx.dosageInstruction = [{ ...rx.dosageInstruction![0]!, sequence: 1 }, { ...rx.dosageInstruction![0]!, sequence: 2 }]), /^Step 1 of 2 gives no length/],
  ])('holds %s for review, with why, and keeps no dose to check', (_what, edit, why) => {
    const command = mappedOrder(edit);
    expect(command).toMatchObject({ kind: 'prescription', dose: { value: '', unit: '' }, then: [] });
    const review = (command as { review: string | null }).review;
    expect(review).toMatch(why);
    expect(review).toMatch(/needs review by pharmacy or the prescriber before a dose is given; the bedside cannot check the dose\.$/);
  });

  it('says every reason at once (an unknown unit and no route)', () => {
    const command = mappedOrder((rx) => {
      rx.dosageInstruction![0]!.doseAndRate![0]!.doseQuantity = { value: 1, unit: 'ea', system: UCUM, code: 'ea' };
      delete rx.dosageInstruction![0]!.route;
    });
    expect((command as { review: string }).review).toMatch(/^Dose 1 ea: "ea" is not a unit Wardscan knows; no route is stated: needs review/);
  });

  it('holds a combination product under its own name, naming each ingredient', () => {
    const b = admissionBundle();
    const m = { ...structuredClone(b.entry![6]!.resource as any), id: 'combo', ingredient: [{ itemCodeableConcept: { text: 'Co-codamol' } }, { itemCodeableConcept: { text: 'Paracetamol' } }] };
    const rx = b.entry![7]!.resource as MedicationRequest;
    rx.contained = [m];
    rx.medicationReference = { reference: '#combo' };
    const command = importBundle(b).find((c) => c.entry === 7);
    expect(command).toMatchObject({ kind: 'prescription', review: expect.stringMatching(/^A combination product \(Co-codamol; Paracetamol\): the bedside checks a pack against one ingredient/) });
  });
});

describe('what Wardscan refuses, and says where', () => {
  it.each([
    ['a negative dose', (rx: MedicationRequest) => (rx.dosageInstruction![0]!.doseAndRate![0]!.doseQuantity = { value: -20, system: UCUM, code: 'mg' }), 'doseAndRate[0].doseQuantity.value'],
    ['a dose with no amount', (rx: MedicationRequest) => (rx.dosageInstruction![0]!.doseAndRate![0]!.doseQuantity = { system: UCUM, code: 'mg' }), 'doseAndRate[0].doseQuantity.value'],
  ])('refuses %s', (_what, edit, path) => {
    expect(issuesOf(omeprazoleOrder(edit))).toEqual([expect.objectContaining({ at: `Bundle.entry[7].resource.dosageInstruction[0].${path}` })]);
  });

  it('refuses an order that names no medicine, and one with no subject', () => {
    const nameless = omeprazoleOrder((rx) => {
      delete rx.medicationReference;
      rx.medicationCodeableConcept = { coding: [{ system: 'http://example.org/local', code: 'x1' }] };
    });
    expect(issuesOf(nameless).map((i) => i.at)).toEqual(['Bundle.entry[7].resource.medicationCodeableConcept']);
    expect(issuesOf(omeprazoleOrder((rx) => delete (rx as Partial<MedicationRequest>).subject)).map((i) => i.at)).toEqual(['Bundle.entry[7].resource.subject']);
  });

  it('refuses a prescription without identifier and a reference to nothing in the bundle', () => {
    const b = admissionBundle();
    delete (b.entry![8]!.resource as MedicationRequest).identifier;
    (b.entry![9]!.resource as any).patient = { reference: 'urn:uuid:00000000-0000-4000-8000-000000000000' };
    expect(issuesOf(b).map((i) => i.at)).toEqual(['Bundle.entry[8].resource.identifier', 'Bundle.entry[9].resource.patient.reference']);
  });

  it('keeps a proposal, a plan or an option off the chart without refusing the bundle (issue 13)', () => {
    for (const intent of ['proposal', 'plan', 'option'] as const) {
      const b = admissionBundle();
      (b.entry![7]!.resource as MedicationRequest).intent = intent;
      expect(importBundle(b).find((c) => c.entry === 7)).toMatchObject({ kind: 'not-charted', entry: 7, reason: `intent "${intent}" is not an order to give: not charted.` });
    }
  });

  it('ends a course after its boundsDuration ("for 2 days"), counted from its start', () => {
    const b = omeprazoleOrder((rx) => {
      rx.authoredOn = '2026-11-24T08:00:00.000Z';
      rx.dosageInstruction![0]!.timing!.repeat = { ...rx.dosageInstruction![0]!.timing!.repeat, boundsPeriod: undefined, boundsDuration: { value: 2, unit: 'day', system: 'http://unitsofmeasure.org', code: 'd' } };
    });
    expect(importBundle(b).find((c) => c.entry === 7)).toMatchObject({ kind: 'prescription', startsAt: '2026-11-24T08:00:00.000Z', ends: { kind: 'after', ms: 2 * 86_400_000 } });
  });

  it('maps an order with no authoredOn and no boundsPeriod.start to no start (it starts when received), not a refusal', () => {
    const b = omeprazoleOrder((rx) => {
      delete rx.authoredOn;
      delete rx.dosageInstruction![0]!.timing!.repeat!.boundsPeriod;
    });
    expect(importBundle(b).find((c) => c.entry === 7)).toMatchObject({ kind: 'prescription', startsAt: null, review: null });
  });

  it('takes a dose in tablets coded in SNOMED CT (428673006), as UK orders write it', () => {
    const b = omeprazoleOrder((rx) => (rx.dosageInstruction![0]!.doseAndRate![0]!.doseQuantity = { value: 2, unit: 'tablet', system: 'http://snomed.info/sct', code: '428673006' }));
    expect(importBundle(b).find((c) => c.entry === 7)).toMatchObject({ dose: { value: '2', unit: 'tablet' } });
  });

  it('refuses a GTIN with a wrong check digit and an injection whose routes are not stated', () => {
    const b = admissionBundle();
    const m = b.entry![6]!.resource as any;
    m.code.coding[0].code = '05099997009994';
    m.form = { text: 'Solution for injection' };
    expect(issuesOf(b).map((i) => i.at)).toEqual(['Bundle.entry[6].resource.code.coding[0].code', 'Bundle.entry[6].resource.extension']);
  });

  it('refuses resource types it does not import, delete requests and a batch', () => {
    const b = transactionOf({ resourceType: 'Observation', status: 'final', code: { text: 'pulse' } });
    expect(issuesOf(b)[0]?.at).toBe('Bundle.entry[0].resource.resourceType');
    const del = admissionBundle();
    del.entry![0]!.request = { method: 'DELETE', url: 'Location/ward-7b' };
    expect(issuesOf(del)[0]?.at).toBe('Bundle.entry[0].request.method');
    expect(issuesOf({ ...admissionBundle(), type: 'batch' })[0]?.at).toBe('Bundle.type');
  });
});

describe('strengths as published Medications state them (issue 11)', () => {
  const gentamicin = (denominator: object) => ({
    resourceType: 'Medication',
    code: { coding: [{ system: 'https://www.gs1.org/gtin', code: '05099997000105' }], text: 'Gentamicin 80 mg/2 mL solution for injection' },
    form: { text: 'Solution for injection' },
    extension: [{ url: 'https://fhir.wardscan.example/StructureDefinition/medication-route', valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '47625008' }] } }],
    ingredient: [{ itemCodeableConcept: { text: 'Gentamicin' }, strength: { numerator: { value: 80, system: 'http://unitsofmeasure.org', code: 'mg' }, denominator } }],
  });

  it('keeps "80 mg per ampoule" as 80 mg / 1 ampoule, never as per mL', () => {
    const [product] = importBundle(transactionOf(gentamicin({ value: 1, system: 'http://snomed.info/sct', code: '413516001', unit: 'ampoule' }) as never));
    expect(product).toMatchObject({ kind: 'product', strength: { numerator: { value: '80', unit: 'mg' }, denominator: { value: '1', unit: 'ampoule' } } });
  });

  it('keeps 80 mg / 2 mL as it is, and refuses a strength without its denominator', () => {
    const [product] = importBundle(transactionOf(gentamicin({ value: 2, system: 'http://unitsofmeasure.org', code: 'mL' }) as never));
    expect(product).toMatchObject({ strength: { numerator: { value: '80', unit: 'mg' }, denominator: { value: '2', unit: 'mL' } } });
    const { denominator: _none, ...noDenominator } = gentamicin({}).ingredient[0]!.strength;
    const bare = { ...gentamicin({}), ingredient: [{ itemCodeableConcept: { text: 'Gentamicin' }, strength: noDenominator }] };
    expect(issuesOf(transactionOf(bare as never))).toEqual([expect.objectContaining({ at: 'Bundle.entry[0].resource.ingredient[0].strength.denominator' })]);
  });
});

describe('timing as UK orders give it (issue 13)', () => {
  // The mapper says what the order asked; the patient's ward's times place it when it is written (ward-round-times.int.test).
  it.each([
    ['timing code BID', { code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation', code: 'BID' }] } }, { kind: 'standard', perDay: 2 }],
    ['timing code TID', { code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation', code: 'TID' }] } }, { kind: 'standard', perDay: 3 }],
    ['four times a day (UK Core paracetamol example)', { repeat: { frequency: 4, period: 1, periodUnit: 'd' } }, { kind: 'standard', perDay: 4 }],
    ['once a day', { repeat: { frequency: 1, period: 1, periodUnit: 'd' } }, { kind: 'standard', perDay: 1 }],
    ['every 24 hours', { repeat: { frequency: 1, period: 24, periodUnit: 'h' } }, { kind: 'standard', perDay: 1 }],
    ['every 12 hours', { repeat: { frequency: 1, period: 12, periodUnit: 'h' } }, { kind: 'interval', hours: 12 }],
    ['every 8 hours (HL7 R4 examples, EPS)', { repeat: { frequency: 1, period: 8, periodUnit: 'h' } }, { kind: 'interval', hours: 8 }],
    ['every 6 hours (HL7 R4 vancomycin example)', { repeat: { frequency: 1, period: 6, periodUnit: 'h' } }, { kind: 'interval', hours: 6 }],
    ['twice every 12 hours', { repeat: { frequency: 2, period: 12, periodUnit: 'h' } }, { kind: 'interval', hours: 6 }],
    ['twice every 24 hours', { repeat: { frequency: 2, period: 24, periodUnit: 'h' } }, { kind: 'standard', perDay: 2 }],
    ['the UK abbreviation OD', { code: { text: 'OD', coding: [{ code: 'OD' }] } }, { kind: 'standard', perDay: 1 }],
    ['the UK abbreviation BD', { code: { coding: [{ code: 'BD' }] } }, { kind: 'standard', perDay: 2 }],
    ['the UK abbreviation TDS', { code: { coding: [{ code: 'tds' }] } }, { kind: 'standard', perDay: 3 }],
    ['the UK abbreviation QDS', { code: { coding: [{ code: 'QDS' }] } }, { kind: 'standard', perDay: 4 }],
    ['ON (at night)', { code: { coding: [{ code: 'ON' }] } }, { kind: 'when', codes: ['NIGHT'] }],
    ['AM', { code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation', code: 'AM' }] } }, { kind: 'when', codes: ['MORN'] }],
    ['BED (at bedtime)', { code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation', code: 'BED' }] } }, { kind: 'when', codes: ['HS'] }],
    ['v3 Q8H', { code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation', code: 'Q8H' }] } }, { kind: 'interval', hours: 8 }],
    ['v3 Q6H', { code: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation', code: 'Q6H' }] } }, { kind: 'interval', hours: 6 }],
    ['when MORN', { repeat: { when: ['MORN'] } }, { kind: 'when', codes: ['MORN'] }],
    ['when MORN and HS, twice a day', { repeat: { frequency: 2, period: 1, periodUnit: 'd', when: ['MORN', 'HS'] } }, { kind: 'when', codes: ['MORN', 'HS'] }],
    ["when C (with meals: each meal)", { repeat: { when: ['C'] } }, { kind: 'when', codes: ['CM', 'CD', 'CV'] }],
    ['when ACM (before breakfast)', { repeat: { frequency: 1, period: 1, periodUnit: 'd', when: ['ACM'] } }, { kind: 'when', codes: ['ACM'] }],
  ])('reads %s as what it asks of the ward times', (_what, timing, schedule) => {
    const b = omeprazoleOrder((rx) => (rx.dosageInstruction![0]!.timing = timing as never));
    const command = importBundle(b).find((c) => c.kind === 'prescription' && c.entry === 7);
    expect(command).toMatchObject({ schedule, review: null });
  });

  it("charts an order's own times as they are (timeOfDay wins over the code and the ward)", () => {
    const timing = { code: { coding: [{ code: 'BD' }] }, repeat: { frequency: 1, period: 12, periodUnit: 'h', timeOfDay: ['09:00:00', '21:00:00'] } };
    const b = omeprazoleOrder((rx) => (rx.dosageInstruction![0]!.timing = timing as never));
    expect(importBundle(b).find((c) => c.kind === 'prescription' && c.entry === 7)).toMatchObject({ schedule: { kind: 'regular', times: ['09:00', '21:00'] }, review: null });
  });

  it.each([
    ['a when code the ward does not place (WAKE)', { repeat: { when: ['WAKE'] } }, /^Given at WAKE: the ward has no standard time for "WAKE"/],
    ['a when with an offset (30 minutes before breakfast)', { repeat: { when: ['ACM'], offset: 30 } }, /^Given at ACM: 30 minutes from the event/],
    ['three times a day at two times of day', { repeat: { frequency: 3, period: 1, periodUnit: 'd', when: ['MORN', 'EVE'] } }, /^Given 3 times a day, at MORN, EVE: 3 times a day at 2 times of day/],
  ])('holds %s for review', (_what, timing, reason) => {
    const b = omeprazoleOrder((rx) => (rx.dosageInstruction![0]!.timing = timing as never));
    const command = importBundle(b).find((c) => c.kind === 'prescription' && c.entry === 7);
    expect(command).toMatchObject({ schedule: { kind: 'regular', times: [] }, review: expect.stringMatching(reason) });
  });

  it.each([
    ['every 4 hours (6 a day)', { repeat: { frequency: 1, period: 4, periodUnit: 'h' } }, 'every 4 hours'],
    ['every 72 hours (EPS fentanyl patch)', { repeat: { frequency: 1, period: 72, periodUnit: 'h' } }, 'every 72 hours'],
    ['5 times a day (EPS)', { repeat: { frequency: 5, period: 1, periodUnit: 'd' } }, '5 times a day'],
    ['every 4 to 6 hours', { repeat: { frequency: 1, period: 4, periodMax: 6, periodUnit: 'h' } }, 'every 4–6 hours'],
  ])('holds %s for review, never guessing times', (_what, timing, said) => {
    const b = omeprazoleOrder((rx) => (rx.dosageInstruction![0]!.timing = timing as never));
    const command = importBundle(b).find((c) => c.kind === 'prescription' && c.entry === 7);
    expect(command).toMatchObject({ schedule: { kind: 'regular', times: [] }, review: expect.stringMatching(new RegExp(`^Given ${said}: the ward's (daily )?drug rounds`)) });
  });
});
