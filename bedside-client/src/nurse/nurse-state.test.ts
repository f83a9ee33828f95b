import { describe, expect, it } from 'vitest';
import type { ScanRequest, ScanResponse } from '@wardscan/shared';
import { buildPatient, buildVerdict, patientScanResponse, productScanResponse } from '../test/builders.js';
import { initialNurseState, nurseReducer, type NurseAction, type NurseState } from './nurse-state.js';

const ada = buildPatient();
const ben = buildPatient({ id: 'p-ben', familyName: 'Babbage', givenName: 'Ben', nhsNumber: '9990000026' });

const request = (response: ScanResponse, identificationEventId?: string | null): ScanRequest => ({
  deviceId: 'hh-1',
  eventId: response.eventId,
  raw: 'raw',
  source: 'scanner',
  ...(identificationEventId !== undefined ? { identificationEventId } : {}),
});
const answered = (response: ScanResponse, identificationEventId?: string | null): NurseAction => ({ type: 'scan-answered', request: request(response, identificationEventId), response, at: 2 });

/** A band read on the handheld and answered by the server, as useBedside dispatches them. */
function identify(state: NurseState, eventId: string, patient = ada): NurseState {
  const captured = nurseReducer(state, { type: 'band-captured', eventId, listed: null, at: 1 });
  return nurseReducer(captured, answered(patientScanResponse(eventId, patient)));
}

