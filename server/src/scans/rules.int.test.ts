import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AGNES, barcode, BERNARD, buildPatient, buildPrescription, buildProduct, EDITH, wristbandOf, TESTAMOL_ORDER } from '../test/fixtures.js';
import { handheld, ruleOutcome, startTestServer, type TestServer } from '../test/harness.js';

let server: TestServer;
let nurse: ReturnType<typeof handheld>;

beforeEach(async () => {
  server = await startTestServer();
  nurse = handheld(server, await server.signIn('demo-nurse'));
});
afterEach(async () => server.close());

describe('right-patient', () => {
  it('identifies the patient from a valid wristband and shows their chart', async () => {
    const res = await nurse.scan(barcode('wristband-agnes-morrow'));
    expect(res.status).toBe(200);
    expect(res.body.verdict.outcome).toBe('match');
    expect(ruleOutcome(res.body, 'right-patient')).toBe('pass');
    expect(res.body.patient.id).toBe(AGNES);
    expect(res.body.patient.doses.map((d: { drugName: string }) => d.drugName)).toContain('Paracetamol');
  });

  it('stops a drug scanned before any wristband and says to scan the wristband', async () => {
    const res = await nurse.scan(barcode('pack-paracetamol'));
    expect(res.body.verdict.outcome).toBe('stop');
    expect(ruleOutcome(res.body, 'patient-not-identified')).toBe('stop');
    expect(res.body.verdict.title).toMatch(/wristband/i);
    expect(res.body.patient).toBeNull();
  });

  it('never selects a patient from an identifier that fails its check digit', async () => {
    const bad = await nurse.scan(barcode('wristband-bad-check-digit'));
    expect(bad.body.interpretation.ok).toBe(false);
    expect(bad.body.verdict.outcome).toBe('stop');
    expect(bad.body.patient).toBeNull();
    const drug = await nurse.scan(barcode('pack-paracetamol'));
    expect(ruleOutcome(drug.body, 'patient-not-identified')).toBe('stop');
  });

  it('stops a valid wristband of a patient who is not on record', async () => {
    const stranger = buildPatient(server.wardscan.repos);
    server.wardscan.repos.db.prepare('DELETE FROM patients WHERE id = ?').run(stranger.id);
    const res = await nurse.scan(wristbandOf(stranger));
    expect(res.body.verdict.outcome).toBe('stop');
    expect(res.body.verdict.checks[0].message).toMatch(/No patient/);
  });

  it('stops a patient from another ward', async () => {
    const res = await nurse.scan(barcode('wristband-kathleen-lowry'));
    expect(ruleOutcome(res.body, 'right-patient')).toBe('stop');
    expect(res.body.patient).toBeNull();
  });

  it('ends the previous positive ID when a later wristband scan fails', async () => {
    await nurse.scan(barcode('wristband-agnes-morrow'));
    await nurse.scan(barcode('wristband-kathleen-lowry'));
    const drug = await nurse.scan(barcode('pack-paracetamol'));
    expect(ruleOutcome(drug.body, 'patient-not-identified')).toBe('stop');
  });

  it('ends the positive ID after the idle time and on "Finish patient"', async () => {
    await nurse.scan(barcode('wristband-agnes-morrow'));
    server.clock.advance(301_000);
    const late = await nurse.scan(barcode('pack-paracetamol'));
    expect(ruleOutcome(late.body, 'patient-not-identified')).toBe('stop');
    expect(late.body.verdict.title).toMatch(/ended after 5 idle minutes/);

    await nurse.scan(barcode('wristband-agnes-morrow'));
    const token = await server.signIn('demo-nurse');
    expect((await server.api('DELETE', `/devices/${nurse.deviceId}/context`, { token })).status).toBe(204);
    const after = await nurse.scan(barcode('pack-paracetamol'));
    expect(ruleOutcome(after.body, 'patient-not-identified')).toBe('stop');
  });

  it("does not let another nurse use a colleague's positive ID on a shared handheld", async () => {
    await nurse.scan(barcode('wristband-agnes-morrow'));
    const other = handheld(server, await server.signIn('demo-nurse-2'), nurse.deviceId);
    const res = await other.scan(barcode('pack-paracetamol'));
    expect(ruleOutcome(res.body, 'patient-not-identified')).toBe('stop');
  });
});

