import { randomUUID } from 'node:crypto';
import type { Bundle, Expression, Extension, Measure, MeasureGroup, MeasureReport, MeasureReportGroup, MeasureReportGroupStratifier } from '@medplum/fhirtypes';
import {
  COMPLIANCE_FIGURE_IDS,
  COMPLIANCE_FIGURES,
  COVERAGE_NOTES,
  MANUAL_ID_METHODS,
  NOT_GIVEN_REASONS,
  roundScore,
  type ComplianceFigureId,
  type ComplianceTotal,
} from '@wardscan/shared';
import { RULE_SYSTEM, UCUM_SYSTEM, WARD_ID_SYSTEM } from '../systems.js';

/*
 * Ward scan compliance as FHIR R4 quality reporting: one Measure describing
 * each figure (a group per figure) and, per ward and period, a 'summary'
 * MeasureReport with each group's numerator and denominator counts and its
 * score: the numbers of the screen and the CSV (shared `complianceFigures`).
 *
 * R4 puts scoring on the Measure, not the group; the figures mix proportions
 * (patient scan compliance), a ratio (stops per 100 doses) and continuous
 * variables (minutes from due to given). The Measure says 'ratio' (which a
 * proportion also is) and each group carries the CQF Measures IG's group
 * scoring extension, the R4 way of saying it per group.
 */
export const MEASURE_URL = 'https://fhir.wardscan.example/Measure/bcma-scan-compliance';
/** The Measure's id on this server: GET /fhir/r4/Measure/bcma-scan-compliance. */
export const COMPLIANCE_MEASURE_ID = 'bcma-scan-compliance';
export const FIGURE_SYSTEM = 'https://fhir.wardscan.example/CodeSystem/compliance-figure';
const COVERAGE_EXTENSION = 'https://fhir.wardscan.example/StructureDefinition/measure-report-coverage';
const SCORING_EXTENSION = 'http://hl7.org/fhir/us/cqfmeasures/StructureDefinition/cqfm-scoring';
const SCORING_SYSTEM = 'http://terminology.hl7.org/CodeSystem/measure-scoring';
const POPULATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/measure-population';
const NOT_GIVEN_SYSTEM = 'https://fhir.wardscan.example/CodeSystem/not-given-reason';
const ID_METHOD_SYSTEM = 'https://fhir.wardscan.example/CodeSystem/patient-identification-method';

type Scoring = 'proportion' | 'ratio' | 'continuous-variable';
const TIMING_GROUPS = {
  'due-to-given-median': { title: 'Minutes from due to given (median)', description: 'Nearest-rank median of the minutes from each scheduled dose’s time to its giving (negative: early).' },
  'due-to-given-p90': { title: 'Minutes from due to given (90th percentile)', description: 'Nearest-rank 90th percentile of the minutes from each scheduled dose’s time to its giving.' },
} as const;

const figureCode = (code: string, display: string) => ({ coding: [{ system: FIGURE_SYSTEM, code, display }], text: display });
const populationCode = (code: 'numerator' | 'denominator' | 'measure-population') => ({ coding: [{ system: POPULATION_SYSTEM, code }] });
const scoringExtension = (code: Scoring): Extension[] => [{ url: SCORING_EXTENSION, valueCodeableConcept: { coding: [{ system: SCORING_SYSTEM, code }] } }];
// The criteria are the count each population is, in words: Expression.language's binding is extensible
// (R4), so 'text/plain' is allowed, though the generated types list only the example codes.
const words = (expression: string) => ({ language: 'text/plain', expression }) as unknown as Expression;

/** Per figure broken down (stratifiers): overrides by rule, not given by reason, manual identification by method. */
const STRATA: Partial<Record<ComplianceFigureId, { by: string; system: string; values: (t: ComplianceTotal) => [string, number][] }>> = {
  override: { by: 'rule', system: RULE_SYSTEM, values: (t) => Object.entries(t.counts.overridesByRule) },
  'not-given': { by: 'reason', system: NOT_GIVEN_SYSTEM, values: (t) => Object.keys(NOT_GIVEN_REASONS).map((r) => [r, t.counts.notGivenByReason[r] ?? 0]) },
  'manual-identification': { by: 'method', system: ID_METHOD_SYSTEM, values: (t) => MANUAL_ID_METHODS.map((m) => [m, t.counts.manualIdentificationByMethod[m] ?? 0]) },
};

