import { readdirSync } from 'node:fs';
import type { Bundle, BundleEntry, Medication, MedicationRequest, Reference } from '@medplum/fhirtypes';
import type { PatientChart } from '@wardscan/shared';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { fhir, fhirFixture } from './support.js';

/*
 * Issue 13's figures: every MedicationRequest that others published
 * (fixtures/fhir/published/<source>, each with its README), imported as
 * published into a fresh demo ward and read back from the nurse's chart.
 * Shared by published-orders.int.test.ts (which pins each example's class)
 * and scripts/fhir-published-report.ts (which prints the counts).
 */

export const SOURCES = ['hl7-r4', 'uk-core', 'eps-secondary-care'] as const;
export type Source = (typeof SOURCES)[number];

export interface PublishedOrder {
  /** `<source>/<file>` and, for an order inside a message Bundle, `#<entry index>`. */
  readonly key: string;
  readonly source: Source;
  readonly drug: string;
  /** The MedicationRequest as published (a fresh copy). */
  readonly resource: MedicationRequest;
  /** A Medication it names outside itself, as published (resolved by `asImported`). */
  readonly referenced: Medication | null;
}

/** The demo patient every example is pointed at (Ward 7B, bed 4), and the nurse who reads his chart. */
export const DEMO_PATIENT = { id: 'patient-desmond-harlow', nhsNumber: '9990040524' } as const;

const dir = (source: Source) => new URL(`../../../../fixtures/fhir/published/${source}/`, import.meta.url);

/**
 * The EPS examples are prepare-request message Bundles; the orders taken from
 * them, by entry. Orders repeated word for word across the examples (the same
 * methotrexate order is in 20 of them) are taken once: the README lists
 * which.
 */
export const EPS_ENTRIES: Readonly<Record<string, readonly number[]>> = {
  'community-acute-nominated-pharmacy-clinical-practitioner-1-Prepare-Request-200_OK.json': [1],
  'community-acute-nominated-pharmacy-clinical-practitioner-controlled-drugs-1-Prepare-Request-200_OK.json': [1, 2],
  'community-acute-nominated-pharmacy-clinical-practitioner-multiple-drugs-1-Prepare-Request-200_OK.json': [1, 2, 3, 4],
  'community-acute-nominated-pharmacy-clinical-practitioner-multiple-drugs-2-Prepare-Request-200_OK.json': [1],
  'community-acute-nominated-pharmacy-health-professional-6-Prepare-Request-200_OK.json': [1],
  'community-acute-nominated-pharmacy-nurse-medication-reference-1-Prepare-Request-200_OK.json': [1, 2, 3, 4],
  'community-acute-nominated-pharmacy-nurse-multiple-medications-1-Prepare-Request-200_OK.json': [4],
  'community-acute-nominated-pharmacy-paramedic-1-Prepare-Request-200_OK.json': [1, 2, 3, 4],
  'community-acute-nominated-pharmacy-pharmacist-prescriber-endorsed-1-Prepare-Request-200_OK.json': [1],
  'community-acute-nominated-pharmacy-pharmacist-prescriber-endorsed-2-Prepare-Request-200_OK.json': [1],
  'community-repeat-dispensing-nominated-pharmacy-clinical-practitioner-single-medication-request-1-Prepare-Request-200_OK.json': [1],
  'homecare-acute-nominated-pharmacy-clinical-practitioner-1-Prepare-Request-200_OK.json': [1, 2],
  'homecare-acute-nominated-pharmacy-concurrent-dosage-instructions-1-Prepare-Request-200_OK.json': [1],
  'homecare-acute-nominated-pharmacy-consecutive-and-concurrent-dosage-instructions-1-Prepare-Request-200_OK.json': [1],
  'homecare-acute-nominated-pharmacy-consecutive-dosage-instructions-1-Prepare-Request-200_OK.json': [1],
};

const drugOf = (r: MedicationRequest, m: Medication | null): string =>
  r.medicationCodeableConcept?.text ?? r.medicationCodeableConcept?.coding?.[0]?.display ?? m?.code?.text ?? m?.code?.coding?.[0]?.display ?? r.medicationReference?.display ?? '?';

