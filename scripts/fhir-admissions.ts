/*
 * A transaction Bundle of N admitted patients (Patient + Encounter + `orders` MedicationRequests,
 * two by default, alternately as needed and regular + an allergy each, built from the synthetic
 * admission fixture), for bench:fhir-import and the FHIR import that bench:bedside runs beside the
 * bedside loop. `first` numbers the patients, so several bundles admit different people.
 */
import type { Bundle, BundleEntry } from '@medplum/fhirtypes';
import { admissionBundle } from '../server/src/fhir/test/support.js';

function nhsNumber(i: number): string {
  for (let n = i; ; n++) {
    const stem = `9994${String(n).padStart(5, '0')}`;
    const sum = [...stem].reduce((s, d, k) => s + Number(d) * (10 - k), 0);
    const c = 11 - (sum % 11);
    if (c !== 10) return stem + (c === 11 ? '0' : String(c));
  }
}

export function bigBundle(patients: number, orders = 2, first = 0): Bundle {
  const base = admissionBundle().entry!;
  const [patient, encounter, allergy] = [base[3]!, base[4]!, base[9]!];
  const prn = base[8]!;
  const entries: BundleEntry[] = [base[0]!, base[1]!, base[6]!];
  const used = new Set<string>();
  for (let i = first; i < first + patients; i++) {
    let nhs = nhsNumber(i * 3);
    while (used.has(nhs)) nhs = nhsNumber(Number(nhs.slice(4, 9)) + 1);
    used.add(nhs);
    const url = `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const p = structuredClone(patient);
    Object.assign(p, { fullUrl: url });
    (p.resource as any).identifier = [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: nhs }];
    // A conditional update changes only the resource its URL names: the URL follows the identifier.
    p.request = { method: 'PUT', url: `Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${nhs}` };
    const e = structuredClone(encounter);
    (e.resource as any).subject = { reference: url };
    (e.resource as any).location = [{ location: { reference: base[0]!.fullUrl } }];
    const rx = Array.from({ length: orders }, (_, k) => (k % 2 === 0 ? prn : base[7]!)).map((r, k) => {
      const c = structuredClone(r);
      (c.resource as any).identifier = [{ system: 'https://fhir.wardscan.example/Id/eprescribing', value: `B-${i}-${k}` }];
      c.request = { method: 'PUT', url: `MedicationRequest?identifier=https://fhir.wardscan.example/Id/eprescribing|B-${i}-${k}` };
      (c.resource as any).subject = { reference: url };
      return c;
    });
    const a = structuredClone(allergy);
    (a.resource as any).patient = { reference: url };
    for (const x of [e, ...rx, a]) delete x.fullUrl;
    entries.push(p, e, ...rx, a);
  }
  return { resourceType: 'Bundle', type: 'transaction', entry: entries };
}
