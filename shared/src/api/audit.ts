import { z } from 'zod';
import { idSchema, instantSchema } from './common.js';
import { LIMITS } from './limits.js';
import { ruleIdSchema, verdictOutcomeSchema } from './verdicts.js';

export const AUDIT_EVENT_TYPES = ['scan', 'administration', 'override', 'witness', 'sign-in', 'sign-in-failed', 'account-locked', 'account', 'catalogue', 'recall', 'label-print', 'fhir-import', 'ward-settings', 'not-given', 'prn-review'] as const;
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

/** `GET /api/audit` query: filters, paging, and `format=csv` for export. */
export const auditQuerySchema = z.object({
  wardId: idSchema.optional(),
  patientId: idSchema.optional(),
  userId: idSchema.optional(),
  rule: ruleIdSchema.optional(),
  outcome: verdictOutcomeSchema.optional(),
  type: auditEventTypeSchema.optional(),
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.auditPageSizeMax).default(50),
  format: z.enum(['json', 'csv']).default('json'),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;
