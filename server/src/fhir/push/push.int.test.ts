import { rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type WardscanApp } from '../../app.js';
import { DEFAULTS } from '../../config.js';
import { barcode } from '../../test/fixtures.js';
import { handheld, startTestServer, uuid, type TestServer } from '../../test/harness.js';
import { validateR4 } from '../definitions.js';
import { startFhirPush, type FhirPush } from './worker.js';

/*
 * Issue 13, the outbound push against a real receiver (node:http on
 * 127.0.0.1, a free port) that records every request: each new
 * MedicationAdministration, given or not, reaches it once however often it
 * fails, is down, or loses an answer, and the outbox outlives a restart.
 */

const silent = pino({ level: 'silent' });
const TOKEN = 'push-token-for-tests';

interface Request {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: any;
  answer: number | 'dropped';
}

/**
 * A FHIR receiver: conditional create on If-None-Exist by identifier (200 if
 * it holds it, else stores it, 201). `answer(n)` may fail the n-th request
 * (from 1) with a status, or 'drop' it after storing it (the answer is lost).
 */
async function startReceiver(answer: (n: number) => number | 'store-then-drop' | null = () => null, port = 0) {
  const requests: Request[] = [];
  const stored = new Map<string, any>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const r: Request = { path: req.url ?? '', headers: req.headers, body, answer: 0 };
      requests.push(r);
      const planned = answer(requests.length);
      if (typeof planned === 'number') {
        r.answer = planned;
        res.writeHead(planned, { 'content-type': 'application/fhir+json' }).end('{"resourceType":"OperationOutcome","issue":[]}');
        return;
      }
      const key = new URLSearchParams(String(req.headers['if-none-exist'] ?? '')).get('identifier') ?? '';
      const existed = stored.has(key);
      if (!existed) stored.set(key, body);
      if (planned === 'store-then-drop') {
        r.answer = 'dropped';
        req.socket.destroy();
        return;
      }
      r.answer = existed ? 200 : 201;
      res.writeHead(r.answer, { 'content-type': 'application/fhir+json' }).end(JSON.stringify({ ...body, id: `r${stored.size}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    requests,
    stored,
    url: `http://127.0.0.1:${actual}/fhir`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** A port nothing listens on (yet): a receiver that is down. */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

const envFor = (url: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  ...extra,
  WARDSCAN_FHIR_PUSH_URL: url,
  WARDSCAN_FHIR_PUSH_TOKEN: TOKEN,
  WARDSCAN_FHIR_PUSH_INTERVAL_MS: '20',
  WARDSCAN_FHIR_PUSH_RETRY_MS: '40',
  WARDSCAN_FHIR_PUSH_TIMEOUT_MS: '5000',
});

async function waitFor(what: string, ok: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A dose given (paracetamol for Agnes) and one documented as not given (her 08:00 amlodipine, unavailable); their event ids. */
async function recordTwoDoses(server: TestServer): Promise<{ given: string; notGiven: string }> {
  const token = await server.signIn('demo-nurse');
  const nurse = handheld(server, token);
  await nurse.scan(barcode('wristband-agnes-morrow'));
  const pack = (await nurse.scan(barcode('pack-paracetamol'))).body;
  const given = await nurse.administer(pack.eventId, pack.verdict.prescriptionId);
  expect(given.status).toBe(201);
  const notGiven = await server.api('POST', '/not-given', {
    token,
    body: { deviceId: nurse.deviceId, eventId: uuid(), prescriptionId: 'rx-2', slotAt: '2026-11-24T08:00:00.000Z', reason: 'drug-unavailable' },
  });
  expect(notGiven.status).toBe(201);
  return { given: given.body.administration.eventId, notGiven: notGiven.body.notGiven.eventId };
}

const ifNoneExist = (eventId: string) => `identifier=${encodeURIComponent(`urn:ietf:rfc:3986|urn:uuid:${eventId}`)}`;
const outboxRows = (db: WardscanApp['repos']['db']) => db.prepare('SELECT identifier, attempts, delivered_at, last_status FROM fhir_outbox ORDER BY id').all() as { identifier: string; attempts: number; delivered_at: string | null; last_status: number | null }[];

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('pushing new MedicationAdministrations', () => {
  it('retries a receiver that fails twice, then delivers each record once, as valid R4 with logical references', async () => {
    const receiver = await startReceiver((n) => (n <= 2 ? 503 : null));
    cleanup.push(receiver.close);
    const server = await startTestServer();
    cleanup.push(() => server.close());
    // Both recorded before the push starts, which (from=start) takes every record held: the order of attempts is then fixed.
    const ids = await recordTwoDoses(server);
    const push = startFhirPush(server.wardscan.repos.db, silent, server.wardscan.httpServer, envFor(receiver.url, { WARDSCAN_FHIR_PUSH_FROM: 'start' }));
    expect(push).not.toBeNull();

    await waitFor('both delivered', () => receiver.stored.size === 2 && outboxRows(server.wardscan.repos.db).every((r) => r.delivered_at));
    expect(receiver.requests.map((r) => r.answer)).toEqual([503, 503, 201, 201]);
    for (const eventId of [ids.given, ids.notGiven]) {
      const sent = receiver.requests.filter((r) => r.headers['if-none-exist'] === ifNoneExist(eventId));
      // Sent until accepted: each failed once (the receiver failed the first two requests), then was created once.
      expect(sent.map((r) => r.answer)).toEqual([503, 201]);
      for (const r of sent) {
        expect(r.path).toBe('/fhir/MedicationAdministration');
        expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
        expect(r.headers['content-type']).toBe('application/fhir+json');
        expect(r.body.identifier).toEqual([{ system: 'urn:ietf:rfc:3986', value: `urn:uuid:${eventId}` }]);
      }
    }
    expect(outboxRows(server.wardscan.repos.db).map((r) => [r.attempts, r.last_status])).toEqual([
      [2, 201],
      [2, 201],
    ]);

    const [given, notGiven] = [receiver.stored.get(`urn:ietf:rfc:3986|urn:uuid:${ids.given}`), receiver.stored.get(`urn:ietf:rfc:3986|urn:uuid:${ids.notGiven}`)];
    for (const resource of [given, notGiven]) {
      expect(validateR4(resource)).toEqual([]);
      // A create carries no id or meta of ours, and our ids mean nothing to the receiver: references by identifier.
      expect(resource.id).toBeUndefined();
      expect(resource.meta).toBeUndefined();
      expect(resource.subject).toEqual({ identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: expect.stringMatching(/^\d{10}$/) } });
      expect(JSON.stringify(resource)).not.toMatch(/"reference":"(Patient|Practitioner|MedicationRequest)\//);
    }
    expect(given).toMatchObject({ status: 'completed', medicationReference: { reference: '#pack' }, performer: [{ actor: { identifier: { system: 'https://www.gs1.org/gsrn' } } }] });
    expect(notGiven).toMatchObject({
      status: 'not-done',
      effectiveDateTime: '2026-11-24T08:00:00.000Z',
      statusReason: [{ coding: [{ system: 'http://snomed.info/sct', code: '242990004' }, { code: 'drug-unavailable' }] }],
      request: { identifier: { system: 'https://fhir.wardscan.example/Id/prescription', value: 'rx-2' } },
    });

    // Nothing more is sent: delivered records are done.
    const before = receiver.requests.length;
    await push!.runOnce();
    await new Promise((r) => setTimeout(r, 100));
    expect(receiver.requests.length).toBe(before);
  });

  it('sends a record again when the answer is lost, with the same identifier, so the receiver keeps one', async () => {
    const receiver = await startReceiver((n) => (n === 1 ? 'store-then-drop' : null));
    cleanup.push(receiver.close);
    const server = await startTestServer();
    cleanup.push(() => server.close());
    const ids = await recordTwoDoses(server);
    startFhirPush(server.wardscan.repos.db, silent, server.wardscan.httpServer, envFor(receiver.url, { WARDSCAN_FHIR_PUSH_FROM: 'start' }));
    await waitFor('both delivered', () => outboxRows(server.wardscan.repos.db).filter((r) => r.delivered_at).length === 2);
    const givenSends = receiver.requests.filter((r) => r.headers['if-none-exist'] === ifNoneExist(ids.given));
    expect(givenSends.map((r) => r.answer)).toEqual(['dropped', 200]);
    expect(givenSends[1]!.body).toEqual(givenSends[0]!.body);
    expect(receiver.stored.size).toBe(2);
  });

  it('keeps what a down receiver has not taken across a restart, and delivers each record exactly once when it is up', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/fhir`;
    const first = await startTestServer();
    cleanup.push(() => rmSync(first.dir, { recursive: true, force: true }));
    startFhirPush(first.wardscan.repos.db, silent, first.wardscan.httpServer, envFor(url));
    const ids = await recordTwoDoses(first);
    // Down: connection refused, tried and tried again with back-off.
    await waitFor('failed attempts', () => outboxRows(first.wardscan.repos.db).every((r) => r.attempts >= 2));
    expect(outboxRows(first.wardscan.repos.db).every((r) => r.delivered_at === null && r.last_status === null)).toBe(true);
    await first.wardscan.close();

    // Up again, and the server restarted on the same database.
    const receiver = await startReceiver(() => null, port);
    cleanup.push(receiver.close);
    const second: WardscanApp = createApp({
      ...DEFAULTS,
      nhsCompanyPrefixes: [...DEFAULTS.nhsCompanyPrefixes],
      gsSubstitutes: [],
      dbFile: first.dbFile,
      clientDir: null,
      passwordHashCost: 1024,
      now: () => first.clock.now(),
      logger: silent,
    });
    cleanup.push(() => second.close());
    await new Promise<void>((resolve) => second.httpServer.listen(0, '127.0.0.1', resolve));
    const push: FhirPush | null = startFhirPush(second.repos.db, silent, second.httpServer, envFor(url));
    await waitFor('both delivered after the restart', () => outboxRows(second.repos.db).every((r) => r.delivered_at));
    expect([...receiver.stored.keys()].sort()).toEqual([ids.given, ids.notGiven].map((id) => `urn:ietf:rfc:3986|urn:uuid:${id}`).sort());
    expect(receiver.requests.map((r) => r.answer)).toEqual([201, 201]);
    await push!.runOnce();
    expect(receiver.requests).toHaveLength(2);
  });
});
