import type { AuditEvent } from '@medplum/fhirtypes';
import type { AuditEntry, VerdictOutcome } from '@wardscan/shared';
import { AUDIT_TYPE_SYSTEM } from '../systems.js';

/** Our verdicts as AuditEvent.outcome: 0 success, 4 minor failure (warning), 8 serious failure (stop). */
export const OUTCOME_CODES: Readonly<Record<VerdictOutcome, '0' | '4' | '8'>> = { match: '0', info: '0', warning: '4', stop: '8' };

/** One audit-log row as an AuditEvent; the hash chain travels as entity detail so a reader can verify it. */
export function auditEventToFhir(e: AuditEntry): AuditEvent {
  return {
    resourceType: 'AuditEvent',
    id: String(e.seq),
    // A row is never changed: one version, recorded when it was written.
    meta: { versionId: '1', lastUpdated: e.at },
    type: { system: AUDIT_TYPE_SYSTEM, code: e.type, display: e.type },
    recorded: e.at,
    ...(e.outcome ? { outcome: OUTCOME_CODES[e.outcome] } : {}),
    outcomeDesc: e.summary,
    agent: [
      {
        requestor: true,
        who: e.userId ? { reference: `Practitioner/${e.userId}` } : { display: 'unknown user' },
      },
    ],
    source: { observer: { display: 'Wardscan' }, ...(e.wardId ? { site: e.wardId } : {}) },
    entity: [
      ...(e.patientId ? [{ what: { reference: `Patient/${e.patientId}` }, role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' } }] : []),
      {
        what: { display: `audit row ${e.seq}` },
        detail: [
          ...(e.rules.length ? [{ type: 'failed-rules', valueString: e.rules.join(',') }] : []),
          ...(e.eventId ? [{ type: 'event-id', valueString: e.eventId }] : []),
          ...(e.deviceId ? [{ type: 'device-id', valueString: e.deviceId }] : []),
          { type: 'prev-hash', valueString: e.prevHash },
          { type: 'hash', valueString: e.hash },
        ],
      },
    ],
  };
}
