import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildSession } from '../test/builders.js';
import { buildByShift, buildWardCompliance } from '../test/compliance-builders.js';
import { apiError, fakeServer, json } from '../test/fake-fetch.js';
import { renderSignedIn } from '../test/render.js';
import { ComplianceSection, ComplianceView } from './ComplianceSection.js';

afterEach(() => vi.unstubAllGlobals());
const manager = buildSession({ role: 'ward-manager', name: 'Mo Manager' });

const card = (title: string) => {
  const item = within(screen.getByRole('list', { name: 'Compliance figures' }))
    .getAllByRole('listitem')
    .find((li) => li.querySelector('strong')?.textContent === title);
  if (!item) throw new Error(`no card ${title}`);
  return item;
};

describe('ComplianceView', () => {
  it('shows each figure with its denominator, and whether it meets the 95% target', () => {
    render(<ComplianceView report={buildWardCompliance()} />);
    expect(card('Patient scan compliance')).toHaveTextContent('98.2%');
    expect(card('Patient scan compliance')).toHaveTextContent('98.2% of 1,100 doses given (1,080)');
    expect(card('Patient scan compliance')).toHaveTextContent('Target at least 95%: met');
    expect(card('Medication scan compliance')).toHaveTextContent('96.0% of 1,100 doses given (1,056)');
    expect(card('Wristband and pack scanned')).toHaveTextContent('94.2% of 1,100 doses given (1,036)');
    expect(card('Wristband and pack scanned')).toHaveTextContent('Target at least 95%: not met');
    // Missed doses count as not scanned: 1,036 of 1,160.
    expect(card('Scanned, of doses given or missed')).toHaveTextContent('89.3% of 1,160 doses given or missed (1,036)');
    expect(card('Missed doses')).toHaveTextContent('6.0% of 1,000 scheduled doses due (60)');
  });

  it('says how many days the figures are over, which were partial and why', () => {
    render(<ComplianceView report={buildWardCompliance()} />);
    expect(screen.getByText(/Every dose due on the ward over 3 days \(2 partial\): 1,234 due, 1,100 given, 4 documented not given, 60 missed\./)).toBeVisible();
    expect(screen.getByText('22 Nov 2026: First day on record: from the first dose recorded')).toBeVisible();
    expect(screen.getByText('24 Nov 2026: Not over yet: doses still to come')).toBeVisible();
  });

  it('draws the trend with its denominator in words, and its table says each day’s count and partial days', () => {
    render(<ComplianceView report={buildWardCompliance()} />);
    const chart = screen.getByRole('img', { name: 'Wristband and pack scanned: 94.2% of 1,100 doses given (1,036) over 3 days (2 partial).' });
    const figure = chart.closest('figure') as HTMLElement;
    const today = within(figure).getByRole('rowheader', { name: '24 Nov 2026' }).closest('tr') as HTMLElement;
    expect(today).toHaveTextContent('100.0%');
    expect(today).toHaveTextContent('30 of 30 · partial: Not over yet: doses still to come');
    expect(within(figure).getByRole('rowheader', { name: '23 Nov 2026' }).closest('tr')).toHaveTextContent('88.9%80 of 90');
  });

  it('breaks down doses not given by reason, manual identification by how, overrides and stops by rule, and time from due', () => {
    render(<ComplianceView report={buildWardCompliance()} />);
    const table = screen.getByRole('table', { name: 'Other figures' });
    const row = (name: string) => within(table).getByRole('rowheader', { name }).closest('tr') as HTMLElement;
    expect(row('Not given, by reason')).toHaveTextContent('Patient refused 3 · Nil by mouth 1');
    expect(row('Manual identification, by how')).toHaveTextContent('number typed 3 · plain NHS Number barcode 2');
    expect(row('Overrides, by rule (of 1,100 doses given)')).toHaveTextContent('Timing 4 · Typed, not scanned 3');
    expect(row('Stops, by rule')).toHaveTextContent('Allergy 2');
    expect(row('Minutes from due to given')).toHaveTextContent('median 12 min, 90% within 48 min (80 scheduled doses given)');
    expect(row('Stops per 100 doses given')).toHaveTextContent('0.2 per 100 doses given (2 of 1,100)');
  });

  it('lists the shifts, saying which were partial', () => {
    render(<ComplianceView report={buildWardCompliance()} />);
    const shifts = screen.getByRole('table', { name: 'Compliance by shift' });
    expect(within(shifts).getByRole('rowheader', { name: '22 Nov 2026 day (07:00–19:00)' }).closest('tr')).toHaveTextContent('First day on record');
    expect(within(shifts).getByRole('rowheader', { name: '22 Nov 2026 night (19:00–07:00)' })).toBeInTheDocument();
  });

  it('compares the day shifts with the night shifts, each saying how many shifts it is over', () => {
    const report = { ...buildWardCompliance(), byShift: buildByShift({ given: 60, givenBothScanned: 57 }, { given: 40, givenBothScanned: 30, missed: 9, scheduledClosed: 45 }, 3) };
    render(<ComplianceView report={report} />);
    const [day, night] = within(screen.getByRole('list', { name: 'Day and night shifts' })).getAllByRole('listitem');
    expect(day).toHaveTextContent('Day shifts (07:00–19:00) over 3 shifts (1 partial): wristband and pack scanned 95.0% of 60 doses given (57)');
    expect(night).toHaveTextContent('Night shifts (19:00–07:00) over 3 shifts: wristband and pack scanned 75.0% of 40 doses given (30); missed 20.0% of 45 scheduled doses due (9)');
  });

  it('says when nothing is on record rather than showing every dose as missed', () => {
    const report = buildWardCompliance();
    render(<ComplianceView report={{ ...report, total: { ...report.total, coverage: 'none', days: 0 } }} />);
    expect(screen.getByText('Nothing on record for this ward in these days: no compliance to measure yet.')).toBeVisible();
  });
});

describe('ComplianceSection', () => {
  it('loads the ward’s last 14 days from the chart-based figures', async () => {
    const server = fakeServer({ 'GET /api/metrics/ward/ward-1/compliance': () => json(buildWardCompliance()) });
    renderSignedIn(<ComplianceSection wardId="ward-1" refreshKey={0} />, { session: manager });
    expect(await screen.findByRole('heading', { name: 'Scan compliance, last 14 days' })).toBeVisible();
    expect(await screen.findByText(/1,234 due/)).toBeVisible();
    const request = server.requests.find((r) => r.path === '/api/metrics/ward/ward-1/compliance');
    // The ward's days, counted by the server on the ward's clock: no dates from this screen's.
    expect([request?.query.get('days'), request?.query.get('from'), request?.query.get('to')]).toEqual(['14', null, null]);
  });

  it('shows the server’s refusal', async () => {
    fakeServer({ 'GET /api/metrics/ward/ward-1/compliance': () => apiError(403, 'FORBIDDEN', 'You can only see your own ward.') });
    renderSignedIn(<ComplianceSection wardId="ward-1" refreshKey={0} />, { session: manager });
    expect(await screen.findByRole('alert')).toHaveTextContent('Compliance could not be loaded: You can only see your own ward.');
  });
});
