import { z } from 'zod';
import { idSchema, instantSchema, isoDateSchema, nhsNumberSchema } from './common.js';
import { medicationRouteSchema } from './units.js';
import { orderDoseSchema } from './order-dose.js';

export const allergySchema = z.object({
  /** What the patient reacts to as recorded, e.g. "Penicillin" (a class) or "amoxicillin". */
  substance: z.string(),
  /** SNOMED CT code of the substance or product, where the record has one (UK Core AllergyIntolerance.code). */
  code: z.string().regex(/^\d{6,18}$/).nullable(),
  reaction: z.string().nullable(),
});
export type Allergy = z.infer<typeof allergySchema>;

/**
 * Whether anyone has asked: "recorded" (allergies listed), "nkda" (no known
 * drug allergies, a status and not a substance), or "unknown".
 */
export const ALLERGY_STATUSES = ['recorded', 'nkda', 'unknown'] as const;
export const allergyStatusSchema = z.enum(ALLERGY_STATUSES);
export type AllergyStatus = z.infer<typeof allergyStatusSchema>;

export const DUE_STATUSES = ['due', 'overdue', 'later', 'prn', 'given'] as const;

/** A dose on the patient's chart as the bedside screen lists it. */
export const dueDoseSchema = z.object({
  prescriptionId: idSchema,
  drugName: z.string(),
  dose: orderDoseSchema,
  /** e.g. "1 g oral". */
  doseText: z.string(),
  route: medicationRouteSchema,
  /** Scheduled time for regular doses; null for PRN. */
  dueAt: instantSchema.nullable(),
  status: z.enum(DUE_STATUSES),
  highAlert: z.boolean(),
});
export type DueDose = z.infer<typeof dueDoseSchema>;

/** The patient as the bedside banner shows them after a positive ID. */
export const patientSummarySchema = z.object({
  id: idSchema,
  nhsNumber: nhsNumberSchema,
  mrn: z.string().nullable(),
  familyName: z.string(),
  givenName: z.string(),
  birthDate: isoDateSchema,
  wardId: idSchema,
  bedId: idSchema.nullable(),
  bedLabel: z.string().nullable(),
  allergies: z.array(allergySchema),
  allergyStatus: allergyStatusSchema,
  doses: z.array(dueDoseSchema),
});
export type PatientSummary = z.infer<typeof patientSummarySchema>;
