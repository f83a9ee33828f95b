import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PatientChart, PrnLine, PrnReviewRules, WardRound } from '@wardscan/shared';
import { barcode, CLARA } from '../test/fixtures.js';
import { handheld, startTestServer, uuid, type TestServer } from '../test/harness.js';

/* Issue 12: pharmacy sets when a PRN dose's effect is reviewed, per drug class; the chart and the round follow. */
const JASPER = 'patient-jasper-kemble';
const JASPER_PRN = 'rx-28'; // paracetamol 1 g PRN by mouth, ordered by its VTM (demo ward)
const CLARA_PRN = 'rx-7'; // morphine 5 mg PRN sc, ordered by its VMP (demo ward)
// fixtures/dmd: VTMs of paracetamol and morphine, the morphine 10mg/1ml injection VMP, a paracetamol AMP.
const PARACETAMOL_VTM = '777067000';
const MORPHINE_VTM = '773372004';
const MORPHINE_INJ_VMP = '36128211000001109';
const PARACETAMOL_AMP = '382911000001102';

let server: TestServer;
let pharmacist: string;
let nurseToken: string;

beforeEach(async () => {
  server = await startTestServer({}, '2026-11-24T08:00:00.000Z');
  pharmacist = await server.signIn('demo-pharmacist');
  nurseToken = await server.signIn('demo-nurse');
});
afterEach(async () => server.close());

const putRules = (token: string, rules: unknown[]) => server.api('PUT', '/prn-review-rules', { token, body: { rules } });
const prnLine = async (patientId: string, rx: string): Promise<PrnLine> =>
  ((await server.api('GET', `/patients/${patientId}/chart`, { token: nurseToken })).body as PatientChart).prn.find((l) => l.prescriptionId === rx)!;
const reviewsDueOnRound = async (patientId: string): Promise<number> =>
  ((await server.api('GET', '/wards/ward-7b/round', { token: nurseToken })).body as WardRound).beds.find((b) => b.patient?.id === patientId)!.patient!.reviewsDue;

async function giveJasperParacetamol(): Promise<string> {
  const nurse = handheld(server, nurseToken);
  await nurse.scan(barcode('wristband-jasper-kemble'));
  const pack = (await nurse.scan(barcode('pack-paracetamol'), 'scanner', uuid(), JASPER_PRN)).body;
  const given = await nurse.administerWith(pack.eventId, JASPER_PRN, { indication: 'headache' });
  expect(given.status).toBe(201);
  return given.body.administration.id as string;
}

async function giveClaraMorphine(): Promise<void> {
  const nurse = handheld(server, nurseToken);
  await nurse.scan(barcode('wristband-clara-fenwick'));
  const pack = (await nurse.scan(barcode('pack-morphine'))).body;
  expect((await nurse.witness(pack.eventId, barcode('badge-demo-nurse-2'), '246810')).status).toBe(200);
  expect((await nurse.administerWith(pack.eventId, CLARA_PRN, { indication: 'pain 7/10' })).status).toBe(201);
}