/** The Measure: what each figure counts, its target where the standard sets one, and which way is better. */
export function complianceMeasure(date: string): Measure {
  const figureGroups = COMPLIANCE_FIGURE_IDS.map((id): MeasureGroup => {
    const f = COMPLIANCE_FIGURES[id];
    const strata = STRATA[id];
    return {
      extension: scoringExtension(f.per === 1 ? 'proportion' : 'ratio'),
      code: figureCode(id, f.title),
      description: `${f.description}${f.per !== 1 ? ` Score: numerator × ${f.per} ÷ denominator.` : ''}${f.target !== null ? ` Target: at least ${f.target * 100}%.` : ''}${f.better ? ` ${f.better === 'higher' ? 'Higher' : 'Lower'} is better.` : ''}`,
      population: [
        { code: populationCode('numerator'), criteria: words(`${f.numerator}`) },
        { code: populationCode('denominator'), criteria: words(`${f.denominator}`) },
      ],
      ...(strata ? { stratifier: [{ code: { text: strata.by }, criteria: words(strata.by) }] } : {}),
    };
  });
  const timingGroups = Object.entries(TIMING_GROUPS).map(([id, g]): MeasureGroup => ({
    extension: scoringExtension('continuous-variable'),
    code: figureCode(id, g.title),
    description: g.description,
    population: [{ code: populationCode('measure-population'), criteria: words('scheduled doses given') }],
  }));
  return {
    resourceType: 'Measure',
    id: COMPLIANCE_MEASURE_ID,
    url: MEASURE_URL,
    version: '1',
    name: 'WardscanBcmaScanCompliance',
    title: 'Bedside barcode scan compliance, from the chart',
    status: 'active',
    date,
    publisher: 'Wardscan',
    description:
      'Every dose due on a ward in a period, from the prescriptions and their schedules (as-needed doses when given), classified by what the eMAR records: ' +
      'given with the wristband and the pack scanned, with a manual identification, with the product typed; documented as not given, by reason; missed; documented late. ' +
      "Patient and medication scan compliance as the Leapfrog Group's bar code medication administration standard defines them (target at least 95%).",
    scoring: { coding: [{ system: SCORING_SYSTEM, code: 'ratio' }] },
    group: [...figureGroups, ...timingGroups],
  };
}

/** One ward's figures for one period as a summary MeasureReport. */
export function complianceMeasureReport(ward: { id: string; name: string }, total: ComplianceTotal, generatedAt: string): MeasureReport {
  const figureGroups = total.figures.map((f): MeasureReportGroup => {
    const def = COMPLIANCE_FIGURES[f.id];
    const strata = STRATA[f.id];
    const stratifier: MeasureReportGroupStratifier[] | undefined = strata && [
      {
        code: [{ text: strata.by }],
        stratum: strata.values(total).map(([code, numerator]) => ({
          value: { coding: [{ system: strata.system, code }], text: code },
          population: [
            { code: populationCode('numerator'), count: numerator },
            { code: populationCode('denominator'), count: f.denominator },
          ],
          ...(f.denominator > 0 ? { measureScore: { value: roundScore((numerator * def.per) / f.denominator) } } : {}),
        })),
      },
    ];
    return {
      code: figureCode(f.id, def.title),
      population: [
        { code: populationCode('numerator'), count: f.numerator },
        { code: populationCode('denominator'), count: f.denominator },
      ],
      ...(f.value !== null ? { measureScore: { value: f.value } } : {}),
      ...(stratifier ? { stratifier } : {}),
    };
  });
  const m = total.counts.minutesFromDue;
  const timingGroups = (['median', 'p90'] as const).map((which): MeasureReportGroup => {
    const value = m[which];
    const id = which === 'median' ? 'due-to-given-median' : 'due-to-given-p90';
    return {
      code: figureCode(id, TIMING_GROUPS[id].title),
      population: [{ code: populationCode('measure-population'), count: m.count }],
      ...(value !== null ? { measureScore: { value, unit: 'min', system: UCUM_SYSTEM, code: 'min' } } : {}),
    };
  });
  return {
    resourceType: 'MeasureReport',
    // A FHIR id is at most 64 characters: a long ward id leaves it out rather than cut it.
    ...(`${ward.id}-${total.from}-${total.to}`.length <= 64 ? { id: `${ward.id}-${total.from}-${total.to}` } : {}),
    // A period still running, or before any record, is not a final figure.
    ...(total.notes.length
      ? { extension: total.notes.map((note) => ({ url: COVERAGE_EXTENSION, valueCoding: { system: `${COVERAGE_EXTENSION}-note`, code: note, display: COVERAGE_NOTES[note] } })) }
      : {}),
    status: total.notes.includes('not-over') ? 'pending' : 'complete',
    type: 'summary',
    measure: MEASURE_URL,
    subject: { reference: `Location/${ward.id}`, identifier: { system: WARD_ID_SYSTEM, value: ward.id }, display: ward.name },
    date: generatedAt,
    period: { start: total.start, end: total.end },
    group: [...figureGroups, ...timingGroups],
  };
}

/** The Measure and each ward's MeasureReport, as one collection Bundle a trust can send on. */
export function measureReportBundle(wards: readonly { id: string; name: string; total: ComplianceTotal }[], generatedAt: string): Bundle {
  const resources = [complianceMeasure(generatedAt), ...wards.map((w) => complianceMeasureReport(w, w.total, generatedAt))];
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: generatedAt,
    entry: resources.map((resource) => ({ fullUrl: resource.resourceType === 'Measure' ? MEASURE_URL : `urn:uuid:${randomUUID()}`, resource })),
  };
}
