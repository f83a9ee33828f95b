import { z } from 'zod';
import { glnSchema, gsrnSchema, idSchema, instantSchema, isoDateSchema, nhsNumberSchema } from './common.js';
import { newPinSchema } from './accounts.js';
import { LIMITS } from './limits.js';
import { allergySchema, allergyStatusSchema } from './patients.js';
import { roleSchema } from './roles.js';

const name = z.string().trim().min(1).max(LIMITS.nameMaxLength);

/** `POST /api/staff` (admin): a new member of staff. */
export const staffInputSchema = z
  .object({
    username: z.string().trim().min(3).max(LIMITS.nameMaxLength).regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dot, dash or underscore'),
    name,
    role: roleSchema,
    /** Required for nurses and ward managers. */
    wardId: idSchema.nullable(),
    badgeGsrn: gsrnSchema.nullable(),
    password: z.string().min(12, 'at least 12 characters').max(LIMITS.passwordMaxLength),
    /** At least 6 digits (issue 16). */
    pin: newPinSchema.nullable(),
  })
  .strict();
export type StaffInput = z.infer<typeof staffInputSchema>;

/** A member of staff as admins list them (never with secrets). */
export const staffMemberSchema = z.object({
  id: idSchema,
  username: z.string(),
  name: z.string(),
  role: roleSchema,
  wardId: idSchema.nullable(),
  badgeGsrn: gsrnSchema.nullable(),
  active: z.boolean(),
  /**
   * Until when too many failed sign-ins lock the account (issue 16); null when
   * it is not locked. An admin's new password or PIN, or reactivation, lifts it.
   */
  lockedUntil: instantSchema.nullable().default(null),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;

/** `POST /api/patients` (admin): admit a patient to a ward and bed. */
export const patientInputSchema = z
  .object({
    nhsNumber: nhsNumberSchema,
    /** The wristband GSRN (AI 8018); derived from the NHS Number and the first configured prefix when null. */
    wristbandGsrn: gsrnSchema.nullable(),
    mrn: z.string().trim().min(1).max(20).nullable(),
    familyName: name,
    givenName: name,
    birthDate: isoDateSchema,
    wardId: idSchema,
    bedId: idSchema.nullable(),
    allergies: z.array(allergySchema).max(50),
    /** "nkda" records no known drug allergies; left out, it is "recorded" when allergies are listed and "unknown" otherwise. */
    allergyStatus: allergyStatusSchema.optional(),
  })
  .strict();
export type PatientInput = z.infer<typeof patientInputSchema>;

/** `GET /api/patients` (admin): the patients on record, optionally for one ward. */
export const patientListQuerySchema = z.object({ wardId: idSchema.optional() });

/** A patient as admins list them. */
export const patientRecordSchema = patientInputSchema.extend({ id: idSchema, bedLabel: z.string().nullable() });
export type PatientRecordView = z.infer<typeof patientRecordSchema>;

/** `POST /api/wards` (admin): a ward and its beds. */
export const wardInputSchema = z
  .object({
    id: idSchema.regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes'),
    name,
    timeZone: z.string().min(1).max(64).default('Europe/London'),
    beds: z.array(z.object({ id: idSchema, label: z.string().trim().min(1).max(40), gln: glnSchema }).strict()).max(200),
  })
  .strict();
export type WardInput = z.infer<typeof wardInputSchema>;

/**
 * Whether a plain NHS Number barcode (Code 128 or QR: it may come from notes
 * or a label, not the band) identifies a patient on this ward: 'identifies'
 * with a warning on each product check, or 'refused' (scan the DCB1077 band).
 */
export const PLAIN_NHS_NUMBER_POLICIES = ['identifies', 'refused'] as const;
export const plainNhsNumberPolicySchema = z.enum(PLAIN_NHS_NUMBER_POLICIES);
export type PlainNhsNumberPolicy = z.infer<typeof plainNhsNumberPolicySchema>;

/**
 * Whether a nurse may identify a patient by choosing them from the ward list
 * when the wristband will not scan (issue 12): never, with a second nurse's
 * badge and PIN (the default), or alone. Always recorded and reported.
 */
export const MANUAL_ID_POLICIES = ['blocked', 'second-nurse', 'allowed'] as const;
export const manualIdPolicySchema = z.enum(MANUAL_ID_POLICIES);
export type ManualIdPolicy = z.infer<typeof manualIdPolicySchema>;
export const DEFAULT_MANUAL_ID_POLICY: ManualIdPolicy = 'second-nurse';

/** PUT /wards/{wardId}/scan-settings: null returns the ward to the server's default (WARDSCAN_ACCEPT_PLAIN_NHS_NUMBER; a second nurse for manual identification). */
export const wardScanSettingsInputSchema = z
  .object({ plainNhsNumber: plainNhsNumberPolicySchema.nullable().optional(), manualIdentification: manualIdPolicySchema.nullable().optional() })
  .strict();
export type WardScanSettingsInput = z.infer<typeof wardScanSettingsInputSchema>;

/** The ward's own setting (null: none) and the policy in force. */
export const wardScanSettingsSchema = z.object({
  wardId: idSchema,
  plainNhsNumber: plainNhsNumberPolicySchema.nullable(),
  manualIdentification: manualIdPolicySchema.nullable(),
  effective: z.object({ plainNhsNumber: plainNhsNumberPolicySchema, manualIdentification: manualIdPolicySchema }),
});
export type WardScanSettings = z.infer<typeof wardScanSettingsSchema>;
