import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import {
  bandListKeySchema,
  bandListSchema,
  signedBandListSchema,
  type BandList,
  type BandListJwk,
  type BandListKey,
  type BandListPatient,
  type PatientScan,
  type SignedBandList,
} from '@wardscan/shared';
import { errorMessage } from '../api/api-error.js';
import type { HttpClient } from '../api/http.js';
import { useServices } from '../services.js';

/*
 * The ward's band list on the handheld (issue 12): a signed copy of who is on
 * this ward, so that a wristband scanned while the server cannot be reached
 * shows a patient only when the band names someone on it. Otherwise the
 * screen shows "identifying…" and nobody's name.
 *
 * The list is kept (in IndexedDB) as the server signed it: the payload text,
 * its ECDSA P-256 / SHA-256 signature and the public key it verified with.
 * Every use verifies it again with WebCrypto and checks its expiry, so a list
 * changed in storage, expired, or for another ward identifies nobody.
 *
 * The key is fetched once per session and pinned: a list signed by any other
 * key is refused for the rest of the session (sign in again after the
 * server's key has changed). The key's id is its RFC 7638 thumbprint, which
 * is checked too, so a stored key cannot be swapped under the same id.
 */

export type WardList = BandList;
export type WardListPatient = BandListPatient;

/** How often a signed-in nurse's handheld fetches the list again while online. */
export const WARD_LIST_REFRESH_MS = 5 * 60_000;
/** How far the handheld's clock may be behind the server's before a new list counts as not yet valid. */
export const WARD_LIST_CLOCK_SKEW_MS = 10 * 60_000;

/** Why a list was refused. */
export type WardListProblem =
  | 'no-webcrypto'
  | 'key-mismatch'
  | 'bad-signature'
  | 'malformed'
  | 'wrong-ward'
  | 'expired'
  | 'not-yet-valid';

export type WardListCheck = { ok: true; list: WardList } | { ok: false; problem: WardListProblem };

export class WardListError extends Error {
  constructor(
    readonly problem: WardListProblem,
    message: string,
  ) {
    super(message);
    this.name = 'WardListError';
  }
}

const PROBLEM_WORDS: Record<WardListProblem, string> = {
  'no-webcrypto': 'This browser cannot check signatures here (the page needs HTTPS).',
  'key-mismatch': 'The ward list was signed with a different key than this session trusts. Sign in again.',
  'bad-signature': 'The ward list does not match its signature.',
  malformed: 'The ward list is not in a form this app understands.',
  'wrong-ward': 'The ward list is for another ward.',
  expired: 'The ward list has expired.',
  'not-yet-valid': "The ward list is dated later than this handheld's clock. Check the clock.",
};

// ---------------------------------------------------------------------------
// Storage

/** What the handheld keeps: the envelope as received and the key it verified with. */
export interface StoredWardList {
  envelope: SignedBandList;
  key: BandListKey;
  /** When this handheld stored it (its own clock). */
  storedAt: string;
}

export interface WardListStore {
  load(): Promise<StoredWardList | null>;
  save(record: StoredWardList): Promise<void>;
  clear(): Promise<void>;
}

interface WardListDb extends DBSchema {
  lists: { key: string; value: StoredWardList };
}

/** One list per handheld: a new sign-in's list (any ward) replaces the one before. */
const CURRENT = 'current';

/** The IndexedDB store (opened on first use). */
export function openWardListStore(name = 'wardscan-band-list'): WardListStore {
  let opening: Promise<IDBPDatabase<WardListDb>> | null = null;
  const db = (): Promise<IDBPDatabase<WardListDb>> =>
    (opening ??= openDB<WardListDb>(name, 1, {
      upgrade(database) {
        database.createObjectStore('lists');
      },
    }).catch((error: unknown) => {
      opening = null; // try again next time
      throw error;
    }));
  return {
    async load() {
      const record = await (await db()).get('lists', CURRENT);
      return record ?? null;
    },
    async save(record) {
      await (await db()).put('lists', record, CURRENT);
    },
    async clear() {
      await (await db()).delete('lists', CURRENT);
    },
  };
}

