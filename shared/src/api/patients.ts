import { z } from 'zod';
import { decimalSchema, idSchema, instantSchema, isoDateSchema, nhsNumberSchema } from './common.js';
import { doseUnitSchema, medicationRouteSchema } from './units.js';

export const allergySchema = z.object({
  /** What the patient reacts to, e.g. "penicillin" (a class) or "amoxicillin". */
  substance: z.string(),
  /** Drug class, e.g. "penicillins", so a class allergy catches every member. */
  drugClass: z.string().nullable(),
  reaction: z.string().nullable(),
});
export type Allergy = z.infer<typeof allergySchema>;

export const DUE_STATUSES = ['due', 'overdue', 'later', 'prn', 'given'] as const;

/** A dose on the patient's chart as the bedside screen lists it. */
export const dueDoseSchema = z.object({
  prescriptionId: idSchema,
  drugName: z.string(),
  dose: z.object({ value: decimalSchema, unit: doseUnitSchema }),
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
  doses: z.array(dueDoseSchema),
});
export type PatientSummary = z.infer<typeof patientSummarySchema>;
