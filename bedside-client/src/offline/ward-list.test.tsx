import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BandList, BandListKey, PatientScan, SessionResponse, SignedBandList } from '@wardscan/shared';
import { createHttpClient } from '../api/http.js';
import { ServicesContext } from '../services.js';
import { buildSession } from '../test/builders.js';
import { apiError, fakeServer, json } from '../test/fake-fetch.js';
import { signedInServices } from '../test/render.js';
import {
  findOnWardList,
  forgetWardList,
  identifyLocally,
  openWardListStore,
  readWardList,
  refreshWardList,
  useWardList,
  verifyWardList,
  WARD_LIST_REFRESH_MS,
  WardListError,
  WardListSession,
  type StoredWardList,
  type WardListStore,
} from './ward-list.js';

/*
 * Lists are signed here as the server signs them: node's crypto.sign, ECDSA
 * P-256 / SHA-256, IEEE P1363, over the payload's UTF-8; the key id is the
 * JWK's RFC 7638 thumbprint. The module verifies with WebCrypto
 * (globalThis.crypto.subtle, which vitest's jsdom environment has).
 */

interface Signer {
  key: BandListKey;
  privateKey: KeyObject;
}
function newSigner(): Signer {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const exported = publicKey.export({ format: 'jwk' });
  const jwk = { kty: 'EC' as const, crv: 'P-256' as const, x: String(exported.x), y: String(exported.y) };
  const keyId = createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y })).digest('base64url');
  return { key: { keyId, jwk }, privateKey };
}

const ISSUED = '2026-11-24T08:00:00.000Z';
const at = (iso: string) => new Date(iso);

const agnes = { id: 'patient-agnes-morrow', nhsNumber: '9990010137', wristbandGsrn: '509999999900101371', familyName: 'Morrow', givenName: 'Agnes', birthDate: '1941-02-17', bedLabel: 'Bed 1' };
const bernard = { id: 'patient-bernard-quill', nhsNumber: '9990020264', wristbandGsrn: '509999999900202641', familyName: 'Quill', givenName: 'Bernard', birthDate: '1950-06-01', bedLabel: 'Bed 2' };
const noBand = { id: 'patient-no-band', nhsNumber: '9990030391', wristbandGsrn: null, familyName: 'Fenwick', givenName: 'Clara', birthDate: '1960-01-01', bedLabel: null };