let defaultStore: WardListStore | null = null;
const storeOf = (options: { store?: WardListStore }): WardListStore => options.store ?? (defaultStore ??= openWardListStore());

// ---------------------------------------------------------------------------
// Verification (WebCrypto, as the server's integration test does)

const subtleCrypto = (): SubtleCrypto | null => globalThis.crypto?.subtle ?? null;

function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '='));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

function bytesToBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** RFC 7638 thumbprint of a P-256 JWK: SHA-256 of its required members in lexical order, base64url. */
export async function jwkThumbprint(jwk: BandListJwk): Promise<string> {
  const subtle = subtleCrypto();
  if (!subtle) throw new WardListError('no-webcrypto', PROBLEM_WORDS['no-webcrypto']);
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return bytesToBase64Url(new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(canonical))));
}

/** Imported keys by their JWK: importing is cheap, but a scan should not wait on it twice. */
const imported = new Map<string, Promise<CryptoKey>>();
function importVerifyKey(subtle: SubtleCrypto, jwk: BandListJwk): Promise<CryptoKey> {
  const id = `${jwk.x}.${jwk.y}`;
  let key = imported.get(id);
  if (!key) {
    key = subtle.importKey('jwk', { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    key.catch(() => imported.delete(id));
    imported.set(id, key);
  }
  return key;
}

/**
 * Checks a signed band list: the key is the envelope's and its id is its
 * thumbprint, the signature verifies over the payload text, the payload is a
 * band list signed by that key, for `wardId` when given, and, when `now` is
 * given, issued (allowing for clock skew) and not yet expired at `now`.
 */
export async function verifyWardList(envelope: SignedBandList, key: BandListKey, expected: { wardId?: string; now?: Date } = {}): Promise<WardListCheck> {
  const subtle = subtleCrypto();
  if (!subtle) return { ok: false, problem: 'no-webcrypto' };
  if (envelope.keyId !== key.keyId) return { ok: false, problem: 'key-mismatch' };
  if ((await jwkThumbprint(key.jwk)) !== key.keyId) return { ok: false, problem: 'key-mismatch' };
  const signature = base64UrlToBytes(envelope.signature);
  if (!signature || signature.length !== 64) return { ok: false, problem: 'bad-signature' };
  let verified: boolean;
  try {
    const publicKey = await importVerifyKey(subtle, key.jwk);
    verified = await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, signature, new TextEncoder().encode(envelope.payload));
  } catch {
    verified = false;
  }
  if (!verified) return { ok: false, problem: 'bad-signature' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(envelope.payload);
  } catch {
    return { ok: false, problem: 'malformed' };
  }
  const list = bandListSchema.safeParse(parsed);
  if (!list.success) return { ok: false, problem: 'malformed' };
  if (list.data.keyId !== key.keyId) return { ok: false, problem: 'key-mismatch' };
  if (expected.wardId !== undefined && list.data.wardId !== expected.wardId) return { ok: false, problem: 'wrong-ward' };
  if (expected.now) {
    const t = expected.now.getTime();
    if (!(t < Date.parse(list.data.expiresAt))) return { ok: false, problem: 'expired' };
    if (t < Date.parse(list.data.issuedAt) - WARD_LIST_CLOCK_SKEW_MS) return { ok: false, problem: 'not-yet-valid' };
  }
  return { ok: true, list: list.data };
}

// ---------------------------------------------------------------------------
// The session's pinned key

/** One sign-in's trust in the server's key: fetched once, then pinned. */
export class WardListSession {
  #key: Promise<BandListKey> | null = null;
  #pinned: BandListKey | null = null;

  /** The pinned key's id, once a key has been fetched. */
  get pinnedKeyId(): string | null {
    return this.#pinned?.keyId ?? null;
  }

  /** The pinned key, fetched (and its id checked against its thumbprint) on first use. */
  key(http: HttpClient): Promise<BandListKey> {
    this.#key ??= (async () => {
      const key = await http.get('/api/band-list-key', bandListKeySchema);
      if ((await jwkThumbprint(key.jwk)) !== key.keyId) throw new WardListError('key-mismatch', 'The ward list key does not match its id.');
      this.#pinned = key;
      return key;
    })().catch((error: unknown) => {
      this.#key = null; // nothing pinned: the next refresh asks again
      throw error;
    });
    return this.#key;
  }
}

