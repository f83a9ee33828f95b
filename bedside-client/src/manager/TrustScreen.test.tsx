import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildSession } from '../test/builders.js';
import { complianceFigures } from '@wardscan/shared';
import { buildByShift, buildCounts, buildTrust } from '../test/compliance-builders.js';
import { apiError, fakeServer, json } from '../test/fake-fetch.js';
import { renderSignedIn } from '../test/render.js';
import { TrustScreen } from './TrustScreen.js';

afterEach(() => vi.unstubAllGlobals());
const admin = buildSession({ role: 'admin', name: 'Ada Admin', wardId: null });

function trustServer() {
  return fakeServer({
    'GET /api/metrics/trust/compliance': ({ query }) =>
      query.get('format') === 'csv' ? { status: 200, text: 'rank,wardId\r\n1,ward-7b\r\n' } : json(buildTrust(Number(query.get('days')))),
    'GET /api/metrics/trust/measure-report': () => json({ resourceType: 'Bundle', type: 'collection', entry: [] }),
  });
}

describe('TrustScreen', () => {
  it('ranks the wards side by side, each figure with its count, a ward with nothing on record unranked', async () => {
    trustServer();
    renderSignedIn(<TrustScreen />, { session: admin });
    const table = await screen.findByRole('table', { name: 'Wards ranked, last 14 days' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Ward 7B Acute Medicine', 'Ward 8A Surgery', 'Ward 9C']);
    expect(rows[0]).toHaveTextContent('1Ward 7B Acute Medicine96.0%960 of 1,00098.0%980 of 1,000');
    expect(rows[1]).toHaveTextContent('80.0% (below the 95% target)640 of 800');
    expect(rows[2]).toHaveTextContent('—Ward 9C');
    expect(rows[2]).toHaveTextContent('no days on record in this period');
  });

  it('puts each ward’s day shifts beside its night shifts, each figure with its count and the shifts it is over', async () => {
    const trust = buildTrust();
    const ward7b = trust.wards[0]!;
    ward7b.byShift = buildByShift(
      { given: 600, givenBothScanned: 594, patientScanned: 597, medicationScanned: 596, missed: 3, scheduledClosed: 540 },
      { given: 400, givenBothScanned: 340, patientScanned: 380, medicationScanned: 370, missed: 17, scheduledClosed: 360 },
      14,
    );
    fakeServer({ 'GET /api/metrics/trust/compliance': () => json(trust) });
    renderSignedIn(<TrustScreen />, { session: admin });
    const table = await screen.findByRole('table', { name: 'Day and night shifts by ward, last 14 days' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(6);
    expect(rows[0]).toHaveTextContent('Ward 7B Acute MedicineDay shifts (07:00–19:00)99.0%594 of 600');
    expect(rows[0]).toHaveTextContent('over 14 shifts (1 partial)');
    expect(rows[1]).toHaveTextContent('Night shifts (19:00–07:00)85.0% (below the 95% target)340 of 400');
    expect(rows[1]).toHaveTextContent('4.7%17 of 360');
    expect(rows[1]).toHaveTextContent('over 14 shifts');
    expect(rows[5]).toHaveTextContent('no shifts on record in this period');
  });

  it('lists the chosen ward’s figure shift by shift, each with its count and why a shift is partial', async () => {
    const trust = buildTrust();
    const points = (date: string, shift: 'day' | 'night', given: number, both: number, partial = false) => ({
      date,
      shift,
      coverage: partial ? ('partial' as const) : ('full' as const),
      notes: partial ? (['not-over'] as const).slice() : [],
      figures: complianceFigures(buildCounts({ given, givenBothScanned: both })).filter((f) => ['patient-scan', 'medication-scan', 'both-scanned', 'missed-dose'].includes(f.id)),
    });
    trust.wards[1]!.shiftTrend = [
      { date: '2026-11-23', shift: 'night', coverage: 'none', notes: ['no-records'], figures: [] },
      points('2026-11-24', 'day', 50, 45),
      points('2026-11-24', 'night', 20, 12, true),
    ];
    fakeServer({ 'GET /api/metrics/trust/compliance': () => json(trust) });
    renderSignedIn(<TrustScreen />, { session: admin });
    await screen.findByRole('table', { name: 'Wards ranked, last 14 days' });
    await userEvent.selectOptions(screen.getByLabelText('Ward'), 'ward-8a');
    await userEvent.click(screen.getByText('By shift (2)'));
    const table = screen.getByRole('table', { name: 'Ward 8A Surgery: Wristband and pack scanned by shift' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(['24 Nov 2026 day90.0%45 of 50', '24 Nov 2026 night60.0%12 of 20Not over yet: doses still to come']);
  });

  it('changes the period to 28 or 90 days', async () => {
    const server = trustServer();
    renderSignedIn(<TrustScreen />, { session: admin });
    await screen.findByRole('table', { name: 'Wards ranked, last 14 days' });
    await userEvent.click(screen.getByRole('button', { name: '90 days' }));
    expect(await screen.findByRole('table', { name: 'Wards ranked, last 90 days' })).toBeVisible();
    expect(screen.getByRole('button', { name: '90 days' })).toHaveAttribute('aria-pressed', 'true');
    expect(server.requests.filter((r) => r.path === '/api/metrics/trust/compliance').map((r) => r.query.get('days'))).toEqual(['14', '90']);
  });

  it('draws a ward’s trend with its table, for the ward and figure chosen', async () => {
    trustServer();
    renderSignedIn(<TrustScreen />, { session: admin });
    expect(await screen.findByRole('img', { name: 'Ward 7B Acute Medicine: Wristband and pack scanned: 96.0% of 1,000 doses given (960) over 14 days (1 partial).' })).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Ward'), 'ward-8a');
    await userEvent.selectOptions(screen.getByLabelText('Figure'), 'missed-dose');
    const chart = screen.getByRole('img', { name: 'Ward 8A Surgery: Missed doses: 11.5% of 780 scheduled doses due (90) over 14 days (1 partial).' });
    const figure = chart.closest('figure') as HTMLElement;
    expect(within(figure).getByRole('rowheader', { name: '24 Nov 2026' }).closest('tr')).toHaveTextContent('11.5%90 of 780');
  });

  it('downloads the CSV and the FHIR MeasureReport for the period shown, with the session’s token', async () => {
    const server = trustServer();
    URL.createObjectURL = vi.fn(() => 'blob:file');
    URL.revokeObjectURL = vi.fn();
    renderSignedIn(<TrustScreen />, { session: admin });
    await screen.findByRole('table', { name: 'Wards ranked, last 14 days' });
    await userEvent.click(screen.getByRole('button', { name: '28 days' }));
    await screen.findByRole('table', { name: 'Wards ranked, last 28 days' });
    await userEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    await userEvent.click(screen.getByRole('button', { name: 'Download FHIR MeasureReport' }));
    await waitFor(() => expect(URL.createObjectURL).toHaveBeenCalledTimes(2));
    const csv = server.requests.find((r) => r.query.get('format') === 'csv');
    expect(csv?.query.get('days')).toBe('28');
    expect(csv?.headers.Authorization).toBe('Bearer test-token');
    const fhir = server.requests.find((r) => r.path === '/api/metrics/trust/measure-report');
    expect(fhir?.query.get('days')).toBe('28');
  });

  it('shows the server’s refusal', async () => {
    fakeServer({ 'GET /api/metrics/trust/compliance': () => apiError(403, 'FORBIDDEN', 'This needs the admin role.') });
    renderSignedIn(<TrustScreen />, { session: admin });
    expect(await screen.findByRole('alert')).toHaveTextContent('The trust view could not be loaded: This needs the admin role.');
  });
});
