import type { AllergyIntolerance, Bundle, BundleEntry, Encounter, MedicationRequest, Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { barcode } from '../test/fixtures.js';
import { handheld, startTestServer, type TestServer } from '../test/harness.js';
import { DESMOND, fhir, fhirFixture, paracetamolOrder, prescriptionIdOf, snapshot } from './test/support.js';

/*
 * Issue 13, inbound: the request semantics of a transaction (ifNoneExist,
 * conditional and instance updates, references to absolute fullUrls), ids
 * never reused, patients known to the hospital but on no ward, NHS Number
 * verification, deceased, discharge, transfer and merge — against the real
 * server, with the UK Core Patient example where one fits.
 */

const NHS = 'https://fhir.nhs.uk/Id/nhs-number';
const MRN = 'https://fhir.wardscan.example/Id/mrn';
const GLN = 'https://www.gs1.org/gln';
const RICHARD_NHS = '9912003888';
const AGNES = { id: 'patient-agnes-morrow', nhs: '9990010137', mrn: 'RX400100' };
const BED_11 = '5099998071111';
const BED_8A_1 = '5099998081011';

let server: TestServer;
let admin: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = await server.signIn('demo-admin');
});
afterAll(async () => server.close());

const bundle = (...entry: BundleEntry[]): Bundle => ({ resourceType: 'Bundle', type: 'transaction', entry });
const post = (resource: object, ifNoneExist?: string, fullUrl?: string): BundleEntry =>
  ({ ...(fullUrl ? { fullUrl } : {}), resource, request: { method: 'POST', url: (resource as { resourceType: string }).resourceType, ...(ifNoneExist ? { ifNoneExist } : {}) } }) as BundleEntry;
const put = (resource: object, url: string, fullUrl?: string): BundleEntry => ({ ...(fullUrl ? { fullUrl } : {}), resource, request: { method: 'PUT', url } }) as BundleEntry;
const send = (b: Bundle) => fhir(server, 'POST', '', { token: admin, body: b });

const patient = (nhs: string | null, family: string, extra: Partial<Patient> = {}): Patient => ({
  resourceType: 'Patient',
  identifier: nhs ? [{ system: NHS, value: nhs }] : [],
  name: [{ use: 'official', family, given: ['Test'] }],
  birthDate: '1950-01-01',
  ...extra,
});
const encounter = (subject: string, status: Encounter['status'], gln?: string): Encounter => ({
  resourceType: 'Encounter',
  status,
  class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' },
  subject: { reference: subject },
  ...(gln ? { location: [{ location: { reference: `Location?identifier=${GLN}|${gln}` } }] } : {}),
});
const byNhs = (nhs: string) => `Patient?identifier=${NHS}|${nhs}`;
const wardList = (wardId = 'ward-7b') => server.wardscan.repos.patients.list(wardId).map((p) => p.id);

