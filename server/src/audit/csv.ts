import type { AuditEntry } from '@wardscan/shared';

export const CSV_COLUMNS = ['seq', 'at', 'type', 'wardId', 'patientId', 'userId', 'deviceId', 'eventId', 'outcome', 'rules', 'summary', 'prevHash', 'hash'] as const;

/**
 * One CSV cell. Quotes when needed, and defuses spreadsheet formulas: a
 * cell starting with = + - @ (or tab/CR) gets a leading apostrophe, so an
 * exported scan cannot run as a formula in the manager's spreadsheet.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(';') : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export function csvRow(e: AuditEntry): string {
  return `${CSV_COLUMNS.map((c) => csvCell(e[c])).join(',')}\r\n`;
}
