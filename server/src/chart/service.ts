import { randomUUID } from 'node:crypto';
import { NOT_GIVEN_REASONS, type HeldOrder, type NotGivenRequest, type OrdersNeedingReview, type NotGivenResponse, type PatientChart, type PrnEffectRequest, type RoundBed, type WardRound } from '@wardscan/shared';
import { captureTime } from '../domain/capture-time.js';
import { chartSlots, PRN_HISTORY_HOURS, prnLines, type ChartInput } from '../domain/chart.js';
import { patientName, type PatientRecord } from '../domain/records.js';
import { wardDate } from '../domain/ward-time.js';
import { requireWardAccess } from '../auth/service.js';
import { conflict, forbidden, invalid, notFound } from '../http/api-error.js';
import { isHighAlertOrder, timingFor, type BedsideEnv } from '../scans/bedside.js';
import { prnReviewMinutes } from './prn-review.js';

const HOUR = 60 * 60_000;

/** Whatever a ward has recorded, a dose not documented in the last two days is shown as missed. */
const MISSED_FLOOR_HOURS = 48;

/**
 * From when an undocumented dose is shown as missed: back to the ward's first
 * record on Wardscan (a missed dose stays until someone documents it), and
 * never less than the last MISSED_FLOOR_HOURS. Without the floor a ward's
 * first day, or a fresh demo ward, would hide the doses due before its first
 * scan: better a dose given on paper shown as missed, to be documented, than
 * a missed dose not shown.
 */
function missedFromFor(env: BedsideEnv, wardId: string): Date {
  const floor = env.now.getTime() - MISSED_FLOOR_HOURS * HOUR;
  const first = env.repos.chart.wardRecordsFrom(wardId)?.getTime() ?? floor;
  return new Date(Math.min(first, floor));
}

/**
 * What the chart is worked out from, in one query each for doses given and
 * not given. Missed doses are shown from `missedFrom` (read once per round by
 * the caller); as-needed history from PRN_HISTORY_HOURS back: the records are
 * read from the earlier of the two.
 */
function chartInput(env: BedsideEnv, patient: PatientRecord, missedFrom: Date = missedFromFor(env, patient.wardId)): ChartInput {
  const since = new Date(Math.min(missedFrom.getTime(), env.now.getTime() - PRN_HISTORY_HOURS * HOUR));
  // An order put on hold keeps the doses it missed before: they still need documenting. Its
  // holds take out every dose from the hold on, and any earlier hold's doses likewise.
  const onHold = env.repos.prescriptions
    .heldRecords(patient.id, env.now)
    .filter(({ hold }) => hold.kind === 'on-hold' && hold.review === null)
    .map(({ prescription }) => prescription);
  return {
    prescriptions: [...env.repos.prescriptions.active(patient.id, env.now), ...onHold],
    given: env.repos.chart.givenSince(patient.id, since),
    notGiven: env.repos.chart.notGivenSince(patient.id, since),
    missedFrom,
    t: timingFor(env, patient.wardId),
    isHighAlert: isHighAlertOrder(env),
    reviewAfterMinutes: prnReviewMinutes(env),
  };
}

/** Orders in force with no dose due (on hold, or needing review), each with why. */
function heldOrders(env: BedsideEnv, patient: PatientRecord): HeldOrder[] {
  return env.repos.prescriptions
    .heldRecords(patient.id, env.now)
    .map(({ prescription: p, hold }) => ({ prescriptionId: p.id, drugName: p.drug, route: p.route, hold }));
}

export function chartOfPatient(env: BedsideEnv, patient: PatientRecord, missedFrom?: Date): PatientChart {
  const input = chartInput(env, patient, missedFrom);
  return { patientId: patient.id, date: wardDate(env.now, input.t.timeZone), timeZone: input.t.timeZone, slots: chartSlots(input), prn: prnLines(input), held: heldOrders(env, patient) };
}

/** The ward's orders waiting for review by pharmacy or the prescriber (on hold or not), for the ward manager. */
export function ordersNeedingReview(env: BedsideEnv, wardId: string): OrdersNeedingReview {
  if (!env.repos.wards.get(wardId)) throw notFound('Ward');
  return { wardId, at: env.now.toISOString(), orders: env.repos.prescriptions.needingReviewOnWard(wardId, env.now) };
}

/**
 * Documents a scheduled dose as not given. No positive ID is needed (the
 * patient may be away from the ward); the nurse must be on the patient's
 * ward, and the dose must be on the chart and not already documented.
 */
