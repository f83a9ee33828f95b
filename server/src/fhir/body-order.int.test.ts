import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.js';
import { admissionBundle, fhir } from './test/support.js';

/*
 * Issue 16: a FHIR body is read only after the token (and, for the import, the admin role) is
 * checked, and only by the one route that takes a body (the transaction import, 5 MB). The server
 * runs in this process, so JSON.parse is watched directly: a refused body is never parsed.
 */

let server: TestServer;
let admin: string;
let nurse: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = await server.signIn('demo-admin');
  nurse = await server.signIn('demo-nurse');
});
afterAll(() => server.close());
afterEach(() => vi.restoreAllMocks());

const MB = 1024 * 1024;
/** A well-formed JSON text of about `bytes` bytes (a Bundle with one long string). */
const bigJson = (bytes: number) => {
  const head = '{"resourceType":"Bundle","type":"transaction","entry":[],"note":"';
  return `${head}${'x'.repeat(bytes - head.length - 2)}"}`;
};
/** Lengths of the strings JSON.parse is given from now on that are as long as a body this big. */
function watchParse(atLeast: number): number[] {
  const seen: number[] = [];
  const parse = JSON.parse;
  vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
    if (typeof text === 'string' && text.length >= atLeast) seen.push(text.length);
    return parse(text, reviver);
  });
  return seen;
}

describe('FHIR bodies are read after the token', () => {
  it('refuses an unauthenticated 5 MB import with 401, without parsing it', async () => {
    const body = bigJson(5 * 1000 * 1000); // under the 5 MB (5 MiB) limit: only the missing token refuses it
    const parsed = watchParse(MB);
    const res = await fhir(server, 'POST', '', { raw: body });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'login' }] });
    expect(parsed).toEqual([]);
  });

  it('refuses a bad token and a non-admin the same way, unparsed (even a body that is not JSON at all)', async () => {
    const notJson = `{${'x'.repeat(5 * 1000 * 1000)}`;
    const parsed = watchParse(MB);
    expect((await fhir(server, 'POST', '', { raw: notJson, token: 'not-a-session' })).status).toBe(401);
    // Parsed first, this would be a 400 'not valid JSON'.
    const asNurse = await fhir(server, 'POST', '', { raw: notJson, token: nurse });
    expect(asNurse.status).toBe(403);
    expect(asNurse.body.issue[0].code).toBe('forbidden');
    expect(parsed).toEqual([]);
  });

  it('parses no body on the read routes, even a signed-in one', async () => {
    const parsed = watchParse(MB);
    const res = await fetch(`${server.baseUrl}/fhir/r4/Patient?identifier=9990000018`, {
      method: 'GET',
      headers: { authorization: `Bearer ${nurse}`, 'content-type': 'application/fhir+json' },
      // fetch will not send a GET body; a body on another method to a read path is the same case.
    });
    expect(res.status).toBe(200);
    const posted = await fhir(server, 'POST', '/Patient', { raw: bigJson(2 * MB), token: admin });
    expect(posted.status).toBe(405); // create is not an interaction we offer (issue 13: 405, not 404)
    expect(parsed).toEqual([]);
  });

  it("still reads an admin's import, and refuses one past 5 MB with 413", async () => {
    expect((await fhir(server, 'POST', '', { token: admin, body: admissionBundle() })).status).toBe(200);
    const parsed = watchParse(MB);
    const tooBig = await fhir(server, 'POST', '', { raw: bigJson(5 * MB + 1), token: admin });
    expect(tooBig.status).toBe(413);
    expect(parsed).toEqual([]);
    const junk = await fhir(server, 'POST', '', { raw: `{${'x'.repeat(2 * MB)}`, token: admin });
    expect(junk.status).toBe(400);
    expect(junk.body.issue[0].code).toBe('structure');
  });

  it("parses and validates an admin's import on the import thread, not the event loop (issue 16)", async () => {
    const raw = JSON.stringify(admissionBundle());
    const parsed = watchParse(raw.length);
    const res = await fhir(server, 'POST', '', { raw, token: admin });
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('transaction-response');
    expect(parsed).toEqual([]);
  });

  it('takes UTF-8 only: other bytes are 400, another declared charset 415', async () => {
    const post = (body: Uint8Array, type: string) =>
      fetch(`${server.baseUrl}/fhir/r4`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': type, accept: 'application/fhir+json' }, body });
    // "Zoë" in ISO 8859-1: the ë is byte 0xEB, not UTF-8.
    const latin1 = Uint8Array.from([...Buffer.from('{"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"Patient","name":[{"family":"Zo'), 0xeb, ...Buffer.from('"}]}}]}')]);
    const bad = await post(latin1, 'application/fhir+json');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issue: { details: { text: string } }[] }).issue[0]!.details.text).toMatch(/not valid UTF-8/);
    const declared = await post(latin1, 'application/fhir+json; charset=iso-8859-1');
    expect(declared.status).toBe(415);
  });
});
