import type { WardAlert } from '@wardscan/shared';
import { describe, expect, it } from 'vitest';
import { routeAlert, type AlertSides } from './alert-routing.js';

const W7B = { id: 'ward-7b', name: 'Ward 7B' };
const W8A = { id: 'ward-8a', name: 'Ward 8A' };

const alert = (overrides: Partial<WardAlert> = {}): WardAlert => ({
  kind: 'stop',
  wardId: 'ward-7b',
  at: '2026-11-24T08:00:00.000Z',
  eventId: '11111111-1111-4111-8111-111111111111',
  deviceId: 'h1',
  userId: 'staff-x',
  userName: 'Nina X',
  patientId: 'patient-bernard',
  patientName: 'Bernard QUILL',
  bedLabel: 'Bed 2',
  rules: ['allergy'],
  message: 'Stop: Bernard QUILL is allergic to penicillins.',
  overrideReason: null,
  ...overrides,
});

describe('routeAlert', () => {
  it('sends a stop on the nurse’s own ward to that ward, in the words it was made with', () => {
    const routed = routeAlert(alert(), { nurseWard: W7B, patientWard: W7B });
    expect(routed.rooms).toEqual([{ ...alert(), nurseWardId: 'ward-7b', patientWardId: 'ward-7b', audience: 'ward' }]);
    expect(routed.overview).toMatchObject({ message: alert().message, audience: 'overview' });
  });

  it("sends another ward's patient's band to both managers, each worded for their side, never 'not on your ward'", () => {
    // A 7B nurse's handheld refused Kathleen's band: the alert went to 8A, naming nobody.
    const refused = alert({ wardId: 'ward-8a', patientId: null, patientName: null, bedLabel: null, rules: ['right-patient'], message: 'Stop: Kathleen LOWRY is not on your ward. Check you are at the right bedside.' });
    const sides: AlertSides = { nurseWard: W7B, patientWard: W8A, namedPatient: { id: 'patient-kathleen', name: 'Kathleen LOWRY', bedLabel: 'Bed 2' } };
    const { rooms, overview } = routeAlert(refused, sides);
    expect(rooms).toHaveLength(2);
    const [mine, theirs] = rooms;
    expect(mine).toMatchObject({
      wardId: 'ward-7b',
      audience: 'nurse-ward',
      patientId: 'patient-kathleen',
      patientName: 'Kathleen LOWRY',
      bedLabel: 'Bed 2, Ward 8A',
      nurseWardId: 'ward-7b',
      patientWardId: 'ward-8a',
      message: 'Your nurse Nina X scanned Kathleen LOWRY, a Ward 8A patient: stopped.',
    });
    expect(theirs).toMatchObject({ wardId: 'ward-8a', audience: 'patient-ward', bedLabel: 'Bed 2', message: 'A Ward 7B nurse scanned your patient Kathleen LOWRY: stopped.' });
    expect(overview).toMatchObject({ audience: 'overview', message: 'Ward 7B nurse Nina X scanned Kathleen LOWRY, a Ward 8A patient: stopped.' });
    for (const a of [...rooms, overview]) expect(a.message).not.toContain('not on your ward');
  });

  it("keeps the check's own words after each side's when they are not the refused band's (a blood check on another ward's patient)", () => {
    const blood = alert({ wardId: 'ward-8a', patientId: 'patient-kathleen', patientName: 'Kathleen LOWRY', rules: ['abo-rhd'], message: 'Stop: ABO incompatible.' });
    const { rooms } = routeAlert(blood, { nurseWard: W7B, patientWard: W8A });
    expect(rooms.map((a) => a.message)).toEqual([
      'Your nurse Nina X scanned Kathleen LOWRY, a Ward 8A patient: stopped. Stop: ABO incompatible.',
      'A Ward 7B nurse scanned your patient Kathleen LOWRY: stopped. Stop: ABO incompatible.',
    ]);
  });

  it('words warnings and overrides as such', () => {
    const over = alert({ kind: 'override', wardId: 'ward-8a', overrideReason: 'time-agreed-clinically', message: 'Nina X overrode: late.' });
    const { rooms } = routeAlert(over, { nurseWard: W7B, patientWard: W8A });
    expect(rooms[1]?.message).toBe('A Ward 7B nurse scanned your patient Bernard QUILL: given past a warning. Nina X overrode: late.');
    expect(routeAlert(alert({ kind: 'warning' }), { nurseWard: W8A, patientWard: W7B }).rooms[0]?.message).toMatch(/^Your nurse Nina X scanned Bernard QUILL, a Ward 7B patient: a warning\./);
  });

  it('without a patient to speak of, tells the nurse’s ward and the ward the alert was made for, in its own words', () => {
    const twoPatients = alert({ wardId: 'ward-8a', patientId: null, patientName: null, bedLabel: null, rules: ['right-patient'], message: 'Stop: The wristband identifiers point to two different patients.' });
    const { rooms } = routeAlert(twoPatients, { nurseWard: W7B, patientWard: null, namedPatient: null });
    expect(rooms.map((a) => [a.wardId, a.message, a.audience])).toEqual([
      ['ward-7b', twoPatients.message, 'ward'],
      ['ward-8a', twoPatients.message, 'ward'],
    ]);
    // A nurse with no ward: where it was made for.
    expect(routeAlert(alert(), { nurseWard: null, patientWard: W7B }).rooms.map((a) => a.wardId)).toEqual(['ward-7b']);
  });
});
