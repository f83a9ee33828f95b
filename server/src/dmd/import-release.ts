import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { isValidGs1CheckDigit } from '@wardscan/shared';
import type { Db } from '../db/database.js';
import { DMD_TABLES, RELEASE_FILES, type FieldSpec, type FileSpec, type RecordSpec } from './release-format.js';
import { readXmlRecords, XmlFileError, type XmlRecord } from './xml-records.js';

/*
 * Imports a dm+d release (its XML files, unzipped into one folder). The files
 * are read into a staging database on disk first, record by record, so memory
 * stays flat and an invalid file (reported with file and line) changes
 * nothing; then one short transaction replaces the ward's dm+d tables, so
 * next week's release updates in place while the ward keeps working.
 */

export interface ImportProgress {
  readonly file: string;
  readonly bytes: number;
  readonly totalBytes: number;
  readonly records: number;
}

export interface ImportSummary {
  readonly source: string;
  readonly counts: Readonly<Record<string, number>>;
}

export class DmdImportError extends Error {}

/** The release file for each spec: the one whose name starts with its prefix. */
function filesOf(folder: string): Map<FileSpec, string> {
  const names = readdirSync(folder).filter((n) => n.toLowerCase().endsWith('.xml'));
  const found = new Map<FileSpec, string>();
  for (const spec of RELEASE_FILES) {
    const matches = names.filter((n) => n.toLowerCase().startsWith(spec.prefix));
    if (matches.length === 0) throw new DmdImportError(`${folder}: no ${spec.prefix}_*.xml file; a release needs ${RELEASE_FILES.map((f) => f.prefix).join(', ')} (GTIN file unzipped beside the others).`);
    if (matches.length > 1) throw new DmdImportError(`${folder}: more than one ${spec.prefix} file (${matches.join(', ')}): import one week's release at a time.`);
    found.set(spec, join(folder, matches[0] as string));
  }
  return found;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^\d{1,12}(\.\d{1,9})?$/;

function valueOf(field: FieldSpec, raw: string | undefined): { ok: true; value: string | number | null } | { ok: false; message: string } {
  if (raw === undefined || raw === '') return field.required ? { ok: false, message: `${field.element} is missing.` } : { ok: true, value: field.kind === 'flag' ? 0 : null };
  switch (field.kind) {
    case 'code':
      return /^\d{1,18}$/.test(raw) ? { ok: true, value: raw } : { ok: false, message: `${field.element} "${raw}" is not a dm+d code (up to 18 digits).` };
    case 'text':
      return { ok: true, value: raw };
    case 'decimal':
      return DECIMAL.test(raw) ? { ok: true, value: raw.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '') } : { ok: false, message: `${field.element} "${raw}" is not a decimal number.` };
    case 'flag':
      return raw === '1' || raw === '0' ? { ok: true, value: Number(raw) } : { ok: false, message: `${field.element} "${raw}" must be 0 or 1.` };
    case 'date':
      return DATE.test(raw) ? { ok: true, value: raw } : { ok: false, message: `${field.element} "${raw}" is not a date (YYYY-MM-DD).` };
    case 'gtin': {
      // dm+d holds GTINs as 13 or 14 digits; Wardscan keys packs by GTIN-14.
      const ok = /^\d{13,14}$/.test(raw) && isValidGs1CheckDigit(raw);
      return ok ? { ok: true, value: raw.padStart(14, '0') } : { ok: false, message: `GTIN "${raw}" is not a valid GTIN-13 or GTIN-14 (length or check digit).` };
    }
    default: {
      const never: never = field.kind;
      return never;
    }
  }
}

/** The rows one XML record makes under its spec. */
function rowsOf(spec: RecordSpec, record: XmlRecord, fail: (message: string) => never): (string | number | null)[][] {
  const sources = spec.perGroup ? (record.groups[spec.perGroup] ?? []).map((g) => ({ ...record.fields, ...g })) : [record.fields];
  return sources.map((source) =>
    spec.fields.map((f) => {
      const v = valueOf(f, source[f.element]);
      return v.ok ? v.value : fail(v.message);
    }),
  );
}

/** Stages every file of a release into `staging`; throws DmdImportError naming the file and line of the first fault. */
function stage(staging: Db, files: Map<FileSpec, string>, onProgress?: (p: ImportProgress) => void): Record<string, number> {
  const counts: Record<string, number> = {};
  const inserts = new Map<RecordSpec, Database.Statement>();
  for (const spec of RELEASE_FILES.flatMap((f) => f.records)) {
    inserts.set(spec, staging.prepare(`INSERT OR REPLACE INTO ${spec.table} (${spec.fields.map((f) => f.column).join(', ')}${spec.table === 'dmd_lookup' ? ', type' : ''}) VALUES (${spec.fields.map(() => '?').join(', ')}${spec.table === 'dmd_lookup' ? ', ?' : ''})`));
  }
  staging.transaction(() => {
    for (const [fileSpec, path] of files) {
      const totalBytes = statSync(path).size;
      let records = 0;
      let lastReport = 0;
      try {
        readXmlRecords(
          path,
          fileSpec.recordDepth,
          (record) => {
            const spec = fileSpec.records.find((r) => r.element === record.name && (r.container === '*' || r.container === record.container));
            if (!spec) return;
            const fail = (message: string): never => {
              throw new XmlFileError(path, record.line, `${record.container}/${record.name}: ${message}`);
            };
            for (const row of rowsOf(spec, record, fail)) {
              (inserts.get(spec) as Database.Statement).run(...row, ...(spec.table === 'dmd_lookup' ? [record.container] : []));
              counts[spec.table] = (counts[spec.table] ?? 0) + 1;
            }
            records++;
          },
          (bytes) => {
            if (onProgress && (bytes - lastReport >= totalBytes / 20 || bytes === totalBytes)) {
              lastReport = bytes;
              onProgress({ file: path, bytes, totalBytes, records });
            }
          },
        );
      } catch (e) {
        if (e instanceof XmlFileError) throw new DmdImportError(e.message);
        throw e;
      }
    }
  })();
  return counts;
}

/**
 * Imports the release in `folder` into `db`, replacing the previous release
 * as a whole in one transaction. Nothing changes if any file is invalid.
 */
export function importDmdRelease(db: Db, folder: string, opts: { now: Date; onProgress?: (p: ImportProgress) => void }): ImportSummary {
  const files = filesOf(folder);
  const dir = mkdtempSync(join(tmpdir(), 'wardscan-dmd-'));
  const stagingFile = join(dir, 'staging.db');
  try {
    const staging = new Database(stagingFile);
    staging.pragma('journal_mode = OFF');
    staging.pragma('synchronous = OFF');
    const ddl = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name IN (" + DMD_TABLES.map(() => '?').join(', ') + ')').pluck().all(...DMD_TABLES) as string[];
    for (const sql of ddl) staging.exec(sql);
    let counts: Record<string, number>;
    try {
      counts = stage(staging, files, opts.onProgress);
    } finally {
      staging.close();
    }
    db.prepare('ATTACH DATABASE ? AS staging').run(stagingFile);
    try {
      db.transaction(() => {
        for (const table of DMD_TABLES) {
          db.exec(`DELETE FROM main.${table}; INSERT INTO main.${table} SELECT * FROM staging.${table};`);
        }
        db.prepare('INSERT INTO dmd_releases (imported_at, source, counts) VALUES (?, ?, ?)').run(opts.now.toISOString(), folder, JSON.stringify(counts));
      })();
    } finally {
      db.exec('DETACH DATABASE staging');
    }
    return { source: folder, counts };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