describe('a patient without an Encounter (UK Core Patient example)', () => {
  it('is registered at the hospital, not put on a ward, and cannot be found by a band', async () => {
    const richard = fhirFixture<Patient>('published/uk-core/Patient-RichardSmith.json');
    const res = await send(bundle(post(richard)));
    expect(res.status).toBe(200);
    expect(res.body.entry[0].response.status).toBe('201 Created');
    expect(res.body.entry[0].response.outcome.issue[0].diagnostics).toMatch(/not on a ward/);
    expect(server.wardscan.repos.patients.byNhsNumberAny(RICHARD_NHS)).toBeUndefined();
    // Sent again: the same registration, nothing new.
    const again = await send(bundle(post(richard)));
    expect(again.body.entry[0].response).toMatchObject({ status: '200 OK', location: res.body.entry[0].response.location });
  });

  it('is admitted by a later Encounter with the same id, keeping the NHS Number verification status (01)', async () => {
    const registered = (await send(bundle(post(fhirFixture<Patient>('published/uk-core/Patient-RichardSmith.json'))))).body.entry[0].response.location;
    const res = await send(bundle(post(encounter(byNhs(RICHARD_NHS), 'in-progress', BED_11))));
    expect(res.status).toBe(200);
    expect(res.body.entry[0].response.location).toBe(registered);
    const admitted = server.wardscan.repos.patients.byNhsNumber(RICHARD_NHS);
    expect(admitted).toMatchObject({ id: registered.replace('Patient/', ''), familyName: 'SMITH', wardId: 'ward-7b', bedLabel: 'Bed 11', nhsVerification: '01' });
  });

  it('keeps an unverified NHS Number status as sent', async () => {
    const p = patient('9990708002', 'Unverified');
    p.identifier![0]!.extension = [
      { url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus', valueCodeableConcept: { coding: [{ system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland', code: '02' }] } },
    ];
    expect((await send(bundle(post(p, undefined, 'urn:uuid:5e0c0a3b-0000-4000-8000-000000000001'), post(encounter('urn:uuid:5e0c0a3b-0000-4000-8000-000000000001', 'in-progress', BED_8A_1))))).status).toBe(200);
    expect(server.wardscan.repos.patients.byNhsNumber('9990708002')?.nhsVerification).toBe('02');
  });

  it('may be known by hospital number only; such a patient cannot be admitted until they have an NHS Number', async () => {
    const mrnOnly = patient(null, 'Nonumber', { identifier: [{ system: MRN, value: 'RX999001' }] });
    const res = await send(bundle(post(mrnOnly)));
    expect(res.status).toBe(200);
    expect(res.body.entry[0].response.status).toBe('201 Created');
    const before = snapshot(server);
    const admit = await send(bundle(post(encounter(`Patient?identifier=${MRN}|RX999001`, 'in-progress', BED_11))));
    expect(admit.status).toBe(422);
    expect(admit.body.issue[0].details.text).toMatch(/needs an NHS Number to be admitted/);
    expect(snapshot(server)).toBe(before);
  });

  it('takes the hospital number system from WARDSCAN_MRN_SYSTEM', async () => {
    process.env.WARDSCAN_MRN_SYSTEM = 'https://fhir.example-trust.nhs.uk/Id/mrn';
    try {
      const trust = patient(null, 'Trustnumber', { identifier: [{ system: 'https://fhir.example-trust.nhs.uk/Id/mrn', value: 'T-1' }] });
      expect((await send(bundle(post(trust)))).body.entry[0].response.status).toBe('201 Created');
      const other = patient(null, 'Othertrust', { identifier: [{ system: MRN, value: 'RX999002' }] });
      expect((await send(bundle(post(other)))).status).toBe(422);
    } finally {
      delete process.env.WARDSCAN_MRN_SYSTEM;
    }
  });

  it('does not chart an order for a patient on no ward, and takes the rest of the bundle', async () => {
    const order = {
      resourceType: 'MedicationRequest', status: 'active', intent: 'order',
      identifier: [{ system: 'https://fhir.example-trust.nhs.uk/Id/prescription', value: 'no-ward-1' }],
      medicationCodeableConcept: { coding: [{ system: 'https://dmd.nhs.uk', code: '777067000' }], text: 'Paracetamol' },
      subject: { reference: `Patient?identifier=${MRN}|RX999001` }, authoredOn: '2026-11-24',
      dosageInstruction: [{ timing: { code: { coding: [{ code: 'QD' }] } }, route: { coding: [{ system: 'http://snomed.info/sct', code: '26643006' }] }, doseAndRate: [{ doseQuantity: { value: 1, unit: 'g', system: 'http://unitsofmeasure.org', code: 'g' } }] }],
    };
    const res = await send(bundle(post(order)));
    expect(res.status).toBe(200);
    expect(res.body.entry[0].response.outcome.issue[0].diagnostics).toMatch(/not on a ward/);
  });
});

