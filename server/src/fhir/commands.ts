import type { DoseForm, MedicationRoute, StrengthRatio } from '@wardscan/shared';
import type { Quantity } from '../domain/dose.js';
import type { Schedule } from '../domain/records.js';
import type { WardTimesAsk } from '../wards/round-times.js';

/*
 * What a FHIR transaction asks Wardscan to write, after validation and
 * mapping, keyed by business identifiers (NHS Number, GLN, GSRN, GTIN) rather
 * than by our row ids. The repository resolves the keys inside one SQLite
 * transaction. `entry` is the index of the Bundle entry the command came from.
 */

export type PatientRef =
  | { readonly by: 'nhs-number'; readonly nhsNumber: string }
  /** The trust's hospital number (the MRN system this server is set to). */
  | { readonly by: 'mrn'; readonly mrn: string }
  | { readonly by: 'id'; readonly id: string };

/** Where an Encounter places a patient: a ward, or a bed (which implies its ward). */
export type PlaceRef =
  | { readonly by: 'ward'; readonly wardId: string }
  | { readonly by: 'bed-gln'; readonly gln: string }
  /** A GLN or id that may name a ward or a bed; the repository decides. */
  | { readonly by: 'gln'; readonly gln: string }
  | { readonly by: 'id'; readonly id: string };

export type ProductRef = { readonly by: 'gtin'; readonly gtin: string } | { readonly by: 'id'; readonly id: string };

export interface PatientCommand {
  readonly kind: 'patient';
  readonly entry: number;
  /** Null for a patient known by hospital number only (they cannot be admitted to a ward until they have one). */
  readonly nhsNumber: string | null;
  readonly mrn: string | null;
  readonly familyName: string;
  readonly givenName: string;
  readonly birthDate: string;
  /** UK Core NHSNumberVerificationStatus code ('01' verified); null when not sent. */
  readonly nhsVerification: string | null;
  /** deceased[x]: true or a date; null when alive or not said. */
  readonly deceased: { readonly at: string | null } | null;
  /** Patient.link replaced-by: the surviving record this one was merged into. */
  readonly replacedBy: PatientRef | null;
}

/** A search a conditional request names: one identifier (or, for a Medication, code) token. */
export interface IdentifierSearch {
  readonly param: 'identifier' | 'code';
  readonly system: string;
  readonly value: string;
}

/**
 * What the entry's `request` asks beyond "create or update by identifier"
 * (FHIR http.html): create only if nothing matches `ifNoneExist`; update
 * exactly the one resource a conditional URL matches (the resource must
 * carry that identifier); or update the resource with this id.
 */
export type EntryRequest =
  | { readonly kind: 'if-none-exist'; readonly search: IdentifierSearch }
  | { readonly kind: 'conditional-update'; readonly search: IdentifierSearch }
  | { readonly kind: 'instance-update'; readonly type: string; readonly id: string };

