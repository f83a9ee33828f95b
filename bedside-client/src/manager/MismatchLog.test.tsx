import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditFacets, AuditLogEntry } from '@wardscan/shared';
import { ADA_NHS, BEN_NHS, buildSession } from '../test/builders.js';
import { fakeServer, json } from '../test/fake-fetch.js';
import { renderSignedIn } from '../test/render.js';
import { MismatchLog } from './MismatchLog.js';

afterEach(() => vi.unstubAllGlobals());
const manager = buildSession({ role: 'ward-manager', name: 'Mo Manager' });

function entry(seq: number, overrides: Partial<AuditLogEntry> = {}): AuditLogEntry {
  return {
    seq,
    at: '2026-07-01T07:00:00.000Z',
    type: 'scan',
    wardId: 'ward-1',
    patientId: 'p-ada',
    userId: 'u-nurse',
    deviceId: 'h1',
    eventId: crypto.randomUUID(),
    outcome: 'stop',
    rules: ['allergy'],
    summary: `Stop: Ada LOVELACE is allergic to penicillins (#${seq})`,
    detail: {},
    prevHash: 'a',
    hash: 'b',
    wardName: 'Ward 1 Medicine',
    wardTimeZone: 'Europe/London',
    bedLabel: 'Bed 3',
    patient: { id: 'p-ada', name: 'Ada LOVELACE', nhsNumber: ADA_NHS, identified: true },
    userName: 'Nia Nurse',
    overrideReason: null,
    ...overrides,
  };
}

const facets: AuditFacets = {
  wards: [
    { id: 'ward-1', name: 'Ward 1 Medicine' },
    { id: 'ward-2', name: 'Ward 2 Surgery' },
  ],
  patients: [
    { id: 'p-ada', name: 'Ada LOVELACE', nhsNumber: ADA_NHS },
    { id: 'p-ben', name: 'Ben BABBAGE', nhsNumber: BEN_NHS },
  ],
  users: [
    { id: 'u-nurse', name: 'Nia Nurse' },
    { id: 'u-other', name: 'Olu Other' },
  ],
  devices: ['h1', 'h2'],
  beds: ['Bed 1', 'Bed 2', 'Bed 10'],
};

