import type { Medication, MedicationRequest } from '@medplum/fhirtypes';
import type { ImportCommand, PrescriptionPhase, ProductRef } from '../commands.js';
import { all, conceptText, fail, ok, parseReference, type EntryContext, type Mapped } from '../references.js';
import { DMD_SYSTEM, GTIN_SYSTEM } from '../systems.js';
import { dosageFromFhir, type MappedDosage } from './dosage.js';
import { drugOf, gtinsOf } from './medication.js';
import { patientRefFrom } from './patient.js';

type PrescriptionCommand = Extract<ImportCommand, { kind: 'prescription' | 'not-charted' }>;

/** Intents that propose or plan rather than order: valid, answered, and kept off the chart (FHIR R4 request-intent). */
const NOT_ORDERS = new Set(['proposal', 'plan', 'option', 'directive']);

const ENDED = new Set(['stopped', 'cancelled', 'completed', 'entered-in-error']);
const ORDERS = new Set(['order', 'original-order', 'reflex-order', 'filler-order', 'instance-order']);

/** The drug and product a prescription names: a Medication (entry, contained, Medication/<id>, by GTIN) or a concept. */
type OrderedMedicine = { drug: string | null; product: ProductRef | null; medicationCode: string | null };

/** The dm+d code a concept carries (UK Core: system https://dmd.nhs.uk), kept whatever level it is at. */
const dmdCodeOf = (c: { coding?: { system?: string; code?: string }[] } | undefined): string | null =>
  c?.coding?.find((x) => x.system === DMD_SYSTEM && x.code && /^\d{6,18}$/.test(x.code))?.code ?? null;

function medicationOf(r: MedicationRequest, ctx: EntryContext): Mapped<OrderedMedicine> {
  const at = ctx.at;
  const fromMedication = (m: Medication, mAt: string): Mapped<OrderedMedicine> => {
    const steps = all(gtinsOf(m, mAt), m.ingredient?.length ? drugOf(m, mAt) : ok(null));
    if (!steps.ok) return steps;
    const [gtins, drug] = steps.value;
    const gtin = gtins[0];
    const generic = drug ?? conceptText(m.code)?.toLowerCase() ?? null;
    const medicationCode = dmdCodeOf(m.code);
    if (!gtin && !generic && !medicationCode) return fail('The medication names no drug: give its dm+d code, generic name or a GTIN.', `${mAt}.code`, 'required');
    return ok({ drug: generic, product: gtin ? { by: 'gtin', gtin } : null, medicationCode });
  };
  if (r.medicationCodeableConcept) {
    const c = r.medicationCodeableConcept;
    const gtin = c.coding?.find((x) => x.system === GTIN_SYSTEM)?.code;
    const text = conceptText(c);
    const medicationCode = dmdCodeOf(c);
    if (!text && !gtin && !medicationCode) return fail('The medication names no drug.', `${at}.medicationCodeableConcept`, 'required');
    return ok({ drug: text ?? null, product: gtin ? { by: 'gtin', gtin: gtin.padStart(14, '0') } : null, medicationCode });
  }
  const ref = parseReference(r.medicationReference, ctx, `${at}.medicationReference.reference`, 'Medication');
  if (!ref.ok) return ref;
  const v = ref.value;
  switch (v.kind) {
    case 'entry':
      return fromMedication(v.resource as Medication, `Bundle.entry[${v.index}].resource`);
    case 'contained': {
      const i = (r.contained ?? []).findIndex((c) => c.id === v.id && c.resourceType === 'Medication');
      const m = r.contained?.[i] as Medication | undefined;
      return m ? fromMedication(m, `${at}.contained[${i}]`) : fail(`No contained Medication #${v.id}.`, `${at}.medicationReference.reference`, 'not-found');
    }
    case 'literal':
      return ok({ drug: null, product: { by: 'id', id: v.id }, medicationCode: null });
    case 'conditional':
      return v.system === GTIN_SYSTEM ? ok({ drug: null, product: { by: 'gtin', gtin: v.value.padStart(14, '0') }, medicationCode: null }) : fail(`Medications are found by GTIN (${GTIN_SYSTEM}).`, `${at}.medicationReference.reference`, 'not-supported');
    default: {
      const never: never = v;
      return never;
    }
  }
}

/** A date or dateTime as an instant; a bare date starts at 00:00 UTC (documented: London is UTC in winter, +1 h in summer). */
const instantOf = (d: string): string => (d.length === 10 ? `${d}T00:00:00.000Z` : new Date(d).toISOString());

const DURATION_MS: Readonly<Record<string, number>> = { min: 60_000, h: 3_600_000, d: 86_400_000, wk: 604_800_000 };

/** timing.repeat.boundsDuration ("for 2 days") as the course's end: a course that is not stopped never ends by itself. */
function courseEnd(start: string, duration: { value?: number; code?: string; unit?: string } | undefined): string | null {
  const ms = duration?.value !== undefined ? DURATION_MS[duration.code ?? duration.unit ?? ''] : undefined;
  return ms !== undefined && duration?.value !== undefined ? new Date(new Date(start).getTime() + duration.value * ms).toISOString() : null;
}