describe('conditional requests', () => {
  it('creates nothing when ifNoneExist matches, and creates when it does not', async () => {
    const p = patient('9990708010', 'Onlyonce');
    const first = await send(bundle(post(p, `identifier=${NHS}|9990708010`)));
    expect(first.body.entry[0].response.status).toBe('201 Created');
    const renamed = patient('9990708010', 'Renamed');
    const second = await send(bundle(post(renamed, `identifier=${NHS}|9990708010`)));
    expect(second.body.entry[0].response).toMatchObject({ status: '200 OK', location: first.body.entry[0].response.location });
    expect(second.body.entry[0].response.outcome.issue[0].diagnostics).toMatch(/ifNoneExist matched/);
    expect(server.wardscan.repos.db.prepare('SELECT family_name FROM registered_patients WHERE nhs_number = ?').pluck().get('9990708010')).toBe('Onlyonce');
  });

  it("refuses a PUT to one patient's conditional URL whose resource is another patient, changing nothing", async () => {
    const before = snapshot(server);
    const desmond = patient(DESMOND.nhs, 'Overwritten');
    const res = await send(bundle(put(desmond, byNhs(AGNES.nhs))));
    expect(res.status).toBe(422);
    expect(res.body.issue[0]).toMatchObject({ code: 'conflict', expression: ['Bundle.entry[0].request.url'] });
    expect(snapshot(server)).toBe(before);
  });

  it('refuses a conditional update by hospital number that would land on another record (409), changing nothing', async () => {
    const before = snapshot(server);
    // Agnes's hospital number, Desmond's NHS Number: the URL matches Agnes, the identifiers Desmond.
    const res = await send(bundle(put(patient(DESMOND.nhs, 'Harlow', { identifier: [{ system: NHS, value: DESMOND.nhs }, { system: MRN, value: AGNES.mrn }] }), `Patient?identifier=${MRN}|${AGNES.mrn}`)));
    expect(res.status).toBe(409);
    expect(res.body.issue[0].details.text).toMatch(/names Patient\/patient-agnes-morrow/);
    expect(snapshot(server)).toBe(before);
  });

  it('updates exactly Patient/<id> on an instance PUT, and refuses one whose identifiers are another patient', async () => {
    const agnes = server.wardscan.repos.patients.byId(AGNES.id)!;
    const ok = await send(bundle(put(patient(AGNES.nhs, agnes.familyName, { name: [{ family: agnes.familyName, given: [agnes.givenName] }], birthDate: agnes.birthDate }), `Patient/${AGNES.id}`)));
    expect(ok.status).toBe(200);
    expect(ok.body.entry[0].response.location).toBe(`Patient/${AGNES.id}`);
    const wrong = await send(bundle(put(patient(DESMOND.nhs, 'Harlow'), `Patient/${AGNES.id}`)));
    expect(wrong.status).toBe(409);
  });

  it('resolves Patient/<id> to the entry whose fullUrl is absolute (https://…/fhir/Patient/<id>)', async () => {
    const base = 'https://epr.example-trust.nhs.uk/fhir';
    const res = await send(
      bundle(
        put(patient('9990708029', 'Absolute'), byNhs('9990708029'), `${base}/Patient/epr-77`),
        post(encounter('Patient/epr-77', 'in-progress', '5099998071128'), undefined, `${base}/Encounter/enc-1`),
        post(encounter('Patient/epr-77', 'in-progress', '5099998071128')),
      ),
    );
    expect(res.status).toBe(200);
    expect(server.wardscan.repos.patients.byNhsNumber('9990708029')).toMatchObject({ familyName: 'Absolute', bedLabel: 'Bed 12' });
  });

  it('never reuses an AllergyIntolerance id after one is refuted', async () => {
    const allergy = (substance: string, status: 'confirmed' | 'refuted'): AllergyIntolerance => ({
      resourceType: 'AllergyIntolerance',
      clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical', code: status === 'confirmed' ? 'active' : 'inactive' }] },
      verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: status }] },
      code: { text: substance },
      patient: { reference: byNhs(DESMOND.nhs) },
    });
    const first = (await send(bundle(post(allergy('Latex', 'confirmed'))))).body.entry[0].response.location;
    expect(first).toMatch(/^AllergyIntolerance\/\d+$/);
    expect((await send(bundle(post(allergy('Latex', 'refuted'))))).status).toBe(200);
    const next = (await send(bundle(post(allergy('Plasters', 'confirmed'))))).body.entry[0].response.location;
    expect(Number(next.split('/')[1])).toBeGreaterThan(Number(first.split('/')[1]));
  });
});

