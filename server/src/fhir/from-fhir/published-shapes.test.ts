import type { MedicationRequest } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { importBundle } from '../import-bundle.js';
import { transactionOf } from '../test/support.js';

/*
 * Shapes found in published MedicationRequests (fixtures/fhir/published, the
 * issue 13 corpus) that Wardscan refused for no good reason.
 */

const SCT = 'http://snomed.info/sct';
const order = (edit: (r: MedicationRequest) => void = () => {}): MedicationRequest => {
  const r: MedicationRequest = {
    resourceType: 'MedicationRequest',
    status: 'active',
    intent: 'order',
    identifier: [{ system: 'https://fhir.example-trust.nhs.uk/Id/prescription', value: 'rx-1' }],
    medicationCodeableConcept: { text: 'Ceftriaxone' },
    subject: { reference: 'Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|9990040524' },
    authoredOn: '2026-11-24',
    dosageInstruction: [{ timing: { code: { coding: [{ code: 'QD' }] } }, route: { coding: [{ system: SCT, code: '26643006' }] }, doseAndRate: [{ doseQuantity: { value: 1, system: 'http://unitsofmeasure.org', code: 'g' } }] }],
  };
  edit(r);
  return r;
};
const mapped = (r: MedicationRequest) => importBundle(transactionOf(r))[0];

describe('routes as other senders code them', () => {
  it.each([
    ['255560000', 'Intravenous (qualifier value), HL7 R4 lorazepam and vancomycin examples', 'iv'],
    ['255559005', 'Intramuscular (qualifier value), HL7 R4 ceftriaxone example', 'im'],
    ['263887005', 'Subcutaneous (qualifier value), HL7 R4 insulin glargine example', 'sc'],
    ['359540000', 'Topical (qualifier value)', 'topical'],
    ['448598008', 'Cutaneous route, dm+d and the EPS ketoconazole cream example', 'topical'],
  ])('reads SNOMED CT %s (%s) as %s', (code, _what, route) => {
    expect(mapped(order((r) => (r.dosageInstruction![0]!.route = { coding: [{ system: SCT, code }] })))).toMatchObject({ kind: 'prescription', route });
  });

  it('holds for review, never refuses, a route that is not one Wardscan checks (subretinal, as the UK Core eye drops example codes it)', () => {
    expect(mapped(order((r) => (r.dosageInstruction![0]!.route = { coding: [{ system: SCT, code: '58831000052108', display: 'Subretinal use' }] })))).toMatchObject({
      kind: 'prescription',
      dose: { value: '', unit: '' },
      review: expect.stringMatching(/^Route 58831000052108 \(Subretinal use\) is not one Wardscan checks at the bedside: needs review/),
    });
  });
});

describe('units as other senders code them', () => {
  it("reads UCUM's drop [drp] (UK Core eye drops) and SNOMED CT patch 419702001 (EPS fentanyl)", () => {
    const drops = order((r) => (r.dosageInstruction![0]!.doseAndRate = [{ doseQuantity: { value: 1, unit: 'drop', system: 'http://unitsofmeasure.org', code: '[drp]' } }]));
    expect(mapped(drops)).toMatchObject({ dose: { value: '1', unit: 'drop' } });
    const patch = order((r) => (r.dosageInstruction![0]!.doseAndRate = [{ doseQuantity: { value: 1, unit: 'patch', system: SCT, code: '419702001' } }]));
    expect(mapped(patch)).toMatchObject({ dose: { value: '1', unit: 'patch' } });
  });
});

describe('an ended order with no identifier', () => {
  it.each(['completed', 'stopped', 'cancelled', 'entered-in-error'] as const)('is answered and not charted when %s (UK Core eye drops example: completed, no identifier)', (status) => {
    // Its dose is in a unit Wardscan does not know: nothing of it is charted, so nothing of it is checked.
    const r = order((x) => {
      x.status = status;
      delete x.identifier;
      x.dosageInstruction![0]!.doseAndRate = [{ doseQuantity: { value: 1, system: 'http://unitsofmeasure.org', code: '{scoop}' } }];
    });
    expect(mapped(r)).toEqual({ kind: 'not-charted', entry: 0, reason: `status "${status}" and no identifier: no order on record to end, and nothing to chart.` });
  });

  it.each(['completed', 'stopped', 'cancelled', 'entered-in-error'] as const)('with an identifier, %s and unreadable, is an end of that order and nothing else: never refused', (status) => {
    const r = order((x) => {
      x.status = status;
      x.dosageInstruction![0]!.doseAndRate = [{ doseQuantity: { value: -1, system: 'http://unitsofmeasure.org', code: '{scoop}' } }];
      delete x.dosageInstruction![0]!.route;
    });
    expect(mapped(r)).toEqual({ kind: 'end-order', entry: 0, identifier: { system: 'https://fhir.example-trust.nhs.uk/Id/prescription', value: 'rx-1' }, patient: { by: 'nhs-number', nhsNumber: '9990040524' }, status });
  });

  it('an active order with no identifier is still refused: a re-import would chart it twice', () => {
    expect(() => mapped(order((x) => delete x.identifier))).toThrow(/identifier/);
  });
});