interface DosageStep {
  readonly dosage: MappedDosage;
  readonly duration: { value?: number; code?: string; unit?: string } | undefined;
}

/**
 * The order's dosage: one instruction, or several given one after another
 * (each with its own `sequence`, e.g. a tapering course), in sequence order.
 * Several instructions without distinct sequences (given together) are refused.
 */
function dosagesOf(dosages: MedicationRequest['dosageInstruction'] & object, at: string): Mapped<DosageStep[]> {
  if (!dosages.length) return fail('Wardscan needs a dosageInstruction.', `${at}.dosageInstruction`, 'required');
  const indexed = dosages.map((d, i) => ({ d, i }));
  if (dosages.length > 1) {
    const seqs = dosages.map((d) => d.sequence);
    if (seqs.some((s) => s === undefined) || new Set(seqs).size !== seqs.length) {
      return fail('Several dosageInstructions are charted only as steps one after another: give each a different sequence (1, 2, …).', `${at}.dosageInstruction`, 'not-supported');
    }
  }
  const mapped = indexed.map(({ d, i }) => dosageFromFhir(d, `${at}.dosageInstruction[${i}]`));
  const issues = mapped.flatMap((m) => (m.ok ? [] : m.issues));
  if (issues.length) return { ok: false, issues };
  return ok(indexed.map(({ d }, k) => ({ dosage: (mapped[k] as { value: MappedDosage }).value, duration: d.timing?.repeat?.boundsDuration })));
}

/** An inpatient order to give a medicine, mapped to a Wardscan prescription. */
export function medicationRequestFromFhir(r: MedicationRequest, ctx: EntryContext): Mapped<PrescriptionCommand> {
  const at = ctx.at;
  // One option in a feed must not reject the patient's whole chart: it is answered and not charted.
  if (NOT_ORDERS.has(r.intent)) return ok({ kind: 'not-charted', entry: ctx.index, reason: `intent "${r.intent}" is not an order to give: not charted.` });
  if (!ORDERS.has(r.intent)) return fail(`Only orders are given at the bedside; intent "${r.intent}" is not an order.`, `${at}.intent`, 'not-supported');
  if (r.status === 'draft' || r.status === 'unknown') return fail(`A ${r.status} prescription cannot be given.`, `${at}.status`, 'not-supported');
  const identifier = r.identifier?.find((i) => i.system && i.value);
  // An ended order with no identifier can name nothing on record to end, and is never charted: answered, not refused.
  if (!identifier && ENDED.has(r.status)) return ok({ kind: 'not-charted', entry: ctx.index, reason: `status "${r.status}" and no identifier: no order on record to end, and nothing to chart.` });
  // Steps in sequence order (a tapering course may list them in any order).
  const dosages = [...(r.dosageInstruction ?? [])].sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0));
  const timing = dosages[0]?.timing?.repeat;
  const bounds = timing?.boundsPeriod;
  const start = bounds?.start ?? r.authoredOn;
  const steps = all(
    identifier ? ok(identifier) : fail('The prescription needs an identifier (system and value) so that a re-import updates it instead of adding a copy.', `${at}.identifier`, 'required'),
    patientRefFrom(r.subject, ctx, `${at}.subject`),
    medicationOf(r, ctx),
    dosagesOf(dosages, at),
    start ? ok(instantOf(start)) : fail('The prescription needs a start: authoredOn or timing.repeat.boundsPeriod.start.', `${at}.authoredOn`, 'required'),
  );
  if (!steps.ok) return steps;
  const [id, patient, medication, [dosage, ...later], startsAt] = steps.value;
  const firstStops = bounds?.end ? instantOf(bounds.end) : courseEnd(startsAt, timing?.boundsDuration);
  // Sequential steps follow one another: each starts where the one before ends (its boundsDuration).
  const then: PrescriptionPhase[] = [];
  let from = firstStops;
  for (const step of later) {
    if (!from) return fail('Each step of a sequential dosage but the last needs its length (timing.repeat.boundsDuration) so the next can follow it.', `${at}.dosageInstruction.timing.repeat.boundsDuration`, 'required');
    const stopsAt = courseEnd(from, step.duration);
    then.push({ dose: step.dosage.dose, route: step.dosage.route, schedule: step.dosage.schedule, review: step.dosage.review, doseRange: step.dosage.doseRange, startsAt: from, stopsAt });
    from = stopsAt;
  }
  if (!dosage) return fail('A dosageInstruction is required.', `${at}.dosageInstruction`, 'required');
  return ok({
    kind: 'prescription',
    entry: ctx.index,
    identifier: { system: id.system ?? '', value: id.value ?? '' },
    patient,
    drug: medication.drug,
    medicationCode: medication.medicationCode,
    product: medication.product,
    ...dosage.dosage,
    startsAt,
    stopsAt: firstStops,
    ended: ENDED.has(r.status),
    onHold: r.status === 'on-hold',
    then,
  });
}
