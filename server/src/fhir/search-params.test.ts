import { describe, expect, it } from 'vitest';
import { FhirError } from './operation-outcome.js';
import { dateWindow } from './search-params.js';

describe('FHIR date search windows', () => {
  it.each([
    [['2026'], { from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' }],
    [['ge2026'], { from: '2026-01-01T00:00:00.000Z' }],
    [['lt2026-02'], { to: '2026-02-01T00:00:00.000Z' }],
    [['2026-12'], { from: '2026-12-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' }],
    [['2024-02-29'], { from: '2024-02-29T00:00:00.000Z', to: '2024-03-01T00:00:00.000Z' }],
    [['gt2026-11-24'], { from: '2026-11-25T00:00:00.000Z' }],
    [['le2026-11-24T08:00:00+01:00'], { to: '2026-11-24T07:00:00.001Z' }],
    [['ge2026-11', 'lt2026-11-24'], { from: '2026-11-01T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z' }],
  ])('%j covers %j', (list, window) => expect(dateWindow(list)).toEqual(window));

  it.each(['2026-13', '2026-02-30', '2026-11-24T08:00', '26', 'ge', 'sa2026', '2026-1'])('refuses %s with a 400 OperationOutcome', (v) => {
    expect(() => dateWindow([v])).toThrow(FhirError);
  });
});
