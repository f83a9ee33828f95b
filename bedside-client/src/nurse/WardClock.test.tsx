import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildChart, buildRound, buildVerdict } from '../test/builders.js';
import { fakeServer, json } from '../test/fake-fetch.js';
import { renderSignedIn } from '../test/render.js';
import { deviceTimeZone } from '../ui/format.js';
import { ChartView } from './ChartView.js';
import { NurseScreen } from './NurseScreen.js';
import { toVerdictView } from './verdict.resource.js';
import { VerdictPanel } from './VerdictPanel.js';
import { useLearnWardZone, WardClockProvider } from './ward-clock.js';

/*
 * Issue 12: the handheld showed clinical times on its own clock. They are the
 * ward's, named by the server with the round and the chart, whatever zone the
 * handheld is set to; when the two differ the screen says so. `npm test` runs
 * this suite with TZ=UTC and the wards here are in New York, and in London in
 * summer (BST): a time read on the handheld's clock fails. They hold under
 * TZ=Pacific/Chatham too.
 */
afterEach(() => vi.unstubAllGlobals());

const drug = buildChart().slots[0]!;

describe('the chart on the ward’s clock', () => {
  it('shows a ward in London’s doses at London times, with the zone, when the handheld is set to another', () => {
    // 1 July: 07:00 UTC is 08:00 BST; 21:00 UTC is 22:00 BST.
    const chart = buildChart({
      timeZone: 'Europe/London',
      slots: [
        { ...drug, slotAt: '2026-07-01T07:00:00.000Z', status: 'missed' },
        { ...drug, slotAt: '2026-07-01T21:00:00.000Z', status: 'later' },
      ],
    });
    render(<ChartView chart={chart} now={new Date('2026-07-01T09:30:00.000Z')} />);
    expect(screen.getByText('Missed · 08:00 BST')).toBeVisible();
    expect(screen.getByText('Later · 22:00 BST')).toBeVisible();
    expect(screen.getByRole('note')).toHaveTextContent(`Times are the ward’s (Europe/London). This handheld is set to ${deviceTimeZone()}: tell IT.`);
  });

  it('counts yesterday by the ward’s calendar: 03:00 UTC on 25 Nov is 22:00 on the 24th in New York', () => {
    const chart = buildChart({ timeZone: 'America/New_York', slots: [{ ...drug, slotAt: '2026-11-25T03:00:00.000Z', status: 'missed' }] });
    render(<ChartView chart={chart} now={new Date('2026-11-25T13:30:00.000Z')} />);
    expect(screen.getByText('Missed · yesterday 22:00 GMT-5')).toBeVisible();
  });

  it('says nothing of zones when the handheld is set to the ward’s', () => {
    const chart = buildChart({ timeZone: deviceTimeZone(), slots: [{ ...drug, slotAt: '2026-11-24T08:00:00.000Z', status: 'missed' }] });
    render(<ChartView chart={chart} now={new Date('2026-11-24T09:30:00.000Z')} />);
    expect(screen.queryByRole('note')).toBeNull();
    expect(screen.getByText(/^Missed · \d\d:\d\d$/)).toBeVisible();
  });
});

describe('the round and the verdict on the ward’s clock', () => {
  it('shows the round’s next dose at the ward’s time', async () => {
    const round = buildRound({ timeZone: 'America/New_York' });
    const bed = round.beds.find((b) => b.patient)!;
    fakeServer({
      'GET /api/health': () => json({ ok: true }),
      'GET /api/wards/ward-1/round': () => json({ ...round, beds: round.beds.map((b) => (b === bed ? { ...b, patient: { ...b.patient!, nextDueAt: '2026-11-24T23:00:00.000Z' } } : b)) }),
    });
    renderSignedIn(<NurseScreen />);
    const view = await screen.findByRole('region', { name: 'Ward 1: the round' });
    // 23:00 UTC is 18:00 in New York (EST).
    expect(within(view).getByText('next 18:00 GMT-5')).toBeVisible();
    expect(within(view).getByRole('note')).toHaveTextContent('Times are the ward’s (America/New_York)');
  });

  it('names the scheduled dose on a verdict at the time the ward’s round or chart gave', async () => {
    function Learned({ zone }: { zone: string }) {
      useLearnWardZone(zone);
      return null;
    }
    fakeServer({});
    renderSignedIn(
      <WardClockProvider>
        <Learned zone="America/New_York" />
        <VerdictPanel
          view={toVerdictView(buildVerdict({ slotAt: '2026-11-24T13:00:00.000Z' }))}
          overrideReason={null}
          onOverrideChosen={() => undefined}
          block={{ canConfirm: true }}
          busy={false}
          onConfirm={() => undefined}
          onDismiss={() => undefined}
          scheduledDose={{ prescriptionId: 'rx-para', slotAt: '2026-11-24T13:00:00.000Z' }}
        />
      </WardClockProvider>,
    );
    await userEvent.setup({ delay: 120 }).click(screen.getByRole('button', { name: 'Not given…' }));
    expect(screen.getByLabelText('Why was the 08:00 GMT-5 dose not given?')).toBeVisible();
  });
});
