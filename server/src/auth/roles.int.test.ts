import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@wardscan/shared';
import { OPERATIONS } from '../openapi/operations.js';
import { testGtin } from '../test/fixtures.js';
import { startTestServer, uuid, type TestServer } from '../test/harness.js';

/*
 * The role matrix: every protected route, each role, allowed (not 403) or
 * forbidden (403). Allowed requests may still fail validation (400/404/409);
 * the point is the role decision.
 */

let server: TestServer;
const tokens = {} as Record<Role | 'nurse-8a' | 'manager-8a', string>;

beforeAll(async () => {
  server = await startTestServer();
  tokens.nurse = await server.signIn('demo-nurse');
  tokens.pharmacist = await server.signIn('demo-pharmacist');
  tokens['ward-manager'] = await server.signIn('demo-manager');
  tokens.admin = await server.signIn('demo-admin');
  tokens['nurse-8a'] = await server.signIn('demo-nurse-8a');
  tokens['manager-8a'] = await server.signIn('demo-manager-8a');
});
afterAll(async () => server.close());

const product = {
  kind: 'drug', gtins: [testGtin()], name: 'Role test 1 mg tablets', drug: 'roletest', dmdCode: null,
  strength: { numerator: { value: '1', unit: 'mg' }, denominator: { value: '1', unit: 'tablet' } }, form: 'tablet', routes: ['oral'], highAlert: false, scored: false,
};
type Who = keyof typeof tokens;
interface Case {
  name: string;
  method: string;
  path: string | (() => string);
  body?: () => unknown;
  allowed: Who[];
}
const ALL: Who[] = ['nurse', 'pharmacist', 'ward-manager', 'admin', 'nurse-8a', 'manager-8a'];
// Blood and devices at the bedside: nurses and ward managers, of any ward (the patient on the handheld decides).
const BEDSIDE_STAFF: Who[] = ['nurse', 'ward-manager', 'nurse-8a', 'manager-8a'];
const cases: Case[] = [
  { name: 'scan', method: 'POST', path: '/scans', body: () => ({ deviceId: 'd', eventId: uuid(), raw: '4145099998071012', source: 'scanner' }), allowed: ['nurse', 'nurse-8a'] },
  { name: 'administer', method: 'POST', path: '/administrations', body: () => ({ deviceId: 'd', eventId: uuid(), productScanEventId: uuid(), prescriptionId: 'rx-1' }), allowed: ['nurse', 'nurse-8a'] },
  { name: 'finish patient', method: 'DELETE', path: '/devices/d-roles/context', allowed: ['nurse', 'nurse-8a'] },
  { name: 'read a Ward 7B patient', method: 'GET', path: '/patients/patient-agnes-morrow', allowed: ['nurse', 'ward-manager', 'admin'] },
  { name: 'list patients', method: 'GET', path: '/patients', allowed: ['admin'] },
  { name: 'admit a patient', method: 'POST', path: '/patients', body: () => ({}), allowed: ['admin'] },
  { name: 'list wards', method: 'GET', path: '/wards', allowed: ALL },
  { name: 'add a ward', method: 'POST', path: '/wards', body: () => ({}), allowed: ['admin'] },
  { name: 'search dm+d', method: 'GET', path: '/dmd/products?q=para', allowed: ['pharmacist', 'admin'] },
  { name: 'search products', method: 'GET', path: '/products?q=para', allowed: ALL },
  { name: 'add a product', method: 'POST', path: '/products', body: () => ({}), allowed: ['pharmacist', 'admin'] },
  { name: 'change a product', method: 'PUT', path: '/products/product-1', body: () => ({}), allowed: ['pharmacist', 'admin'] },
  { name: 'list recalls', method: 'GET', path: '/recalls', allowed: ALL },
  { name: 'record a recall', method: 'POST', path: '/recalls', body: () => ({}), allowed: ['pharmacist', 'admin'] },
  { name: 'lift a recall', method: 'POST', path: '/recalls/recall-none/lift', allowed: ['pharmacist', 'admin'] },
  { name: 'read the PRN effect review rules', method: 'GET', path: '/prn-review-rules', allowed: ALL },
  { name: 'set the PRN effect review rules', method: 'PUT', path: '/prn-review-rules', body: () => ({}), allowed: ['pharmacist', 'admin'] },
  { name: 'read the Ward 7B audit', method: 'GET', path: '/audit?wardId=ward-7b', allowed: ['ward-manager', 'admin'] },
  { name: 'read the audit (own ward by default)', method: 'GET', path: '/audit', allowed: ['ward-manager', 'manager-8a', 'admin'] },
  { name: 'read Ward 7B metrics', method: 'GET', path: '/metrics/ward/ward-7b', allowed: ['ward-manager', 'admin'] },
  { name: "read Ward 7B's workaround radar", method: 'GET', path: '/wards/ward-7b/radar', allowed: ['ward-manager', 'admin'] },
  { name: "read Ward 7B's radar thresholds", method: 'GET', path: '/wards/ward-7b/radar-settings', allowed: ['ward-manager', 'admin'] },
  { name: "set Ward 7B's radar thresholds", method: 'PUT', path: '/wards/ward-7b/radar-settings', body: () => ({ bad: 1 }), allowed: ['ward-manager', 'admin'] },
  { name: 'read Ward 7B compliance', method: 'GET', path: '/metrics/ward/ward-7b/compliance', allowed: ['ward-manager', 'admin'] },
  { name: 'read the trust compliance view', method: 'GET', path: '/metrics/trust/compliance', allowed: ['admin'] },
  { name: 'export the trust MeasureReport', method: 'GET', path: '/metrics/trust/measure-report', allowed: ['admin'] },
  { name: 'list staff', method: 'GET', path: '/staff', allowed: ['admin'] },
  { name: 'add staff', method: 'POST', path: '/staff', body: () => ({}), allowed: ['admin'] },
  // Empty bodies and an unknown id: an allowed role gets 400 or 404, and no shared token's account is changed.
  { name: 'deactivate or reactivate staff', method: 'PUT', path: '/staff/staff-none/active', body: () => ({}), allowed: ['admin'] },
  { name: "reset a staff member's password", method: 'PUT', path: '/staff/staff-none/password', body: () => ({}), allowed: ['admin'] },
  { name: "reset a staff member's PIN", method: 'PUT', path: '/staff/staff-none/pin', body: () => ({}), allowed: ['admin'] },
  { name: "end a staff member's sessions", method: 'DELETE', path: '/staff/staff-none/sessions', allowed: ['admin'] },
  { name: 'change my password', method: 'PUT', path: '/me/password', body: () => ({}), allowed: ALL },
  { name: 'change my PIN', method: 'PUT', path: '/me/pin', body: () => ({}), allowed: ALL },
  { name: 'read me', method: 'GET', path: '/me', allowed: ALL },
  { name: 'reprint a Ward 7B wristband', method: 'GET', path: '/patients/patient-agnes-morrow/wristband.pdf', allowed: ['nurse', 'admin'] },
  { name: 'print the demo labels', method: 'GET', path: '/labels/demo-ward.pdf', allowed: ['pharmacist', 'admin'] },
  { name: 'check a blood unit', method: 'POST', path: '/transfusions/check', body: () => ({}), allowed: BEDSIDE_STAFF },
  { name: 'second-check a blood unit', method: 'POST', path: () => `/transfusions/checks/${uuid()}/second-checker`, body: () => ({}), allowed: BEDSIDE_STAFF },
  { name: 'start a transfusion', method: 'POST', path: '/transfusions/start', body: () => ({}), allowed: BEDSIDE_STAFF },
  { name: 'end a transfusion', method: 'POST', path: '/transfusions/transfusion-none/end', body: () => ({}), allowed: BEDSIDE_STAFF },
  { name: "read a Ward 7B patient's transfusions", method: 'GET', path: '/patients/patient-agnes-morrow/transfusions', allowed: ['nurse', 'ward-manager', 'admin'] },
  { name: "read Ward 7B's standard administration times", method: 'GET', path: '/wards/ward-7b/round-times', allowed: ['nurse', 'ward-manager', 'admin'] },
  { name: "set Ward 7B's standard administration times", method: 'PUT', path: '/wards/ward-7b/round-times', body: () => ({}), allowed: ['ward-manager', 'admin'] },
  { name: "read Ward 7B's scan settings", method: 'GET', path: '/wards/ward-7b/scan-settings', allowed: ['nurse', 'ward-manager', 'admin'] },
  { name: "read Ward 7B's band list", method: 'GET', path: '/wards/ward-7b/band-list', allowed: ['nurse'] },
  { name: "read a Ward 7B patient's chart", method: 'GET', path: '/patients/patient-agnes-morrow/chart', allowed: ['nurse', 'ward-manager', 'admin'] },
  { name: "read Ward 7B's round", method: 'GET', path: '/wards/ward-7b/round', allowed: ['nurse', 'ward-manager', 'admin'] },
  { name: "read Ward 7B's orders needing review", method: 'GET', path: '/wards/ward-7b/orders-needing-review', allowed: ['ward-manager', 'admin'] },
  { name: 'identify a Ward 7B patient from the list', method: 'POST', path: '/manual-identifications', body: () => ({ deviceId: 'd', eventId: uuid(), patientId: 'patient-agnes-morrow', reason: 'band-unreadable' }), allowed: ['nurse'] },
  { name: 'witness a dose', method: 'POST', path: '/witnesses', body: () => ({}), allowed: ['nurse', 'nurse-8a'] },
  // A Ward 7B order: the 8A nurse is refused by ward.
  { name: 'document a Ward 7B dose not given', method: 'POST', path: '/not-given', body: () => ({ deviceId: 'd', eventId: uuid(), prescriptionId: 'rx-1', slotAt: '2026-11-24T12:00:00.000Z', reason: 'patient-away' }), allowed: ['nurse'] },
  { name: "record a PRN dose's effect", method: 'POST', path: '/administrations/adm-none/effect', body: () => ({}), allowed: ['nurse', 'nurse-8a'] },
  { name: 'read the band list key', method: 'GET', path: '/band-list-key', allowed: ALL },
  { name: "set Ward 7B's scan settings", method: 'PUT', path: '/wards/ward-7b/scan-settings', body: () => ({}), allowed: ['admin'] },
  { name: "read Ward 7B's transfusion policy", method: 'GET', path: '/wards/ward-7b/transfusion-policy', allowed: ['nurse', 'ward-manager', 'admin'] },
  { name: "set Ward 7B's transfusion policy", method: 'PUT', path: '/wards/ward-7b/transfusion-policy', body: () => ({}), allowed: ['admin'] },
  { name: "record a patient's blood group", method: 'PUT', path: '/patients/patient-agnes-morrow/blood-group', body: () => ({}), allowed: ['admin'] },
  { name: 'order blood', method: 'POST', path: '/transfusions/orders', body: () => ({}), allowed: ['admin'] },
  { name: 'issue a blood unit', method: 'POST', path: '/transfusions/issued-units', body: () => ({}), allowed: ['admin'] },
  { name: 'associate a device', method: 'POST', path: '/equipment/assign', body: () => ({}), allowed: BEDSIDE_STAFF },
  { name: 'release a device', method: 'POST', path: '/equipment/release', body: () => ({}), allowed: BEDSIDE_STAFF },
  { name: "see Ward 7B's devices", method: 'GET', path: '/equipment/assignments?wardId=ward-7b', allowed: ['nurse', 'ward-manager', 'admin'] },
  { name: 'list system clients', method: 'GET', path: '/smart-clients', allowed: ['admin'] },
  { name: 'register a system client', method: 'POST', path: '/smart-clients', body: () => ({}), allowed: ['admin'] },
  { name: 'deactivate a system client', method: 'DELETE', path: '/smart-clients/client-none', allowed: ['admin'] },
];

