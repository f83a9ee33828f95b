import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * Writes a dm+d release in its published XML layout (release 2), for tests
 * and the import benchmark: one function per file, records as given.
 */

type Fields = Record<string, string | undefined>;
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const el = (fields: Fields): string =>
  Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<${k}>${esc(v as string)}</${k}>`)
    .join('');

export interface ReleaseContent {
  readonly units: readonly [cd: string, desc: string][];
  readonly forms?: readonly [cd: string, desc: string][];
  readonly routes?: readonly [cd: string, desc: string][];
  readonly vtms: readonly Fields[];
  readonly ingredients: readonly Fields[];
  readonly vmps: readonly Fields[];
  readonly vpis: readonly Fields[];
  readonly drugForms?: readonly Fields[];
  readonly drugRoutes?: readonly Fields[];
  readonly amps: readonly Fields[];
  readonly vmpps: readonly Fields[];
  readonly ampps: readonly Fields[];
  readonly gtins: readonly { readonly ampp: string; readonly gtins: readonly Fields[] }[];
}

const HEAD = '<?xml version="1.0" encoding="utf-8"?>\n';
const lines = (tag: string, rows: readonly Fields[]): string => rows.map((r) => `  <${tag}>${el(r)}</${tag}>\n`).join('');
const info = (rows: readonly [string, string][]): string => rows.map(([cd, desc]) => `<INFO>${el({ CD: cd, DESC: desc })}</INFO>\n`).join('');

/** Writes `content` as the eight files of a week's release, named with `week`. */
export function writeRelease(dir: string, content: ReleaseContent, week = '0000001'): void {
  const write = (name: string, body: string): void => writeFileSync(join(dir, `${name}_${week}.xml`), HEAD + body);
  write('f_lookup2', `<LOOKUP>\n<UNIT_OF_MEASURE>\n${info(content.units)}</UNIT_OF_MEASURE>\n<FORM>\n${info(content.forms ?? [])}</FORM>\n<ROUTE>\n${info(content.routes ?? [])}</ROUTE>\n</LOOKUP>\n`);
  write('f_vtm2', `<VIRTUAL_THERAPEUTIC_MOIETIES>\n${lines('VTM', content.vtms)}</VIRTUAL_THERAPEUTIC_MOIETIES>\n`);
  write('f_ingredient2', `<INGREDIENT_SUBSTANCES>\n${lines('ING', content.ingredients)}</INGREDIENT_SUBSTANCES>\n`);
  write(
    'f_vmp2',
    `<VIRTUAL_MED_PRODUCTS>\n<VMPS>\n${lines('VMP', content.vmps)}</VMPS>\n<VIRTUAL_PRODUCT_INGREDIENT>\n${lines('VPI', content.vpis)}</VIRTUAL_PRODUCT_INGREDIENT>\n<DRUG_FORM>\n${lines('DFORM', content.drugForms ?? [])}</DRUG_FORM>\n<DRUG_ROUTE>\n${lines('DROUTE', content.drugRoutes ?? [])}</DRUG_ROUTE>\n</VIRTUAL_MED_PRODUCTS>\n`,
  );
  write('f_amp2', `<ACTUAL_MEDICINAL_PRODUCTS>\n<AMPS>\n${lines('AMP', content.amps)}</AMPS>\n</ACTUAL_MEDICINAL_PRODUCTS>\n`);
  write('f_vmpp2', `<VIRTUAL_MED_PRODUCT_PACK>\n<VMPPS>\n${lines('VMPP', content.vmpps)}</VMPPS>\n</VIRTUAL_MED_PRODUCT_PACK>\n`);
  write('f_ampp2', `<ACTUAL_MEDICINAL_PROD_PACKS>\n<AMPPS>\n${lines('AMPP', content.ampps)}</AMPPS>\n</ACTUAL_MEDICINAL_PROD_PACKS>\n`);
  const gtin = content.gtins.map((g) => `  <AMPP><AMPPID>${g.ampp}</AMPPID>${g.gtins.map((x) => `<GTINDATA>${el(x)}</GTINDATA>`).join('')}</AMPP>\n`).join('');
  write('f_gtin2', `<GTIN_DETAILS>\n<AMPPS>\n${gtin}</AMPPS>\n</GTIN_DETAILS>\n`);
}
