import type { Db } from '../db/database.js';
import { AUDIT_TRIGGERS } from '../db/migrations/004-audit-hmac.js';
import { checkAnchors, readAnchorFile, type AnchorLine } from './anchor.js';
import { canonicalJson, GENESIS_HASH, storedRowHash, type StoredAuditRow } from './hash.js';
import { readAuditKey, rowMac, type AuditTrailPlaces } from './key.js';
import { legacyHashHolds } from './seal.js';
import { iterateStoredRows } from './stored-rows.js';

/** One thing wrong: the first row it affects (null when it is about the schema or the anchor file), and why. */
export interface Finding {
  readonly seq: number | null;
  readonly reason: string;
}

export interface AuditReport {
  /** No findings: every row is as written, nothing is missing up to the last anchor, the guards are in place. */
  readonly ok: boolean;
  readonly rows: number;
  /** The newest anchored seq (0 with none). */
  readonly anchoredSeq: number;
  /** In row order; those about no row last. */
  readonly findings: readonly Finding[];
  /** What the check cannot speak for: rows after the last anchor; rows that already failed when first sealed. */
  readonly notes: readonly string[];
  /** Rows written before issue 16 that did not verify when the log was sealed (reported every time, never hidden). */
  readonly brokenBeforeSealing: readonly number[];
}

/** What verification reads: the stored rows, the key, the anchor file's lines (null: no file), the guards' SQL (null: dropped). */
export interface AuditEvidence {
  readonly rows: Iterable<StoredAuditRow>;
  readonly key: Buffer;
  readonly anchorFile: string;
  readonly anchorLines: readonly unknown[] | null;
  readonly triggers: Readonly<Record<keyof typeof AUDIT_TRIGGERS, string | null>>;
}

const range = (from: number, to: number): string => (from === to ? `row ${from}` : `rows ${from}–${to}`);

/** A JSON column not written as Wardscan writes JSON (canonical, or JSON.stringify's form before issue 16): a duplicated or reordered key. */
function jsonColumnProblem(text: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return true;
  }
  return text !== canonicalJson(parsed) && text !== JSON.stringify(parsed);
}

interface Walk {
  readonly expectedSeq: number;
  readonly prevHash: string;
  readonly key: Buffer;
  /** Rows up to this seq may carry the legacy hash. */
  readonly legacyUpTo: number;
}

/** Why a row does not hold, or null. Checks are ordered so the most specific reason is the one named. */
function rowProblem(row: StoredAuditRow, w: Walk): string | null {
  if (row.seq !== w.expectedSeq) return `${range(w.expectedSeq, row.seq - 1)} ${row.seq - w.expectedSeq > 1 ? 'are' : 'is'} missing (found ${row.seq} next)`;
  if (row.prev_hash !== w.prevHash) return 'does not link to the row before (prev_hash differs): rows were removed, inserted or reordered';
  if (row.mac === null) return 'has no MAC: it was not written by Wardscan, or its MAC was removed';
  if (jsonColumnProblem(row.detail) || jsonColumnProblem(row.rules)) return 'its detail or rules are not JSON as Wardscan writes it (a duplicated or reordered key)';
  if (storedRowHash(row) !== row.hash) {
    if (row.seq > w.legacyUpTo) return 'content changed after it was written (hash differs)';
    if (!legacyHashHolds(row)) return 'content changed after it was written (legacy hash differs)';
  }
  if (row.mac !== rowMac(w.key, row)) return 'rewritten with its hash recomputed, without the audit key (MAC differs)';
  return null;
}

/**
 * Checks the whole audit trail: every row's link, hash and MAC in order; the
 * anchor file's lines and that the log still reaches its newest anchor; and
 * the append-only guards. Streams the rows: any length of log in little memory.
 */
