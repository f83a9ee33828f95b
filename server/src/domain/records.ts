import type { Allergy, MedicationRoute, Product } from '@wardscan/shared';
import type { Quantity } from './dose.js';

/*
 * The records the pure checks work on, as repositories load them. Plain data:
 * no database handles, no clocks.
 */

export interface PatientRecord {
  readonly id: string;
  readonly nhsNumber: string;
  readonly wristbandGsrn: string | null;
  readonly mrn: string | null;
  readonly familyName: string;
  readonly givenName: string;
  readonly birthDate: string;
  readonly wardId: string;
  readonly bedId: string | null;
  readonly bedLabel: string | null;
  readonly allergies: readonly Allergy[];
}

/** When a prescription is due: at fixed ward clock times, or as needed with limits. */
export type Schedule =
  | { readonly kind: 'regular'; readonly times: readonly string[] }
  | { readonly kind: 'prn'; readonly minIntervalMinutes: number; readonly maxDailyDose: string | null };

export interface PrescriptionRecord {
  readonly id: string;
  readonly patientId: string;
  /** Generic drug, matched against the product's drug. */
  readonly drug: string;
  /** Set when a specific product was prescribed; null for a generic prescription. */
  readonly productId: string | null;
  readonly dose: Quantity;
  readonly route: MedicationRoute;
  readonly schedule: Schedule;
  readonly startsAt: string;
  readonly stopsAt: string | null;
}

/** A dose already recorded against a prescription. */
export interface PastDose {
  readonly givenAt: Date;
  /** The scheduled time it was given for; null for PRN. */
  readonly slotAt: Date | null;
}

export type ProductRecord = Product;

export const patientName = (p: Pick<PatientRecord, 'givenName' | 'familyName'>): string =>
  `${p.givenName} ${p.familyName.toUpperCase()}`;

/** "1 g oral", the dose as the chart reads. */
export const doseText = (p: Pick<PrescriptionRecord, 'dose' | 'route'>): string =>
  `${p.dose.value} ${p.dose.unit} ${p.route}`;
