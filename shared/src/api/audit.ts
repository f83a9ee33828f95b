import { z } from 'zod';
import { overrideReasonSchema } from './administrations.js';
import { deviceIdSchema, idSchema, instantSchema, isoDateSchema } from './common.js';
import { LIMITS } from './limits.js';
import { ruleIdSchema, verdictOutcomeSchema } from './verdicts.js';

export const AUDIT_EVENT_TYPES = ['scan', 'administration', 'override', 'witness', 'sign-in', 'sign-in-failed', 'account-locked', 'account', 'catalogue', 'recall', 'label-print', 'fhir-import', 'ward-settings', 'not-given', 'prn-review', 'manual-id'] as const;
export const auditEventTypeSchema = z.enum(AUDIT_EVENT_TYPES);
export type AuditEventType = z.infer<typeof auditEventTypeSchema>;

/** One append-only audit row; `hash` chains it to the row before. */
export const auditEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: instantSchema,
  type: auditEventTypeSchema,
  wardId: idSchema.nullable(),
  patientId: idSchema.nullable(),
  userId: idSchema.nullable(),
  deviceId: z.string().nullable(),
  eventId: z.string().nullable(),
  outcome: verdictOutcomeSchema.nullable(),
  /** Rules that did not pass. */
  rules: z.array(ruleIdSchema),
  summary: z.string(),
  detail: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/**
 * One row of the log as a ward manager reads it (issue 15): the stored row
 * with the names joined in by the server. `wardTimeZone` is the zone its
 * ward-local time is read in (the row's ward, else the nurse's, else the
 * ward being viewed). `patient` is the patient the row concerns: the one
 * identified, or, for a wristband that was refused (another ward's patient,
 * a plain NHS Number barcode), the one the band named (`identified: false`).
 * `bedLabel` is the bed on the scan's answer when it had one, else the
 * patient's bed now. New fields default, so an older server's page parses.
 */
export const auditLogEntrySchema = auditEntrySchema.extend({
  wardName: z.string().nullable().default(null),
  wardTimeZone: z.string().default('Europe/London'),
  bedLabel: z.string().nullable().default(null),
  patient: z
    .object({ id: idSchema, name: z.string(), nhsNumber: z.string(), identified: z.boolean() })
    .nullable()
    .default(null),
  userName: z.string().nullable().default(null),
  /** The coded reason given to proceed past a warning (administration or override rows), else null. */
  overrideReason: z.string().nullable().default(null),
});
export type AuditLogEntry = z.infer<typeof auditLogEntrySchema>;

/**
 * `GET /api/audit` query: filters, paging, and `format=csv` for export.
 * `wardId` is whose log: rows on that ward and rows by its staff on other
 * wards (a ward manager's defaults to their ward). `onWardId` narrows to rows
 * on one ward. `patientId` matches the patient the row concerns (see
 * `auditLogEntrySchema`).
 */
export const auditQuerySchema = z.object({
  wardId: idSchema.optional(),
  onWardId: idSchema.optional(),
  patientId: idSchema.optional(),
  userId: idSchema.optional(),
  deviceId: deviceIdSchema.optional(),
  eventId: z.string().min(1).max(64).optional(),
  rule: ruleIdSchema.optional(),
  outcome: verdictOutcomeSchema.optional(),
  type: auditEventTypeSchema.optional(),
  /** Rows at this bed, as the log shows it (the bed on the scan's answer, else the patient's bed now). */
  bedLabel: z.string().min(1).max(100).optional(),
  /** Rows whose override reason this is (an override, or the dose given with it). */
  overrideReason: overrideReasonSchema.optional(),
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  /**
   * Whole days, both included, on the clock of the ward whose log this is
   * (`wardId`; with none, Europe/London): a date picked on a handheld in
   * another zone still means that ward's midnight. Not with `from`/`to`.
   */
  fromDate: isoDateSchema.optional(),
  toDate: isoDateSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.auditPageSizeMax).default(50),
  format: z.enum(['json', 'csv']).default('json'),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** What the log's filters can choose from: the wards, patients, nurses and devices in the log being read (and its period). */
export const auditFacetsSchema = z.object({
  wards: z.array(z.object({ id: idSchema, name: z.string() })),
  patients: z.array(z.object({ id: idSchema, name: z.string(), nhsNumber: z.string() })),
  users: z.array(z.object({ id: idSchema, name: z.string() })),
  devices: z.array(z.string()),
  /** The beds of the ward whose log this is (of every ward for the whole trust's), by label. */
  beds: z.array(z.string()).default([]),
});
export type AuditFacets = z.infer<typeof auditFacetsSchema>;

export const auditPageSchema = z.object({
  entries: z.array(auditLogEntrySchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  facets: auditFacetsSchema.default({ wards: [], patients: [], users: [], devices: [], beds: [] }),
});
export type AuditPage = z.infer<typeof auditPageSchema>;
