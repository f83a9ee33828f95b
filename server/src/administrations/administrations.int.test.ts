import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { barcode, CLARA } from '../test/fixtures.js';
import { handheld, ruleOutcome, startTestServer, uuid, type TestServer } from '../test/harness.js';

let server: TestServer;
let nurse: ReturnType<typeof handheld>;
const count = (table: string): number => server.wardscan.repos.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

beforeEach(async () => {
  server = await startTestServer();
  nurse = handheld(server, await server.signIn('demo-nurse'));
});
afterEach(async () => server.close());

async function scanParacetamolForAgnes() {
  await nurse.scan(barcode('wristband-agnes-morrow'));
  return (await nurse.scan(barcode('pack-paracetamol'))).body;
}

describe('recording a dose', () => {
  it('records a matched dose with the exact amount and who gave it', async () => {
    const scan = await scanParacetamolForAgnes();
    const res = await nurse.administer(scan.eventId, 'rx-1');
    expect(res.status).toBe(201);
    expect(res.body.replayed).toBe(false);
    expect(res.body.administration).toMatchObject({
      prescriptionId: 'rx-1',
      patientId: 'patient-agnes-morrow',
      givenBy: 'staff-demo-nurse',
      witnessedBy: null,
      overrideReason: null,
      doseText: '2 tablets (1 g), oral',
      givenAt: '2026-11-24T08:00:00.000Z',
    });
  });

  it('stops a second dose for the same time as a duplicate', async () => {
    const scan = await scanParacetamolForAgnes();
    await nurse.administer(scan.eventId, 'rx-1');
    server.clock.advance(5 * 60_000);
    const again = (await nurse.scan(barcode('pack-paracetamol'))).body;
    expect(ruleOutcome(again, 'duplicate')).toBe('stop');
    expect(again.verdict.title).toMatch(/already given at 08:00/);
    expect((await nurse.administer(again.eventId, 'rx-1')).status).toBe(409);
  });

  it('refuses to record a dose given meanwhile from another handheld', async () => {
    const first = await scanParacetamolForAgnes();
    const colleague = handheld(server, await server.signIn('demo-nurse-2'));
    await colleague.scan(barcode('wristband-agnes-morrow'));
    const theirs = (await colleague.scan(barcode('pack-paracetamol'))).body;
    expect((await colleague.administer(theirs.eventId, 'rx-1')).status).toBe(201);
    const mine = await nurse.administer(first.eventId, 'rx-1');
    expect(mine.status).toBe(409);
    expect(mine.body.error.message).toMatch(/already given/);
  });

  it('never records a stop', async () => {
    await nurse.scan(barcode('wristband-bernard-quill'));
    const scan = (await nurse.scan(barcode('pack-amoxicillin'))).body;
    expect(scan.verdict.outcome).toBe('stop');
    const before = count('administrations');
    const res = await nurse.administer(scan.eventId, scan.verdict.prescriptionId, 'prescriber-confirmed');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
    expect(res.body.error.message).toMatch(/stop cannot be recorded/);
    expect(count('administrations')).toBe(before);
  });

  it('needs a coded override reason for a warning, and records it', async () => {
    await nurse.scan(barcode('wristband-agnes-morrow'));
    const scan = (await nurse.scan(barcode('pack-amlodipine'))).body;
    expect(scan.verdict.outcome).toBe('warning');
    const without = await nurse.administer(scan.eventId, 'rx-2');
    expect(without.status).toBe(400);
    expect(without.body.error.field).toBe('overrideReason');
    const bogus = await server.api('POST', '/administrations', {
      token: await server.signIn('demo-nurse'),
      body: { deviceId: nurse.deviceId, eventId: uuid(), productScanEventId: scan.eventId, prescriptionId: 'rx-2', overrideReason: 'because' },
    });
    expect(bogus.status).toBe(400);
    const ok = await nurse.administer(scan.eventId, 'rx-2', 'partial-tablet-prepared');
    expect(ok.status).toBe(201);
    expect(ok.body.administration.overrideReason).toBe('partial-tablet-prepared');
    const override = server.wardscan.repos.db.prepare("SELECT * FROM audit_log WHERE type = 'override'").get() as { rules: string; event_id: string };
    expect(JSON.parse(override.rules)).toEqual(['right-dose']);
    expect(override.event_id).toBe(ok.body.eventId);
  });

  it('refuses an administration for a prescription the scan was not checked against', async () => {
    const scan = await scanParacetamolForAgnes();
    const res = await nurse.administer(scan.eventId, 'rx-2');
    expect(res.status).toBe(409);
    expect(res.body.error.field).toBe('prescriptionId');
  });

  it('refuses an administration once the positive ID has ended', async () => {
    const scan = await scanParacetamolForAgnes();
    expect((await server.api('DELETE', `/devices/${nurse.deviceId}/context`, { token: await server.signIn('demo-nurse') })).status).toBe(204);
    expect((await nurse.administer(scan.eventId, 'rx-1')).status).toBe(409);
  });
});