describe('admissions: transfer, discharge, deceased, merge', () => {
  it('transfers a patient to the bed and ward an in-progress Encounter names', async () => {
    const edith = server.wardscan.repos.patients.byId('patient-edith-pryce')!;
    expect((await send(bundle(post(encounter(byNhs(edith.nhsNumber), 'in-progress', '5099998081035'))))).status).toBe(200);
    expect(server.wardscan.repos.patients.byId('patient-edith-pryce')).toMatchObject({ wardId: 'ward-8a', bedLabel: expect.any(String) });
    expect(wardList()).not.toContain('patient-edith-pryce');
    expect(wardList('ward-8a')).toContain('patient-edith-pryce');
  });

  it('discharges on a finished Encounter: off the ward list, out of the bed, no doses, the band identifies no one', async () => {
    const clara = server.wardscan.repos.patients.byId('patient-clara-fenwick')!;
    expect(server.wardscan.repos.prescriptions.active(clara.id, server.clock.now()).length).toBeGreaterThan(0);
    const nurse = handheld(server, await server.signIn('demo-nurse'));
    expect((await nurse.scan(barcode('wristband-clara-fenwick'))).body.verdict.outcome).not.toBe('stop');
    const res = await send(bundle(post(encounter(byNhs(clara.nhsNumber), 'finished'))));
    expect(res.status).toBe(200);
    expect(wardList()).not.toContain(clara.id);
    expect(server.wardscan.repos.patients.byId(clara.id)).toMatchObject({ bedId: null, dischargedAt: server.clock.now().toISOString() });
    expect(server.wardscan.repos.prescriptions.active(clara.id, server.clock.now())).toEqual([]);
    expect(server.wardscan.repos.db.prepare('SELECT count(*) FROM device_contexts WHERE patient_id = ?').pluck().get(clara.id)).toBe(0);
    const band = await nurse.scan(barcode('wristband-clara-fenwick'));
    expect(band.body.verdict.outcome).toBe('stop');
    // Readmitted by a new in-progress Encounter: on the ward again.
    expect((await send(bundle(post(encounter(byNhs(clara.nhsNumber), 'in-progress', '5099998071036'))))).status).toBe(200);
    expect(wardList()).toContain(clara.id);
  });

  it('takes a deceased patient off the ward (their band stops) and refuses to admit them', async () => {
    const bernard = server.wardscan.repos.patients.byId('patient-bernard-quill')!;
    const res = await send(bundle(put(patient(bernard.nhsNumber, bernard.familyName, { name: [{ family: bernard.familyName, given: [bernard.givenName] }], birthDate: bernard.birthDate, deceasedDateTime: '2026-11-24T06:30:00Z' }), byNhs(bernard.nhsNumber))));
    expect(res.status).toBe(200);
    expect(wardList()).not.toContain(bernard.id);
    expect(server.wardscan.repos.patients.byId(bernard.id)).toMatchObject({ deceased: true });
    expect(server.wardscan.repos.prescriptions.active(bernard.id, server.clock.now())).toEqual([]);
    const nurse = handheld(server, await server.signIn('demo-nurse'));
    expect((await nurse.scan(barcode('wristband-bernard-quill'))).body.verdict.outcome).toBe('stop');
    const admit = await send(bundle(post(encounter(byNhs(bernard.nhsNumber), 'in-progress', BED_11))));
    expect(admit.status).toBe(422);
    expect(admit.body.issue[0].details.text).toMatch(/deceased/);
  });

  it('merges a record replaced by another: the old band finds the surviving record', async () => {
    const frank = server.wardscan.repos.patients.byId('patient-frank-oswald')!;
    const res = await send(bundle(put(patient(frank.nhsNumber, frank.familyName, { name: [{ family: frank.familyName, given: [frank.givenName] }], birthDate: frank.birthDate, link: [{ type: 'replaced-by', other: { reference: 'Patient/patient-gwen-talbot' } }] }), byNhs(frank.nhsNumber))));
    expect(res.status).toBe(200);
    expect(wardList()).not.toContain(frank.id);
    expect(server.wardscan.repos.patients.byNhsNumber(frank.nhsNumber)?.id).toBe('patient-gwen-talbot');
    const nurse = handheld(server, await server.signIn('demo-nurse'));
    const band = await nurse.scan(barcode('wristband-frank-oswald'));
    // The old band is stopped, naming the surviving record to print a new band from (scans: patient-merged).
    expect(band.body.verdict).toMatchObject({ outcome: 'stop', checks: [{ rule: 'patient-merged' }] });
    expect(band.body.verdict.title).toMatch(/merged into Gwen TALBOT/);
  });
});