/** Without a session of its own, a caller shares one per HTTP client (one per page). */
const sessions = new WeakMap<HttpClient, WardListSession>();
function sessionFor(http: HttpClient, session?: WardListSession): WardListSession {
  if (session) return session;
  let shared = sessions.get(http);
  if (!shared) sessions.set(http, (shared = new WardListSession()));
  return shared;
}

export interface WardListOptions {
  /** Default: the IndexedDB store. */
  store?: WardListStore;
  /** Default: one session per HTTP client. */
  session?: WardListSession;
}

// ---------------------------------------------------------------------------
// Refresh and local identification

/**
 * Fetches the ward's band list (and, once per session, the key), verifies it
 * and stores it. Throws the http client's `ApiError` when the server cannot
 * be reached or refuses, and a `WardListError` when the list does not verify;
 * either way the list stored before is kept (it is still checked on each use).
 */
export async function refreshWardList(http: HttpClient, wardId: string, options: WardListOptions = {}): Promise<WardList> {
  const session = sessionFor(http, options.session);
  const key = await session.key(http);
  const envelope = await http.get(`/api/wards/${encodeURIComponent(wardId)}/band-list`, signedBandListSchema);
  // Time is judged on use, by the handheld's clock: a list dated a little ahead of it is still worth keeping.
  const check = await verifyWardList(envelope, key, { wardId });
  if (!check.ok) throw new WardListError(check.problem, PROBLEM_WORDS[check.problem]);
  await storeOf(options).save({ envelope, key, storedAt: new Date().toISOString() });
  return check.list;
}

/** The stored list when it verifies now (and is this session's key and this ward's, when given); else null. */
export async function readWardList(now: Date, options: WardListOptions & { wardId?: string } = {}): Promise<WardList | null> {
  let record: StoredWardList | null;
  try {
    record = await storeOf(options).load();
  } catch {
    return null;
  }
  if (!record) return null;
  const envelope = signedBandListSchema.safeParse(record.envelope);
  const key = bandListKeySchema.safeParse(record.key);
  if (!envelope.success || !key.success) return null;
  const pinned = options.session?.pinnedKeyId;
  if (pinned && key.data.keyId !== pinned) return null;
  const check = await verifyWardList(envelope.data, key.data, { now, ...(options.wardId !== undefined ? { wardId: options.wardId } : {}) });
  return check.ok ? check.list : null;
}

const sameText = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The patient a wristband names on a list: by GSRN first, else by NHS Number.
 * Nobody when the band's identifiers name two people, when either disagrees
 * with the record found (the list holds this ward only, so the other
 * identifier may name someone elsewhere), or when the band's name or birth
 * date disagrees with it; `wristbandOnly` also refuses a scan with no GSRN
 * (a plain NHS Number barcode).
 */
export function findOnWardList(list: WardList, scan: PatientScan, options: { wristbandOnly?: boolean } = {}): WardListPatient | null {
  if (options.wristbandOnly && !scan.gsrn) return null;
  const byGsrn = scan.gsrn ? list.patients.find((p) => p.wristbandGsrn === scan.gsrn) : undefined;
  const byNhs = scan.nhsNumber ? list.patients.find((p) => p.nhsNumber === scan.nhsNumber) : undefined;
  const found = byGsrn ?? byNhs;
  if (!found) return null;
  if (scan.nhsNumber && found.nhsNumber !== scan.nhsNumber) return null;
  if (scan.gsrn && found.wristbandGsrn !== null && found.wristbandGsrn !== scan.gsrn) return null;
  if (scan.familyName && !sameText(scan.familyName, found.familyName)) return null;
  if (scan.givenName && !sameText(scan.givenName, found.givenName)) return null;
  if (scan.birthDate && scan.birthDate !== found.birthDate) return null;
  return found;
}

