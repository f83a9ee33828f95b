/*
 * The small result type every step of interpretation returns: a value, or a
 * ScanError that ends the interpretation. Scanning failures are data, never
 * exceptions (STYLE.md).
 */
import type { ScanError, ScanErrorCode } from './scan-types.js';

/** A step's outcome: its value, or the error that stops interpretation. */
export type Step<T> = { ok: true; value: T } | { ok: false; error: ScanError };

export function done<T>(value: T): Step<T> {
  return { ok: true, value };
}

/** `message` in plain words for the nurse; `detail`, when given, the technical reason behind it. */
export function fail(code: ScanErrorCode, message: string, detail?: string): { ok: false; error: ScanError } {
  return { ok: false, error: detail === undefined ? { code, message } : { code, message, detail } };
}

/** ASCII 29, Group Separator: how a decoder transmits FNC1 inside a GS1 element string. */
export const GS = '\u001d';