describe('PRN effect review rules', () => {
  it('start empty: every order keeps the default, 60 minutes after a dose by mouth', async () => {
    const res = await server.api('GET', '/prn-review-rules', { token: nurseToken });
    expect(res.body).toEqual({ rules: [], defaults: { injection: 30, other: 60 }, updatedAt: null, updatedBy: null });
    await giveJasperParacetamol();
    expect((await prnLine(JASPER, JASPER_PRN)).reviewsDue[0]!.reviewAt).toBe('2026-11-24T09:00:00.000Z');
  });

  it('set by a pharmacist, bring the review of an oral PRN dose forward to 30 minutes on the chart and the round, until its effect is recorded', async () => {
    const set = await putRules(pharmacist, [
      { name: 'Simple analgesics', codes: [PARACETAMOL_VTM], routes: [], minutes: 30 },
      { name: 'Opioid analgesics', codes: [MORPHINE_VTM], routes: [], minutes: 20 },
    ]);
    expect(set.status).toBe(200);
    const rules = (await server.api('GET', '/prn-review-rules', { token: nurseToken })).body as PrnReviewRules;
    expect(rules).toMatchObject({ updatedAt: '2026-11-24T08:00:00.000Z', updatedBy: 'Pat Demo (pharmacist)' });
    expect(rules.rules.map((r) => ({ name: r.name, codes: r.codes, routes: r.routes, minutes: r.minutes }))).toEqual([
      { name: 'Simple analgesics', codes: [{ code: PARACETAMOL_VTM, level: 'vtm', name: 'Paracetamol' }], routes: [], minutes: 30 },
      { name: 'Opioid analgesics', codes: [{ code: MORPHINE_VTM, level: 'vtm', name: 'Morphine' }], routes: [], minutes: 20 },
    ]);

    const administrationId = await giveJasperParacetamol();
    // Paracetamol by mouth: 30 minutes after, not the default 60.
    expect((await prnLine(JASPER, JASPER_PRN)).reviewsDue).toEqual([{ administrationId, givenAt: '2026-11-24T08:00:00.000Z', reviewAt: '2026-11-24T08:30:00.000Z', indication: 'headache' }]);
    server.clock.set('2026-11-24T08:29:00.000Z');
    expect(await reviewsDueOnRound(JASPER)).toBe(0);
    server.clock.set('2026-11-24T08:31:00.000Z');
    expect(await reviewsDueOnRound(JASPER)).toBe(1);
    const effect = await server.api('POST', `/administrations/${administrationId}/effect`, { token: nurseToken, body: { eventId: uuid(), effect: 'effective', note: 'headache gone' } });
    expect(effect.status).toBe(201);
    expect(await reviewsDueOnRound(JASPER)).toBe(0);

    const audit = server.wardscan.repos.db.prepare("SELECT summary, detail FROM audit_log WHERE type = 'catalogue'").all() as { summary: string; detail: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toBe('PRN effect review rules set: Simple analgesics 30 min (any route); Opioid analgesics 20 min (any route)');
    expect(JSON.parse(audit[0]!.detail).prnReviewRules.before).toEqual([]);
  });

  it('match an order of a VMP by its VTM, and a rule naming the VMP wins over the VTM’s', async () => {
    expect((await putRules(pharmacist, [{ name: 'Opioid analgesics', codes: [MORPHINE_VTM], routes: [], minutes: 20 }])).status).toBe(200);
    await giveClaraMorphine();
    // Clara's order names the injection VMP; the rule names morphine's VTM: 20 minutes, not the 30 after an injection.
    expect((await prnLine(CLARA, CLARA_PRN)).reviewsDue[0]!.reviewAt).toBe('2026-11-24T08:20:00.000Z');

    const more = await putRules(pharmacist, [
      { name: 'Opioid analgesics', codes: [MORPHINE_VTM], routes: [], minutes: 20 },
      { name: 'Morphine injection', codes: [MORPHINE_INJ_VMP], routes: ['sc', 'im'], minutes: 45 },
    ]);
    expect(more.status).toBe(200);
    expect((await prnLine(CLARA, CLARA_PRN)).reviewsDue[0]!.reviewAt).toBe('2026-11-24T08:45:00.000Z');
    // A rule for other routes does not apply: back to the VTM's rule.
    expect((await putRules(pharmacist, [{ name: 'Opioid analgesics', codes: [MORPHINE_VTM], routes: [], minutes: 20 }, { name: 'Morphine IV', codes: [MORPHINE_INJ_VMP], routes: ['iv'], minutes: 10 }])).status).toBe(200);
    expect((await prnLine(CLARA, CLARA_PRN)).reviewsDue[0]!.reviewAt).toBe('2026-11-24T08:20:00.000Z');
    // Emptied: the default again.
    expect((await putRules(pharmacist, [])).status).toBe(200);
    expect((await prnLine(CLARA, CLARA_PRN)).reviewsDue[0]!.reviewAt).toBe('2026-11-24T08:30:00.000Z');
    expect(((await server.api('GET', '/prn-review-rules', { token: nurseToken })).body as PrnReviewRules).updatedBy).toBe('Pat Demo (pharmacist)');
  });

  it('are not a nurse’s to set', async () => {
    const res = await putRules(nurseToken, [{ name: 'Simple analgesics', codes: [PARACETAMOL_VTM], routes: [], minutes: 5 }]);
    expect(res.status).toBe(403);
    expect(((await server.api('GET', '/prn-review-rules', { token: nurseToken })).body as PrnReviewRules).rules).toEqual([]);
  });

  it('refuse a code not in this server’s dm+d release, naming it, and a branded product (AMP), and keep the rules as they were', async () => {
    expect((await putRules(pharmacist, [{ name: 'Simple analgesics', codes: [PARACETAMOL_VTM], routes: [], minutes: 30 }])).status).toBe(200);
    const unknown = await putRules(pharmacist, [{ name: 'Opioid analgesics', codes: [MORPHINE_VTM, '999999999999'], routes: [], minutes: 20 }]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'VALIDATION', field: 'rules.0.codes.1' });
    expect(unknown.body.error.message).toContain("999999999999 is not a VTM or VMP in this server's dm+d release");
    const amp = await putRules(pharmacist, [{ name: 'Simple analgesics', codes: [PARACETAMOL_AMP], routes: ['oral'], minutes: 30 }]);
    expect(amp.status).toBe(400);
    expect(amp.body.error.message).toMatch(/382911000001102 is a branded product \(AMP, Paracetamol 500mg tablets\)/);
    const after = (await server.api('GET', '/prn-review-rules', { token: nurseToken })).body as PrnReviewRules;
    expect(after.rules.map((r) => r.name)).toEqual(['Simple analgesics']);
  });

  it('refuse minutes outside 5 to 720, in part minutes, and two rules of one name', async () => {
    const rule = { name: 'Simple analgesics', codes: [PARACETAMOL_VTM], routes: [] };
    for (const minutes of [4, 721, 30.5]) {
      const res = await putRules(pharmacist, [{ ...rule, minutes }]);
      expect(res.status, String(minutes)).toBe(400);
      expect(res.body.error.field).toBe('rules.0.minutes');
    }
    const twice = await putRules(pharmacist, [{ ...rule, minutes: 30 }, { ...rule, name: 'simple analgesics', codes: [MORPHINE_VTM], minutes: 20 }]);
    expect(twice.body.error.field).toBe('rules.1.name');
  });
});
