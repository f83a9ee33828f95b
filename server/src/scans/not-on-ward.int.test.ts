import { patientGsrn } from '@wardscan/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFhirRepository, type FhirRepository } from '../fhir/repository.js';
import { barcode, BERNARD, CLARA } from '../test/fixtures.js';
import { handheld, ruleOutcome, startTestServer, type TestServer } from '../test/harness.js';

/*
 * Issue 13: a wristband whose patient is on no ward now says why, in plain
 * words, each with its own rule: discharged (from where, when), deceased,
 * registered at the hospital but never admitted, merged into another record.
 * And a patient whose NHS Number is not verified is identified with a
 * warning. Each is set up through the store the FHIR import writes with,
 * then the real band is scanned at the real server.
 */

/** The demo ward's NHS company prefix (fixtures/demo-ward/ward.json). */
const NHS_PREFIX = '5099999';
const band = (nhs: string) => `8018${patientGsrn(NHS_PREFIX, nhs)}`;

let server: TestServer;
let nurse: ReturnType<typeof handheld>;
/** The store the FHIR import writes admissions through: the same rows an EPR's Encounter and Patient leave. */
let store: FhirRepository;
beforeEach(async () => {
  server = await startTestServer();
  store = createFhirRepository(server.wardscan.repos.db);
  nurse = handheld(server, await server.signIn('demo-nurse'));
});
afterEach(async () => server.close());

const demo = (id: string) => server.wardscan.repos.patients.byId(id)!;
const status = (nhsVerification: string | null, deceasedAt: string | null = null) => ({ nhsVerification, deceased: deceasedAt !== null, deceasedAt });
const registered = (nhs: string, family: string, given: string, deceased = false) => ({
  id: `patient-${nhs}`,
  nhs_number: nhs,
  mrn: null,
  family_name: family,
  given_name: given,
  birth_date: '1950-01-01',
  nhs_verification: null,
  deceased: deceased ? (1 as const) : (0 as const),
  deceased_at: null,
});

describe('a band whose patient is on no ward is a stop that says why', () => {
  it('discharged: names the ward and when, and nobody is identified', async () => {
    await nurse.scan(barcode('wristband-clara-fenwick'));
    store.discharge(CLARA, '2026-11-24T09:15:00.000Z');
    server.clock.set('2026-11-24T10:00:00.000Z');
    const res = (await nurse.scan(barcode('wristband-clara-fenwick'))).body;
    expect(res.verdict.outcome).toBe('stop');
    expect(res.verdict.checks).toEqual([
      {
        rule: 'patient-discharged',
        outcome: 'stop',
        message: 'Clara FENWICK was discharged from Ward 7B Acute Medicine on 24 Nov 2026 at 09:15, so they are on no ward now: do not give anything. If they are back, ask the ward clerk to readmit them.',
      },
    ]);
    expect(res.verdict.title).toMatch(/^Stop: Clara FENWICK was discharged/);
    expect(res.patient).toBeNull();
    // No positive ID: the next pack is checked against nobody.
    expect(ruleOutcome((await nurse.scan(barcode('pack-paracetamol'))).body, 'patient-not-identified')).toBe('stop');
  });

  it('deceased: cannot be identified for giving medicines, and says when', async () => {
    // As the import records a death: the status, then off the ward.
    store.setPatientStatus(BERNARD, status(null, '2026-11-24T06:30:00Z'));
    store.discharge(BERNARD, '2026-11-24T06:30:00.000Z');
    const res = (await nurse.scan(barcode('wristband-bernard-quill'))).body;
    expect(res.verdict.checks.map((c: { rule: string }) => c.rule)).toEqual(['patient-deceased']);
    expect(ruleOutcome(res, 'patient-deceased')).toBe('stop');
    expect(res.verdict.title).toBe(
      'Stop: Bernard QUILL is recorded as deceased (24 Nov 2026 at 06:30), so they cannot be identified for giving medicines. Do not give anything; if the record is wrong, tell the nurse in charge now.',
    );
    expect(res.patient).toBeNull();
  });

  it('registered at the hospital but not admitted to any ward', async () => {
    store.register(registered('9990900019', 'Marsh', 'Oona'), server.clock.now().toISOString());
    const res = (await nurse.scan(band('9990900019'))).body;
    expect(res.verdict.checks).toEqual([
      {
        rule: 'patient-not-admitted',
        outcome: 'stop',
        message: 'Oona MARSH (NHS Number 999 090 0019) is registered at the hospital but not admitted to any ward, so they cannot be identified for giving medicines. Do not give anything; ask the ward clerk to admit them.',
      },
    ]);
    expect(res.patient).toBeNull();
  });

  it('merged into another record: names the surviving record and its NHS Number', async () => {
    store.replaceBy('patient-frank-oswald', 'patient-gwen-talbot', server.clock.now().toISOString());
    const res = (await nurse.scan(barcode('wristband-frank-oswald'))).body;
    expect(res.verdict.outcome).toBe('stop');
    expect(res.verdict.checks).toEqual([
      {
        rule: 'patient-merged',
        outcome: 'stop',
        message: "This wristband is for a record that was merged into Gwen TALBOT's record, NHS Number 999 007 0911. Do not give anything against this band: print a new wristband from that record and scan it.",
      },
    ]);
    expect(res.patient).toBeNull();
    // The surviving record's own band still identifies her.
    expect((await nurse.scan(barcode('wristband-gwen-talbot'))).body.verdict.outcome).toBe('match');
  });

  it('a band that names no record at all is still "no patient on record"', async () => {
    const res = (await nurse.scan(band('9990900027'))).body;
    expect(res.verdict.checks.map((c: { rule: string }) => c.rule)).toEqual(['right-patient']);
    expect(res.verdict.title).toMatch(/No patient with .* is on record/);
  });
});

