import { createHash } from 'node:crypto';
import type { AuditEntry } from '@wardscan/shared';
import { toWellFormedText } from '@wardscan/shared';

/** The hash before the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every level, so the same row always hashes the same.
 * Written as loops over string concatenation: it runs for every audit row a
 * bedside event appends. Its output must never change, or every stored hash
 * stops verifying: hash.test.ts holds it to the original map/sort/join form.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      // Like Array#join: a hole, or a value JSON has no text for, leaves the slot empty.
      const item = i in value ? (canonicalJson(value[i]) as string | undefined) : undefined;
      if (item !== undefined) out += item;
    }
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  // Default sort order is UTF-16 code unit order, the same as comparing with < and >.
  const keys = Object.keys(object).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = object[key];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
}

/**
 * The first (legacy) row hash, over the row as parsed back into an entry. Rows
 * written before issue 16 carry it; it could disagree with what was stored (a
 * Date in `detail`, a lone surrogate in a text column), so new rows use
 * {@link storedRowHash} instead.
 */
export function legacyRowHash(entry: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(entry)).digest('hex');
}

/** An audit row's columns exactly as SQLite holds them. */
export interface StoredAuditRow {
  readonly seq: number;
  readonly at: string;
  readonly type: string;
  readonly ward_id: string | null;
  readonly patient_id: string | null;
  readonly user_id: string | null;
  readonly device_id: string | null;
  readonly event_id: string | null;
  readonly outcome: string | null;
  /** JSON text. */
  readonly rules: string;
  readonly summary: string;
  /** JSON text. */
  readonly detail: string;
  readonly prev_hash: string;
  readonly hash: string;
  /** HMAC under the audit key (audit/seal.ts); null only on a row never sealed. */
  readonly mac: string | null;
}

/**
 * The text a JSON column is stored as: the value through JSON (a Date becomes
 * its ISO text, undefined members go, a BigInt or a cycle throws), then
 * written canonically. What is hashed is what is stored, and a stored text
 * that is not canonical (a duplicated or reordered key) shows.
 */
export function storedJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('An audit row can only hold JSON values.');
  return canonicalJson(JSON.parse(text));
}

/** A text column as stored: SQLite keeps UTF-8, so a lone surrogate would come back as U+FFFD; store that at once. */
export const storedText = <T extends string | null>(text: T): T => (text === null ? text : (toWellFormedText(text) as T));

/**
 * A row's hash: SHA-256 over its stored columns (everything but `hash` and
 * `mac`), the previous row's hash among them, so changing, inserting or
 * deleting any earlier row breaks every link after it.
 */
export function storedRowHash(r: Omit<StoredAuditRow, 'hash' | 'mac'>): string {
  const columns = ['wardscan-audit-v2', r.seq, r.at, r.type, r.ward_id, r.patient_id, r.user_id, r.device_id, r.event_id, r.outcome, r.rules, r.summary, r.detail, r.prev_hash];
  return createHash('sha256').update(JSON.stringify(columns)).digest('hex');
}
