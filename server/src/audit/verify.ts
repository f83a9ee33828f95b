import type { AuditEntry } from '@wardscan/shared';
import { auditHash, GENESIS_HASH } from './hash.js';

export type ChainReport =
  | { readonly ok: true; readonly rows: number }
  | { readonly ok: false; readonly rows: number; readonly seq: number; readonly reason: string };

/**
 * Walks the chain in order and reports the first row whose content, link or
 * sequence number does not hold. (Deleting only the newest rows leaves a
 * valid shorter chain; keep an external copy of the latest hash to catch that.)
 */
export function verifyChain(entries: Iterable<AuditEntry>): ChainReport {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let rows = 0;
  for (const e of entries) {
    rows++;
    if (e.seq !== expectedSeq) return { ok: false, rows, seq: e.seq, reason: `row ${expectedSeq} is missing (found ${e.seq} next)` };
    if (e.prevHash !== prevHash) return { ok: false, rows, seq: e.seq, reason: 'does not link to the row before (prev_hash differs)' };
    const { hash, ...rest } = e;
    if (auditHash(rest) !== hash) return { ok: false, rows, seq: e.seq, reason: 'content changed after it was written (hash differs)' };
    prevHash = hash;
    expectedSeq++;
  }
  return { ok: true, rows };
}
