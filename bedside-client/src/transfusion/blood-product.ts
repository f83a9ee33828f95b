import type { ComponentType, IssuedUnitView } from '@wardscan/shared';
/*
 * An ISBT 128 product code as the nurse reads it. The code (data structure
 * 003, e.g. E0336V00) is a 5-character Product Description Code, E… for blood
 * components (ICCBBA: "The PDCs assigned to blood products will begin with
 * E"), then one character for the type of donation and two for the division.
 *
 * What each Product Description Code means is ICCBBA's ISBT 128 Product
 * Description Code database, licensed to registered facilities and not
 * public. Only codes whose description is published elsewhere are named
 * here, each with where it was read. The codes the demo ward and the test
 * fixtures carry (E0001V00, E0002V00, E3081V00, E0291VA0, EA007V00) are not
 * among them: no public source for their descriptions was found, so they
 * show as "product code E0001V00", never a guessed name. A ward adds names
 * from its licensed copy of the database, with the code shown beside them so
 * the nurse can still compare it with the label.
 */

/** Product Description Code → component in words. */
const PRODUCT_NAMES: Readonly<Record<string, string>> = {
  // United Blood Services, "ISBT 128 Blood Product Labeling"
  // (unitedbloodservices.org/hospitals/isbt-product-labeling.htm): "Red Blood
  // Cells/CPD>AS5/500mL/ResLeu<5log6 has a product code of E0336".
  E0336: 'Red cells in additive solution (AS-5), leucocyte-reduced',
};

/**
 * The type of donation (6th character) where it changes who may receive the
 * unit. Same source: "Autologous donations will have the V replaced with a 1
 * and Autologous Biohazard donations have the V replaced with an X".
 */
const DONATION_WORDS: Readonly<Record<string, string>> = {
  '1': 'for autologous use only',
  X: 'for autologous use only, biohazard',
};

const ISBT_PRODUCT_CODE = /^E[0-9A-Z]{4}[0-9A-Z]{3}$/;

/** The component an ISBT 128 product code names, in words ("Red cells in additive solution (AS-5), leucocyte-reduced"), or null when no source names it. */
export function bloodProductName(code: string): string | null {
  const name = ISBT_PRODUCT_CODE.test(code) ? PRODUCT_NAMES[code.slice(0, 5)] : undefined;
  if (!name) return null;
  const donation = DONATION_WORDS[code.charAt(5)];
  return `${name}${donation ? `, ${donation}` : ''}`;
}

/** Blood components as the nurse reads them. */
export const COMPONENT_NAMES: Readonly<Record<ComponentType, string>> = { 'red-cells': 'Red cells', plasma: 'Plasma', platelets: 'Platelets' };

/**
 * The component the transfusion lab issued under this DIN, in words: the
 * lab's record names it whatever the product code, so the nurse reads
 * "Red cells" even where no public source names the code on the bag.
 * Null when the lab issued no unit with this DIN to the patient.
 */
export function issuedComponentName(issued: readonly Pick<IssuedUnitView, 'din' | 'component'>[], din: string | null): string | null {
  const unit = din === null ? undefined : issued.find((u) => u.din === din);
  return unit ? COMPONENT_NAMES[unit.component] : null;
}
