import type { CodeableConcept, Dosage, Medication, MedicationRequest, Resource, Substance, TimingRepeat } from '@medplum/fhirtypes';
import type { ImportCommand, PrescriptionPhase, ProductRef, StepEnd } from '../commands.js';
import { all, conceptText, fail, ok, parseReference, type EntryContext, type Mapped } from '../references.js';
import { DMD_SYSTEM, GTIN_SYSTEM } from '../systems.js';
import { dosageFromFhir, NO_DOSE, UNSTATED_ROUTE, type MappedDosage } from './dosage.js';
import { reviewText } from './reading.js';
import { drugOf, gtinsOf } from './medication.js';
import { patientRefFrom } from './patient.js';

type PrescriptionCommand = Extract<ImportCommand, { kind: 'prescription' | 'end-order' | 'not-charted' }>;

/** Intents that propose or plan rather than order: valid, answered, and kept off the chart (FHIR R4 request-intent). */
const NOT_ORDERS = new Set(['proposal', 'plan', 'option', 'directive']);

const ENDED = new Set(['stopped', 'cancelled', 'completed', 'entered-in-error']);
const ORDERS = new Set(['order', 'original-order', 'reflex-order', 'filler-order', 'instance-order']);

/**
 * The drug and product a prescription names: a Medication (entry, contained,
 * Medication/<id>, by GTIN) or a concept; `review` says why the bedside
 * cannot check a pack against it (null when it can).
 */
type OrderedMedicine = { drug: string | null; product: ProductRef | null; medicationCode: string | null; review: string | null };

/** The dm+d code a concept carries (UK Core: system https://dmd.nhs.uk), kept whatever level it is at. */
const dmdCodeOf = (c: { coding?: { system?: string; code?: string }[] } | undefined): string | null =>
  c?.coding?.find((x) => x.system === DMD_SYSTEM && x.code && /^\d{6,18}$/.test(x.code))?.code ?? null;

/** An ingredient's name: its concept's words, or a Substance it references that the order carries (contained). */
function ingredientName(item: { itemCodeableConcept?: CodeableConcept; itemReference?: { reference?: string } }, contained: readonly Resource[]): string | undefined {
  const named = conceptText(item.itemCodeableConcept);
  if (named) return named;
  const ref = item.itemReference?.reference;
  const substance = ref?.startsWith('#') ? contained.find((c) => c.resourceType === 'Substance' && c.id === ref.slice(1)) : undefined;
  return substance ? conceptText((substance as Substance).code) : undefined;
}

/**
 * The medicine an order names. A combination product, or an ingredient the
 * server cannot name, is kept under the Medication's own name and held for
 * review (the bedside checks a pack against one named ingredient); an order
 * that names no medicine at all is refused.
 */
