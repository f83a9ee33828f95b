import { matchAllergy, type Check, type ProductSubstance } from '@wardscan/shared';
import { patientName, type PatientRecord, type ProductRecord } from '../domain/records.js';

/** The substances a product contains, with every code that names them (ingredient, and the VTM for a single-ingredient product). */
export function substancesOf(product: ProductRecord): ProductSubstance[] {
  const { medicine } = product;
  const single = medicine.ingredients.length === 1;
  const list: ProductSubstance[] = medicine.ingredients.map((i) => ({
    codes: [i.substance?.code, single ? medicine.vtm?.code : undefined].filter((c): c is string => !!c),
    name: i.substanceName,
  }));
  // A combination's VTM ("Co-amoxiclav") is also what an allergy may name.
  if (medicine.vtm && !single) list.push({ codes: [medicine.vtm.code], name: medicine.vtm.name });
  if (list.length === 0) list.push({ codes: [], name: product.name });
  return list;
}

/**
 * Allergy by ingredient and by class; "no known drug allergies" is a status;
 * an allergy status nobody recorded is a warning on the first dose of a shift.
 */
export function checkAllergy(patient: PatientRecord, product: ProductRecord, statusAskedThisShift: boolean): Check[] {
  const who = patientName(patient);
  const substances = substancesOf(product);
  const hits = patient.allergies.map((a) => ({ a, m: matchAllergy(a, substances) })).filter((h) => h.m.kind !== 'none');
  const reaction = (r: string | null): string => (r ? ` (${r})` : '');
  const stop = hits.find((h) => h.m.kind === 'substance' || (h.m.kind === 'class' && h.m.outcome === 'stop'));
  const checks: Check[] = [];
  if (stop) {
    const m = stop.m;
    const how = m.kind === 'class' ? `${m.substance} is one of the ${m.allergenClass.name.toLowerCase()}` : `it contains ${m.kind === 'substance' ? m.substance : ''}`;
    checks.push({ rule: 'allergy', outcome: 'stop', message: `${who} is allergic to ${stop.a.substance}${reaction(stop.a.reaction)}, and ${how}. Do not give.` });
  } else if (hits.length > 0) {
    const h = hits[0] as (typeof hits)[number];
    const m = h.m;
    const why =
      m.kind === 'cross-sensitivity'
        ? `${m.substance} is one of the ${m.relatedClass.name.toLowerCase()}, which carry a smaller risk of cross-reaction (${m.note})`
        : m.kind === 'class'
          ? `${m.substance} is in the same class (${m.allergenClass.name.toLowerCase()})`
          : '';
    checks.push({ rule: 'allergy', outcome: 'warning', message: `${who} is allergic to ${h.a.substance}${reaction(h.a.reaction)}: ${why}. Check with the prescriber before giving.` });
  } else {
    checks.push({
      rule: 'allergy',
      outcome: 'pass',
      message: patient.allergyStatus === 'nkda' ? 'No known drug allergies (recorded).' : patient.allergies.length ? `No recorded allergy to this drug (allergies: ${patient.allergies.map((a) => a.substance).join(', ')}).` : 'No recorded allergy to this drug.',
    });
  }
  if (patient.allergyStatus === 'unknown' && !statusAskedThisShift) {
    checks.push({ rule: 'allergy-status', outcome: 'warning', message: `${who}'s allergy status has not been recorded: ask the patient and check the notes before the first dose of this shift.` });
  }
  return checks;
}
