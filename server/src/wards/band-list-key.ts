import { closeSync, fsyncSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { BandListJwk, BandListKey } from '@wardscan/shared';
import { syncDirectory } from '../audit/key.js';

/*
 * The band-list signing key (issue 12): an ECDSA P-256 key pair. The private
 * key signs each ward's band list; handhelds fetch the public key and verify
 * with WebCrypto. It comes from WARDSCAN_BAND_LIST_KEY (a PKCS#8 or SEC1 PEM
 * private key from the deployment), or else from a key file beside the
 * database (`<db>.band-list-key`, PKCS#8 PEM, mode 0600) made on first start,
 * like the audit key. An in-memory database gets a key for this run only.
 */

export const BAND_LIST_KEY_ENV = 'WARDSCAN_BAND_LIST_KEY';

export interface BandListSigner {
  /** RFC 7638 JWK thumbprint of the public key (SHA-256, base64url). */
  readonly keyId: string;
  /** The public key, as `GET /api/band-list-key` sends it. */
  readonly publicKey: BandListKey;
  /** ECDSA P-256 / SHA-256 over the UTF-8 of `text`, IEEE P1363 (r || s), base64url. */
  sign(text: string): string;
}

export const bandListKeyFile = (dbFile: string): string => `${dbFile}.band-list-key`;

/** A P-256 private key from PEM; throws (naming where it came from) on anything else. */
function p256PrivateKey(pem: string, from: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (err) {
    throw new Error(`${from} does not hold a PEM private key: ${(err as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error(`${from} must be an ECDSA P-256 (prime256v1) private key.`);
  }
  return key;
}

/** The key file's key; null when there is no file. Throws when others can read it or it is not a P-256 key. */
export function readBandListKeyFile(keyFile: string): KeyObject | null {
  let mode: number;
  try {
    mode = statSync(keyFile).mode;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  if ((mode & 0o077) !== 0) throw new Error(`The band list key file ${keyFile} is readable by others (mode ${(mode & 0o777).toString(8)}): chmod 600 it.`);
  return p256PrivateKey(readFileSync(keyFile, 'utf8'), `The band list key file ${keyFile}`);
}

/** Makes a new key file (mode 0600, never over an existing one) and syncs it and its directory entry to disk. */
export function createBandListKeyFile(keyFile: string): KeyObject {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const fd = openSync(keyFile, 'wx', 0o600);
  try {
    writeSync(fd, privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  syncDirectory(keyFile);
  return privateKey;
}

/** RFC 7638 thumbprint of a P-256 public JWK: SHA-256 of its required members in lexical order, base64url. */
export const jwkThumbprint = (jwk: BandListJwk): string =>
  createHash('sha256').update(JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y })).digest('base64url');

export function bandListSigner(privateKey: KeyObject): BandListSigner {
  const exported = createPublicKey(privateKey).export({ format: 'jwk' });
  const jwk: BandListJwk = { kty: 'EC', crv: 'P-256', x: String(exported.x), y: String(exported.y) };
  const keyId = jwkThumbprint(jwk);
  return {
    keyId,
    publicKey: { keyId, jwk },
    sign: (text) => sign('sha256', Buffer.from(text, 'utf8'), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url'),
  };
}

/**
 * The signer for a database, at start-up: the environment's key, else the
 * key file beside the database (made now if there is none), else, for an
 * in-memory database, a key for this run.
 */
export function openBandListSigner(db: { readonly name: string; readonly memory: boolean }, env: NodeJS.ProcessEnv = process.env): BandListSigner {
  const fromEnv = env[BAND_LIST_KEY_ENV];
  if (fromEnv) return bandListSigner(p256PrivateKey(fromEnv, BAND_LIST_KEY_ENV));
  if (db.memory) return bandListSigner(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey);
  const keyFile = bandListKeyFile(db.name);
  let key = readBandListKeyFile(keyFile);
  if (!key) {
    try {
      key = createBandListKeyFile(keyFile);
    } catch (err) {
      // Another process made it between our look and our create: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      key = readBandListKeyFile(keyFile);
      if (!key) throw err;
    }
  }
  return bandListSigner(key);
}