describe('high-alert witness', () => {
  async function morphineForClara() {
    const id = await nurse.scan(barcode('wristband-clara-fenwick'));
    expect(id.body.patient.id).toBe(CLARA);
    return (await nurse.scan(barcode('pack-morphine'))).body;
  }

  it('needs a second nurse badge before a high-alert dose is recorded', async () => {
    const scan = await morphineForClara();
    expect(scan.verdict.witness).toBe('required');
    expect(ruleOutcome(scan, 'high-alert-witness')).toBe('warning');
    expect(scan.verdict.doseToGive.text).toBe('0.5 mL (5 mg) — 1 ampoule');
    const early = await nurse.administer(scan.eventId, scan.verdict.prescriptionId);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/second nurse/);

    // A badge alone does not witness: the witness enters their PIN too.
    const badgeOnly = (await nurse.scan(barcode('badge-demo-nurse-2'))).body;
    expect(badgeOnly.verdict.witness).toBe('required');
    expect(badgeOnly.verdict.title).toMatch(/enter their PIN/);
    expect((await nurse.administerWith(scan.eventId, scan.verdict.prescriptionId, { indication: 'pain' })).status).toBe(409);

    const witness = await nurse.witness(scan.eventId, barcode('badge-demo-nurse-2'), '246810');
    expect(witness.status).toBe(200);
    expect(witness.body.verdict.witness).toBe('done');
    expect(witness.body.verdict.witnessedBy).toEqual({ staffId: 'staff-demo-nurse-2', name: expect.any(String) });
    expect(ruleOutcome(witness.body, 'high-alert-witness')).toBe('pass');
    expect(witness.body.verdict.outcome).toBe('match');

    // An as-needed dose says what it is for.
    const without = await nurse.administer(scan.eventId, scan.verdict.prescriptionId);
    expect(without.status).toBe(400);
    expect(without.body.error.field).toBe('indication');
    const given = await nurse.administerWith(scan.eventId, scan.verdict.prescriptionId, { indication: 'pain 7/10' });
    expect(given.status).toBe(201);
    expect(given.body.administration.witnessedBy).toBe('staff-demo-nurse-2');
    expect(given.body.administration.indication).toBe('pain 7/10');
    const types = server.wardscan.repos.db.prepare('SELECT type FROM audit_log ORDER BY seq').pluck().all();
    expect(types).toContain('witness');
  });

  it('refuses a witness with the wrong PIN, and counts it against the witness’s account', async () => {
    const scan = await morphineForClara();
    const wrong = await nurse.witness(scan.eventId, barcode('badge-demo-nurse-2'), '0000');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toMatch(/Witness check failed/);
    const failures = server.wardscan.repos.db.prepare("SELECT failed_sign_ins FROM staff WHERE id = 'staff-demo-nurse-2'").pluck().get();
    expect(failures).toBe(1);
    expect((await nurse.administerWith(scan.eventId, scan.verdict.prescriptionId, { indication: 'pain' })).status).toBe(409);
  });

  it('refuses the giving nurse as their own witness, before any PIN is checked', async () => {
    const scan = await morphineForClara();
    const self = await nurse.witness(scan.eventId, barcode('badge-demo-nurse'), '246810');
    expect(self.status).toBe(403);
    expect(self.body.error.message).toMatch(/second person/);
  });

  it("does not accept the giving nurse's own badge as witness", async () => {
    const scan = await morphineForClara();
    const self = (await nurse.scan(barcode('badge-demo-nurse'))).body;
    expect(ruleOutcome(self, 'high-alert-witness')).toBe('warning');
    expect(self.verdict.title).toMatch(/second person/);
    expect((await nurse.administer(scan.eventId, scan.verdict.prescriptionId)).status).toBe(409);
  });
});

describe('idempotent retries', () => {
  it('returns the original scan result for a retried eventId and records nothing twice', async () => {
    await nurse.scan(barcode('wristband-agnes-morrow'));
    const eventId = uuid();
    const first = await nurse.scan(barcode('pack-paracetamol'), 'scanner', eventId);
    const scans = count('scan_events');
    const audit = count('audit_log');
    server.clock.advance(2 * 60 * 60_000); // a late retry from the offline queue
    const retry = await nurse.scan(barcode('pack-paracetamol'), 'scanner', eventId);
    expect(retry.status).toBe(200);
    expect(retry.body.replayed).toBe(true);
    expect({ ...retry.body, replayed: false }).toEqual(first.body);
    expect(count('scan_events')).toBe(scans);
    expect(count('audit_log')).toBe(audit);
  });

  it('returns the original administration for a retried eventId', async () => {
    const scan = await scanParacetamolForAgnes();
    const eventId = uuid();
    const first = await nurse.administer(scan.eventId, 'rx-1', undefined, eventId);
    const again = await nurse.administer(scan.eventId, 'rx-1', undefined, eventId);
    expect(again.status).toBe(200);
    expect(again.body.replayed).toBe(true);
    expect(again.body.administration).toEqual(first.body.administration);
    expect(count('administrations')).toBe(1);
  });

  it('rejects an eventId reused for a different scan', async () => {
    const eventId = uuid();
    await nurse.scan(barcode('wristband-agnes-morrow'), 'scanner', eventId);
    const res = await nurse.scan(barcode('pack-paracetamol'), 'scanner', eventId);
    expect(res.status).toBe(409);
    expect(res.body.error.field).toBe('eventId');
  });
});

