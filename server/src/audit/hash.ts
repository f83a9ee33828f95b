import { createHash } from 'node:crypto';
import type { AuditEntry } from '@wardscan/shared';

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
 * A row's hash covers every field and the previous row's hash, so changing,
 * inserting or deleting any earlier row breaks every hash after it.
 */
export function auditHash(entry: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(entry)).digest('hex');
}
