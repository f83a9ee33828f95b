import { randomBytes, scryptSync, timingSafeEqual, createHash } from 'node:crypto';

/*
 * Passwords and PINs are stored as scrypt hashes with their parameters:
 * `scrypt$N$r$p$salt$hash` (base64url), so the cost can rise later and
 * old hashes still verify.
 */

const KEY_LENGTH = 32;

export function hashSecret(secret: string, cost: number): string {
  const salt = randomBytes(16);
  const r = 8;
  const p = 1;
  const hash = scryptSync(secret, salt, KEY_LENGTH, { N: cost, r, p, maxmem: 256 * cost * r });
  return ['scrypt', cost, r, p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export function verifySecret(secret: string, stored: string): boolean {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const N = Number(n);
  const R = Number(r);
  const expected = Buffer.from(hash, 'base64url');
  const actual = scryptSync(secret, Buffer.from(salt, 'base64url'), expected.length, { N, r: R, p: Number(p), maxmem: 256 * N * R });
  return timingSafeEqual(expected, actual);
}

/** A fresh session token (sent once) and its hash (stored): a stolen database holds no usable token. */
export function newToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