export function recordNotGiven(env: BedsideEnv, request: NotGivenRequest): NotGivenResponse {
  const { repos } = env;
  if (env.user.role !== 'nurse') throw forbidden('Only nurses document doses.');
  return repos.transaction((): NotGivenResponse => {
    const existing = repos.chart.notGivenByEvent(request.eventId);
    if (existing) {
      if (existing.recordedBy !== env.user.id || existing.response.prescriptionId !== request.prescriptionId) throw conflict('This eventId was already used for something else.', 'eventId');
      return { notGiven: existing.response, replayed: true };
    }
    const prescription = repos.prescriptions.byId(request.prescriptionId);
    const patient = prescription && repos.patients.byId(prescription.patientId);
    if (!prescription || !patient) throw notFound('Prescription');
    requireWardAccess(env.user, patient.wardId, 'nurse');
    const atCapture = { ...env, now: captureTime(env.now, request.heldForMs) };
    const slotAt = new Date(request.slotAt).toISOString();
    const slot = chartSlots(chartInput(atCapture, patient)).find((s) => s.prescriptionId === prescription.id && s.slotAt === slotAt);
    if (!slot) throw invalid('slotAt: no scheduled dose of this order at that time on the chart.', 'slotAt');
    if (slot.status === 'given') throw conflict('This dose was recorded as given.', 'slotAt');
    if (repos.chart.notGivenForSlot(prescription.id, slotAt)) throw conflict('This dose is already documented as not given.', 'slotAt');
    const notGiven = {
      id: randomUUID() as string,
      eventId: request.eventId,
      prescriptionId: prescription.id,
      patientId: patient.id,
      slotAt,
      reason: request.reason,
      note: request.note || null,
      recordedBy: env.user.id,
      recordedByName: env.user.name,
      recordedAt: atCapture.now.toISOString(),
    };
    repos.chart.insertNotGiven(notGiven, patient.wardId, request.deviceId);
    repos.audit.append(
      {
        type: 'not-given',
        wardId: patient.wardId,
        patientId: patient.id,
        userId: env.user.id,
        deviceId: request.deviceId,
        eventId: request.eventId,
        outcome: null,
        rules: [],
        summary: `Not given (${NOT_GIVEN_REASONS[request.reason]}): ${prescription.drug} due ${slotAt} for ${patientName(patient)}`,
        detail: { prescriptionId: prescription.id, slotAt, reason: request.reason, ...(notGiven.note ? { note: notGiven.note } : {}), recordedAt: notGiven.recordedAt },
      },
      env.now,
    );
    return { notGiven, replayed: false };
  });
}

/** Records how well an as-needed dose worked, which takes its review off the round. */
export function recordPrnEffect(env: BedsideEnv, administrationId: string, request: PrnEffectRequest): { replayed: boolean } {
  const { repos } = env;
  if (env.user.role !== 'nurse') throw forbidden('Only nurses document doses.');
  return repos.transaction(() => {
    const given = repos.chart.administrationRef(administrationId);
    if (!given) throw notFound('Administration');
    requireWardAccess(env.user, given.wardId, 'nurse');
    const review = repos.chart.reviewOf(administrationId);
    if (review) {
      if (review.eventId === request.eventId && review.recordedBy === env.user.id) return { replayed: true };
      throw conflict('The effect of this dose is already recorded.');
    }
    const prescription = repos.prescriptions.byId(given.prescriptionId);
    if (prescription?.schedule.kind !== 'prn') throw invalid('Only as-needed doses are reviewed for effect.');
    repos.chart.insertReview(administrationId, request, env.user.id, env.now);
    repos.audit.append(
      {
        type: 'prn-review',
        wardId: given.wardId,
        patientId: given.patientId,
        userId: env.user.id,
        deviceId: null,
        eventId: request.eventId,
        outcome: null,
        rules: [],
        summary: `Effect of ${prescription.drug} given ${given.givenAt}: ${request.effect}`,
        detail: { administrationId, effect: request.effect, ...(request.note ? { note: request.note } : {}) },
      },
      env.now,
    );
    return { replayed: false };
  });
}

/** Every bed of the ward and what its patient needs now. */
export function wardRound(env: BedsideEnv, wardId: string): WardRound {
  const ward = env.repos.wards.get(wardId);
  if (!ward) throw notFound('Ward');
  const now = env.now.getTime();
  const devicesInUse = env.repos.equipment.inUse(wardId);
  // Once for the ward, not once a bed.
  const missedFrom = missedFromFor(env, wardId);
  const beds: RoundBed[] = ward.beds.map((bed) => {
    const patient = bed.patientId ? env.repos.patients.byId(bed.patientId) : undefined;
    if (!patient) return { bedId: bed.id, bedLabel: bed.label, patient: null };
    const chart = chartOfPatient(env, patient, patient.wardId === wardId ? missedFrom : undefined);
    const nextDue = chart.slots.find((s) => s.status === 'later');
    return {
      bedId: bed.id,
      bedLabel: bed.label,
      patient: {
        id: patient.id,
        nhsNumber: patient.nhsNumber,
        familyName: patient.familyName,
        givenName: patient.givenName,
        birthDate: patient.birthDate,
        missed: chart.slots.filter((s) => s.status === 'missed').length,
        dueNow: chart.slots.filter((s) => s.status === 'due').length,
        nextDueAt: nextDue?.slotAt ?? null,
        prn: chart.prn.length,
        reviewsDue: chart.prn.flatMap((l) => l.reviewsDue).filter((r) => Date.parse(r.reviewAt) <= now).length,
        onHold: chart.held.filter((h) => h.hold.kind === 'on-hold').length,
        needsReview: chart.held.filter((h) => h.hold.kind === 'needs-review').length,
        runningTransfusions: env.repos.transfusions.runningOf(patient.id).length,
        devices: devicesInUse.filter((d) => d.patientId === patient.id).length,
      },
    };
  });
  return { wardId, wardName: ward.name, timeZone: timingFor(env, wardId).timeZone, at: env.now.toISOString(), beds };
}