function medicationOf(r: MedicationRequest, ctx: EntryContext): Mapped<OrderedMedicine> {
  const at = ctx.at;
  const fromMedication = (m: Medication, mAt: string): Mapped<OrderedMedicine> => {
    const gtins = gtinsOf(m, mAt);
    if (!gtins.ok) return gtins;
    const gtin = gtins.value[0];
    const product: ProductRef | null = gtin ? { by: 'gtin', gtin } : null;
    const medicationCode = dmdCodeOf(m.code);
    const own = conceptText(m.code);
    const ingredients = m.ingredient ?? [];
    // A Substance is found among the order's contained resources and the Medication's own.
    const names = ingredients.map((i) => ingredientName(i, [...(r.contained ?? []), ...(m.contained ?? [])]));
    const generic = ingredients.length === 1 ? names[0]?.toLowerCase() : undefined;
    const drug = generic ?? own?.toLowerCase() ?? names.filter((n): n is string => !!n).join(' + ').toLowerCase();
    if (!gtin && !drug && !medicationCode) return fail('The medication names no drug: give its dm+d code, generic name or a GTIN.', `${mAt}.code`, 'required');
    const value = { drug: drug || null, product, medicationCode };
    if (ingredients.length > 1) return ok({ ...value, review: `a combination product (${names.map((n) => n ?? 'an ingredient not named').join('; ')}): the bedside checks a pack against one ingredient` });
    if (ingredients.length === 1 && !generic) {
      const ref = ingredients[0]?.itemReference?.reference;
      return ok({ ...value, review: ref ? `its ingredient is named only by a reference (${ref}) that Wardscan cannot read` : 'its ingredient is not named' });
    }
    return ok({ ...value, review: null });
  };
  if (r.medicationCodeableConcept) {
    const c = r.medicationCodeableConcept;
    const gtin = c.coding?.find((x) => x.system === GTIN_SYSTEM)?.code;
    const text = conceptText(c);
    const medicationCode = dmdCodeOf(c);
    if (!text && !gtin && !medicationCode) return fail('The medication names no drug.', `${at}.medicationCodeableConcept`, 'required');
    return ok({ drug: text ?? null, product: gtin ? { by: 'gtin', gtin: gtin.padStart(14, '0') } : null, medicationCode, review: null });
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
      return ok({ drug: null, product: { by: 'id', id: v.id }, medicationCode: null, review: null });
    case 'conditional':
      return v.system === GTIN_SYSTEM
        ? ok({ drug: null, product: { by: 'gtin', gtin: v.value.padStart(14, '0') }, medicationCode: null, review: null })
        : fail(`Medications are found by GTIN (${GTIN_SYSTEM}).`, `${at}.medicationReference.reference`, 'not-supported');
    default: {
      const never: never = v;
      return never;
    }
  }
}

/** A date or dateTime as an instant; a bare date starts at 00:00 UTC (documented: London is UTC in winter, +1 h in summer). */
const instantOf = (d: string): string => (d.length === 10 ? `${d}T00:00:00.000Z` : new Date(d).toISOString());

const DURATION_MS: Readonly<Record<string, number>> = { min: 60_000, h: 3_600_000, d: 86_400_000, wk: 604_800_000 };

/** Where a step ends: its boundsPeriod.end, else its boundsDuration ("for 2 days") from its start, else not said (it runs until stopped). */
function stepEnd(repeat: TimingRepeat | undefined): StepEnd {
  if (repeat?.boundsPeriod?.end) return { kind: 'at', at: instantOf(repeat.boundsPeriod.end) };
  const d = repeat?.boundsDuration;
  const ms = d?.value !== undefined ? DURATION_MS[d.code ?? d.unit ?? ''] : undefined;
  return ms !== undefined && d?.value !== undefined ? { kind: 'after', ms: d.value * ms } : { kind: 'open' };
}

/** One step of the order's dosage, read, with where it starts (its own boundsPeriod.start) and ends. */
interface DosageStep {
  readonly dosage: MappedDosage;
  readonly startsAt: string | null;
  readonly ends: StepEnd;
}

/**
 * The order's dosage: one instruction, or several given one after another
 * (each with its own `sequence`, e.g. a tapering course), in sequence order.
 * What cannot be charted as such (instructions given together, a step of
 * unknown length before another) is a reason to hold the order for review;
 * a malformed instruction refuses it.
 */
