import {
  dmdSearchResponseSchema,
  DOSE_FORMS,
  type MedicinalProduct,
  productInputSchema,
  productSchema,
  recallSchema,
  type DoseForm,
  type DoseUnit,
  type MedicationRoute,
  type Product,
  type ProductInput,
  type Recall,
  type RecallInput,
} from '@wardscan/shared';
import { z } from 'zod';
import type { HttpClient } from '../api/http.js';

export function searchProducts(http: HttpClient, q: string): Promise<Product[]> {
  return http.get(`/api/products?q=${encodeURIComponent(q)}`, z.array(productSchema));
}

export function productsByGtin(http: HttpClient, gtin: string): Promise<Product[]> {
  return http.get(`/api/products?gtin=${encodeURIComponent(gtin)}`, z.array(productSchema));
}

/** What dm+d says a pack's GTIN is (AMPP → AMP → VMP → VTM), if this server's release knows it. */
export async function dmdByGtin(http: HttpClient, gtin: string): Promise<MedicinalProduct | null> {
  const res = await http.get(`/api/dmd/products?gtin=${encodeURIComponent(gtin)}`, dmdSearchResponseSchema);
  return res.products[0] ?? null;
}

/** dm+d's generic products (VMPs) whose name contains `q`. */
export async function searchDmd(http: HttpClient, q: string): Promise<MedicinalProduct[]> {
  return (await http.get(`/api/dmd/products?q=${encodeURIComponent(q)}`, dmdSearchResponseSchema)).products;
}

export function saveProduct(http: HttpClient, id: string | null, input: ProductInput): Promise<Product> {
  return id === null
    ? http.send('POST', '/api/products', input, productSchema)
    : http.send('PUT', `/api/products/${encodeURIComponent(id)}`, input, productSchema);
}

export function listRecalls(http: HttpClient): Promise<Recall[]> {
  return http.get('/api/recalls', z.array(recallSchema));
}

export function recordRecall(http: HttpClient, input: RecallInput): Promise<Recall> {
  return http.send('POST', '/api/recalls', input, recallSchema);
}

export function liftRecall(http: HttpClient, id: string): Promise<Recall> {
  return http.send('POST', `/api/recalls/${encodeURIComponent(id)}/lift`, {}, recallSchema);
}

/** The product form as typed: every field a string until it is checked. */
export interface ProductDraft {
  kind: 'drug' | 'device';
  name: string;
  drug: string;
  dmdCode: string;
  /** One GTIN per line. */
  gtins: string;
  strengthValue: string;
  strengthUnit: DoseUnit;
  /** What the strength is per: 1 tablet, 2 mL, 0.4 mL. */
  strengthPerValue: string;
  strengthPerUnit: DoseUnit;
  form: DoseForm;
  routes: MedicationRoute[];
  highAlert: boolean;
  scored: boolean;
}

export type DraftField = keyof ProductDraft;
export type FieldErrors = Partial<Record<DraftField, string>>;

export function emptyDraft(gtin = ''): ProductDraft {
  return {
    kind: 'drug', name: '', drug: '', dmdCode: '', gtins: gtin,
    strengthValue: '', strengthUnit: 'mg', strengthPerValue: '1', strengthPerUnit: 'tablet', form: DOSE_FORMS[0], routes: [], highAlert: false, scored: false,
  };
}

export function draftFromProduct(product: Product): ProductDraft {
  return {
    kind: product.kind,
    name: product.name,
    drug: product.drug ?? '',
    dmdCode: product.dmdCode ?? '',
    gtins: product.gtins.join('\n'),
    strengthValue: product.strength?.numerator.value ?? '',
    strengthUnit: product.strength?.numerator.unit ?? 'mg',
    strengthPerValue: product.strength?.denominator.value ?? '1',
    strengthPerUnit: product.strength?.denominator.unit ?? 'tablet',
    form: product.form,
    routes: product.routes,
    highAlert: product.highAlert,
    scored: product.scored,
  };
}

/** A new catalogue entry for a pack dm+d knows: its VMP's code and the supplier's product name; pharmacy sets the flags. */
export function draftFromDmd(dmd: MedicinalProduct, gtin: string): ProductDraft {
  return { ...emptyDraft(gtin), name: dmd.amp?.name ?? dmd.name, dmdCode: dmd.vmp?.code ?? '', routes: [...dmd.routes] };
}

/** An EAN-13 as printed on older packs becomes its GTIN-14 with a leading 0. */
export function normaliseGtin(text: string): string {
  const digits = text.replace(/\s/g, '');
  return /^\d{13}$/.test(digits) ? `0${digits}` : digits;
}

function splitGtins(text: string): string[] {
  return text.split(/[\s,]+/).filter((part) => part !== '').map(normaliseGtin);
}

/** Draft → the wire's ProductInput, or the errors to show beside each field. */
export function toProductInput(draft: ProductDraft): { ok: true; input: ProductInput } | { ok: false; errors: FieldErrors } {
  const candidate = {
    kind: draft.kind,
    gtins: splitGtins(draft.gtins),
    name: draft.name,
    drug: draft.drug.trim() === '' ? null : draft.drug,
    dmdCode: draft.dmdCode.trim() === '' ? null : draft.dmdCode.trim(),
    strength:
      draft.strengthValue.trim() === ''
        ? null
        : { numerator: { value: draft.strengthValue.trim(), unit: draft.strengthUnit }, denominator: { value: draft.strengthPerValue.trim(), unit: draft.strengthPerUnit } },
    form: draft.form,
    routes: draft.routes,
    highAlert: draft.highAlert,
    scored: draft.scored,
  };
  const parsed = productInputSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = draftFieldFor(issue.path.join('.'));
    if (field && !errors[field]) errors[field] = issue.path[0] === 'gtins' && issue.code === 'too_small' ? 'Add at least one GTIN' : issue.message;
  }
  return { ok: false, errors };
}

/** The server's or zod's field name ("gtins.1", "strength.value") → the form field it belongs to. */
export function draftFieldFor(wireField: string): DraftField | null {
  const head = wireField.split('.')[0] ?? '';
  if (head === 'strength') return wireField.includes('denominator') ? 'strengthPerValue' : 'strengthValue';
  const fields: DraftField[] = ['kind', 'name', 'drug', 'dmdCode', 'gtins', 'form', 'routes', 'highAlert', 'scored'];
  return (fields as string[]).includes(head) ? (head as DraftField) : null;
}
