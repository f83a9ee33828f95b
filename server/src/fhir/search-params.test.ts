import { describe, expect, it } from 'vitest';
import { FhirError } from './operation-outcome.js';
import { dateWindow, handling, searchControls } from './search-params.js';

describe('FHIR date search windows', () => {
  it.each([
    [['2026'], { from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' }],
    [['ge2026'], { from: '2026-01-01T00:00:00.000Z' }],
    [['lt2026-02'], { to: '2026-02-01T00:00:00.000Z' }],
    [['2026-12'], { from: '2026-12-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' }],
    [['2024-02-29'], { from: '2024-02-29T00:00:00.000Z', to: '2024-03-01T00:00:00.000Z' }],
    [['gt2026-11-24'], { from: '2026-11-25T00:00:00.000Z' }],
    // A time covers the whole minute, second or fraction it is given to.
    [['le2026-11-24T08:00:00+01:00'], { to: '2026-11-24T07:00:01.000Z' }],
    [['ge2026-11-24T08:00Z'], { from: '2026-11-24T08:00:00.000Z' }],
    [['le2026-11-24T08:00Z'], { to: '2026-11-24T08:01:00.000Z' }],
    [['gt2026-11-24T08:00:00.123Z'], { from: '2026-11-24T08:00:00.124Z' }],
    [['gt2026-11-24T08:00:00.5Z'], { from: '2026-11-24T08:00:00.600Z' }],
    [['lt2026-11-24T08:00:00.123456Z'], { to: '2026-11-24T08:00:00.123Z' }],
    [['2026-11-24T08:00:00Z'], { from: '2026-11-24T08:00:00.000Z', to: '2026-11-24T08:00:01.000Z' }],
    [['ge2026-11', 'lt2026-11-24'], { from: '2026-11-01T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z' }],
  ])('%j covers %j', (list, window) => expect(dateWindow(list)).toEqual(window));

  it.each(['2026-13', '2026-02-30', '2026-11-24T08:00', '26', 'ge', 'sa2026', '2026-1', '2026-11-24T24:00:00Z', '2026-02-30T08:00:00Z', '2026-11-24T08:60Z'])('refuses %s with a 400 OperationOutcome', (v) => {
    expect(() => dateWindow([v])).toThrow(FhirError);
  });
});

describe('search controls', () => {
  it('reads Prefer handling (lenient unless strict is asked, among other preferences)', () => {
    expect(handling(undefined)).toBe('lenient');
    expect(handling('return=minimal, handling=strict')).toBe('strict');
    expect(handling('handling = strict')).toBe('strict');
    expect(handling('handling=lenient')).toBe('lenient');
  });

  it('ignores an unknown parameter when lenient and refuses it when strict', () => {
    expect(searchControls({ patient: 'x', colour: 'blue' }, ['patient'], undefined)).toEqual({ count: 50, offset: 0, ignored: ['colour'] });
    expect(() => searchControls({ patient: 'x', 'patient:missing': 'true' }, ['patient'], 'handling=strict')).toThrow(FhirError);
  });

  it('serves a _count above the maximum as the maximum, and refuses a malformed one', () => {
    expect(searchControls({ _count: '100000', _offset: '1000' }, [], undefined)).toMatchObject({ count: 500, offset: 1000 });
    expect(searchControls({ _summary: 'count' }, [], undefined)).toMatchObject({ count: 0 });
    for (const bad of ['-1', '1.5', 'ten', '']) expect(() => searchControls({ _count: bad }, [], undefined)).toThrow(FhirError);
    expect(() => searchControls({ _offset: '-5' }, [], undefined)).toThrow(FhirError);
  });
});