describe('keyed-patient-id', () => {
  it('stops a typed patient identifier by default', async () => {
    const res = await nurse.scan('9990010137', 'keyboard');
    expect(ruleOutcome(res.body, 'keyed-patient-id')).toBe('stop');
    expect(res.body.patient).toBeNull();
  });

  it('warns, and identifies, when the trust allows typed identifiers', async () => {
    await server.close();
    server = await startTestServer({ allowKeyedPatientId: true });
    nurse = handheld(server, await server.signIn('demo-nurse'));
    const res = await nurse.scan('9990010137', 'keyboard');
    expect(ruleOutcome(res.body, 'keyed-patient-id')).toBe('warning');
    expect(res.body.patient.id).toBe(AGNES);
    const drug = await nurse.scan(barcode('pack-paracetamol'));
    expect(ruleOutcome(drug.body, 'right-patient')).toBe('warning');
  });

  it('accepts a scanned plain NHS Number without the keyed rule', async () => {
    const res = await nurse.scan(barcode('plain-nhs-agnes-morrow'), 'scanner');
    expect(ruleOutcome(res.body, 'keyed-patient-id')).toBeUndefined();
    expect(res.body.verdict.outcome).toBe('match');
  });
});

describe('product rules', () => {
  it('matches the right drug and computes 2 tablets for 1 g from 500 mg tablets', async () => {
    await nurse.scan(barcode('wristband-agnes-morrow'));
    const res = await nurse.scan(barcode('pack-paracetamol'));
    expect(res.body.verdict.outcome).toBe('match');
    for (const rule of ['right-patient', 'right-drug', 'right-dose', 'right-route', 'right-time', 'expiry', 'recall', 'allergy', 'duplicate']) {
      expect(ruleOutcome(res.body, rule), rule).toBe('pass');
    }
    expect(res.body.verdict.doseToGive).toEqual({ quantity: '2', unit: 'tablet', text: '2 tablets (1 g)' });
    expect(res.body.verdict.prescriptionId).toBe('rx-1');
  });

  it('reads an old EAN-13 pack as the same product and asks to check expiry by eye', async () => {
    await nurse.scan(barcode('wristband-agnes-morrow'));
    const res = await nurse.scan(barcode('pack-paracetamol-ean13'));
    expect(res.body.verdict.outcome).toBe('match');
    expect(res.body.verdict.checks.find((c: { rule: string }) => c.rule === 'expiry').message).toMatch(/check the date on the pack/);
  });

  it('stops a pack that is not in the catalogue', async () => {
    await nurse.scan(barcode('wristband-agnes-morrow'));
    const res = await nurse.scan(barcode('pack-unknown'));
    expect(ruleOutcome(res.body, 'unknown-product')).toBe('stop');
  });

  it('stops a drug that is not prescribed for this patient', async () => {
    await nurse.scan(barcode('wristband-agnes-morrow'));
    const res = await nurse.scan(barcode('pack-furosemide'));
    expect(ruleOutcome(res.body, 'right-drug')).toBe('stop');
    expect(res.body.verdict.outcome).toBe('stop');
  });

  it('warns when a different product of the prescribed drug is scanned', async () => {
    const { repos } = server.wardscan;
    const patient = buildPatient(repos);
    const prescribed = buildProduct(repos, { name: 'Testamol brand A 5 mg tablets' });
    const other = buildProduct(repos, { name: 'Testamol brand B 5 mg tablets' });
    buildPrescription(repos, { patientId: patient.id, ...TESTAMOL_ORDER, productId: prescribed.id, dose: { kind: 'fixed', value: '5', unit: 'mg' } });
    await nurse.scan(wristbandOf(patient));
    expect(ruleOutcome((await nurse.scan(prescribed.pack())).body, 'right-drug')).toBe('pass');
    expect(ruleOutcome((await nurse.scan(other.pack())).body, 'right-drug')).toBe('warning');
  });

  it('gives half a scored tablet without a warning, and warns for half an unscored one', async () => {
    await nurse.scan(barcode('wristband-agnes-morrow'));
    const scored = await nurse.scan(barcode('pack-bisoprolol'));
    expect(ruleOutcome(scored.body, 'right-dose')).toBe('pass');
    expect(scored.body.verdict.doseToGive).toEqual({ quantity: '0.5', unit: 'tablet', text: 'half a tablet (2.5 mg)' });
    const unscored = await nurse.scan(barcode('pack-amlodipine'));
    expect(ruleOutcome(unscored.body, 'right-dose')).toBe('warning');
    expect(unscored.body.verdict.outcome).toBe('warning');
    expect(unscored.body.verdict.doseToGive.text).toBe('half a tablet (2.5 mg)');
  });

  it('converts micrograms and measures injections in mL exactly', async () => {
    const gwen = handheld(server, await server.signIn('demo-nurse'));
    server.clock.set('2026-11-24T06:00:00.000Z');
    await gwen.scan(barcode('wristband-gwen-talbot'));
    expect((await gwen.scan(barcode('pack-levothyroxine'))).body.verdict.doseToGive.text).toBe('2 tablets (100 micrograms)');
    server.clock.set('2026-11-24T14:00:00.000Z');
    await gwen.scan(barcode('wristband-frank-oswald'));
    const gent = await gwen.scan(barcode('pack-gentamicin'));
    expect(gent.body.verdict.doseToGive).toEqual({ quantity: '8', unit: 'mL', text: '8 mL (320 mg) — 4 ampoules' });
    expect(gent.body.verdict.outcome).toBe('match');
  });

  it('stops a dose prescribed in one dimension and packed in another', async () => {
    const { repos } = server.wardscan;
    const patient = buildPatient(repos);
    const product = buildProduct(repos, { strength: { numerator: { value: '50', unit: 'mg' }, denominator: { value: '1', unit: 'tablet' } } });
    buildPrescription(repos, { patientId: patient.id, ...TESTAMOL_ORDER, dose: { kind: 'fixed', value: '5', unit: 'mL' } });
    await nurse.scan(wristbandOf(patient));
    const res = await nurse.scan(product.pack());
    expect(ruleOutcome(res.body, 'right-dose')).toBe('stop');
    expect(res.body.verdict.checks.find((c: { rule: string }) => c.rule === 'right-dose').message).toMatch(/cannot be compared/);
  });

  it('stops a product for another route', async () => {
    const { repos } = server.wardscan;
    const patient = buildPatient(repos);
    const product = buildProduct(repos);
    buildPrescription(repos, { patientId: patient.id, ...TESTAMOL_ORDER, dose: { kind: 'fixed', value: '5', unit: 'mg' }, route: 'iv' });
    await nurse.scan(wristbandOf(patient));
    expect(ruleOutcome((await nurse.scan(product.pack())).body, 'right-route')).toBe('stop');
  });

  it('warns an early dose and a late dose, and passes one on time', async () => {
    await nurse.scan(barcode('wristband-agnes-morrow'));
    expect(ruleOutcome((await nurse.scan(barcode('pack-paracetamol'))).body, 'right-time')).toBe('pass');
    server.clock.set('2026-11-24T05:30:00.000Z');
    await nurse.scan(barcode('wristband-agnes-morrow'));
    const early = await nurse.scan(barcode('pack-paracetamol'));
    expect(ruleOutcome(early.body, 'right-time')).toBe('warning');
    expect(early.body.verdict.title).toMatch(/Early: due at 08:00/);
    server.clock.set('2026-11-24T09:30:00.000Z');
    await nurse.scan(barcode('wristband-agnes-morrow'));
    const late = await nurse.scan(barcode('pack-paracetamol'));
    expect(ruleOutcome(late.body, 'right-time')).toBe('warning');
    expect(late.body.verdict.title).toMatch(/Late: was due at 08:00/);
  });

  it('stops an expired pack and passes one in date', async () => {
    await nurse.scan(barcode('wristband-agnes-morrow'));
    expect(ruleOutcome((await nurse.scan(barcode('pack-paracetamol-expired'))).body, 'expiry')).toBe('stop');
    expect(ruleOutcome((await nurse.scan(barcode('pack-paracetamol'))).body, 'expiry')).toBe('pass');
  });

  it("judges expiry by the ward's calendar date, not UTC", async () => {
    const { repos } = server.wardscan;
    const patient = buildPatient(repos);
    const product = buildProduct(repos);
    buildPrescription(repos, { patientId: patient.id, ...TESTAMOL_ORDER, dose: { kind: 'fixed', value: '5', unit: 'mg' }, schedule: { kind: 'prn', minIntervalMinutes: 60, maxDailyDose: null } });
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST): a pack expiring 30 June has expired.
    server.clock.set('2026-06-30T23:30:00.000Z');
    await nurse.scan(wristbandOf(patient));
    expect(ruleOutcome((await nurse.scan(product.pack({ expiry: '260630' }))).body, 'expiry')).toBe('stop');
    expect(ruleOutcome((await nurse.scan(product.pack({ expiry: '260701' }))).body, 'expiry')).toBe('pass');
  });

  it('stops a recalled batch and passes another batch of the same product', async () => {
    server.clock.set('2026-11-24T18:00:00.000Z');
    const edith = handheld(server, await server.signIn('demo-nurse'));
    const res = await edith.scan(barcode('wristband-edith-pryce'));
    expect(res.body.patient.id).toBe(EDITH);
    expect(ruleOutcome((await edith.scan(barcode('pack-metformin-recalled'))).body, 'recall')).toBe('stop');
    expect(ruleOutcome((await edith.scan(barcode('pack-metformin'))).body, 'recall')).toBe('pass');
  });

  it('stops a drug the patient is allergic to, by drug class', async () => {
    await nurse.scan(barcode('wristband-bernard-quill'));
    const res = await nurse.scan(barcode('pack-amoxicillin'));
    expect(res.body.patient.id).toBe(BERNARD);
    expect(ruleOutcome(res.body, 'allergy')).toBe('stop');
    expect(res.body.verdict.title).toMatch(/allergic to Penicillin \(anaphylaxis\), and Amoxicillin.* is one of the penicillins/i);
    expect(ruleOutcome((await nurse.scan(barcode('pack-paracetamol'))).body, 'allergy')).toBe('pass');
  });

  it('stops co-amoxiclav for a "Penicillin" allergy by class, and warns for cefalexin (cross-sensitivity)', async () => {
    await nurse.scan(barcode('wristband-bernard-quill'));
    const coAmoxiclav = await nurse.scan(barcode('pack-co-amoxiclav'));
    expect(ruleOutcome(coAmoxiclav.body, 'allergy')).toBe('stop');
    const cefalexin = await nurse.scan(barcode('pack-cefalexin'));
    expect(ruleOutcome(cefalexin.body, 'allergy')).toBe('warning');
    expect(cefalexin.body.verdict.checks.find((c: { rule: string }) => c.rule === 'allergy').message).toMatch(/cephalosporins/i);
  });

  it('gives enoxaparin 40 mg as the whole 0.4 mL syringe, from its dm+d strength', async () => {
    await nurse.scan(barcode('wristband-harold-vance'));
    const res = await nurse.scan(barcode('pack-enoxaparin'));
    expect(res.body.verdict.doseToGive).toEqual({ quantity: '0.4', unit: 'mL', text: '0.4 mL (40 mg) — whole syringe' });
  });

  it('stops a PRN dose within its minimum interval and one over the daily maximum', async () => {
    const { repos } = server.wardscan;
    const patient = buildPatient(repos);
    const product = buildProduct(repos);
    const rx = buildPrescription(repos, { patientId: patient.id, ...TESTAMOL_ORDER, dose: { kind: 'fixed', value: '5', unit: 'mg' }, schedule: { kind: 'prn', minIntervalMinutes: 120, maxDailyDose: '10' } });
    await nurse.scan(wristbandOf(patient));
    const first = await nurse.scan(product.pack());
    expect(first.body.verdict.outcome).toBe('match');
    expect((await nurse.administerWith(first.body.eventId, rx.id, { indication: 'pain' })).status).toBe(201);
    server.clock.advance(60 * 60_000);
    await nurse.scan(wristbandOf(patient));
    expect(ruleOutcome((await nurse.scan(product.pack())).body, 'right-time')).toBe('stop');
    server.clock.advance(2 * 60 * 60_000);
    await nurse.scan(wristbandOf(patient));
    const second = await nurse.scan(product.pack());
    expect((await nurse.administerWith(second.body.eventId, rx.id, { indication: 'pain' })).status).toBe(201);
    server.clock.advance(3 * 60 * 60_000);
    await nurse.scan(wristbandOf(patient));
    const third = await nurse.scan(product.pack());
    expect(ruleOutcome(third.body, 'right-time')).toBe('pass');
    expect(ruleOutcome(third.body, 'right-dose')).toBe('stop');
  });
});

describe('wrong-bed', () => {
  it("passes the patient's own bed and warns for another", async () => {
    await nurse.scan(barcode('wristband-agnes-morrow'));
    const own = await nurse.scan(barcode('bed-7b-bed-1'));
    expect(ruleOutcome(own.body, 'wrong-bed')).toBe('pass');
    const other = await nurse.scan(barcode('bed-7b-bed-2'));
    expect(ruleOutcome(other.body, 'wrong-bed')).toBe('warning');
  });

  it('never identifies a patient from a bed label', async () => {
    const res = await nurse.scan(barcode('bed-7b-bed-1'));
    expect(res.body.verdict.outcome).toBe('info');
    expect(res.body.patient).toBeNull();
    expect(ruleOutcome((await nurse.scan(barcode('pack-paracetamol'))).body, 'patient-not-identified')).toBe('stop');
  });
});
