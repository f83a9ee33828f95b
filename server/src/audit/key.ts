import { closeSync, fsyncSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { createHmac, randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { storedRowHash, type StoredAuditRow } from './hash.js';

/*
 * The audit key: what makes the hash chain prove itself. Each row's MAC and
 * each anchor line are HMAC-SHA256 under it, so a copy of the database alone
 * (or write access to it) is not enough to rewrite history. It lives outside
 * the database: WARDSCAN_AUDIT_KEY (a secret from the deployment, 32+
 * characters), or else a key file beside the database made on first start,
 * readable by the server's user only.
 */

/** Where a database's audit key and anchor file are, from the environment or beside the database. */
export interface AuditTrailPlaces {
  readonly keyFromEnv: string | undefined;
  readonly keyFile: string;
  readonly anchorFile: string;
}

export function auditPlaces(dbFile: string, env: NodeJS.ProcessEnv = process.env): AuditTrailPlaces {
  return {
    keyFromEnv: env.WARDSCAN_AUDIT_KEY || undefined,
    keyFile: `${dbFile}.audit-key`,
    anchorFile: env.WARDSCAN_AUDIT_ANCHOR || `${dbFile}.audit-anchor`,
  };
}

/** The key from the environment or the key file; null when there is neither. Throws on a weak or exposed key. */
export function readAuditKey(places: AuditTrailPlaces): Buffer | null {
  if (places.keyFromEnv !== undefined) {
    if (places.keyFromEnv.length < 32) throw new Error('WARDSCAN_AUDIT_KEY must be at least 32 characters of secret.');
    return Buffer.from(places.keyFromEnv, 'utf8');
  }
  let mode: number;
  try {
    mode = statSync(places.keyFile).mode;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  // Like ssh with a private key: a key others can read proves nothing.
  if ((mode & 0o077) !== 0) throw new Error(`The audit key file ${places.keyFile} is readable by others (mode ${(mode & 0o777).toString(8)}): chmod 600 it.`);
  const key = Buffer.from(readFileSync(places.keyFile, 'utf8').trim(), 'hex');
  if (key.length < 32) throw new Error(`The audit key file ${places.keyFile} does not hold a 32-byte hex key.`);
  return key;
}

/** Makes a new key file (mode 0600, never over an existing one) and syncs it and its directory entry to disk. */
export function createAuditKey(keyFile: string): Buffer {
  const key = randomBytes(32);
  const fd = openSync(keyFile, 'wx', 0o600);
  try {
    writeSync(fd, `${key.toString('hex')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  syncDirectory(keyFile);
  return key;
}

/** fsync of a file or directory by its path. */
export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** fsync of a file's directory, so that a file just made survives a power cut. */
export const syncDirectory = (file: string): void => fsyncPath(dirname(file));

export const hmac = (key: Buffer, text: string): string => createHmac('sha256', key).update(text).digest('hex');

/**
 * A row's MAC: over the hash of its stored columns and its `hash` column, so
 * it binds the content, the link to the row before, and the chain hash
 * (which, on a row written before issue 16, is the legacy hash). `digest`
 * is the stored-row hash when the caller has it already.
 */
export const rowMac = (key: Buffer, row: Omit<StoredAuditRow, 'mac'>, digest = storedRowHash(row)): string => hmac(key, `wardscan-audit-row:${digest}:${row.hash}`);
