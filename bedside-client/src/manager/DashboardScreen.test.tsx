import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry, WardAlert } from '@wardscan/shared';
import { buildAssignment } from '../test/blood-builders.js';
import { buildMetrics, buildSession } from '../test/builders.js';
import { apiError, fakeServer, json } from '../test/fake-fetch.js';
import { renderSignedIn } from '../test/render.js';
import { DashboardScreen } from './DashboardScreen.js';
import { LiveFeed } from './LiveFeed.js';
import { MetricsCharts } from './MetricsCharts.js';

afterEach(() => vi.unstubAllGlobals());
const manager = buildSession({ role: 'ward-manager', name: 'Mo Manager' });

function entry(seq: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    seq,
    at: '2026-11-24T09:30:00.000Z',
    type: 'scan',
    wardId: 'ward-1',
    patientId: 'p-ada',
    userId: 'u-nurse',
    deviceId: 'h1',
    eventId: crypto.randomUUID(),
    outcome: 'stop',
    rules: ['right-patient'],
    summary: `Furosemide scanned for the wrong patient (#${seq})`,
    detail: {},
    prevHash: 'a',
    hash: 'b',
    ...overrides,
  };
}

const alert: WardAlert = {
  kind: 'stop',
  wardId: 'ward-1',
  at: '2026-11-24T09:31:00.000Z',
  eventId: '44444444-4444-4444-8444-444444444444',
  deviceId: 'h1',
  userId: 'u-nurse',
  userName: 'Nia Nurse',
  patientId: 'p-ada',
  patientName: 'Ada LOVELACE',
  bedLabel: 'Bed 3',
  rules: ['right-patient'],
  message: 'Not prescribed for this patient',
  overrideReason: null,
};

describe('LiveFeed', () => {
  it('says when nothing has happened yet', () => {
    render(<LiveFeed alerts={[]} status="live" />);
    expect(screen.getByText('No stops, warnings or overrides since this screen opened.')).toBeVisible();
    expect(screen.getByRole('status')).toHaveTextContent('Live');
  });

  it('shows each alert with its kind in words, bed, patient and rule', () => {
    render(<LiveFeed alerts={[alert, { ...alert, kind: 'override', eventId: crypto.randomUUID(), overrideReason: 'time-agreed-clinically', rules: ['right-time'] }]} status="disconnected" />);
    const items = within(screen.getByRole('list', { name: 'Live alerts' })).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('STOP');
    expect(items[0]).toHaveTextContent('Bed 3 · Ada LOVELACE');
    expect(items[0]).toHaveTextContent('Wrong patient');
    expect(items[1]).toHaveTextContent('OVERRIDE');
    expect(items[1]).toHaveTextContent('reason: Time difference agreed clinically');
    expect(screen.getByRole('status')).toHaveTextContent('Not connected');
  });
});

