import type { AuditLogEntry } from '@wardscan/shared';
import { wardClockTime, wardDate } from '../domain/ward-time.js';

/*
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell that starts
 * with = + - @, a tab, a carriage return or a line feed runs as a formula
 * (ASVS 1.2.10 adds NUL). So may any part of a cell after a separator: a
 * spreadsheet in a locale whose list separator is ';' splits `x;=1+1` into
 * `x` and `=1+1`, and some importers ignore quotes; OWASP warns that field
 * separators and quotes let an attacker start a new cell mid-value. Every
 * such start, at the beginning or after any separator (, ; | tab or a line
 * break, spaces or double quotes between), gets an apostrophe, which shows
 * the text as typed; and any cell holding a separator or a quote is quoted,
 * its quotes doubled (RFC 4180).
 */
const FORMULA_START = /(?<=^|[,;|\t\r\n])([ "]*)([=+\-@\t\r\n\0])/g;
const NEEDS_QUOTES = /[",;|\t\r\n]/;

/** One CSV cell: formula starts defused wherever a spreadsheet could split the cell, quoted when needed. */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(';') : String(value);
  const defused = text.replace(FORMULA_START, "$1'$2");
  return NEEDS_QUOTES.test(defused) ? `"${defused.replace(/"/g, '""')}"` : defused;
}

/** "2026-11-24 08:00", the ward's clock at the row's instant. */
export function wardLocalTime(instant: string, timeZone: string): string {
  const at = new Date(instant);
  return `${wardDate(at, timeZone)} ${wardClockTime(at, timeZone)}`;
}

/**
 * The log's export: ids and ISO instants (UTC) for joining and sorting, and
 * beside them what a reader needs, names and the ward's clock time.
 */
const COLUMNS: readonly [string, (e: AuditLogEntry) => unknown][] = [
  ['seq', (e) => e.seq],
  ['at', (e) => e.at],
  ['wardLocalTime', (e) => wardLocalTime(e.at, e.wardTimeZone)],
  ['timeZone', (e) => e.wardTimeZone],
  ['type', (e) => e.type],
  ['wardId', (e) => e.wardId],
  ['wardName', (e) => e.wardName],
  ['bed', (e) => e.bedLabel],
  ['patientId', (e) => e.patient?.id ?? e.patientId],
  ['patientName', (e) => e.patient?.name],
  ['nhsNumber', (e) => e.patient?.nhsNumber],
  ['patientIdentified', (e) => (e.patient ? (e.patient.identified ? 'yes' : 'no: named by the band scanned') : '')],
  ['userId', (e) => e.userId],
  ['userName', (e) => e.userName],
  ['deviceId', (e) => e.deviceId],
  ['eventId', (e) => e.eventId],
  ['outcome', (e) => e.outcome],
  ['rules', (e) => e.rules],
  ['overrideReason', (e) => e.overrideReason],
  ['summary', (e) => e.summary],
  ['prevHash', (e) => e.prevHash],
  ['hash', (e) => e.hash],
];
export const CSV_COLUMNS: readonly string[] = COLUMNS.map(([name]) => name);

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export function csvRow(e: AuditLogEntry): string {
  return `${COLUMNS.map(([, value]) => csvCell(value(e))).join(',')}\r\n`;
}