describe('a confirmation documented late, for an order stopped or held since (issue 12: never refused)', () => {
  const MINUTE = 60_000;
  /** Paracetamol for Agnes scanned at 08:00 and confirmed at 08:01; the confirmation is lost and replayed at 08:10. */
  async function givenThenLost() {
    const pack = await scanParacetamolForAgnes();
    expect(pack.verdict.outcome).toBe('match');
    server.clock.advance(10 * MINUTE);
    return pack;
  }
  const setOrder = (sql: string, ...args: unknown[]) => server.wardscan.repos.db.prepare(`UPDATE prescriptions SET ${sql} WHERE id = ?`).run(...args);

  it('records the dose with its own time when the order was stopped after it was given, and tells the ward manager', async () => {
    const pack = await givenThenLost();
    setOrder('stops_at = ?', '2026-11-24T08:05:00.000Z', pack.verdict.prescriptionId);
    const manager = await server.socket(await server.signIn('demo-manager'));
    const alert = new Promise<{ message: string }>((resolve) => manager.on('ward:alert', resolve));
    const late = await nurse.administerWith(pack.eventId, pack.verdict.prescriptionId, { heldForMs: 9 * MINUTE });
    expect(late.status).toBe(201);
    expect(late.body.administration).toMatchObject({ givenAt: '2026-11-24T08:01:00.000Z', documentedLate: true });
    expect((await alert).message).toMatch(/Documented late.*no longer in force/);
  });

  it('records it when the order was put on hold since', async () => {
    const pack = await givenThenLost();
    setOrder("status = 'on-hold'", pack.verdict.prescriptionId);
    const late = await nurse.administerWith(pack.eventId, pack.verdict.prescriptionId, { heldForMs: 9 * MINUTE });
    expect(late.status).toBe(201);
    expect(late.body.administration.documentedLate).toBe(true);
  });

  it('still refuses a confirmation sent at once for an order that has stopped', async () => {
    const pack = await scanParacetamolForAgnes();
    setOrder('stops_at = ?', server.clock.now().toISOString(), pack.verdict.prescriptionId);
    const now = await nurse.administer(pack.eventId, pack.verdict.prescriptionId);
    expect(now.status).toBe(409);
    expect(now.body.error.message).toMatch(/stopped/);
  });
});

describe('witness PIN guesses are limited per person, not only per address (issue 12)', () => {
  it('five wrong PINs lock the witness’s account: their right PIN is refused next, and so is their own sign-in', async () => {
    await nurse.scan(barcode('wristband-clara-fenwick'));
    const scan = (await nurse.scan(barcode('pack-morphine'))).body;
    for (let i = 0; i < 4; i++) expect((await nurse.witness(scan.eventId, barcode('badge-demo-nurse-2'), '000000')).status).toBe(401);
    const fifth = await nurse.witness(scan.eventId, barcode('badge-demo-nurse-2'), '000000');
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.message).toMatch(/locked for 1 minute/);
    const right = await nurse.witness(scan.eventId, barcode('badge-demo-nurse-2'), '246810');
    expect(right.status).toBe(429);
    expect(right.body.error.message).toMatch(/locked/);
    expect((await nurse.administerWith(scan.eventId, scan.verdict.prescriptionId, { indication: 'pain' })).status).toBe(409);
    const signIn = await server.api('POST', '/sessions', { body: { username: 'demo-nurse-2', password: 'demo-password' } });
    expect(signIn.status).not.toBe(201);
  });

  it('the asking nurse’s attempts are counted per nurse: another nurse on the same address is not held up', async () => {
    const limited = await startTestServer({ loginRateLimit: { windowMs: 60_000, max: 3 } });
    try {
      const asker = handheld(limited, await limited.signIn('demo-nurse'));
      await asker.scan(barcode('wristband-clara-fenwick'));
      const scan = (await asker.scan(barcode('pack-morphine'))).body;
      // Three wrong PINs: below the witness's own lockout (five), so only the per-nurse limit stops the fourth try.
      for (let i = 0; i < 3; i++) expect((await asker.witness(scan.eventId, barcode('badge-demo-nurse-2'), `00000${i}`)).status).toBe(401);
      expect((await asker.witness(scan.eventId, barcode('badge-demo-nurse-2'), '246810')).status).toBe(429);
      const other = handheld(limited, await limited.signIn('demo-nurse-2'));
      await other.scan(barcode('wristband-clara-fenwick'));
      const theirs = (await other.scan(barcode('pack-morphine'))).body;
      expect((await other.witness(theirs.eventId, barcode('badge-demo-nurse'), '246810')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