describe('MismatchLog', () => {
  it('says when on the ward’s clock, the ward, bed, patient with NHS Number, nurse, device, outcome, rules and override reason', async () => {
    fakeServer({
      'GET /api/audit': () =>
        json({
          entries: [
            entry(3),
            entry(2, {
              type: 'override',
              outcome: 'warning',
              rules: ['right-time'],
              overrideReason: 'time-agreed-clinically',
              wardTimeZone: 'America/New_York',
              summary: 'Override (Time difference agreed clinically)',
            }),
            entry(1, { wardId: 'ward-2', wardName: 'Ward 2 Surgery', patientId: null, patient: { id: 'p-ben', name: 'Ben BABBAGE', nhsNumber: BEN_NHS, identified: false }, rules: ['right-patient'] }),
          ],
          page: 1,
          pageSize: 20,
          total: 3,
          facets,
        }),
    });
    renderSignedIn(<MismatchLog wardId="ward-1" refreshKey={0} />, { session: manager });
    const table = await screen.findByRole('table', { name: 'Mismatch log' });
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['When (ward time)', 'Ward', 'Bed', 'Patient', 'Nurse', 'Device', 'Outcome', 'Rules failed', 'Override reason', 'What']);
    const [, stop, override, otherWard] = within(table).getAllByRole('row');
    const cells = (row: HTMLElement | undefined) => within(row!).getAllByRole('cell').map((c) => c.textContent);
    expect(cells(stop)).toEqual([
      expect.stringMatching(/^1 Jul,? 08:00$/),
      'Ward 1 Medicine',
      'Bed 3',
      'Ada LOVELACENHS 999 000 0018',
      'Nia Nurse',
      'h1',
      'STOP',
      'Allergy',
      '—',
      'Stop: Ada LOVELACE is allergic to penicillins (#3)',
    ]);
    // Each row on its own ward's clock.
    expect(cells(override)[0]).toMatch(/^1 Jul,? 03:00$/);
    expect(cells(override)[8]).toBe('Time difference agreed clinically');
    expect(cells(otherWard)[3]).toBe('Ben BABBAGENHS 999 000 0026named by the band scanned; not identified');
    // At 360 px the table scrolls sideways inside its own region.
    expect(screen.getByRole('region', { name: 'Mismatch log table (scrolls sideways)' })).toHaveStyle({ overflowX: 'auto' });
  });

  it('filters by ward, patient, nurse, device, bed and override reason, and exports the same filter', async () => {
    const server = fakeServer({
      'GET /api/audit': ({ query }) => (query.get('format') === 'csv' ? { status: 200, text: 'seq,at\r\n' } : json({ entries: [entry(1)], page: 1, pageSize: 20, total: 1, facets })),
    });
    URL.createObjectURL = vi.fn(() => 'blob:csv');
    URL.revokeObjectURL = vi.fn();
    renderSignedIn(<MismatchLog wardId="ward-1" refreshKey={0} />, { session: manager });
    await screen.findByRole('table', { name: 'Mismatch log' });
    const last = () => server.requests.filter((r) => r.query.get('format') === 'json').at(-1)!.query;

    await userEvent.selectOptions(screen.getByLabelText('Ward'), 'Ward 2 Surgery');
    await waitFor(() => expect(last().get('onWardId')).toBe('ward-2'));
    await userEvent.selectOptions(screen.getByLabelText('Patient'), `Ben BABBAGE (999 000 0026)`);
    await waitFor(() => expect(last().get('patientId')).toBe('p-ben'));
    await userEvent.selectOptions(screen.getByLabelText('Nurse'), 'Olu Other');
    await waitFor(() => expect(last().get('userId')).toBe('u-other'));
    await userEvent.selectOptions(screen.getByLabelText('Device'), 'h2');
    await waitFor(() => expect(last().get('deviceId')).toBe('h2'));
    expect(within(screen.getByLabelText('Bed')).getAllByRole('option').map((o) => o.textContent)).toEqual(['Any', 'Bed 1', 'Bed 2', 'Bed 10']);
    await userEvent.selectOptions(screen.getByLabelText('Bed'), 'Bed 10');
    await waitFor(() => expect(last().get('bedLabel')).toBe('Bed 10'));
    expect(last().get('wardId')).toBe('ward-1');
    expect(last().get('outcome')).toBe('stop');
    expect(last().get('page')).toBe('1');

    // An override reason: overrides are never stops, so the log's default of stops only gives way.
    await userEvent.selectOptions(screen.getByLabelText('Override reason'), 'Time difference agreed clinically');
    await waitFor(() => expect(last().get('overrideReason')).toBe('time-agreed-clinically'));
    expect(last().get('outcome')).toBeNull();
    expect(screen.getByLabelText('Outcome')).toHaveValue('');

    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    const csv = server.requests.find((r) => r.query.get('format') === 'csv')!.query;
    expect(Object.fromEntries(['onWardId', 'patientId', 'userId', 'deviceId', 'bedLabel', 'outcome', 'overrideReason'].map((k) => [k, csv.get(k)]))).toEqual({
      onWardId: 'ward-2',
      patientId: 'p-ben',
      userId: 'u-other',
      deviceId: 'h2',
      bedLabel: 'Bed 10',
      outcome: null,
      overrideReason: 'time-agreed-clinically',
    });
  });

  it('reads From and To as days on the ward’s clock when the handheld is set to another zone', async () => {
    const zone = process.env.TZ;
    // Auckland is 11 hours ahead of a London ward in July: both stops below fall on 2 July there.
    process.env.TZ = 'Pacific/Auckland';
    try {
      expect(new Date('2026-07-01T22:30:00.000Z').getDate()).toBe(2);
      const beforeMidnight = entry(2, { at: '2026-07-01T22:30:00.000Z', summary: 'Stop at 23:30 on 1 July, ward time' });
      const afterMidnight = entry(3, { at: '2026-07-01T23:30:00.000Z', summary: 'Stop at 00:30 on 2 July, ward time' });
      // As the server filters: instants as given, dates on the ward's clock (an independent reading through Intl).
      const wardDate = (at: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(at));
      const server = fakeServer({
        'GET /api/audit': ({ query }) => {
          const keep = (e: AuditLogEntry) =>
            (!query.get('from') || e.at >= new Date(query.get('from')!).toISOString()) &&
            (!query.get('to') || e.at < new Date(query.get('to')!).toISOString()) &&
            (!query.get('fromDate') || wardDate(e.at) >= query.get('fromDate')!) &&
            (!query.get('toDate') || wardDate(e.at) <= query.get('toDate')!);
          const entries = [afterMidnight, beforeMidnight].filter(keep);
          return query.get('format') === 'csv' ? { status: 200, text: 'seq\r\n' } : json({ entries, page: 1, pageSize: 20, total: entries.length, facets });
        },
      });
      URL.createObjectURL = vi.fn(() => 'blob:csv');
      URL.revokeObjectURL = vi.fn();
      renderSignedIn(<MismatchLog wardId="ward-1" refreshKey={0} />, { session: manager });
      const table = await screen.findByRole('table', { name: 'Mismatch log' });
      expect(within(table).getAllByRole('row')).toHaveLength(3);

      fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-07-02' } });
      fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-07-02' } });
      await waitFor(() => expect(within(screen.getByRole('table', { name: 'Mismatch log' })).getAllByRole('row')).toHaveLength(2));
      expect(screen.getByText('Stop at 00:30 on 2 July, ward time')).toBeVisible();
      expect(screen.queryByText('Stop at 23:30 on 1 July, ward time')).toBeNull();
      expect(screen.getByLabelText('From')).toHaveAccessibleDescription("From and To are whole days on the ward's clock, both included.");

      await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
      const csv = server.requests.find((r) => r.query.get('format') === 'csv')!.query;
      expect([csv.get('fromDate'), csv.get('toDate'), csv.get('from'), csv.get('to')]).toEqual(['2026-07-02', '2026-07-02', null, null]);
    } finally {
      process.env.TZ = zone;
    }
  });

  it('reads a page from an older server without the new fields', async () => {
    const { wardName: _w, wardTimeZone: _z, bedLabel: _b, patient: _p, userName: _u, overrideReason: _o, ...old } = entry(1);
    fakeServer({ 'GET /api/audit': () => json({ entries: [old], page: 1, pageSize: 20, total: 1 }) });
    renderSignedIn(<MismatchLog wardId="ward-1" refreshKey={0} />, { session: manager });
    const table = await screen.findByRole('table', { name: 'Mismatch log' });
    expect(within(table).getByText(/allergic to penicillins/)).toBeVisible();
    expect(screen.getByLabelText('Patient')).toHaveTextContent('Any');
  });
});
