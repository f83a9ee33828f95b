import { orderDoseText, type Allergy, type AllergyStatus, type MedicationRoute, type MedicinalProduct, type OrderDose, type OrderedMedication } from '@wardscan/shared';
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
  /** "nkda" is a recorded absence of drug allergies; "unknown" means nobody has asked yet. */
  readonly allergyStatus: AllergyStatus;
  /** UK Core NHS Number verification status ('01' verified) as the EPR sent it; absent when never sent. */
  readonly nhsVerification?: string | null;
  /** When they were discharged (off the ward list, their band no longer identifies them); absent or null while admitted. */
  readonly dischargedAt?: string | null;
  readonly deceased?: boolean;
}

/** When a prescription is due: at fixed ward clock times, or as needed with limits. */
export type Schedule =
  | { readonly kind: 'regular'; readonly times: readonly string[] }
  | { readonly kind: 'prn'; readonly minIntervalMinutes: number; readonly maxDailyDose: string | null };

export interface PrescriptionRecord {
  readonly id: string;
  readonly patientId: string;
  /** The medicine's name as ordered (dm+d name, or the prescriber's words). */
  readonly drug: string;
  /** The medicine as ordered, resolved against this server's dm+d release. */
  readonly medication: OrderedMedication;
  /** Set when a specific product was prescribed; null for a generic prescription. */
  readonly productId: string | null;
  /** One exact dose, or a range the nurse chooses within at the bedside. */
  readonly dose: OrderDose;
  readonly route: MedicationRoute;
  readonly schedule: Schedule;
  readonly startsAt: string;
  readonly stopsAt: string | null;
  /** When it was on hold or waiting for review, lately (order_holds): no dose of it was due then. Absent: never held. */
  readonly holds?: readonly HoldSpan[];
}

/** A dose already recorded against a prescription. */
export interface PastDose {
  readonly givenAt: Date;
  /** The scheduled time it was given for; null for PRN. */
  readonly slotAt: Date | null;
  /**
   * The dose given, in the order's unit (for a range order, the one the nurse
   * chose); absent where the caller did not read it, which only an exact-dose
   * order allows (its own dose is the one given).
   */
  readonly dose?: Quantity;
}

/** A scanned pack as the checks see it: its medicine (from dm+d or the ward's catalogue) and the ward's flags for it. */
export interface ProductRecord {
  /** The ward catalogue entry that holds this pack's flags, if any. */
  readonly productId: string | null;
  readonly name: string;
  readonly medicine: MedicinalProduct;
  readonly highAlert: boolean;
  readonly scored: boolean;
  /** False when pharmacy has not reviewed this product for the ward (high-alert status unknown). */
  readonly inCatalogue: boolean;
}

/** An ingredient given within the last day, for limits across prescriptions. */
export interface PastIngredient {
  readonly givenAt: Date;
  readonly substanceCode: string | null;
  readonly substanceName: string;
  readonly amount: { readonly num: bigint; readonly den: bigint };
  readonly dimension: string;
}

export const patientName = (p: Pick<PatientRecord, 'givenName' | 'familyName'>): string =>
  `${p.givenName} ${p.familyName.toUpperCase()}`;

/** "1 g oral", "5–10 mg, nurse chooses oral": the dose as the chart reads. */
export const doseText = (p: Pick<PrescriptionRecord, 'dose' | 'route'>): string => `${orderDoseText(p.dose)} ${p.route}`;

/** The order's one exact dose; null for a range, whose dose the nurse chooses. */
export const fixedDose = (p: Pick<PrescriptionRecord, 'dose'>): Quantity | null => (p.dose.kind === 'fixed' ? { value: p.dose.value, unit: p.dose.unit } : null);

/** Epoch ms [from, to) when an order was on hold or waiting for review (order_holds); `to` null while it lasts. No dose of it was due then. */
export interface HoldSpan {
  readonly from: number;
  readonly to: number | null;
}

/** Whether `t` (epoch ms) falls in one of the spans. */
export const heldAt = (holds: readonly HoldSpan[], t: number): boolean => holds.some((h) => t >= h.from && (h.to === null || t < h.to));