describe('orders the bedside cannot check as one exact dose, and orders on hold', () => {
  const TABLET = { system: 'http://snomed.info/sct', code: '428673006', unit: 'tablet' };
  /** The UK Core paracetamol example as an active order for Desmond; `edit` changes its dosage (what changes is said in each test). */
  const order = paracetamolOrder;
  const rxId = (value: string) => prescriptionIdOf(server, value);
  const activeIds = () => server.wardscan.repos.prescriptions.active(DESMOND.id, server.clock.now()).map((p) => p.id);

  it('keeps an on-hold order with no dose due and the pack not matched, and resumes it when active again', async () => {
    expect((await send(bundle(post(order('hold-1'))))).status).toBe(200);
    const id = rxId('hold-1');
    expect(activeIds()).toContain(id);
    const held = await send(bundle(post(order('hold-1', (r) => (r.status = 'on-hold')))));
    expect(held.status).toBe(200);
    expect(held.body.entry[0].response.outcome.issue[0].diagnostics).toMatch(/On hold/);
    expect(activeIds()).not.toContain(id);
    expect(server.wardscan.repos.prescriptions.held(DESMOND.id, server.clock.now())).toContainEqual(expect.objectContaining({ id, onHold: true }));
    const nurse = handheld(server, await server.signIn('demo-nurse'));
    await nurse.scan(barcode('wristband-desmond-harlow'));
    expect((await nurse.scan(barcode('pack-paracetamol'))).body.verdict.outcome).not.toBe('match');
    server.clock.advance(2 * 3600_000);
    await send(bundle(post(order('hold-1'))));
    expect(activeIds()).toContain(id);
    // When it was held is kept, so compliance leaves out only the doses due meanwhile.
    const spans = server.wardscan.repos.db.prepare('SELECT kind, from_at, to_at FROM order_holds WHERE prescription_id = ?').all(id);
    const heldAt = new Date(server.clock.now().getTime() - 2 * 3600_000).toISOString();
    expect(spans).toEqual([{ kind: 'on-hold', from_at: heldAt, to_at: server.clock.now().toISOString() }]);
  });

  it('ends future doses of a stopped, cancelled, completed or entered-in-error order', async () => {
    for (const status of ['stopped', 'cancelled', 'completed', 'entered-in-error'] as const) {
      await send(bundle(post(order(`end-${status}`))));
      const id = rxId(`end-${status}`);
      expect(activeIds()).toContain(id);
      expect((await send(bundle(post(order(`end-${status}`, (r) => (r.status = status)))))).status).toBe(200);
      expect(activeIds()).not.toContain(id);
    }
  });

  it('charts a dose range in one known unit (1 to 2 tablets) as active, the nurse choosing the dose (issue 13)', async () => {
    // Changed: the example's 500 mg doseQuantity becomes a doseRange of 1 to 2 tablets.
    const res = await send(bundle(post(order('range-1', (r) => (r.dosageInstruction![0]!.doseAndRate = [{ doseRange: { low: { value: 1, ...TABLET }, high: { value: 2, ...TABLET } } }])))));
    expect(res.status).toBe(200);
    const id = rxId('range-1');
    expect(activeIds()).toContain(id);
    expect(server.wardscan.repos.prescriptions.byId(id)?.dose).toEqual({ kind: 'range', low: '1', high: '2', unit: 'tablet' });
    expect(server.wardscan.repos.prescriptions.held(DESMOND.id, server.clock.now()).map((h) => h.id)).not.toContain(id);
  });

  it('keeps a dose range it cannot read (low above high, an unknown unit) for review, never charted as a dose', async () => {
    const reversed = order('range-reversed', (r) => (r.dosageInstruction![0]!.doseAndRate = [{ doseRange: { low: { value: 2, ...TABLET }, high: { value: 1, ...TABLET } } }]));
    const unknown = order('range-unknown', (r) => (r.dosageInstruction![0]!.doseAndRate = [{ doseRange: { low: { value: 1, system: 'http://unitsofmeasure.org', code: '{scoop}' }, high: { value: 2, system: 'http://unitsofmeasure.org', code: '{scoop}' } } }]));
    const res = await send(bundle(post(reversed), post(unknown)));
    expect(res.status).toBe(200);
    expect(res.body.entry[0].response.outcome.issue[0].diagnostics).toMatch(/Dose range 2 .* to 1 .*: the low bound is above the high bound: needs review/);
    expect(res.body.entry[1].response.outcome.issue[0].diagnostics).toMatch(/Dose range 1 \{scoop\} to 2 \{scoop\}: "\{scoop\}" is not a unit Wardscan knows: needs review/);
    for (const key of ['range-reversed', 'range-unknown']) {
      const id = rxId(key);
      expect(activeIds()).not.toContain(id);
      expect(server.wardscan.repos.prescriptions.held(DESMOND.id, server.clock.now())).toContainEqual(expect.objectContaining({ id, review: expect.stringMatching(/needs review/) }));
    }
  });

  it('imports a dose in words only ("1 tablet daily") for review, beside an exact order in the same bundle', async () => {
    // Changed: the example's doseAndRate and timing are removed; its text says the dose.
    const words = order('words-1', (r) => {
      const d = r.dosageInstruction![0]!;
      delete d.doseAndRate;
      delete d.timing;
      d.text = '1 tablet daily';
    });
    const res = await send(bundle(post(words), post(order('exact-1'))));
    expect(res.status).toBe(200);
    expect(res.body.entry[0].response.outcome.issue[0].diagnostics).toBe('Dose given in words only ("1 tablet daily"): needs review by pharmacy or the prescriber before a dose is given; the bedside cannot check the dose.');
    expect(activeIds()).toContain(rxId('exact-1'));
    expect(activeIds()).not.toContain(rxId('words-1'));
  });

  it('charts sequential dosage instructions (a tapering course) as consecutive periods', async () => {
    const step = (sequence: number, mg: number, days?: number) => ({
      sequence,
      timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd' as const, ...(days ? { boundsDuration: { value: days, unit: 'days', system: 'http://unitsofmeasure.org', code: 'd' } } : {}) } },
      route: { coding: [{ system: 'http://snomed.info/sct', code: '26643006' }] },
      doseAndRate: [{ doseQuantity: { value: mg, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' } }],
    });
    // Listed out of order on purpose: charted by sequence.
    const taper = order('taper-1', (r) => (r.dosageInstruction = [step(2, 20, 3), step(1, 40, 3), step(3, 10)]));
    expect((await send(bundle(post(taper)))).status).toBe(200);
    const rows = server.wardscan.repos.db.prepare("SELECT dose_value, starts_at, stops_at FROM prescriptions WHERE order_identifier_value = 'taper-1' ORDER BY starts_at").all();
    expect(rows).toEqual([
      { dose_value: '40', starts_at: '2026-11-24T06:00:00.000Z', stops_at: '2026-11-27T06:00:00.000Z' },
      { dose_value: '20', starts_at: '2026-11-27T06:00:00.000Z', stops_at: '2026-11-30T06:00:00.000Z' },
      { dose_value: '10', starts_at: '2026-11-30T06:00:00.000Z', stops_at: null },
    ]);
  });
});