describe('role matrix', () => {
  it('has a case for every documented route that needs a sign-in', () => {
    const template = (path: string) => new RegExp(`^${path.replace(/:[^/]+/g, '[^/]+')}$`);
    // Every signed-in user may sign out; the 401 tests below cover it (here it would revoke the shared tokens).
    const coveredElsewhere = ['DELETE /sessions/current'];
    const uncovered = OPERATIONS.filter((op) => op.roles !== null && !coveredElsewhere.includes(`${op.method.toUpperCase()} ${op.path}`)).filter(
      (op) => !cases.some((c) => c.method === op.method.toUpperCase() && template(op.path).test((typeof c.path === 'function' ? c.path() : c.path).split('?')[0] ?? '')),
    );
    expect(uncovered.map((op) => `${op.method.toUpperCase()} ${op.path}`)).toEqual([]);
  });

  for (const c of cases) {
    for (const who of ALL) {
      const allowed = c.allowed.includes(who);
      it(`${allowed ? 'lets' : 'forbids (403)'} ${who}: ${c.name}`, async () => {
        const path = typeof c.path === 'function' ? c.path() : c.path;
        const res = await server.api(c.method, path, { token: tokens[who], ...(c.body ? { body: c.body() } : {}) });
        if (allowed) expect(res.status, JSON.stringify(res.body)).not.toBe(403);
        else {
          expect(res.status).toBe(403);
          expect(res.body.error.code).toBe('FORBIDDEN');
        }
      });
    }
  }

  it('lets a pharmacist add a product and an admin not duplicate its GTIN (409 on gtins)', async () => {
    const created = await server.api('POST', '/products', { token: tokens.pharmacist, body: product });
    expect(created.status).toBe(201);
    const dup = await server.api('POST', '/products', { token: tokens.admin, body: { ...product, name: 'Another' } });
    expect(dup.status).toBe(409);
    expect(dup.body.error.field).toBe('gtins');
    // Named so the pharmacist knows which product already has it.
    expect(dup.body.error.message).toContain(`linked to ${product.name}`);
  });

  it('answers 401 without a token and with a revoked one', async () => {
    expect((await server.api('GET', '/me')).status).toBe(401);
    const token = await server.signIn('demo-nurse');
    expect((await server.api('DELETE', '/sessions/current', { token })).status).toBe(204);
    const after = await server.api('GET', '/me', { token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('expires tokens after the session length', async () => {
    const token = await server.signIn('demo-nurse');
    server.clock.advance(12 * 3600_000 + 1000);
    expect((await server.api('GET', '/me', { token })).status).toBe(401);
    server.clock.set('2026-11-24T08:00:00.000Z');
  });

  it('signs in by badge barcode and PIN, and audits a failed sign-in', async () => {
    const ok = await server.api('POST', '/sessions', { body: { badge: '8017509999800000000016', pin: '246810' } });
    expect(ok.status).toBe(201);
    expect(ok.body.user).toMatchObject({ id: 'staff-demo-nurse', role: 'nurse', wardId: 'ward-7b' });
    const bad = await server.api('POST', '/sessions', { body: { badge: '8017509999800000000016', pin: '9999' } });
    expect(bad.status).toBe(401);
    const failed = server.wardscan.repos.db.prepare("SELECT count(*) FROM audit_log WHERE type = 'sign-in-failed'").pluck().get();
    expect(failed).toBeGreaterThan(0);
  });
});
