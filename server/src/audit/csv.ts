import type { AuditEntry } from '@wardscan/shared';

export const CSV_COLUMNS = ['seq', 'at', 'type', 'wardId', 'patientId', 'userId', 'deviceId', 'eventId', 'outcome', 'rules', 'summary', 'prevHash', 'hash'] as const;

/*
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell that starts
 * with = + - @ (or tab/CR) runs as a formula. So may any part of a cell after
 * a separator: a spreadsheet in a locale whose list separator is ';' splits
 * `x;=1+1` into `x` and `=1+1`, and some importers ignore quotes. Every such
 * start, at the beginning or after any separator (, ; | tab or a line break,
 * spaces or quotes between), gets an apostrophe, which shows the text as typed; and any
 * cell holding a separator or a quote is quoted.
 */
const FORMULA_START = /(?<=^|[,;|\t\r\n])([ "]*)([=+\-@\t\r])/g;
const NEEDS_QUOTES = /[",;|\t\r\n]/;

/** One CSV cell: formula starts defused wherever a spreadsheet could split the cell, quoted when needed. */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(';') : String(value);
  const defused = text.replace(FORMULA_START, "$1'$2");
  return NEEDS_QUOTES.test(defused) ? `"${defused.replace(/"/g, '""')}"` : defused;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export function csvRow(e: AuditEntry): string {
  return `${CSV_COLUMNS.map((c) => csvCell(e[c])).join(',')}\r\n`;
}