/**
 * The patient a wristband scan names on the stored list, verified again now:
 * null when there is no list, it has expired, it was changed, it is another
 * ward's (pass `wardId`), or it does not hold the patient. Never throws.
 */
export async function identifyLocally(
  scan: PatientScan,
  now: Date,
  options: WardListOptions & { wardId?: string; wristbandOnly?: boolean } = {},
): Promise<WardListPatient | null> {
  try {
    const list = await readWardList(now, options);
    return list ? findOnWardList(list, scan, options) : null;
  } catch {
    return null;
  }
}

/** Removes the stored list (e.g. at sign-out, so the next person's handheld holds no one's names). */
export async function forgetWardList(options: WardListOptions = {}): Promise<void> {
  await storeOf(options).clear();
}

// ---------------------------------------------------------------------------
// The hook

export interface WardListState {
  /** The stored list as last checked (verified, unexpired, this ward's); null when there is none. */
  list: WardList | null;
  /** Why the last refresh failed, in words; null after a success. */
  error: string | null;
  /** Fetches the list now (a no-op for anyone but a nurse with a ward). */
  refresh: () => Promise<void>;
  /** `identifyLocally` for this nurse's ward and session. */
  identify: (scan: PatientScan, now?: Date) => Promise<WardListPatient | null>;
}

/**
 * Keeps a signed-in nurse's band list fresh: fetched at sign-in when online,
 * every five minutes while online, and as soon as `online` comes back
 * (pass `useConnectivity(http).online`). Other roles fetch nothing.
 */
export function useWardList(online: boolean, options: { store?: WardListStore } = {}): WardListState {
  const { http, user, token } = useServices();
  const wardId = user.role === 'nurse' ? user.wardId : null;
  // A new sign-in fetches and pins the key afresh.
  const session = useMemo(() => new WardListSession(), [token, user.id]);
  const storeRef = useRef(options.store);
  storeRef.current = options.store;
  const [list, setList] = useState<WardList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const optionsFor = useCallback(
    (): WardListOptions & { wardId?: string } => ({
      session,
      ...(storeRef.current ? { store: storeRef.current } : {}),
      ...(wardId ? { wardId } : {}),
    }),
    [session, wardId],
  );

  const refresh = useCallback(async () => {
    if (!wardId) return;
    try {
      const fresh = await refreshWardList(http, wardId, optionsFor());
      if (alive.current) {
        setList(fresh);
        setError(null);
      }
    } catch (failure: unknown) {
      if (alive.current) setError(errorMessage(failure));
    }
  }, [http, wardId, optionsFor]);

  // What is stored already, for a handheld that starts offline.
  useEffect(() => {
    if (!wardId) return;
    let current = true;
    void readWardList(new Date(), optionsFor()).then((stored) => {
      if (current && alive.current) setList((shown) => shown ?? stored);
    });
    return () => {
      current = false;
    };
  }, [wardId, optionsFor]);

  // At sign-in, on coming back online, and every five minutes while online.
  useEffect(() => {
    if (!online || !wardId) return;
    void refresh();
    const timer = setInterval(() => void refresh(), WARD_LIST_REFRESH_MS);
    return () => clearInterval(timer);
  }, [online, wardId, refresh]);

  const identify = useCallback(
    async (scan: PatientScan, now: Date = new Date()) => (wardId ? identifyLocally(scan, now, optionsFor()) : null),
    [wardId, optionsFor],
  );

  return { list, error, refresh, identify };
}
