/*
 * ABO/RhD compatibility of a blood unit with a patient, by component (BSH
 * guidelines on the administration of blood components; JPAC Handbook of
 * Transfusion Medicine, ch. 3–4):
 *  - red cells carry antigens: every ABO antigen on the cells must be on the
 *    patient's own cells, and an RhD-negative patient gets RhD-negative cells;
 *  - plasma carries antibodies: the donor's plasma must hold no antibody
 *    against the patient's antigens (group AB plasma for anyone); RhD does
 *    not matter;
 *  - platelets: ABO-identical is preferred, non-identical is acceptable but
 *    worth a second look (group O platelets must be high-titre negative),
 *    and RhD-positive platelets for an RhD-negative patient need anti-D
 *    prophylaxis considered. Neither is a hard stop: the lab may have
 *    chosen it deliberately when identical units are short.
 */
import type { BloodGroup, ComponentType } from '@wardscan/shared';

/** How well a unit's group suits the patient's: a pass, a warning, or a stop. */
export type Compatibility = 'compatible' | 'acceptable' | 'incompatible';

interface Group {
  readonly a: boolean;
  readonly b: boolean;
  readonly d: boolean;
}

function antigens(group: BloodGroup): Group {
  const abo = group.slice(0, -1);
  return { a: abo.includes('A'), b: abo.includes('B'), d: group.endsWith('+') };
}

/** ABO of the unit against the patient, for this component. */
function aboCompatibility(component: ComponentType, patient: Group, unit: Group): Compatibility {
  switch (component) {
    case 'red-cells':
      // Antigens on donor cells the patient lacks meet the patient's anti-A / anti-B.
      return (unit.a && !patient.a) || (unit.b && !patient.b) ? 'incompatible' : 'compatible';
    case 'plasma':
      // Donor plasma holds anti-A unless the donor is A or AB, anti-B unless B or AB.
      return (patient.a && !unit.a) || (patient.b && !unit.b) ? 'incompatible' : 'compatible';
    case 'platelets':
      return patient.a === unit.a && patient.b === unit.b ? 'compatible' : 'acceptable';
    default: {
      const never: never = component;
      return never;
    }
  }
}

/** RhD of the unit against the patient, for this component. */
function rhdCompatibility(component: ComponentType, patient: Group, unit: Group): Compatibility {
  if (!unit.d || patient.d) return 'compatible';
  switch (component) {
    case 'red-cells':
      return 'incompatible';
    case 'plasma':
      return 'compatible';
    case 'platelets':
      return 'acceptable';
    default: {
      const never: never = component;
      return never;
    }
  }
}

const RANK: Record<Compatibility, number> = { compatible: 0, acceptable: 1, incompatible: 2 };

/** The ABO and RhD results for one unit and patient, and the worse of the two. */
export function compatibility(component: ComponentType, patientGroup: BloodGroup, unitGroup: BloodGroup): { abo: Compatibility; rhd: Compatibility; overall: Compatibility } {
  const patient = antigens(patientGroup);
  const unit = antigens(unitGroup);
  const abo = aboCompatibility(component, patient, unit);
  const rhd = rhdCompatibility(component, patient, unit);
  return { abo, rhd, overall: RANK[abo] >= RANK[rhd] ? abo : rhd };
}

/**
 * For a patient whose group is not on record, only the universal units
 * are safe: group O RhD-negative red cells, group AB plasma. Anything else is
 * a stop. Even these are a warning, since the lab should have the group.
 */
export function unknownPatientCompatibility(component: ComponentType, unitGroup: BloodGroup): Compatibility {
  if (component === 'red-cells' && unitGroup === 'O-') return 'acceptable';
  if (component === 'plasma' && (unitGroup === 'AB+' || unitGroup === 'AB-')) return 'acceptable';
  return 'incompatible';
}