describe('MetricsCharts', () => {
  it('draws override rate and stops by rule, each with a text equivalent; the rate says its denominator in doses and in days', () => {
    render(<MetricsCharts metrics={buildMetrics()} />);
    // Scan compliance comes from the chart now (ComplianceSection), not from the doses recorded by scanning.
    expect(screen.queryByRole('img', { name: /Scan compliance/ })).toBeNull();
    // 1 override of 30 doses: 3%, not the 5% a mean of the two days' rates (10% and 0%) would say.
    expect(screen.getByRole('img', { name: 'Override rate: 3% of 30 doses given (1) over 2 days with doses given (of 3), latest day 0% so far.' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Stops by rule: Allergy: 2, Wrong patient: 2' })).toBeInTheDocument();
  });

  it('says in words when a period had no doses', () => {
    const quiet = { wardId: 'ward-1', days: [{ date: '2026-11-24', dosesGiven: 0, dosesFullyScanned: 0, scanCompliance: null, overrides: 0, overrideRate: null, stopsByRule: {} }] };
    render(<MetricsCharts metrics={quiet} />);
    expect(screen.getByRole('img', { name: 'Override rate: no doses given on this day.' })).toBeInTheDocument();
    expect(screen.getAllByText('No stops in this period.')[0]).toBeVisible();
  });

  it('says when there are no figures', () => {
    render(<MetricsCharts metrics={{ wardId: 'ward-1', days: [] }} />);
    expect(screen.getByText('No figures for this period yet.')).toBeVisible();
  });
});

describe('DashboardScreen', () => {
  it('shows the mismatch log a page at a time, filtered, with the same filter exported as CSV', async () => {
    const server = fakeServer({
      'GET /api/metrics/ward/ward-1': () => json(buildMetrics()),
      'GET /api/audit': ({ query }) => {
        if (query.get('format') === 'csv') return { status: 200, text: 'seq,at\n1,x\n' };
        const page = Number(query.get('page'));
        return json({ entries: [entry(page * 10)], page, pageSize: 20, total: 30 });
      },
    });
    URL.createObjectURL = vi.fn(() => 'blob:csv');
    URL.revokeObjectURL = vi.fn();
    renderSignedIn(<DashboardScreen />, { session: manager });
    const log = await screen.findByRole('table', { name: 'Mismatch log' });
    expect(within(log).getByText('Furosemide scanned for the wrong patient (#10)')).toBeVisible();
    expect(screen.getByText('Page 1 of 2 (30 entries)')).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Furosemide scanned for the wrong patient (#20)')).toBeVisible();
    await userEvent.selectOptions(screen.getByLabelText('Rule'), 'allergy');
    await waitFor(() => expect(server.requests.at(-1)?.query.get('rule')).toBe('allergy'));
    expect(server.requests.at(-1)?.query.get('page')).toBe('1');
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    const csv = server.requests.find((r) => r.query.get('format') === 'csv');
    expect(csv?.query.get('rule')).toBe('allergy');
    expect(csv?.headers.Authorization).toBe('Bearer test-token');
  });

  it('shows the manager’s own ward’s devices with patients now', async () => {
    const server = fakeServer({
      'GET /api/metrics/ward/ward-1': () => json({ wardId: 'ward-1', days: [] }),
      'GET /api/audit': () => json({ entries: [], page: 1, pageSize: 20, total: 0 }),
      'GET /api/equipment/assignments': () => json([buildAssignment()]),
    });
    renderSignedIn(<DashboardScreen />, { session: manager });
    const devices = await screen.findByRole('table', { name: 'Devices with patients now' });
    expect(within(devices).getByText('Infusion pump 7B0001')).toBeVisible();
    expect(server.requests.find((r) => r.path === '/api/equipment/assignments')?.query.get('wardId')).toBe('ward-1');
  });

  it('says when the log is empty', async () => {
    fakeServer({
      'GET /api/metrics/ward/ward-1': () => json({ wardId: 'ward-1', days: [] }),
      'GET /api/audit': () => json({ entries: [], page: 1, pageSize: 20, total: 0 }),
    });
    renderSignedIn(<DashboardScreen />, { session: manager });
    expect(await screen.findByText('Nothing matches these filters.')).toBeVisible();
    expect(await screen.findByText('No figures for this period yet.')).toBeVisible();
  });

  it('shows errors from the server in words', async () => {
    fakeServer({
      'GET /api/metrics/ward/ward-1': () => apiError(403, 'FORBIDDEN', 'Only this ward’s manager can see its figures.'),
      'GET /api/audit': () => apiError(500, 'INTERNAL', 'Something went wrong on the server.'),
    });
    renderSignedIn(<DashboardScreen />, { session: manager });
    expect(await screen.findByText('Figures could not be loaded: Only this ward’s manager can see its figures.')).toBeVisible();
    expect(await screen.findByText('The log could not be loaded: Something went wrong on the server.')).toBeVisible();
  });
});