describe('nurseReducer', () => {
  it('announces a new patient and shows the server’s patient in the banner', () => {
    const state = identify(initialNurseState, 'e1');
    expect(state.patient?.id).toBe('p-ada');
    expect(state.announcement).toBe('Patient identified: LOVELACE, Ada');
    const changed = identify(state, 'e2', ben);
    expect(changed.patient?.id).toBe('p-ben');
    expect(changed.announcement).toBe('Patient changed: now BABBAGE, Ben');
  });

  it('a band read takes the old patient off the screen at once, before the server answers', () => {
    const edith = identify(initialNurseState, 'e1');
    const reading = nurseReducer(edith, { type: 'band-captured', eventId: 'e2', listed: null, at: 3 });
    expect(reading.patient).toBeNull();
    expect(reading.panel).toEqual({ kind: 'identifying' });
    expect(reading.announcement).toBe('Identifying the wristband: LOVELACE, Ada is no longer shown');
    // Offline, the queued band stays "identifying…", never the old patient.
    expect(nurseReducer(reading, { type: 'work-queued', label: 'Wristband', eventId: 'e2', at: 4 }).panel).toEqual({ kind: 'identifying' });
  });

  it('shows a patient the signed ward list identifies, without a chart, until the server confirms', () => {
    const listed = { id: 'p-ben', nhsNumber: '9990000026', familyName: 'Babbage', givenName: 'Ben', birthDate: '1950-01-01', bedLabel: 'Bed 2' };
    const offline = nurseReducer(identify(initialNurseState, 'e1'), { type: 'band-captured', eventId: 'e2', listed, at: 3 });
    expect(offline.patient).toBeNull();
    expect(offline.listedPatient?.id).toBe('p-ben');
    const confirmed = nurseReducer(offline, answered(patientScanResponse('e2', ben)));
    expect(confirmed.patient?.id).toBe('p-ben');
    expect(confirmed.listedPatient).toBeNull();
  });

  it('an unreadable band ends the identification at once', () => {
    const ended = nurseReducer(identify(initialNurseState, 'e1'), { type: 'band-unreadable', eventId: 'e2', at: 3 });
    expect(ended.patient).toBeNull();
    expect(ended.id).toEqual({ kind: 'ended', reason: 'band-not-identified' });
  });

  it('ignores the answer to a band a later band replaced', () => {
    const first = nurseReducer(initialNurseState, { type: 'band-captured', eventId: 'e1', listed: null, at: 1 });
    const second = nurseReducer(first, { type: 'band-captured', eventId: 'e2', listed: null, at: 2 });
    const late = nurseReducer(second, answered(patientScanResponse('e1', ada)));
    expect(late.patient).toBeNull();
    expect(late.panel.kind).not.toBe('verdict');
    expect(nurseReducer(late, answered(patientScanResponse('e2', ben))).patient?.id).toBe('p-ben');
  });

  it('a pack answered without a patient ends the identification it was bound to', () => {
    const ada1 = identify(initialNurseState, 'e1');
    const lost = nurseReducer(ada1, answered({ ...productScanResponse('e3'), patient: null }, 'e1'));
    expect(lost.patient).toBeNull();
    expect(lost.id).toEqual({ kind: 'ended', reason: 'server-ended' });
  });

  it('opens the verdict screen for a pack scan', () => {
    const state = nurseReducer(identify(initialNurseState, 'e1'), answered(productScanResponse('e3'), 'e1'));
    expect(state.panel).toMatchObject({ kind: 'verdict', productScanEventId: 'e3' });
    expect(state.patient?.id).toBe('p-ada');
  });

  it('a witness’s badge asks for their PIN; the server’s witnessed verdict replaces the one waiting; a stray badge discards nothing', () => {
    const waiting = nurseReducer(identify(initialNurseState, 'e1'), answered(productScanResponse('e4', buildVerdict({ witness: 'required' })), 'e1'));
    const badge = nurseReducer(waiting, { type: 'witness-badge', raw: ']d28017505555500000000017' });
    expect(badge.panel).toMatchObject({ kind: 'verdict', witnessBadge: ']d28017505555500000000017' });
    const witnessed = nurseReducer(badge, { type: 'witnessed', productScanEventId: 'e4', verdict: buildVerdict({ title: 'Witnessed by Wendy', witness: 'done', witnessedBy: { staffId: 's-wendy', name: 'Wendy' } }) });
    expect(witnessed.panel).toMatchObject({ kind: 'verdict', productScanEventId: 'e4', witnessBadge: null, verdict: { witness: 'done', witnessedBy: { name: 'Wendy' } } });
    // Then a stray badge scan: the server says nothing needs a witness, and the witnessed verdict stays.
    const stray: ScanResponse = {
      eventId: 'e5',
      interpretation: { ok: true, scan: { kind: 'staff', gsrn: '505555500000000024' }, symbology: ']d2', raw: 'x' },
      patient: ada,
      verdict: buildVerdict({ outcome: 'info', title: 'Badge of Sam: nothing needs a witness now.' }),
      replayed: false,
    };
    expect(nurseReducer(witnessed, answered(stray, 'e1')).panel).toEqual(witnessed.panel);
  });

  it('replays the queue through the same positive-ID rules, and does not reopen a replayed pack for confirming', () => {
    const offline = nurseReducer(initialNurseState, { type: 'band-captured', eventId: 'e1', listed: null, at: 1 });
    const band = patientScanResponse('e1', ada);
    const pack = productScanResponse('e6');
    const state = nurseReducer(offline, {
      type: 'queue-replayed',
      results: [{ eventId: 'e6', label: 'Pack', outcome: 'match', title: 'ok' }],
      answers: [
        { request: request(band), response: band },
        { request: request(pack, 'e1'), response: pack },
      ],
      at: 3,
    });
    expect(state.panel.kind).toBe('replayed');
    expect(state.patient?.id).toBe('p-ada');
  });

  it('clears the patient when the positive ID times out', () => {
    const ended = nurseReducer(identify(initialNurseState, 'e7'), { type: 'context-ended', reason: 'timeout' });
    expect(ended.patient).toBeNull();
    expect(ended.panel).toEqual({ kind: 'ended', reason: 'timeout' });
  });
});

describe('the signed ward list, offline', () => {
  const irene = { id: 'p-irene', nhsNumber: '9990101302', familyName: 'Wolsey', givenName: 'Irene', birthDate: '1944-05-02', bedLabel: 'Bed 9' };

  it('names the band still being identified, and never one a later band replaced', () => {
    const reading = nurseReducer(identify(initialNurseState, 'e1'), { type: 'band-captured', eventId: 'e2', listed: null, at: 3 });
    const listed = nurseReducer(reading, { type: 'band-listed', eventId: 'e2', listed: irene, at: 4 });
    expect(listed.listedPatient?.id).toBe('p-irene');
    expect(listed.id).toEqual({ kind: 'identified', bandEventId: 'e2', patientId: 'p-irene', by: 'ward-list' });
    expect(listed.announcement).toBe('Patient changed: now WOLSEY, Irene');

    const replaced = nurseReducer(reading, { type: 'band-captured', eventId: 'e3', listed: null, at: 5 });
    const stale = nurseReducer(replaced, { type: 'band-listed', eventId: 'e2', listed: irene, at: 6 });
    expect(stale.listedPatient).toBeNull();
    expect(stale.id).toEqual({ kind: 'identifying', bandEventId: 'e3' });
  });
});