function bandList(signer: Signer, overrides: Partial<BandList> = {}): BandList {
  return { wardId: 'ward-1', issuedAt: ISSUED, expiresAt: '2026-11-24T20:00:00.000Z', patients: [agnes, bernard, noBand], keyId: signer.key.keyId, ...overrides };
}
function signed(signer: Signer, list: BandList = bandList(signer)): SignedBandList {
  const payload = JSON.stringify(list);
  return { payload, signature: sign('sha256', Buffer.from(payload, 'utf8'), { key: signer.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url'), keyId: signer.key.keyId };
}

function memoryStore(): WardListStore & { record: StoredWardList | null } {
  const store = {
    record: null as StoredWardList | null,
    load: async () => store.record,
    save: async (r: StoredWardList) => {
      store.record = structuredClone(r);
    },
    clear: async () => {
      store.record = null;
    },
  };
  return store;
}

const band = (gsrn: string, extra: Partial<PatientScan> = {}): PatientScan => ({ kind: 'patient', gsrn, ...extra });
const nhs = (nhsNumber: string): PatientScan => ({ kind: 'patient', nhsNumber });

/** A ward server: the key and ward-1's list, each replaceable. */
function wardServer(signer: Signer, envelope: () => SignedBandList = () => signed(signer)) {
  const server = fakeServer({
    'GET /api/band-list-key': () => json(signer.key),
    'GET /api/wards/ward-1/band-list': () => json(envelope()),
  });
  const http = createHttpClient({ token: () => 'test-token', timeoutMs: 2000 });
  const count = (path: string) => server.requests.filter((r) => r.path === path).length;
  return { server, http, count };
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('refreshWardList and identifyLocally', () => {
  it('stores a verified list and identifies a band on it by GSRN, a plain NHS Number, and nobody else', async () => {
    const signer = newSigner();
    const { http } = wardServer(signer);
    const store = memoryStore();
    const list = await refreshWardList(http, 'ward-1', { store, session: new WardListSession() });
    expect(list.patients.map((p) => p.id)).toEqual([agnes.id, bernard.id, noBand.id]);
    expect(store.record?.key).toEqual(signer.key);

    const now = at('2026-11-24T09:00:00.000Z');
    expect(await identifyLocally(band(agnes.wristbandGsrn), now, { store })).toEqual(agnes);
    expect(await identifyLocally(band(bernard.wristbandGsrn, { nhsNumber: bernard.nhsNumber, familyName: 'QUILL' }), now, { store })).toEqual(bernard);
    expect(await identifyLocally(nhs(noBand.nhsNumber), now, { store })).toEqual(noBand);
    expect(await identifyLocally(band('509999999901316941'), now, { store })).toBeNull(); // Ward 8A's patient
    expect(await identifyLocally(nhs('9990131694'), now, { store })).toBeNull();
  });

  it('fetches the key once per session and pins it: a list signed by another key is refused and the stored one kept', async () => {
    const signer = newSigner();
    let current = signer;
    const { http, server, count } = wardServer(signer, () => signed(current));
    const store = memoryStore();
    const session = new WardListSession();
    await refreshWardList(http, 'ward-1', { store, session });
    await refreshWardList(http, 'ward-1', { store, session });
    expect(count('/api/band-list-key')).toBe(1);
    expect(count('/api/wards/ward-1/band-list')).toBe(2);
    expect(session.pinnedKeyId).toBe(signer.key.keyId);
    const kept = store.record;

    // The server now signs with another key, and publishes it: this session does not take it.
    const other = newSigner();
    current = other;
    server.on('GET /api/band-list-key', () => json(other.key));
    await expect(refreshWardList(http, 'ward-1', { store, session })).rejects.toMatchObject({ problem: 'key-mismatch' });
    expect(store.record).toBe(kept);
    // A new session (a new sign-in) fetches the key again.
    await refreshWardList(http, 'ward-1', { store, session: new WardListSession() });
    expect(count('/api/band-list-key')).toBe(2);
    expect(store.record?.key).toEqual(other.key);
  });

  it('refuses a key whose id is not its thumbprint, and pins nothing when the key cannot be fetched', async () => {
    const signer = newSigner();
    const { http, server } = wardServer(signer);
    server.on('GET /api/band-list-key', () => json({ ...signer.key, keyId: 'chosen-by-someone' }));
    const session = new WardListSession();
    await expect(refreshWardList(http, 'ward-1', { store: memoryStore(), session })).rejects.toBeInstanceOf(WardListError);
    expect(session.pinnedKeyId).toBeNull();
    server.down();
    await expect(refreshWardList(http, 'ward-1', { store: memoryStore(), session })).rejects.toMatchObject({ code: 'NETWORK' });
    server.up();
    server.on('GET /api/band-list-key', () => json(signer.key));
    await refreshWardList(http, 'ward-1', { store: memoryStore(), session });
    expect(session.pinnedKeyId).toBe(signer.key.keyId);
  });

  it('does not store a list that fails its signature, or another ward’s', async () => {
    const signer = newSigner();
    const good = signed(signer);
    let reply: SignedBandList = { ...good, payload: good.payload.replace('"Morrow"', '"Morris"') };
    const { http } = wardServer(signer, () => reply);
    const store = memoryStore();
    await expect(refreshWardList(http, 'ward-1', { store })).rejects.toMatchObject({ problem: 'bad-signature' });
    reply = signed(signer, bandList(signer, { wardId: 'ward-2' }));
    await expect(refreshWardList(http, 'ward-1', { store })).rejects.toMatchObject({ problem: 'wrong-ward' });
    expect(store.record).toBeNull();
  });

  it('identifies nobody when the stored list was changed: payload, signature, or key and signature together while a key is pinned', async () => {
    const signer = newSigner();
    const { http } = wardServer(signer);
    const store = memoryStore();
    const session = new WardListSession();
    await refreshWardList(http, 'ward-1', { store, session });
    const original = store.record!;
    const now = at('2026-11-24T09:00:00.000Z');
    const scan = band(agnes.wristbandGsrn);
    expect(await identifyLocally(scan, now, { store, session })).toEqual(agnes);

    // Someone renames the patient on the handheld.
    store.record = { ...original, envelope: { ...original.envelope, payload: original.envelope.payload.replace('"Agnes"', '"Alice"') } };
    expect(await identifyLocally(scan, now, { store })).toBeNull();
    // Or lengthens the list's life.
    store.record = { ...original, envelope: { ...original.envelope, payload: original.envelope.payload.replace('2026-11-24T20:00', '2099-11-24T20:00') } };
    expect(await identifyLocally(scan, at('2026-11-25T09:00:00.000Z'), { store })).toBeNull();
    // Or flips a bit of the signature.
    const sig = Buffer.from(original.envelope.signature, 'base64url');
    sig[40] = sig[40]! ^ 0x80;
    store.record = { ...original, envelope: { ...original.envelope, signature: sig.toString('base64url') } };
    expect(await identifyLocally(scan, now, { store })).toBeNull();
    // Or swaps in the old key id with another key.
    const forger = newSigner();
    store.record = { ...original, key: { keyId: signer.key.keyId, jwk: forger.key.jwk } };
    expect(await identifyLocally(scan, now, { store })).toBeNull();
    // Or re-signs a made-up list with a key of their own: this session trusts only the key it pinned.
    store.record = { envelope: signed(forger, bandList(forger, { patients: [{ ...agnes, familyName: 'Forged' }] })), key: forger.key, storedAt: original.storedAt };
    expect(await identifyLocally(scan, now, { store, session })).toBeNull();
    // The untouched list still identifies.
    store.record = original;
    expect(await identifyLocally(scan, now, { store, session })).toEqual(agnes);
  });

  it('identifies nobody once the list has expired, when it is dated well ahead of the handheld clock, or is another ward’s', async () => {
    const signer = newSigner();
    const store = memoryStore();
    await refreshWardList(wardServer(signer).http, 'ward-1', { store });
    const scan = band(agnes.wristbandGsrn);
    expect(await identifyLocally(scan, at('2026-11-24T19:59:59.999Z'), { store })).toEqual(agnes);
    expect(await identifyLocally(scan, at('2026-11-24T20:00:00.000Z'), { store })).toBeNull();
    // A handheld clock a few minutes behind the server is fine; one far behind is not trusted.
    expect(await identifyLocally(scan, at('2026-11-24T07:55:00.000Z'), { store })).toEqual(agnes);
    expect(await identifyLocally(scan, at('2026-11-24T07:00:00.000Z'), { store })).toBeNull();
    expect(await identifyLocally(scan, at('2026-11-24T09:00:00.000Z'), { store, wardId: 'ward-2' })).toBeNull();
    expect(await identifyLocally(scan, at('2026-11-24T09:00:00.000Z'), { store, wardId: 'ward-1' })).toEqual(agnes);
  });

  it('identifies nobody with no list stored, or a store that fails', async () => {
    expect(await identifyLocally(band(agnes.wristbandGsrn), at(ISSUED), { store: memoryStore() })).toBeNull();
    const broken: WardListStore = { load: () => Promise.reject(new Error('quota')), save: async () => {}, clear: async () => {} };
    expect(await identifyLocally(band(agnes.wristbandGsrn), at(ISSUED), { store: broken })).toBeNull();
  });

  it('keeps the list in IndexedDB across a reload, and forgets it on request', async () => {
    const signer = newSigner();
    const name = `band-list-${crypto.randomUUID()}`;
    await refreshWardList(wardServer(signer).http, 'ward-1', { store: openWardListStore(name) });
    const reloaded = openWardListStore(name);
    const now = at('2026-11-24T09:00:00.000Z');
    expect(await identifyLocally(band(agnes.wristbandGsrn), now, { store: reloaded })).toEqual(agnes);
    expect((await readWardList(now, { store: reloaded }))?.wardId).toBe('ward-1');
    await forgetWardList({ store: reloaded });
    expect(await identifyLocally(band(agnes.wristbandGsrn), now, { store: openWardListStore(name) })).toBeNull();
  });
});

describe('verifyWardList', () => {
  it('names what is wrong', async () => {
    const signer = newSigner();
    const envelope = signed(signer);
    expect(await verifyWardList(envelope, signer.key)).toMatchObject({ ok: true, list: { wardId: 'ward-1' } });
    expect(await verifyWardList({ ...envelope, keyId: 'other' }, signer.key)).toEqual({ ok: false, problem: 'key-mismatch' });
    expect(await verifyWardList({ ...envelope, signature: envelope.signature.slice(0, 40) }, signer.key)).toEqual({ ok: false, problem: 'bad-signature' });
    expect(await verifyWardList(envelope, signer.key, { wardId: 'ward-2' })).toEqual({ ok: false, problem: 'wrong-ward' });
    expect(await verifyWardList(envelope, signer.key, { now: at('2026-11-25T00:00:00.000Z') })).toEqual({ ok: false, problem: 'expired' });
    expect(await verifyWardList(envelope, signer.key, { now: at('2026-11-23T00:00:00.000Z') })).toEqual({ ok: false, problem: 'not-yet-valid' });
    // Signed, but not a band list: refused after the signature, never trusted as one.
    const odd = { payload: '{"hello":1}', signature: sign('sha256', Buffer.from('{"hello":1}'), { key: signer.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url'), keyId: signer.key.keyId };
    expect(await verifyWardList(odd, signer.key)).toEqual({ ok: false, problem: 'malformed' });
    // A list naming another key inside its signed text.
    expect(await verifyWardList(signed(signer, bandList(signer, { keyId: 'another' })), signer.key)).toEqual({ ok: false, problem: 'key-mismatch' });
  });

  it('takes a DER signature for what it is: not P1363, refused', async () => {
    const signer = newSigner();
    const envelope = signed(signer);
    const der = sign('sha256', Buffer.from(envelope.payload, 'utf8'), signer.privateKey).toString('base64url');
    expect(await verifyWardList({ ...envelope, signature: der }, signer.key)).toEqual({ ok: false, problem: 'bad-signature' });
  });
});

describe('findOnWardList', () => {
  const signer = newSigner();
  const list = bandList(signer);
  it('prefers the GSRN, and refuses a band whose identifiers or details disagree with the record', () => {
    expect(findOnWardList(list, band(agnes.wristbandGsrn, { nhsNumber: agnes.nhsNumber, givenName: 'agnes ', birthDate: agnes.birthDate }))).toEqual(agnes);
    // GSRN names Agnes, NHS Number names Bernard.
    expect(findOnWardList(list, band(agnes.wristbandGsrn, { nhsNumber: bernard.nhsNumber }))).toBeNull();
    // GSRN names Agnes, the NHS Number is someone not on this ward.
    expect(findOnWardList(list, band(agnes.wristbandGsrn, { nhsNumber: '9990131694' }))).toBeNull();
    // NHS Number names Agnes, but her record has another band.
    expect(findOnWardList(list, band('509999999999999999', { nhsNumber: agnes.nhsNumber }))).toBeNull();
    expect(findOnWardList(list, band(agnes.wristbandGsrn, { familyName: 'Morris' }))).toBeNull();
    expect(findOnWardList(list, band(agnes.wristbandGsrn, { birthDate: '1941-02-18' }))).toBeNull();
    expect(findOnWardList(list, { kind: 'patient' })).toBeNull();
  });

  it('with wristbandOnly, a plain NHS Number barcode identifies nobody', () => {
    expect(findOnWardList(list, nhs(agnes.nhsNumber))).toEqual(agnes);
    expect(findOnWardList(list, nhs(agnes.nhsNumber), { wristbandOnly: true })).toBeNull();
    expect(findOnWardList(list, band(agnes.wristbandGsrn), { wristbandOnly: true })).toEqual(agnes);
  });
});

describe('useWardList', () => {
  function setup(session: SessionResponse = buildSession()) {
    const signer = newSigner();
    const ward = wardServer(signer);
    const store = memoryStore();
    const services = signedInServices({ session });
    const wrapper = ({ children }: { children: ReactNode }) => <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
    return { ...ward, store, wrapper };
  }

  it('fetches at sign-in when online, every five minutes, and when the connection comes back', async () => {
    // Only the hook's interval is faked (vi.waitFor moves it on by its own small steps, far below five minutes).
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { count, store, wrapper, server } = setup();
    const hook = renderHook(({ online }) => useWardList(online, { store }), { wrapper, initialProps: { online: true } });
    await vi.waitFor(() => expect(hook.result.current.list?.wardId).toBe('ward-1'));
    expect(count('/api/wards/ward-1/band-list')).toBe(1);

    await act(async () => {
      vi.advanceTimersByTime(WARD_LIST_REFRESH_MS);
    });
    await vi.waitFor(() => expect(count('/api/wards/ward-1/band-list')).toBe(2));

    // Offline: no polling.
    server.down();
    hook.rerender({ online: false });
    await act(async () => {
      vi.advanceTimersByTime(3 * WARD_LIST_REFRESH_MS);
    });
    expect(count('/api/wards/ward-1/band-list')).toBe(2);

    // Back: at once.
    server.up();
    hook.rerender({ online: true });
    await vi.waitFor(() => expect(count('/api/wards/ward-1/band-list')).toBe(3));
    expect(count('/api/band-list-key')).toBe(1);
    expect(await hook.result.current.identify(band(agnes.wristbandGsrn), at('2026-11-24T09:00:00.000Z'))).toEqual(agnes);
    hook.unmount();
  });

  it('starting offline, shows the list stored before and fetches nothing', async () => {
    const { count, store, wrapper, http } = setup();
    await refreshWardList(http, 'ward-1', { store, session: new WardListSession() });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(at('2026-11-24T09:00:00.000Z'));
    const hook = renderHook(() => useWardList(false, { store }), { wrapper });
    await waitFor(() => expect(hook.result.current.list?.patients).toHaveLength(3));
    expect(count('/api/wards/ward-1/band-list')).toBe(1);
    expect(await hook.result.current.identify(band(bernard.wristbandGsrn))).toEqual(bernard);
  });

  it('says why a refresh failed, and fetches nothing for a role without a bedside', async () => {
    const { server, store, wrapper } = setup();
    server.on('GET /api/wards/ward-1/band-list', () => apiError(403, 'FORBIDDEN', "You can only have your own ward's band list."));
    const hook = renderHook(() => useWardList(true, { store }), { wrapper });
    await waitFor(() => expect(hook.result.current.error).toBe("You can only have your own ward's band list."));
    expect(hook.result.current.list).toBeNull();

    const manager = setup(buildSession({ role: 'ward-manager' }));
    const managerHook = renderHook(() => useWardList(true, { store: manager.store }), { wrapper: manager.wrapper });
    await act(async () => {
      await managerHook.result.current.refresh();
    });
    expect(manager.server.requests).toEqual([]);
    expect(await managerHook.result.current.identify(band(agnes.wristbandGsrn))).toBeNull();
  });
});
