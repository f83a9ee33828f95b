import type { AllergyIntolerance, MedicationRequest } from '@medplum/fhirtypes';
import { withGs1CheckDigit } from '@wardscan/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { barcode } from '../test/fixtures.js';
import { handheld, ruleOutcome, startTestServer, type TestServer } from '../test/harness.js';
import { fhir, fhirFixture, transactionOf } from './test/support.js';

/*
 * NHS England's own UK Core examples (fixtures/fhir/published/uk-core, see its
 * README) imported and checked at the bedside against the demo ward's dm+d
 * subset: the medicine and the allergy are compared by their codes.
 */

const byNhsNumber = (nhs: string) => ({ reference: `Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${nhs}` });
const AGNES_NHS = '9990010137';
const DESMOND_NHS = '9990040524';
// Co-amoxiclav 500mg/125mg tablets: the demo GTIN of its AMPP in fixtures/dmd (synthetic, marked there).
const COAMOXICLAV_PACK = `01${withGs1CheckDigit('0509999700022')}17351231` + '10CA2611A\u001d21SN7001';

let server: TestServer;
let admin: string;
beforeEach(async () => {
  server = await startTestServer();
  admin = await server.signIn('demo-admin');
});
afterEach(async () => server.close());

describe('UK Core examples at the bedside', () => {
  it('stops amoxicillin and co-amoxiclav for the UK Core amoxicillin allergy (SNOMED 372687004), by code', async () => {
    const allergy = fhirFixture<AllergyIntolerance>('published/uk-core/AllergyIntolerance-Amoxicillin.json');
    // Only what points outside the example changes: the patient is a demo-ward patient; encounter and people are not imported.
    const imported = await fhir(server, 'POST', '', { token: admin, body: transactionOf({ ...allergy, patient: byNhsNumber(AGNES_NHS), encounter: undefined, recorder: undefined, asserter: undefined }) });
    expect(imported.status).toBe(200);
    const agnes = server.wardscan.repos.patients.byNhsNumber(AGNES_NHS);
    expect(agnes).toMatchObject({ allergyStatus: 'recorded', allergies: [{ substance: 'Amoxicillin', code: '372687004', reaction: 'Urticarial rash' }] });

    const nurse = handheld(server, await server.signIn('demo-nurse'));
    await nurse.scan(barcode('wristband-agnes-morrow'));
    const amoxicillin = (await nurse.scan(barcode('pack-amoxicillin'))).body;
    expect(ruleOutcome(amoxicillin, 'allergy')).toBe('stop');
    const coAmoxiclav = (await nurse.scan(COAMOXICLAV_PACK)).body;
    expect(ruleOutcome(coAmoxiclav, 'allergy')).toBe('stop');
    expect(coAmoxiclav.verdict.checks.find((c: { rule: string }) => c.rule === 'allergy').message).toMatch(/allergic to Amoxicillin \(Urticarial rash\)/);
    // Paracetamol is still fine for her.
    expect(ruleOutcome((await nurse.scan(barcode('pack-paracetamol'))).body, 'allergy')).toBe('pass');
  });

  it('checks a pack against the UK Core paracetamol order by its dm+d VTM (777067000): 500 mg is 1 tablet', async () => {
    const order = fhirFixture<MedicationRequest>('published/uk-core/MedicationRequest-ParacetamolOral.json');
    // As published it is an option: answered, and kept off the chart.
    const asPublished = await fhir(server, 'POST', '', { token: admin, body: transactionOf({ ...order, subject: byNhsNumber(DESMOND_NHS), requester: undefined }) });
    expect(asPublished.status).toBe(200);
    expect(asPublished.body.entry[0].response.outcome.issue[0].diagnostics).toMatch(/intent "option" is not an order to give: not charted/);
    expect(server.wardscan.repos.prescriptions.active('patient-desmond-harlow', server.clock.now()).some((p) => p.medication.level === 'vtm')).toBe(false);
    // Changed, and why: the example is an option (intent), completed, with no identifier; Wardscan charts only
    // active orders with an identifier (issue 13). Its "four times a day" is charted at the ward's round times.
    const edited: MedicationRequest = {
      ...order,
      intent: 'order',
      status: 'active',
      identifier: [{ system: 'https://fhir.example-trust.nhs.uk/Id/prescription', value: 'ukcore-paracetamol-oral' }],
      subject: byNhsNumber(DESMOND_NHS),
      requester: undefined,
    };
    const imported = await fhir(server, 'POST', '', { token: admin, body: transactionOf(edited) });
    expect(imported.status).toBe(200);
    const charted = server.wardscan.repos.prescriptions.active('patient-desmond-harlow', server.clock.now()).find((p) => p.medication.level === 'vtm');
    expect(charted).toMatchObject({ medication: { level: 'vtm', code: '777067000', name: 'Paracetamol' }, schedule: { kind: 'regular', times: ['08:00', '12:00', '18:00', '22:00'] } });

    const nurse = handheld(server, await server.signIn('demo-nurse'));
    await nurse.scan(barcode('wristband-desmond-harlow'));
    const res = (await nurse.scan(barcode('pack-paracetamol'))).body;
    expect(res.verdict.outcome).toBe('match');
    expect(res.verdict.doseToGive).toEqual({ quantity: '1', unit: 'tablet', text: '1 tablet (500 mg)' });
    expect(res.verdict.checks.find((c: { rule: string }) => c.rule === 'right-drug').message).toMatch(/dm\+d 777067000/);
  });
});
