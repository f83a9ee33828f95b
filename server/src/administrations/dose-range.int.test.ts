import type { MedicationRequest } from '@medplum/fhirtypes';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateR4 } from '../fhir/definitions.js';
import { DESMOND, fhir, paracetamolOrder, transactionOf } from '../fhir/test/support.js';
import { barcode } from '../test/fixtures.js';
import { handheld, ruleOutcome, startTestServer, uuid, type TestServer } from '../test/harness.js';

/*
 * Issue 13: an order given as a dose range (FHIR doseAndRate.doseRange) is
 * charted, scanned and given with the nurse choosing the dose. No published
 * UK Core or EPS example carries a doseRange (the HL7 R4 oxycodone example
 * does, see hl7-examples.test.ts), so the order is the published UK Core
 * paracetamol example made UK Core-shaped for a range: its 500 mg
 * doseQuantity becomes a doseRange of 500 mg to 1 g (SNOMED CT mg and UCUM g,
 * both as UK Core allows), and it is made an active order for Desmond.
 */

let server: TestServer;
let admin: string;
let nurseToken: string;
beforeEach(async () => {
  server = await startTestServer();
  admin = await server.signIn('demo-admin');
  nurseToken = await server.signIn('demo-nurse');
});
afterEach(async () => server.close());

function rangeOrder(value: string, edit: (r: MedicationRequest) => void = () => {}): MedicationRequest {
  return paracetamolOrder(value, (r) => {
    r.dosageInstruction![0]!.doseAndRate = [
      {
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/dose-rate-type', code: 'ordered', display: 'Ordered' }] },
        doseRange: { low: { value: 500, unit: 'milligram', system: 'http://snomed.info/sct', code: '258684004' }, high: { value: 1, unit: 'gram', system: 'http://unitsofmeasure.org', code: 'g' } },
      },
    ];
    edit(r);
  });
}

