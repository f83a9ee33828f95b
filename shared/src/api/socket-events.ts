import { z } from 'zod';
import type { ApiErrorBody } from './errors.js';
import type { AdministrationRequest, AdministrationResponse } from './administrations.js';
import type { ScanRequest, ScanResponse } from './scans.js';
import { eventIdSchema, idSchema, instantSchema } from './common.js';
import { overrideReasonSchema } from './administrations.js';
import { ruleIdSchema } from './verdicts.js';

/** A socket ack carries either the result or the same error body as REST. */
export type Ack<T> = (reply: T | ApiErrorBody) => void;

/**
 * Sent to a ward's room as it happens: every stop, warning and override.
 * Ward managers of that ward receive it. Where the patient belongs to
 * another ward than the nurse's, each ward's managers get a copy worded for
 * their side (`audience`), with `wardId` their ward (issue 15).
 */
export const WARD_ALERT_AUDIENCES = ['ward', 'nurse-ward', 'patient-ward', 'overview'] as const;
export const wardAlertSchema = z.object({
  kind: z.enum(['stop', 'warning', 'override']),
  wardId: idSchema,
  at: instantSchema,
  eventId: eventIdSchema,
  deviceId: z.string(),
  userId: idSchema,
  userName: z.string(),
  patientId: idSchema.nullable(),
  patientName: z.string().nullable(),
  bedLabel: z.string().nullable(),
  rules: z.array(ruleIdSchema),
  message: z.string(),
  overrideReason: overrideReasonSchema.nullable(),
  /** The ward of the nurse who scanned; null when they have none. Filled in on the way out when the maker left it out. */
  nurseWardId: idSchema.nullable().optional(),
  /** The patient's ward; null when no patient is named. */
  patientWardId: idSchema.nullable().optional(),
  /**
   * Whose side the words are for: 'ward' (nurse and patient on the same ward),
   * 'nurse-ward' (the nurse's manager: "Your nurse … scanned …, a Ward 8A
   * patient"), 'patient-ward' (the patient's: "A Ward 7B nurse scanned your
   * patient …"), 'overview' (admins, once).
   */
  audience: z.enum(WARD_ALERT_AUDIENCES).optional(),
});
export type WardAlert = z.infer<typeof wardAlertSchema>;

/** Socket handshake: `io(url, { auth: { token } })`. */
export const socketAuthSchema = z.object({ token: z.string().min(1) });

export interface ClientToServerEvents {
  scan: (request: ScanRequest, ack: Ack<ScanResponse>) => void;
  administer: (request: AdministrationRequest, ack: Ack<AdministrationResponse>) => void;
  /** Round-trip floor for benchmarks: echoes the payload back. */
  echo: (payload: unknown, ack: (payload: unknown) => void) => void;
}

/**
 * Sent when too many failed sign-ins lock an account (issue 16): to every
 * admin, and to the ward managers of the account's ward.
 */
export const accountLockedEventSchema = z.object({
  staffId: idSchema,
  name: z.string(),
  wardId: idSchema.nullable(),
  at: instantSchema,
  lockedUntil: instantSchema,
  failures: z.number().int().positive(),
});
export type AccountLockedEvent = z.infer<typeof accountLockedEventSchema>;

/**
 * Sent to the nurses and managers of a ward when patients' charts changed
 * (a dose given or documented not given, an effect recorded), so round views
 * fetch them again. At most one a second per ward, naming every patient whose
 * chart changed since the last. Carries no name: the view asks for what it may see.
 */
export const wardChangedEventSchema = z.object({ wardId: idSchema, patientIds: z.array(idSchema).min(1), at: instantSchema });
export type WardChangedEvent = z.infer<typeof wardChangedEventSchema>;

export interface ServerToClientEvents {
  'ward:alert': (alert: WardAlert) => void;
  'ward:changed': (event: WardChangedEvent) => void;
  'account:locked': (event: AccountLockedEvent) => void;
}
