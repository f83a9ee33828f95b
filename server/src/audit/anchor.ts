import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { canonicalJson } from './hash.js';
import { hmac, syncDirectory } from './key.js';

/*
 * The anchor file: the audit chain's head (seq and hash), written outside the
 * database, appended to and fsynced, each line an HMAC chained to the line
 * before. Rows deleted from the end of the log leave a valid shorter chain;
 * the anchor still names the head they had, so `audit:verify` reports them.
 * The first line (genesis) also records the rows written before issue 16
 * that were sealed after the fact, and which of them did not verify then.
 */

export interface AnchorFields {
  readonly kind: 'genesis' | 'head';
  readonly seq: number;
  readonly hash: string;
  readonly at: string;
  /** Genesis only: rows up to `sealed` predate the MACs; `broken` did not verify when they were sealed. */
  readonly legacy?: { readonly sealed: number; readonly broken: readonly number[] };
}
export interface AnchorLine extends AnchorFields {
  readonly v: 1;
  readonly mac: string;
}

const anchorMac = (key: Buffer, prevMac: string, f: AnchorFields): string =>
  hmac(key, `wardscan-audit-anchor:${prevMac}:${canonicalJson({ v: 1, kind: f.kind, seq: f.seq, hash: f.hash, at: f.at, legacy: f.legacy })}`);

/** The anchor file's lines as written (unchecked), or null when there is no file. A line cut short by a crash is left out. */
export function readAnchorFile(file: string): unknown[] | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const lines: unknown[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      lines.push(JSON.parse(line));
    } catch {
      lines.push(undefined); // not JSON: no claim, but its place is kept, so a removed line shows as a break
    }
  }
  return lines;
}

export interface AnchorCheck {
  /** The genuine lines, in order, up to the first problem. */
  readonly anchors: AnchorLine[];
  readonly problem: string | null;
}

const isAnchorLine = (x: unknown): x is AnchorLine => {
  const a = x as Partial<AnchorLine> | null;
  return !!a && a.v === 1 && (a.kind === 'genesis' || a.kind === 'head') && Number.isInteger(a.seq) && typeof a.hash === 'string' && typeof a.at === 'string' && typeof a.mac === 'string';
};

/** Checks each line's MAC (chained to the line before) and that the anchored head never goes back. */
export function checkAnchors(key: Buffer, lines: readonly unknown[]): AnchorCheck {
  const anchors: AnchorLine[] = [];
  let prevMac = '';
  for (const [i, line] of lines.entries()) {
    const n = i + 1;
    if (line === undefined) continue; // an unreadable line claims nothing; the next genuine line shows whether one was lost
    if (!isAnchorLine(line)) return { anchors, problem: `anchor line ${n} is not an anchor` };
    if (line.mac !== anchorMac(key, prevMac, line)) {
      return { anchors, problem: n === 1 ? 'anchor line 1 does not verify under this key (a different audit key, or a forged anchor file)' : `anchor line ${n} is not genuine, or a line before it was removed (MAC differs)` };
    }
    if ((n === 1) !== (line.kind === 'genesis')) return { anchors, problem: `anchor line ${n}: the genesis line must come first, and once` };
    const before = anchors.at(-1);
    if (before && line.seq < before.seq) return { anchors, problem: `anchor line ${n} goes back from seq ${before.seq} to ${line.seq}` };
    anchors.push(line);
    prevMac = line.mac;
  }
  return { anchors, problem: null };
}

export interface AnchorLog {
  readonly file: string;
  /** The newest line written or read. */
  last(): AnchorLine | null;
  /** Appends and fsyncs a line, blocking: for start-up, before any traffic. */
  appendSync(fields: AnchorFields): AnchorLine;
  /** Appends and fsyncs a line on libuv's pool; appends run one at a time, in call order. */
  append(fields: AnchorFields): Promise<AnchorLine>;
}

/** An anchor log over `file`, continuing the MAC chain from `existing` (its genuine lines). */
export function openAnchorLog(file: string, key: Buffer, existing: readonly AnchorLine[]): AnchorLog {
  let last: AnchorLine | null = existing.at(-1) ?? null;
  let queue: Promise<unknown> = Promise.resolve();
  const next = (fields: AnchorFields): { line: AnchorLine; text: string } => {
    const line: AnchorLine = { v: 1, ...fields, mac: anchorMac(key, last?.mac ?? '', fields) };
    last = line;
    return { line, text: `${JSON.stringify(line)}\n` };
  };
  return {
    file,
    last: () => last,
    appendSync(fields) {
      const { line, text } = next(fields);
      const fd = openSync(file, 'a', 0o600);
      try {
        writeSync(fd, text);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      if (line.kind === 'genesis') syncDirectory(file);
      return line;
    },
    append(fields) {
      const written = queue.then(async () => {
        const before = last;
        const { line, text } = next(fields);
        try {
          const handle = await open(file, 'a', 0o600);
          try {
            await handle.appendFile(text);
            await handle.datasync();
          } finally {
            await handle.close();
          }
        } catch (err) {
          last = before; // not written: the next line chains to the last one on disk
          throw err;
        }
        return line;
      });
      queue = written.catch(() => undefined);
      return written;
    },
  };
}
