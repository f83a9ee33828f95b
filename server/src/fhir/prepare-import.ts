import type { OperationOutcomeIssue } from '@medplum/fhirtypes';
import { requireWellFormedText } from '../http/validate.js';
import type { ImportCommand } from './commands.js';
import { importBatch, importBundle, type BatchEntryPlan } from './import-bundle.js';
import { issue, toOutcome } from './operation-outcome.js';

/*
 * Everything an import does before it touches the database: decode the body,
 * parse the JSON, check its text is well formed, validate every resource
 * against R4 and map it to write commands. Pure and heavy (a 2,000-entry
 * bundle is a third of a second or more of validation), so it runs on a worker
 * thread (import-thread.ts) and the event loop only runs the SQLite apply.
 * The answer is plain data: it crosses the thread boundary by structured clone.
 */

export type PreparedImport =
  /** The request as a whole is refused: not JSON, not a Bundle, or (a transaction) any entry wrong. */
  | { readonly kind: 'refused'; readonly status: number; readonly issues: OperationOutcomeIssue[]; readonly types: readonly (string | null)[] }
  | { readonly kind: 'transaction'; readonly types: readonly (string | null)[]; readonly commands: ImportCommand[] }
  /** One plan per entry, in the bundle's order. */
  | { readonly kind: 'batch'; readonly types: readonly (string | null)[]; readonly entries: BatchEntryPlan[] };

/** Each entry's resource type, in order (null where there is none), for the system client's scope check. */
function resourceTypes(body: unknown): (string | null)[] {
  const entries = (body as { entry?: unknown } | null)?.entry;
  if (!Array.isArray(entries)) return [];
  return entries.map((e: { resource?: { resourceType?: unknown } } | null) => {
    const type = e?.resource?.resourceType;
    return typeof type === 'string' ? type : null;
  });
}

const refused = (err: unknown, types: readonly (string | null)[]): PreparedImport => {
  const { status, body } = toOutcome(err);
  // Anything but a refusal we meant (a bug) is not the client's fault: the route answers 500.
  if (status >= 500) throw err;
  return { kind: 'refused', status, issues: body.issue ?? [], types };
};

/** A parsed body as a transaction's commands or a batch's per-entry plans. */
export function prepareBundle(body: unknown): PreparedImport {
  const types = resourceTypes(body);
  try {
    if ((body as { type?: unknown } | null)?.type === 'batch') return { kind: 'batch', types, entries: importBatch(body) };
    return { kind: 'transaction', types, commands: importBundle(body) };
  } catch (err) {
    return refused(err, types);
  }
}

/** The request body's bytes (UTF-8 JSON, as FHIR's JSON format requires) to a prepared import. */
export function prepareImportBytes(bytes: Uint8Array): PreparedImport {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { kind: 'refused', status: 400, issues: [issue('structure', 'The request body is not valid UTF-8.')], types: [] };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { kind: 'refused', status: 400, issues: [issue('structure', 'The request body is not valid JSON.')], types: [] };
  }
  try {
    requireWellFormedText(body);
  } catch (err) {
    return refused(err, resourceTypes(body));
  }
  return prepareBundle(body);
}