async function importOrder(r: MedicationRequest): Promise<string> {
  const res = await fhir(server, 'POST', '', { token: admin, body: transactionOf(r) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const location: string = res.body.entry[0].response.location;
  return location.split('/')[1] as string;
}

/** Desmond identified, and a 500 mg paracetamol tablet pack scanned for `rx`. */
async function packScanned(rx: string) {
  const nurse = handheld(server, nurseToken);
  await nurse.scan(barcode('wristband-desmond-harlow'));
  const scan = await nurse.scan(barcode('pack-paracetamol'), 'scanner', undefined, rx);
  return { nurse, scan };
}

describe('an order given as a dose range', () => {
  it('charts as active with its schedule, the dose said as a range the nurse chooses within', async () => {
    const rx = await importOrder(rangeOrder('range-chart'));
    const chart = (await server.api('GET', `/patients/${DESMOND.id}/chart`, { token: nurseToken })).body;
    const slots = chart.slots.filter((s: { prescriptionId: string }) => s.prescriptionId === rx);
    // Four times a day (timing.repeat frequency 4 per day): the ward's 08:00, 12:00, 18:00 and 22:00.
    expect(slots.map((s: { slotAt: string }) => s.slotAt)).toEqual(['2026-11-24T08:00:00.000Z', '2026-11-24T12:00:00.000Z', '2026-11-24T18:00:00.000Z', '2026-11-24T22:00:00.000Z']);
    expect(slots[0]).toMatchObject({ dose: { kind: 'range', low: '500', high: '1000', unit: 'mg' }, doseText: '500–1000 mg, nurse chooses oral', status: 'due' });
    expect(chart.held).toEqual([]);
    const round = (await server.api('GET', '/wards/ward-7b/round', { token: nurseToken })).body;
    expect(round.beds.find((b: { patient: { id: string } | null }) => b.patient?.id === DESMOND.id).patient).toMatchObject({ needsReview: 0, onHold: 0 });
  });

  it('checks the pack as for any order, but calls no single dose a match: the nurse chooses, told how the pack makes each end', async () => {
    const rx = await importOrder(rangeOrder('range-scan'));
    const { scan } = await packScanned(rx);
    expect(scan.status).toBe(200);
    const v = scan.body.verdict;
    expect(v.prescriptionId).toBe(rx);
    expect(v.doseToGive).toBeUndefined();
    expect(v.ingredients).toBeUndefined();
    expect(v.doseChoice).toEqual({ low: '500', high: '1000', unit: 'mg', fromPack: { low: '1 tablet (500 mg)', high: '2 tablets (1000 mg)' } });
    expect(v.title).toBe('Choose a dose from 500 to 1000 mg, then give Paracetamol 500mg tablets');
    const dose = v.checks.find((c: { rule: string }) => c.rule === 'right-dose');
    expect(dose.message).toMatch(/Prescribed as a range, 500 to 1000 mg: choose the dose to give within it before confirming \(no single dose is checked as a match\)\. From this pack: 500 mg is 1 tablet \(500 mg\); 1000 mg is 2 tablets \(1000 mg\)\./);
    for (const rule of ['right-patient', 'right-drug', 'right-route', 'right-time', 'expiry', 'recall', 'allergy']) expect(ruleOutcome(scan.body, rule), rule).toBe('pass');
    // An expired pack of the same drug is still a stop.
    const nurse = handheld(server, nurseToken);
    await nurse.scan(barcode('wristband-desmond-harlow'));
    expect(ruleOutcome((await nurse.scan(barcode('pack-paracetamol-expired'), 'scanner', undefined, rx)).body, 'expiry')).toBe('stop');
  });

  it('records the dose chosen within the range, and refuses one below, above, in another unit, or none', async () => {
    const rx = await importOrder(rangeOrder('range-give'));
    const { nurse, scan } = await packScanned(rx);
    const give = (chosenDose?: { value: string; unit: string }) => nurse.administerWith(scan.body.eventId, rx, chosenDose ? { chosenDose } : {});

    const none = await give();
    expect(none.status).toBe(400);
    expect(none.body.error).toMatchObject({ field: 'chosenDose', message: expect.stringMatching(/dose range \(500 to 1000 mg\): choose the dose given within it/) });
    const below = await give({ value: '250', unit: 'mg' });
    expect(below.status).toBe(409);
    expect(below.body.error).toMatchObject({ field: 'chosenDose.value', message: '250 mg is below the prescribed range (500 to 1000 mg). Do not give it; choose a dose within the range.' });
    const above = await give({ value: '1000.5', unit: 'mg' });
    expect(above.status).toBe(409);
    expect(above.body.error.message).toMatch(/^1000.5 mg is above the prescribed range/);
    const tablets = await give({ value: '1', unit: 'tablet' });
    expect(tablets.status).toBe(400);
    expect(tablets.body.error).toMatchObject({ field: 'chosenDose.unit', message: expect.stringMatching(/must be in mg/) });
    const grams = await give({ value: '1', unit: 'g' });
    expect(grams.status).toBe(400);
    // Within the range, but not a dose this pack makes exactly (1.3 tablets).
    const unmakeable = await give({ value: '650', unit: 'mg' });
    expect(unmakeable.status).toBe(409);
    expect(unmakeable.body.error.message).toMatch(/^650 mg cannot be made from 500 mg\/tab.*Choose a dose this pack makes exactly, within 500 to 1000 mg\.$/);
    expect(server.wardscan.repos.db.prepare('SELECT COUNT(*) FROM administrations WHERE prescription_id = ?').pluck().get(rx)).toBe(0);

    const given = await give({ value: '750', unit: 'mg' });
    expect(given.status, JSON.stringify(given.body)).toBe(201);
    expect(given.body.administration).toMatchObject({ doseGiven: { value: '750', unit: 'mg' }, doseText: '1 and a half tablets (750 mg), oral' });
    expect(server.wardscan.repos.db.prepare('SELECT dose_given_value, dose_given_unit FROM administrations WHERE prescription_id = ?').get(rx)).toEqual({ dose_given_value: '750', dose_given_unit: 'mg' });
    // What it holds counts toward paracetamol's 4 g in 24 hours, as given.
    const history = server.wardscan.repos.medicationHistory.givenSince(DESMOND.id, new Date('2026-11-23T08:00:00Z'));
    expect(history.map((h) => ({ name: h.substanceName, mg: Number(h.amount.num / h.amount.den) / 1000 }))).toEqual([{ name: expect.stringMatching(/paracetamol/i), mg: 750 }]);

    const chart = (await server.api('GET', `/patients/${DESMOND.id}/chart`, { token: nurseToken })).body;
    // The chart says how much of the range was given: its dose text is only the range.
    expect(chart.slots.find((s: { prescriptionId: string; slotAt: string }) => s.prescriptionId === rx && s.slotAt === '2026-11-24T08:00:00.000Z')).toMatchObject({
      status: 'given',
      doseText: '500–1000 mg, nurse chooses oral',
      given: { dose: { value: '750', unit: 'mg' } },
    });
    // Sent out as given: MedicationAdministration.dosage.dose is the dose chosen.
    const id = given.body.administration.id;
    const ma = await fhir(server, 'GET', `/MedicationAdministration/${id}`, { token: admin });
    expect(ma.status).toBe(200);
    expect(ma.body.dosage.dose).toEqual({ value: 750, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' });
  });

  it('sends a dose documented as not given with no single dose: the range in words, validated against R4', async () => {
    const rx = await importOrder(rangeOrder('range-not-given'));
    const nurse = handheld(server, nurseToken);
    const notGiven = (prescriptionId: string, note?: string) =>
      server.api('POST', '/not-given', { token: nurseToken, body: { deviceId: nurse.deviceId, eventId: uuid(), prescriptionId, slotAt: '2026-11-24T08:00:00.000Z', reason: 'patient-refused', ...(note ? { note } : {}) } });
    const refused = await notGiven(rx, 'asleep, will offer at 09:00');
    expect(refused.status, JSON.stringify(refused.body)).toBe(201);

    const ma = await fhir(server, 'GET', `/MedicationAdministration/${refused.body.notGiven.id}`, { token: admin });
    expect(ma.status).toBe(200);
    expect(validateR4(ma.body)).toEqual([]);
    expect(ma.body).toMatchObject({ status: 'not-done', effectiveDateTime: '2026-11-24T08:00:00.000Z', statusReason: [{ text: 'Patient refused' }] });
    // Not its low bound, nor any other single dose: none was due until the nurse chose one.
    expect(ma.body.dosage).toBeUndefined();
    expect(JSON.stringify(ma.body)).not.toMatch(/"dose"|"value":\s*(500|1000)\b/);
    expect(ma.body.note).toEqual([
      { text: 'Ordered as a dose range, 500–1000 mg oral, the nurse choosing the dose when giving it: not given, so no dose is stated.' },
      { text: 'asleep, will offer at 09:00' },
    ]);

    // One exact dose not given still sends the dose that was due.
    const exact = await notGiven('rx-10');
    expect(exact.status).toBe(201);
    const furosemide = await fhir(server, 'GET', `/MedicationAdministration/${exact.body.notGiven.id}`, { token: admin });
    expect(validateR4(furosemide.body)).toEqual([]);
    expect(furosemide.body.dosage).toMatchObject({ text: '40 mg oral (not given)', dose: { value: 40, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' } });
    expect(furosemide.body.note).toBeUndefined();
  });

  it('refuses a chosen dose for an order of one exact dose, naming the field', async () => {
    const nurse = handheld(server, nurseToken);
    await nurse.scan(barcode('wristband-desmond-harlow'));
    const scan = await nurse.scan(barcode('pack-furosemide'));
    expect(scan.body.verdict.prescriptionId).toBe('rx-10');
    const res = await nurse.administerWith(scan.body.eventId, 'rx-10', { chosenDose: { value: '40', unit: 'mg' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ field: 'chosenDose', message: expect.stringMatching(/one exact dose \(40 mg\): there is no dose to choose/) });
    const ok = await nurse.administer(scan.body.eventId, 'rx-10');
    expect(ok.status).toBe(201);
    expect(ok.body.administration.doseGiven).toEqual({ value: '40', unit: 'mg' });
    // One exact dose: its dose text is the dose given, and the chart says no other.
    const chart = (await server.api('GET', `/patients/${DESMOND.id}/chart`, { token: nurseToken })).body;
    expect(chart.slots.find((s: { prescriptionId: string; status: string }) => s.prescriptionId === 'rx-10' && s.status === 'given').given.dose).toBeNull();
  });

  it('counts its doses in the ward compliance like any scheduled order', async () => {
    const compliance = async () => (await server.api('GET', '/metrics/ward/ward-7b/compliance?days=1', { token: admin })).body.total.counts;
    // The ward's figures count from its first record: a band scan at 08:00.
    await handheld(server, nurseToken).scan(barcode('wristband-desmond-harlow'));
    const before = await compliance();
    const rx = await importOrder(rangeOrder('range-compliance'));
    const imported = await compliance();
    // Its 08:00 dose is due now (the later ones are not yet due).
    expect(imported).toMatchObject({ due: before.due + 1, open: before.open + 1 });
    const { nurse, scan } = await packScanned(rx);
    expect((await nurse.administerWith(scan.body.eventId, rx, { chosenDose: { value: '1000', unit: 'mg' } })).status).toBe(201);
    const after = await compliance();
    expect(after).toMatchObject({ due: imported.due, given: imported.given + 1 });
  });

  it('judges an as-needed range against its 24-hour maximum with the doses chosen', async () => {
    // Changed further: as needed, at least 4 hours apart, at most 2 g in 24 hours (maxDosePerPeriod).
    const rx = await importOrder(
      rangeOrder('range-prn', (r) => {
        const d = r.dosageInstruction![0]!;
        d.asNeededBoolean = true;
        d.timing = { repeat: { frequency: 1, period: 4, periodUnit: 'h' } };
        d.maxDosePerPeriod = { numerator: { value: 2000, system: 'http://unitsofmeasure.org', code: 'mg' }, denominator: { value: 1, system: 'http://unitsofmeasure.org', code: 'd' } };
      }),
    );
    const first = await packScanned(rx);
    expect((await first.nurse.administerWith(first.scan.body.eventId, rx, { chosenDose: { value: '1000', unit: 'mg' }, indication: 'pain 6/10' })).status).toBe(201);
    server.clock.advance(4 * 3600_000);
    const second = await packScanned(rx);
    expect(second.scan.body.verdict.outcome).toBe('match');
    expect((await second.nurse.administerWith(second.scan.body.eventId, rx, { chosenDose: { value: '500', unit: 'mg' }, indication: 'pain 5/10' })).status).toBe(201);
    server.clock.advance(4 * 3600_000);
    // 1.5 g given: the lowest dose still fits, the highest would not.
    const third = await packScanned(rx);
    expect(third.scan.body.verdict.outcome).toBe('match');
    const over = await third.nurse.administerWith(third.scan.body.eventId, rx, { chosenDose: { value: '1000', unit: 'mg' }, indication: 'pain 6/10' });
    expect(over.status).toBe(409);
    expect(over.body.error.message).toMatch(/would take paracetamol to 2500 mg in 24 hours, over the maximum of 2000 mg .*1500 mg already given/);
    const chart = (await server.api('GET', `/patients/${DESMOND.id}/chart`, { token: nurseToken })).body;
    expect(chart.prn.find((l: { prescriptionId: string }) => l.prescriptionId === rx)).toMatchObject({ given24h: '1500', max24h: '2000', dose: { kind: 'range', low: '500', high: '1000', unit: 'mg' } });
    expect((await third.nurse.administerWith(third.scan.body.eventId, rx, { chosenDose: { value: '500', unit: 'mg' }, indication: 'pain 6/10' })).status).toBe(201);
  });
});