export function verifyAudit(e: AuditEvidence): AuditReport {
  const findings: Finding[] = [];
  const notes: string[] = [];
  let anchors: AnchorLine[] = [];
  if (e.anchorLines === null) {
    findings.push({ seq: null, reason: `the anchor file ${e.anchorFile} is missing: deleting the newest rows cannot be ruled out` });
  } else {
    const check = checkAnchors(e.key, e.anchorLines);
    anchors = check.anchors;
    if (check.problem) findings.push({ seq: null, reason: check.problem });
  }
  const genesis = anchors[0]?.kind === 'genesis' ? anchors[0] : undefined;
  const broken = new Set(genesis?.legacy?.broken ?? []);
  const anchoredAt = new Map<number, AnchorLine[]>();
  for (const a of anchors) anchoredAt.set(a.seq, [...(anchoredAt.get(a.seq) ?? []), a]);
  if (genesis && genesis.seq === 0 && genesis.hash !== GENESIS_HASH) findings.push({ seq: null, reason: 'the genesis anchor names a head for an empty log' });

  let rowFinding: Finding | null = null;
  let w: Walk = { expectedSeq: 1, prevHash: GENESIS_HASH, key: e.key, legacyUpTo: genesis?.legacy?.sealed ?? 0 };
  let rows = 0;
  for (const row of e.rows) {
    rows++;
    for (const a of anchoredAt.get(row.seq) ?? []) {
      if (a.hash !== row.hash && !rowFinding) rowFinding = { seq: row.seq, reason: `differs from the head anchored at ${a.at} (hash differs)` };
    }
    if (!rowFinding) {
      // A row that already failed when the log was first sealed is held to its seal alone.
      const reason = broken.has(row.seq) ? (row.mac === rowMac(e.key, row) ? null : 'changed after it was sealed (MAC differs)') : rowProblem(row, w);
      if (reason) rowFinding = { seq: row.seq, reason };
    }
    w = { ...w, expectedSeq: row.seq + 1, prevHash: row.hash };
  }
  const lastSeq = w.expectedSeq - 1;
  if (rowFinding) findings.push(rowFinding);

  const newest = anchors.at(-1);
  if (newest && newest.seq > lastSeq) {
    findings.push({
      seq: lastSeq + 1,
      reason: `${range(lastSeq + 1, newest.seq)} ${newest.seq > lastSeq + 1 ? 'are' : 'is'} missing: the head anchored at ${newest.at} was seq ${newest.seq} (the newest rows were deleted)`,
    });
  } else if (newest && lastSeq > newest.seq) {
    notes.push(`${range(newest.seq + 1, lastSeq)} came after the last anchor (${newest.at}): deleting them would not show`);
  }
  if (broken.size > 0) {
    notes.push(`${broken.size} row(s) written before issue 16 did not verify when the log was sealed at ${genesis?.at} (seq ${[...broken].slice(0, 10).join(', ')}${broken.size > 10 ? ', …' : ''}): their content is vouched for only since then (before issue 16 a lone surrogate in a sign-in did this)`);
  }
  for (const [name, expected] of Object.entries(AUDIT_TRIGGERS)) {
    const actual = e.triggers[name as keyof typeof AUDIT_TRIGGERS];
    const norm = (sql: string) => sql.replace(/\s+/g, ' ').trim();
    if (actual === null) findings.push({ seq: null, reason: `the append-only guard ${name} has been dropped` });
    else if (norm(actual) !== norm(expected)) findings.push({ seq: null, reason: `the append-only guard ${name} has been altered` });
  }
  const order = (f: Finding): number => f.seq ?? Number.MAX_SAFE_INTEGER;
  findings.sort((a, b) => order(a) - order(b));
  return { ok: findings.length === 0, rows, anchoredSeq: newest?.seq ?? 0, findings, notes, brokenBeforeSealing: [...broken] };
}

/** Verifies a database's audit trail with its key and anchor file. Throws when there is no key to check with. */
export function verifyAuditTrail(db: Db, places: AuditTrailPlaces): AuditReport {
  const key = readAuditKey(places);
  if (!key) throw new Error(`no audit key: ${places.keyFile} is missing and WARDSCAN_AUDIT_KEY is not set, so the rows' MACs cannot be checked`);
  const trigger = db.prepare<[string], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?");
  const triggers = {
    audit_log_no_update: trigger.get('audit_log_no_update')?.sql ?? null,
    audit_log_no_delete: trigger.get('audit_log_no_delete')?.sql ?? null,
  };
  return verifyAudit({ rows: iterateStoredRows(db), key, anchorFile: places.anchorFile, anchorLines: readAnchorFile(places.anchorFile), triggers });
}

/** The report as the operator reads it, and the exit code. */
export function describeReport(report: AuditReport, file: string): { lines: string[]; exitCode: 0 | 1 | 3 } {
  const lines = report.findings.map((f) => `audit:verify: TAMPERED${f.seq === null ? '' : ` at row seq=${f.seq}`}: ${f.reason} (${file})`);
  if (report.ok) lines.push(`audit:verify: OK, ${report.rows} rows, chain intact, anchored up to seq ${report.anchoredSeq} (${file})`);
  for (const note of report.notes) lines.push(`audit:verify: note: ${note}`);
  return { lines, exitCode: !report.ok ? 1 : report.brokenBeforeSealing.length > 0 ? 3 : 0 };
}