function dosagesOf(dosages: readonly Dosage[], at: string): Mapped<{ steps: DosageStep[]; review: string | null }> {
  const indexed = dosages.map((d, i) => ({ d, i })).sort((a, b) => (a.d.sequence ?? 0) - (b.d.sequence ?? 0));
  const mapped = indexed.map(({ d, i }) => dosageFromFhir(d, `${at}.dosageInstruction[${i}]`));
  const issues = mapped.flatMap((m) => (m.ok ? [] : m.issues));
  if (issues.length) return { ok: false, issues };
  const steps = indexed.map(({ d }, k) => {
    const r = d.timing?.repeat;
    return { dosage: (mapped[k] as { value: MappedDosage }).value, startsAt: r?.boundsPeriod?.start ? instantOf(r.boundsPeriod.start) : null, ends: stepEnd(r) };
  });
  if (steps.length > 1) {
    const seqs = indexed.map(({ d }) => d.sequence);
    if (seqs.some((s) => s === undefined) || new Set(seqs).size !== seqs.length) {
      return ok({ steps: steps.slice(0, 1), review: `${steps.length} dosage instructions are to be given together (not one after another, by sequence): the bedside checks one dose at a time` });
    }
    const unknown = steps.findIndex((s, k) => k < steps.length - 1 && s.ends.kind === 'open' && !steps[k + 1]?.startsAt);
    if (unknown >= 0) return ok({ steps: steps.slice(0, 1), review: `step ${unknown + 1} of ${steps.length} gives no length (boundsDuration or an end), so when step ${unknown + 2} starts is not known` });
  }
  return ok({ steps, review: null });
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
  const dosages = r.dosageInstruction ?? [];
  const first = [...dosages].sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0))[0]?.timing?.repeat;
  const start = first?.boundsPeriod?.start ?? r.authoredOn;
  const steps = all(
    identifier ? ok(identifier) : fail('The prescription needs an identifier (system and value) so that a re-import updates it instead of adding a copy.', `${at}.identifier`, 'required'),
    patientRefFrom(r.subject, ctx, `${at}.subject`),
    medicationOf(r, ctx),
    dosagesOf(dosages, at),
  );
  const chartable = steps.ok && !steps.value[2].review && !steps.value[3].review && dosages.length > 0 && steps.value[3].steps.every((s) => s.dosage.reasons.length === 0);
  if (ENDED.has(r.status) && identifier && !chartable) {
    // An ended order always ends (issue 13): only its identifier is needed, so nothing else of it can refuse it or overwrite what is on record.
    const subject = patientRefFrom(r.subject, ctx, `${at}.subject`);
    return ok({ kind: 'end-order', entry: ctx.index, identifier: { system: identifier.system ?? '', value: identifier.value ?? '' }, patient: subject.ok ? subject.value : null, status: r.status });
  }
  if (!steps.ok) return steps;
  const [id, patient, medication, course] = steps.value;
  // No start sent (EPS orders carry their date on the message, not the order): it starts when received (apply-import).
  const startsAt = start ? instantOf(start) : null;
  // What holds the whole order (its medicine, instructions given together) is said on its one step; a step's own reasons on that step.
  const whole = [medication.review, course.review, dosages.length ? null : 'no dosage instruction is given'].filter((x): x is string => !!x);
  const reviewOf = (d: MappedDosage): string | null => (whole.length || d.reasons.length ? reviewText([...whole, ...d.reasons]) : null);
  const phase = (step: DosageStep) => {
    const held = reviewOf(step.dosage) !== null;
    const { reasons: _reasons, ...dosage } = step.dosage;
    // An order held for review keeps no dose: none of it may be checked as a match.
    return { ...dosage, ...(held ? { dose: NO_DOSE } : {}), review: reviewOf(step.dosage), ends: step.ends };
  };
  const [firstStep, ...later] = course.steps;
  const head = firstStep ? phase(firstStep) : { dose: NO_DOSE, route: UNSTATED_ROUTE, schedule: { kind: 'regular' as const, times: [] }, doseRange: null, review: reviewText(whole), ends: stepEnd(undefined) };
  const then: PrescriptionPhase[] = later.map((step) => ({ ...phase(step), startsAt: step.startsAt }));
  return ok({
    kind: 'prescription',
    entry: ctx.index,
    identifier: { system: id.system ?? '', value: id.value ?? '' },
    patient,
    drug: medication.drug,
    medicationCode: medication.medicationCode,
    product: medication.product,
    ...head,
    startsAt,
    ended: ENDED.has(r.status),
    onHold: r.status === 'on-hold',
    then,
  });
}
