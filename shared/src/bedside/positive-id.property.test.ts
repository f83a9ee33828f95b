import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identificationOf, NO_POSITIVE_ID, packBinding, positiveIdReducer, shownPatientId, type PositiveId, type PositiveIdEvent } from './positive-id.js';

/*
 * A round simulated end to end: the handheld (this state machine and an
 * ordered queue), the network (offline / online, answers delivered one at a
 * time) and the server's device context (the same `packBinding` the server
 * uses). For any interleaving, the screen shows only the patient of the last
 * band read, and every pack is checked against the patient of the band it
 * followed, or not at all.
 */

type Band = { kind: 'patient'; patientId: string } | { kind: 'unknown' } | { kind: 'unreadable' };
type Step =
  | { type: 'band'; band: Band }
  | { type: 'pack' }
  | { type: 'badge' }
  | { type: 'offline' }
  | { type: 'online' }
  | { type: 'deliver' }
  | { type: 'timeout' };

/** The handheld's signed ward list: it holds p1 and p2; p3 was admitted after the last refresh. */
const WARD_LIST = new Set(['p1', 'p2']);

const bandArb: fc.Arbitrary<Band> = fc.oneof(
  fc.constantFrom('p1', 'p2', 'p3').map((patientId) => ({ kind: 'patient' as const, patientId })),
  fc.constant({ kind: 'unknown' as const }),
  fc.constant({ kind: 'unreadable' as const }),
);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: bandArb.map((band) => ({ type: 'band' as const, band })) },
  { weight: 3, arbitrary: fc.constant({ type: 'pack' as const }) },
  { weight: 1, arbitrary: fc.constant({ type: 'badge' as const }) },
  { weight: 1, arbitrary: fc.constant({ type: 'offline' as const }) },
  { weight: 1, arbitrary: fc.constant({ type: 'online' as const }) },
  { weight: 4, arbitrary: fc.constant({ type: 'deliver' as const }) },
  { weight: 1, arbitrary: fc.constant({ type: 'timeout' as const }) },
);

interface Queued {
  eventId: string;
  step: { type: 'band'; band: Band } | { type: 'pack'; boundTo: string | null; truePatient: string | null } | { type: 'badge' };
}

function simulate(steps: Step[]): { violations: string[] } {
  let id: PositiveId = NO_POSITIVE_ID;
  let online = true;
  let next = 0;
  const queue: Queued[] = [];
  // The true patient of each band scan (what a perfect observer knows).
  const truth = new Map<string, string | null>();
  let lastBand: string | null = null;
  let server: { identifiedBy: string; patientId: string } | null = null;
  const violations: string[] = [];
  const apply = (event: PositiveIdEvent) => {
    id = positiveIdReducer(id, event);
  };

  const serverHandles = (item: Queued) => {
    const s = item.step;
    if (s.type === 'band') {
      server = s.band.kind === 'patient' ? { identifiedBy: item.eventId, patientId: s.band.patientId } : null;
      if (s.band.kind !== 'unreadable') apply({ type: 'band-answered', eventId: item.eventId, patientId: server?.patientId ?? null });
    } else if (s.type === 'pack') {
      const binding = packBinding(server?.identifiedBy ?? null, s.boundTo);
      if (binding === 'current' && server) {
        if (s.boundTo === null) violations.push(`pack ${item.eventId} checked without a band`);
        else if (server.patientId !== s.truePatient) violations.push(`pack ${item.eventId} checked against ${server.patientId}, its band was ${s.truePatient}`);
      }
      if (binding === 'no-identification' && s.boundTo !== null) apply({ type: 'server-lost', bandEventId: s.boundTo });
    }
  };

  for (const step of steps) {
    const eventId = `e${next++}`;
    switch (step.type) {
      case 'band': {
        lastBand = eventId;
        truth.set(eventId, step.band.kind === 'patient' ? step.band.patientId : null);
        if (step.band.kind === 'unreadable') apply({ type: 'band-unreadable', eventId });
        else {
          const local = !online && step.band.kind === 'patient' && WARD_LIST.has(step.band.patientId) ? step.band.patientId : null;
          apply({ type: 'band-scanned', eventId, localPatientId: local });
        }
        queue.push({ eventId, step: { type: 'band', band: step.band } });
        break;
      }
      case 'pack': {
        const boundTo = identificationOf(id);
        queue.push({ eventId, step: { type: 'pack', boundTo, truePatient: boundTo === null ? null : (truth.get(boundTo) ?? null) } });
        break;
      }
      case 'badge':
        queue.push({ eventId, step: { type: 'badge' } });
        break;
      case 'offline':
        online = false;
        break;
      case 'online':
        online = true;
        break;
      case 'deliver': {
        // Strictly in order, one at a time, only while online.
        const head = online ? queue.shift() : undefined;
        if (head) serverHandles(head);
        break;
      }
      case 'timeout':
        apply({ type: 'ended', reason: 'timeout' });
        server = null;
        lastBand = null;
        break;
    }
    const shown = shownPatientId(id);
    const expected = lastBand === null ? null : (truth.get(lastBand) ?? null);
    if (shown !== null && shown !== expected) violations.push(`after ${eventId} the screen shows ${shown}, the last band was ${String(expected)}`);
  }
  // Once everything is delivered, the screen has caught up with the last band.
  online = true;
  for (let head = queue.shift(); head; head = queue.shift()) serverHandles(head);
  const expected = lastBand === null ? null : (truth.get(lastBand) ?? null);
  if (shownPatientId(id) !== expected && id.kind !== 'ended') violations.push(`after the queue drained the screen shows ${String(shownPatientId(id))}, expected ${String(expected)}`);
  return { violations };
}

describe('positive ID over any interleaving of bands, packs, badges, failures and offline periods', () => {
  it('shows only the last band’s patient, and checks every pack only against the patient of the band it followed', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 60 }), (steps) => {
        expect(simulate(steps).violations).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it('catches the defect it guards against: a model that binds packs to nothing lets one through', () => {
    // Edith identified, then Irene's band queued offline: a pack bound to Edith's band must not be checked against Irene.
    const steps: Step[] = [
      { type: 'band', band: { kind: 'patient', patientId: 'p1' } },
      { type: 'deliver' },
      { type: 'offline' },
      { type: 'pack' },
      { type: 'band', band: { kind: 'patient', patientId: 'p3' } },
      { type: 'online' },
      { type: 'deliver' },
      { type: 'deliver' },
    ];
    expect(simulate(steps).violations).toEqual([]);
    expect(packBinding('band-irene', 'band-edith')).toBe('superseded');
    expect(packBinding('band-irene', undefined)).toBe('current');
  });
});