export type ImportCommand = (
  | { readonly kind: 'ward'; readonly entry: number; readonly wardId: string; readonly name: string }
  | { readonly kind: 'bed'; readonly entry: number; readonly gln: string; readonly label: string; readonly wardId: string }
  | PatientCommand
  | { readonly kind: 'placement'; readonly entry: number; readonly patient: PatientRef; readonly place: PlaceRef }
  /** A finished Encounter: the patient leaves the ward (no more doses, their band identifies no one). */
  | { readonly kind: 'discharge'; readonly entry: number; readonly patient: PatientRef; readonly at: string | null }
  | { readonly kind: 'staff'; readonly entry: number; readonly badgeGsrn: string; readonly name: string }
  | {
      readonly kind: 'product';
      readonly entry: number;
      readonly gtins: readonly string[];
      readonly dmdCode: string | null;
      readonly name: string;
      readonly drug: string;
      readonly strength: StrengthRatio | null;
      readonly form: DoseForm;
      readonly routes: readonly MedicationRoute[];
    }
  | {
      readonly kind: 'prescription';
      readonly entry: number;
      /** The prescribing system's identifier: a re-import updates rather than duplicates. */
      readonly identifier: { readonly system: string; readonly value: string };
      readonly patient: PatientRef;
      /** Generic drug; null when it comes from the referenced product. */
      readonly drug: string | null;
      /** The dm+d code the order names its medicine by (VTM, VMP or AMP), kept as sent. */
      readonly medicationCode: string | null;
      readonly product: ProductRef | null;
      readonly dose: Quantity;
      readonly route: MedicationRoute;
      readonly schedule: OrderSchedule;
      /** When the order starts; null when it names no start (no authoredOn, no boundsPeriod.start): it starts when first received. */
      readonly startsAt: string | null;
      /** Where its first (or only) step ends. */
      readonly ends: StepEnd;
      /** stopped, cancelled, completed or entered-in-error: no more doses from now. */
      readonly ended: boolean;
      /** on-hold: kept, no dose due while held; active again when the EPR says so. */
      readonly onHold: boolean;
      /** Why it needs review by pharmacy or the prescriber before a dose is called a match (in plain words); null when the bedside checks it. */
      readonly review: string | null;
      readonly doseRange: { readonly low: string; readonly high: string; readonly unit: string } | null;
      /** Later steps of a sequential (tapering) order, each charted as its own consecutive period. */
      readonly then: readonly PrescriptionPhase[];
    }
  /**
   * An ended order (stopped, cancelled, completed, entered-in-error) whose
   * content cannot be charted: only its identifier is needed to end the order
   * on record, so nothing else of it is read (issue 13: an ended order always ends).
   */
  | {
      readonly kind: 'end-order';
      readonly entry: number;
      readonly identifier: { readonly system: string; readonly value: string };
      /** The subject, when it can be read: an order on record for another patient is not ended by it. */
      readonly patient: PatientRef | null;
      readonly status: string;
    }
  | {
      readonly kind: 'allergy';
      readonly entry: number;
      readonly patient: PatientRef;
      readonly substance: string;
      /** SNOMED CT code of the substance or product. */
      readonly code: string | null;
      readonly reaction: string | null;
      /** refuted or entered-in-error: take it off the record. */
      readonly remove: boolean;
    }
  /** A valid entry Wardscan keeps off the chart on purpose (an option or a plan is not an order to give): it answers, writes nothing. */
  | { readonly kind: 'not-charted'; readonly entry: number; readonly reason: string }
  /** A "no known drug allergies" record: a status on the patient, not a substance. */
  | { readonly kind: 'no-known-allergies'; readonly entry: number; readonly patient: PatientRef }
) & { readonly request?: EntryRequest };

/**
 * When an order is due as the mapper read it: the chart's own schedule, or
 * what it asks of the ward's standard times (TDS, every 8 hours, MORN), which
 * become clock times from the patient's ward when the order is written.
 */
export type OrderSchedule = Schedule | WardTimesAsk;

/** Where a step of a course ends: not said (it runs until stopped), at a time the order gives, or a length after the step starts (boundsDuration). */
export type StepEnd = { readonly kind: 'open' } | { readonly kind: 'at'; readonly at: string } | { readonly kind: 'after'; readonly ms: number };

/** One step of a sequential dosage (dosageInstruction.sequence 2, 3…): from its own start, else from the end of the one before. */
export interface PrescriptionPhase {
  readonly dose: Quantity;
  readonly route: MedicationRoute;
  readonly schedule: OrderSchedule;
  /** Null: when the step before ends. */
  readonly startsAt: string | null;
  readonly ends: StepEnd;
  readonly review: string | null;
  readonly doseRange: { readonly low: string; readonly high: string; readonly unit: string } | null;
}

export type CommandKind = ImportCommand['kind'];

/** Writes run in this order whatever the bundle order, so that what is referred to exists first. */
export const WRITE_ORDER: readonly CommandKind[] = ['ward', 'bed', 'staff', 'product', 'patient', 'placement', 'discharge', 'prescription', 'end-order', 'allergy', 'no-known-allergies', 'not-charted'];
