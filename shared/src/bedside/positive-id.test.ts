import { describe, expect, it } from 'vitest';
import { ID_END_REASONS, identificationOf, NO_POSITIVE_ID, packBinding, positiveIdReducer, shownPatientId, type PositiveId, type PositiveIdEvent } from './positive-id.js';

const identifying: PositiveId = { kind: 'identifying', bandEventId: 'band-2' };
const edith: PositiveId = { kind: 'identified', bandEventId: 'band-1', patientId: 'edith', by: 'server' };
const ended: PositiveId = { kind: 'ended', reason: 'finished' };
const STATES: Record<string, PositiveId> = { none: NO_POSITIVE_ID, identifying, edith, ended };

describe('positiveIdReducer, every state × every event', () => {
  const cases: Array<[string, PositiveIdEvent, Record<string, PositiveId | 'same'>]> = [
    ['a band the ward list knows', { type: 'band-scanned', eventId: 'band-9', localPatientId: 'irene' }, Object.fromEntries(Object.keys(STATES).map((k) => [k, { kind: 'identified', bandEventId: 'band-9', patientId: 'irene', by: 'ward-list' }]))],
    ['a band to ask the server about', { type: 'band-scanned', eventId: 'band-9', localPatientId: null }, Object.fromEntries(Object.keys(STATES).map((k) => [k, { kind: 'identifying', bandEventId: 'band-9' }]))],
    ['an unreadable band', { type: 'band-unreadable', eventId: 'band-9' }, Object.fromEntries(Object.keys(STATES).map((k) => [k, { kind: 'ended', reason: 'band-not-identified' }]))],
    ['the answer to the current band', { type: 'band-answered', eventId: 'band-2', patientId: 'irene' }, { none: 'same', identifying: { kind: 'identified', bandEventId: 'band-2', patientId: 'irene', by: 'server' }, edith: 'same', ended: 'same' }],
    ['a refusal of the current band', { type: 'band-answered', eventId: 'band-2', patientId: null }, { none: 'same', identifying: { kind: 'ended', reason: 'band-not-identified' }, edith: 'same', ended: 'same' }],
    ['the answer to a band since replaced', { type: 'band-answered', eventId: 'band-0', patientId: 'harold' }, { none: 'same', identifying: 'same', edith: 'same', ended: 'same' }],
    ['the server lost the current identification', { type: 'server-lost', bandEventId: 'band-1' }, { none: 'same', identifying: 'same', edith: { kind: 'ended', reason: 'server-ended' }, ended: 'same' }],
    ['a timeout', { type: 'ended', reason: 'timeout' }, { none: 'same', identifying: { kind: 'ended', reason: 'timeout' }, edith: { kind: 'ended', reason: 'timeout' }, ended: { kind: 'ended', reason: 'timeout' } }],
  ];
  for (const [name, event, expected] of cases) {
    for (const [stateName, state] of Object.entries(STATES)) {
      it(`${stateName} + ${name}`, () => {
        const want = expected[stateName];
        expect(positiveIdReducer(state, event)).toEqual(want === 'same' ? state : want);
      });
    }
  }

  it('shows a patient only when identified, and binds packs to the band being identified', () => {
    expect(shownPatientId(identifying)).toBeNull();
    expect(identificationOf(identifying)).toBe('band-2');
    expect(shownPatientId(edith)).toBe('edith');
    expect(identificationOf(ended)).toBeNull();
    expect(ID_END_REASONS).toContain('band-not-identified');
  });

  it('packBinding: checked only against the band it followed', () => {
    expect(packBinding(null, 'band-1')).toBe('no-identification');
    expect(packBinding('band-1', 'band-1')).toBe('current');
    expect(packBinding('band-2', 'band-1')).toBe('superseded');
    expect(packBinding('band-2', undefined)).toBe('current');
    expect(packBinding('band-2', null)).toBe('no-identification');
  });
});
