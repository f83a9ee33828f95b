import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { availableParallelism } from 'node:os';

/*
 * Passwords and PINs are stored as scrypt hashes with their parameters:
 * `scrypt$N$r$p$salt$hash` (base64url), so the cost can rise later and
 * old hashes still verify (and are re-hashed at the next sign-in).
 */

/** OWASP Password Storage Cheat Sheet: scrypt N=2^17, r=8 (1024-byte blocks), p=1. */
export const SCRYPT_COST = 2 ** 17;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

// What a stored hash may ask for: a corrupt or hostile row must not make a sign-in allocate gigabytes.
const MAX_COST = 2 ** 20;

const options = (N: number, r: number, p: number): ScryptOptions => ({ N, r, p, maxmem: 256 * N * r });

/*
 * Hashing runs on libuv's thread pool, off the event loop: at N=2^17 one hash
 * is 128 MiB and a few hundred milliseconds of a core. That pool (4 threads)
 * also runs the WAL fsync every bedside answer waits for, and the event loop
 * needs a core of its own: so at most two hashes at once, and one fewer than
 * the cores (one, on a two-core server); more queue here.
 */
const MAX_CONCURRENT_HASHES = Math.max(1, Math.min(2, availableParallelism() - 1));
let running = 0;
const waiting: (() => void)[] = [];

async function scryptOffLoop(secret: string, salt: Buffer, length: number, opts: ScryptOptions): Promise<Buffer> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await new Promise<Buffer>((resolve, reject) => scrypt(secret, salt, length, opts, (err, key) => (err ? reject(err) : resolve(key))));
  } finally {
    running--;
    waiting.shift()?.();
  }
}

const encode = (N: number, salt: Buffer, hash: Buffer): string => ['scrypt', N, R, P, salt.toString('base64url'), hash.toString('base64url')].join('$');

/** A new hash of `secret` at cost N, off the event loop. */
export async function hashSecretAsync(secret: string, cost: number): Promise<string> {
  const salt = randomBytes(16);
  return encode(cost, salt, await scryptOffLoop(secret, salt, KEY_LENGTH, options(cost, R, P)));
}

/**
 * The same, blocking the event loop: only for seeding a ward before the
 * server listens, and tests. Nothing on a request's path may call it: use
 * {@link hashSecretAsync}.
 */
export function hashSecret(secret: string, cost: number): string {
  const salt = randomBytes(16);
  return encode(cost, salt, scryptSync(secret, salt, KEY_LENGTH, options(cost, R, P)));
}

interface Stored {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

function parseStored(stored: string): Stored | null {
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash || rest.length > 0) return null;
  const [N, R_, P_] = [Number(n), Number(r), Number(p)];
  const powerOfTwo = Number.isInteger(N) && N >= 2 && N <= MAX_COST && (N & (N - 1)) === 0;
  if (!powerOfTwo || !Number.isInteger(R_) || R_ < 1 || R_ > 32 || !Number.isInteger(P_) || P_ < 1 || P_ > 16) return null;
  return { N, r: R_, p: P_, salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') };
}

/** Whether `secret` is the one `stored` was made from; a malformed stored hash is a no. Off the event loop. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const s = parseStored(stored);
  if (!s || s.hash.length === 0) return false;
  const actual = await scryptOffLoop(secret, s.salt, s.hash.length, options(s.N, s.r, s.p));
  return timingSafeEqual(s.hash, actual);
}

/** Whether a stored hash is below today's parameters, so a sign-in that just proved the secret should store a new one. */
export function needsRehash(stored: string, cost: number): boolean {
  const s = parseStored(stored);
  return !s || s.N < cost || s.r !== R || s.p !== P;
}

const dummies = new Map<number, Promise<string>>();

/**
 * A hash of nothing anyone knows, at today's cost: a sign-in for an unknown
 * (or inactive, or PIN-less) account verifies against it, so it takes as long
 * as a wrong password for a real one and the answer time does not tell which
 * usernames exist.
 */
export function dummyHash(cost: number): Promise<string> {
  let dummy = dummies.get(cost);
  if (!dummy) dummies.set(cost, (dummy = hashSecretAsync(randomBytes(16).toString('hex'), cost)));
  return dummy;
}

/** A fresh session token (sent once) and its hash (stored): a stolen database holds no usable token. */
export function newToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
