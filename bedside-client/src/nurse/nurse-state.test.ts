import { describe, expect, it } from 'vitest';
import type { ScanResponse } from '@wardscan/shared';
import { buildPatient, buildVerdict, patientScanResponse, productScanResponse } from '../test/builders.js';
import { initialNurseState, nurseReducer } from './nurse-state.js';

const ada = buildPatient();
const ben = buildPatient({ id: 'p-ben', familyName: 'Babbage', givenName: 'Ben', nhsNumber: '9990000026' });

describe('nurseReducer', () => {
  it('announces a new patient and shows the server’s patient in the banner', () => {
    const state = nurseReducer(initialNurseState, { type: 'scan-answered', response: patientScanResponse('e1', ada), at: 1 });
    expect(state.patient?.id).toBe('p-ada');
    expect(state.announcement).toBe('Patient identified: LOVELACE, Ada');
    const changed = nurseReducer(state, { type: 'scan-answered', response: patientScanResponse('e2', ben), at: 2 });
    expect(changed.announcement).toBe('Patient changed: now BABBAGE, Ben');
  });

  it('opens the verdict screen for a pack scan', () => {
    const state = nurseReducer(initialNurseState, { type: 'scan-answered', response: productScanResponse('e3'), at: 1 });
    expect(state.panel).toMatchObject({ kind: 'verdict', productScanEventId: 'e3' });
  });

  it('marks a high-alert verdict witnessed when the server accepts a second badge', () => {
    const waiting = nurseReducer(initialNurseState, {
      type: 'scan-answered',
      response: productScanResponse('e4', buildVerdict({ witness: 'required' })),
      at: 1,
    });
    const badge: ScanResponse = {
      eventId: 'e5',
      interpretation: { ok: true, scan: { kind: 'staff', gsrn: '505555500000000017' }, symbology: ']d2', raw: 'x' },
      patient: ada,
      verdict: buildVerdict({ title: 'Witnessed by Wendy', witness: 'done' }),
      replayed: false,
    };
    const witnessed = nurseReducer(waiting, { type: 'scan-answered', response: badge, at: 2 });
    expect(witnessed.panel).toMatchObject({ kind: 'verdict', productScanEventId: 'e4', verdict: { witness: 'done', title: 'Witnessed by Wendy' } });
  });

  it('does not reopen a replayed pack scan for confirming', () => {
    const state = nurseReducer(initialNurseState, {
      type: 'queue-replayed',
      results: [{ eventId: 'e6', label: 'Pack', outcome: 'match', title: 'ok' }],
      patient: ada,
      at: 3,
    });
    expect(state.panel.kind).toBe('replayed');
    expect(state.patient?.id).toBe('p-ada');
  });

  it('clears the patient when the positive ID times out', () => {
    const identified = nurseReducer(initialNurseState, { type: 'scan-answered', response: patientScanResponse('e7', ada), at: 1 });
    const ended = nurseReducer(identified, { type: 'context-ended', reason: 'timeout' });
    expect(ended.patient).toBeNull();
    expect(ended.panel).toEqual({ kind: 'ended', reason: 'timeout' });
  });
});
