/*
 * The transfusion records the bedside check reads: the patient's group, the
 * lab's orders, and the units it issued. Plain data; SQL is in repository.ts.
 */
import type { BloodGroup, ComponentType, SpecialRequirement } from '@wardscan/shared';

export interface TransfusionOrder {
  readonly id: string;
  readonly patientId: string;
  readonly component: ComponentType;
  readonly units: number;
  readonly requirements: readonly SpecialRequirement[];
  readonly status: 'active' | 'complete' | 'cancelled';
  readonly orderedAt: string;
}

/** What happened to a unit since the lab issued it. */
export type IssuedUnitStatus = 'issued' | 'transfusing' | 'transfused' | 'returned';

export interface IssuedUnit {
  readonly id: string;
  /** 13 characters, without flags or check character. */
  readonly din: string;
  readonly patientId: string;
  readonly orderId: string | null;
  readonly component: ComponentType;
  readonly bloodGroup: BloodGroup;
  /** ISBT 128 product code, when the lab recorded one. */
  readonly productCode: string | null;
  /** The unit's last day (YYYY-MM-DD, ward calendar). */
  readonly expiresOn: string;
  /** HH:MM ward time on `expiresOn`; null means the unit lasts to the end of that day. */
  readonly expiresAtTime: string | null;
  readonly issuedAt: string;
  /** When the unit left controlled storage (the issue fridge); null if not recorded. */
  readonly outOfStorageAt: string | null;
  /** What the unit is: irradiated, CMV-negative… */
  readonly attributes: readonly SpecialRequirement[];
  readonly status: IssuedUnitStatus;
}

/** A ward's transfusion policy. */
export interface TransfusionPolicy {
  /** Two people check at the bedside (BSH: where local policy requires it). */
  readonly secondCheckerRequired: boolean;
  /** Longest time out of controlled storage before the transfusion must be complete, by component. */
  readonly coldChainMinutes: Readonly<Record<ComponentType, number>>;
  /** Warn when less than this remains of the cold-chain limit at the bedside check. */
  readonly minimumRemainingMinutes: number;
}

/** BSH: complete within 4 hours of leaving controlled storage; a second checker unless the ward says otherwise. */
export const DEFAULT_POLICY: TransfusionPolicy = {
  secondCheckerRequired: true,
  coldChainMinutes: { 'red-cells': 240, plasma: 240, platelets: 240 },
  minimumRemainingMinutes: 90,
};