const contained = (r: MedicationRequest, ref: Reference | undefined): Medication | undefined =>
  ref?.reference?.startsWith('#') ? (r.contained?.find((c) => c.id === ref.reference?.slice(1)) as Medication | undefined) : undefined;

/** A Medication the order names by Medication/<id>, looked up among the source's published Medications. */
function medicationFile(source: Source, id: string): Medication | null {
  for (const file of readdirSync(dir(source)).filter((f) => f.endsWith('.json'))) {
    const r = fhirFixture<{ resourceType: string; id?: string }>(`published/${source}/${file}`);
    if (r.resourceType === 'Medication' && r.id === id) return r as Medication;
  }
  return null;
}

/** Every published MedicationRequest in the corpus, in a stable order. */
export function publishedOrders(): PublishedOrder[] {
  const out: PublishedOrder[] = [];
  for (const source of ['hl7-r4', 'uk-core'] as const) {
    for (const file of readdirSync(dir(source)).filter((f) => f.endsWith('.json')).sort()) {
      const r = fhirFixture<MedicationRequest | { resourceType: string }>(`published/${source}/${file}`);
      if (r.resourceType !== 'MedicationRequest') continue;
      const order = r as MedicationRequest;
      const ref = order.medicationReference?.reference;
      const referenced = ref && !ref.startsWith('#') ? medicationFile(source, ref.replace(/^Medication\//, '')) : null;
      out.push({ key: `${source}/${file.replace(/\.json$/, '')}`, source, drug: drugOf(order, referenced ?? contained(order, order.medicationReference) ?? null), resource: order, referenced });
    }
  }
  for (const [file, entries] of Object.entries(EPS_ENTRIES)) {
    const bundle = fhirFixture<Bundle>(`published/eps-secondary-care/${file}`);
    for (const i of entries) {
      const order = bundle.entry?.[i]?.resource as MedicationRequest;
      if (order?.resourceType !== 'MedicationRequest') throw new Error(`${file} entry ${i} is not a MedicationRequest`);
      const ref = order.medicationReference?.reference;
      const referenced = ref ? ((bundle.entry ?? []).find((e) => e.fullUrl === ref)?.resource as Medication | undefined) ?? null : null;
      out.push({ key: `eps-secondary-care/${file.replace(/-Prepare-Request-200_OK\.json$/, '')}#${i}`, source: 'eps-secondary-care', drug: drugOf(order, referenced), resource: order, referenced });
    }
  }
  return out;
}

/**
 * The example as it is sent: only what points outside it changes. Its subject
 * becomes the demo patient (by NHS Number); a Medication it names outside
 * itself (Medication/<id>, or an entry of the message it came in) is carried
 * inside it as a contained resource, as FHIR lets one resource stand alone
 * (without its narrative; anything the Medication itself contains beside it).
 * Nothing else is touched.
 */
export function asImported(order: PublishedOrder): MedicationRequest {
  const r: MedicationRequest = { ...structuredClone(order.resource), subject: { reference: `Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${DEMO_PATIENT.nhsNumber}` } };
  if (order.referenced) {
    // A contained resource holds no narrative and no resources of its own (dom-2): what the Medication contains
    // moves up beside it, where its '#id' references still resolve (they are relative to the container).
    const { text: _narrative, contained: inner = [], ...medication } = structuredClone(order.referenced);
    const id = medication.id ?? order.resource.medicationReference?.reference?.replace(/^urn:uuid:/, '') ?? 'medication';
    r.contained = [...(r.contained ?? []), { ...medication, id }, ...inner];
    r.medicationReference = { ...r.medicationReference, reference: `#${id}` };
  }
  return r;
}

/** What became of one published order, read from the import's answer and the nurse's chart. */
export type OrderClass =
  /** An active order with its doses on today's chart: `chart` says them as the nurse sees them. */
  | { readonly class: 'charted'; readonly chart: string }
  /** On the chart, no dose due and none checked as a match until pharmacy or the prescriber reviews it. */
  | { readonly class: 'needs-review'; readonly reason: string }
  /** On the chart as on hold (status on-hold), no dose due. */
  | { readonly class: 'on-hold' }
  /** Taken and answered, and by design not on the chart: `why` names the intent, the status or the ended course. */
  | { readonly class: 'not-charted'; readonly why: string }
  /** The entry failed: the HTTP status and the OperationOutcome's words. */
  | { readonly class: 'refused'; readonly status: string; readonly words: string };

const ENDED = new Set(['stopped', 'cancelled', 'completed', 'entered-in-error']);
const hhmm = (iso: string) => iso.slice(11, 16);

/** The chart line(s) of one order (all its phases), in words: the dose as the chart says it (with its route), at today's times. */
function chartWords(chart: PatientChart, ours: (id: string) => boolean): string | null {
  const today = chart.slots.filter((s) => ours(s.prescriptionId) && s.slotAt.slice(0, 10) === chart.date);
  const prn = chart.prn.filter((p) => ours(p.prescriptionId));
  const lines = [
    ...[...new Set(today.map((s) => s.doseText))].map((dose) => `${dose} at ${today.filter((s) => s.doseText === dose).map((s) => hhmm(s.slotAt)).join(', ')}`),
    ...prn.map((p) => `${p.doseText} as needed, ${p.minIntervalMinutes} min apart${p.max24h ? `, at most ${p.max24h} a day` : ''}`),
  ];
  return lines.length ? lines.join('; ') : null;
}

const outcomeWords = (outcome: unknown): string =>
  ((outcome as { issue?: { details?: { text?: string }; diagnostics?: string; expression?: string[] }[] } | undefined)?.issue ?? [])
    .map((i) => `${i.details?.text ?? i.diagnostics ?? ''}${i.expression?.length ? ` [${i.expression.join(', ')}]` : ''}`)
    .join(' | ');

/** Imports one example (a batch of one entry) into `server` and says what became of it. */
export async function classify(server: TestServer, order: PublishedOrder, tokens: { admin: string; nurse: string }): Promise<OrderClass> {
  const resource = asImported(order);
  const entry: BundleEntry = { resource, request: { method: 'POST', url: 'MedicationRequest' } };
  const res = await fhir(server, 'POST', '', { token: tokens.admin, body: { resourceType: 'Bundle', type: 'batch', entry: [entry] } });
  if (res.status !== 200) return { class: 'refused', status: String(res.status), words: outcomeWords(res.body) };
  const answer = res.body.entry[0].response as { status: string; location?: string | null; outcome?: unknown };
  if (!/^2/.test(answer.status)) return { class: 'refused', status: answer.status, words: outcomeWords(answer.outcome) };
  const id = answer.location?.replace(/^MedicationRequest\//, '').replace(/\/_history\/.*$/, '');
  if (!id) return { class: 'not-charted', why: outcomeWords(answer.outcome) || 'answered, nothing written' };
  const ours = (p: string) => p === id || p.startsWith(`${id}-s`);
  const chart = await server.api('GET', `/patients/${DEMO_PATIENT.id}/chart`, { token: tokens.nurse });
  if (chart.status !== 200) throw new Error(`chart: ${chart.status} ${JSON.stringify(chart.body)}`);
  const body = chart.body as PatientChart;
  const held = body.held.find((h) => ours(h.prescriptionId));
  if (held) return held.hold.kind === 'on-hold' ? { class: 'on-hold' } : { class: 'needs-review', reason: held.hold.reason };
  const words = chartWords(body, ours);
  if (words) return { class: 'charted', chart: words };
  if (ENDED.has(resource.status)) return { class: 'not-charted', why: `status ${resource.status}: the order has ended` };
  const record = server.wardscan.repos.prescriptions.byId(id);
  const now = server.clock.now().toISOString();
  if (record?.stopsAt && record.stopsAt <= now) return { class: 'not-charted', why: `course ended ${record.stopsAt.slice(0, 10)}` };
  if (record && record.startsAt > now) return { class: 'not-charted', why: `starts ${record.startsAt.slice(0, 10)}` };
  return { class: 'not-charted', why: 'stored, but no dose on today\'s chart and no reason known' };
}

/** One example in a fresh demo ward of its own (so orders that share an identifier never meet). */
export async function classifyAlone(order: PublishedOrder): Promise<OrderClass> {
  const server = await startTestServer();
  try {
    const tokens = { admin: await server.signIn('demo-admin'), nurse: await server.signIn('demo-nurse') };
    return await classify(server, order, tokens);
  } finally {
    await server.close();
  }
}