describe('an NHS Number that is not verified', () => {
  /** Nell Price, admitted to Ward 7B with the verification status the EPR sent. */
  function admitNell(code: string | null): void {
    server.wardscan.repos.patients.insert({
      id: 'patient-nell-price',
      nhsNumber: '9990900000',
      wristbandGsrn: patientGsrn(NHS_PREFIX, '9990900000'),
      mrn: null,
      familyName: 'Price',
      givenName: 'Nell',
      birthDate: '1950-01-01',
      wardId: 'ward-7b',
      bedId: null,
      allergies: [],
      allergyStatus: 'nkda',
    });
    store.setPatientStatus('patient-nell-price', status(code));
  }

  it('identifies the patient with a warning naming the status in plain words', async () => {
    admitNell('02');
    const res = (await nurse.scan(band('9990900000'))).body;
    expect(res.verdict.outcome).toBe('warning');
    expect(res.patient).toMatchObject({ nhsNumber: '9990900000' });
    expect(ruleOutcome(res, 'right-patient')).toBe('pass');
    expect(res.verdict.checks.find((c: { rule: string }) => c.rule === 'nhs-number-unverified')).toEqual({
      rule: 'nhs-number-unverified',
      outcome: 'warning',
      message: 'NHS Number 999 090 0000 is not verified: it is present but not traced against the national record. Confirm name and date of birth with the patient before giving anything.',
    });
    expect(res.verdict.title).toBe('Nell PRICE identified (NHS Number not verified)');
    // Identified: the next pack is checked against her (she has no orders), not refused for want of a band.
    expect(ruleOutcome((await nurse.scan(barcode('pack-paracetamol'))).body, 'patient-not-identified')).toBeUndefined();
  });

  it('does not alert the ward manager at every band scan of a patient whose number is unverified; a real warning or stop still does', async () => {
    admitNell('02');
    const manager = await server.socket(await server.signIn('demo-manager'));
    const heard: { rules: string[] }[] = [];
    manager.on('ward:alert', (alert: { rules: string[] }) => heard.push(alert));
    expect((await nurse.scan(band('9990900000'))).body.verdict.outcome).toBe('warning');
    expect((await nurse.scan(barcode('wristband-bernard-quill'))).body.verdict.outcome).toBe('match');
    expect((await nurse.scan(barcode('pack-amoxicillin'))).body.verdict.outcome).toBe('stop'); // he is allergic to penicillin
    await expect.poll(() => heard.length).toBe(1);
    expect(heard[0]!.rules).not.toContain('nhs-number-unverified');
  });

  it('says a failed trace as such; a verified number (01), or none ever sent, gives no warning', async () => {
    admitNell('04');
    const failed = (await nurse.scan(band('9990900000'))).body;
    expect(failed.verdict.checks.find((c: { rule: string }) => c.rule === 'nhs-number-unverified')?.message).toMatch(/traced without a match/);
    store.setPatientStatus('patient-nell-price', status('01'));
    const verified = (await nurse.scan(band('9990900000'))).body;
    expect(verified.verdict.outcome).toBe('match');
    expect(ruleOutcome(verified, 'nhs-number-unverified')).toBeUndefined();
    store.setPatientStatus('patient-nell-price', status(null));
    expect((await nurse.scan(band('9990900000'))).body.verdict.outcome).toBe('match');
  });
});
