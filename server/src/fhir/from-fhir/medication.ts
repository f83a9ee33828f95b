import type { Medication } from '@medplum/fhirtypes';
import type { MedicationRoute } from '@wardscan/shared';
import type { ImportCommand } from '../commands.js';
import { all, conceptText, fail, gs1KeyFrom, ok, type EntryContext, type Mapped } from '../references.js';
import { DMD_SYSTEM, EXT_MEDICATION_ROUTE, GTIN_SYSTEM } from '../systems.js';
import { denominatorFrom, formFrom, quantityFrom, ROUTES_OF_FORM, routeFrom } from './codes.js';

type ProductCommand = Extract<ImportCommand, { kind: 'product' }>;

/** The GTINs a Medication's code lists, checked and as GTIN-14. */
export function gtinsOf(m: Medication, at: string): Mapped<string[]> {
  const codings = (m.code?.coding ?? []).map((c, i) => ({ c, i })).filter(({ c }) => c.system === GTIN_SYSTEM);
  return all(...codings.map(({ c, i }) => gs1KeyFrom(c.code ?? '', 'GTIN', `${at}.code.coding[${i}].code`)));
}

/** The generic drug a Medication contains: its single ingredient's name, lower case (matched against packs). */
export function drugOf(m: Medication, at: string): Mapped<string> {
  const ingredients = m.ingredient ?? [];
  if (ingredients.length > 1) return fail('Wardscan checks single-ingredient products only.', `${at}.ingredient`, 'not-supported');
  const name = conceptText(ingredients[0]?.itemCodeableConcept);
  return name ? ok(name.toLowerCase()) : fail('The medication needs its ingredient (itemCodeableConcept with the generic name).', `${at}.ingredient`, 'required');
}

function routesOf(m: Medication, at: string, form: ProductCommand['form']): Mapped<MedicationRoute[]> {
  const stated = (m.extension ?? []).map((e, i) => ({ e, i })).filter(({ e }) => e.url === EXT_MEDICATION_ROUTE);
  if (stated.length) return all(...stated.map(({ e, i }) => routeFrom(e.valueCodeableConcept, `${at}.extension[${i}].valueCodeableConcept`)));
  const implied = ROUTES_OF_FORM[form];
  return implied ? ok([...implied]) : fail(`A ${form} can be given several ways: state them with extension ${EXT_MEDICATION_ROUTE}.`, `${at}.extension`, 'required');
}

/** A pharmacy catalogue product: GTINs (required: packs are scanned), dm+d code, form, strength, routes. */
export function medicationFromFhir(m: Medication, ctx: EntryContext): Mapped<ProductCommand> {
  const at = ctx.at;
  const gtins = gtinsOf(m, at);
  if (gtins.ok && gtins.value.length === 0) return fail(`Wardscan links packs by GTIN: add a code.coding with system ${GTIN_SYSTEM}.`, `${at}.code`, 'required');
  const name = conceptText(m.code);
  const form = formFrom(m.form, `${at}.form`);
  // Strength is a Ratio: 80 mg / 2 mL, 500 mg / 1 tablet. Both halves are kept; none is assumed.
  const strength = m.ingredient?.[0]?.strength;
  const ratio = strength
    ? all(
        quantityFrom(strength.numerator, `${at}.ingredient[0].strength.numerator`),
        strength.denominator ? denominatorFrom(strength.denominator, `${at}.ingredient[0].strength.denominator`) : fail('The strength needs its denominator (per tablet, per 2 mL…).', `${at}.ingredient[0].strength.denominator`, 'required'),
      )
    : ok(null);
  const steps = all(
    gtins,
    name ? ok(name) : fail('The medication needs a name (code.text or a display).', `${at}.code`, 'required'),
    drugOf(m, at),
    form,
    ratio,
    form.ok ? routesOf(m, at, form.value) : ok([]),
  );
  if (!steps.ok) return steps;
  const [codes, productName, drug, doseForm, strengthRatio, routes] = steps.value;
  const dmdCode = m.code?.coding?.find((c) => c.system === DMD_SYSTEM)?.code ?? null;
  const strengthValue = strengthRatio ? { numerator: strengthRatio[0], denominator: strengthRatio[1] } : null;
  return ok({ kind: 'product', entry: ctx.index, gtins: codes, dmdCode, name: productName, drug, strength: strengthValue, form: doseForm, routes });
}
