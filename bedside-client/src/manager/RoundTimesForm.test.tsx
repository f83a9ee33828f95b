import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_ROUND_TIMES, type RoundTimes, type RoundTimesInput, type WardRoundTimes } from '@wardscan/shared';
import { buildSession } from '../test/builders.js';
import { apiError, fakeServer, json, type FakeServer } from '../test/fake-fetch.js';
import { renderSignedIn } from '../test/render.js';
import { RoundTimesForm } from './RoundTimesForm.js';
import { ROUND_TIMES_LINES } from './round-times.resource.js';

afterEach(() => vi.unstubAllGlobals());
const manager = buildSession({ role: 'ward-manager', name: 'Mo Manager' });
// Typing as a person does: slower than a scanner's burst.
const person = () => userEvent.setup({ delay: 120 });

/** A server holding the ward's times: PUT replaces the parts sent (reset first returns to the defaults), as the real one does. */
function roundTimesServer(initial: RoundTimes | null = null): FakeServer & { puts: () => unknown[] } {
  let own = initial;
  const view = (): WardRoundTimes => ({ wardId: 'ward-1', own: own !== null, times: own ?? DEFAULT_ROUND_TIMES });
  const server = fakeServer({
    'GET /api/wards/ward-1/round-times': () => json(view()),
    'PUT /api/wards/ward-1/round-times': ({ body }) => {
      const input = body as RoundTimesInput;
      const from = input.reset ? DEFAULT_ROUND_TIMES : (own ?? DEFAULT_ROUND_TIMES);
      own =
        input.reset && !input.perDay && !input.everyHours && !input.when
          ? null
          : { perDay: { ...from.perDay, ...input.perDay }, everyHours: { ...from.everyHours, ...input.everyHours }, when: { ...from.when, ...input.when } };
      return json(view());
    },
  });
  return Object.assign(server, { puts: () => server.requests.filter((r) => r.method === 'PUT').map((r) => r.body) });
}

async function openForm() {
  renderSignedIn(<RoundTimesForm wardId="ward-1" />, { session: manager });
  return screen.findByRole('form', { name: 'Standard drug round times' });
}

const ownTimes: RoundTimes = { ...DEFAULT_ROUND_TIMES, perDay: { ...DEFAULT_ROUND_TIMES.perDay, '3': ['07:00', '13:00', '19:00'] } };

describe('RoundTimesForm', () => {
  it('shows each line in words with its times and its default, and says orders already charted keep theirs', async () => {
    roundTimesServer(ownTimes);
    const form = await openForm();
    const tds = within(form).getByRole('group', { name: 'Three times a day (TDS)' });
    expect(within(tds).getByLabelText('Three times a day (TDS), time 1')).toHaveValue('07:00');
    expect(within(tds).getByLabelText('Three times a day (TDS), time 3')).toHaveValue('19:00');
    expect(within(tds).getByLabelText('Three times a day (TDS), time 2')).toHaveAccessibleDescription('Default 08:00, 14:00 and 22:00.');
    const eight = within(form).getByRole('group', { name: 'Every 8 hours' });
    expect(within(eight).getAllByLabelText(/^Every 8 hours, time/).map((i) => (i as HTMLInputElement).value)).toEqual(['06:00', '14:00', '22:00']);
    const acm = within(form).getByLabelText('Before breakfast (ACM)');
    expect(acm).toHaveValue('07:30');
    expect(acm).toHaveAccessibleDescription('Default 07:30.');
    expect(within(form).getByRole('group', { name: 'Time of day' })).toContainElement(acm);
    // Every line the server knows is on screen: 4 counts, 3 intervals, 14 times of day.
    expect(ROUND_TIMES_LINES).toHaveLength(4 + 3 + 14);
    expect(within(form).getByText('This ward has set its own times.', { exact: false })).toBeVisible();
    expect(within(form).getByText('Orders already charted keep their times until the EPR sends them again.')).toBeVisible();
  });

  it('saves only the lines changed and shows the times now in force', async () => {
    const server = roundTimesServer();
    const form = await openForm();
    const user = person();
    const bd = within(form).getByLabelText('Twice a day (BD), time 2');
    await user.clear(bd);
    await user.type(bd, '20:00');
    const hs = within(form).getByLabelText('At bedtime (HS)');
    await user.clear(hs);
    await user.type(hs, '21:30');
    await user.click(within(form).getByRole('button', { name: 'Save round times' }));

    expect(await within(form).findByRole('status')).toHaveTextContent('Round times saved.');
    expect(server.puts()).toEqual([{ perDay: { '2': ['08:00', '20:00'] }, when: { HS: '21:30' } }]);
    expect(within(form).getByLabelText('Twice a day (BD), time 2')).toHaveValue('20:00');
    expect(within(form).getByLabelText('At bedtime (HS)')).toHaveValue('21:30');
    expect(within(form).getByText('This ward has set its own times.', { exact: false })).toBeVisible();
  });

  it('sends nothing when nothing changed', async () => {
    const server = roundTimesServer();
    const form = await openForm();
    await userEvent.click(within(form).getByRole('button', { name: 'Save round times' }));
    expect(await within(form).findByRole('status')).toHaveTextContent('Nothing changed: no times were sent.');
    expect(server.puts()).toEqual([]);
  });

  it('shows the server’s refusal beside the line it names', async () => {
    const server = roundTimesServer();
    server.on('PUT /api/wards/ward-1/round-times', () => apiError(400, 'VALIDATION', 'everyHours.8: the times must be exactly 8 hours apart', 'everyHours.8'));
    const form = await openForm();
    const user = person();
    const first = within(form).getByLabelText('Every 8 hours, time 1');
    await user.clear(first);
    await user.type(first, '07:00');
    await user.click(within(form).getByRole('button', { name: 'Save round times' }));

    const message = 'the times must be exactly 8 hours apart';
    await waitFor(() => expect(first).toHaveAttribute('aria-invalid', 'true'));
    expect(first).toHaveAccessibleDescription(`Default 06:00, 14:00 and 22:00. ${message}`);
    // Beside its own line, not a box at the top, and the other lines are not blamed.
    expect(within(within(form).getByRole('group', { name: 'Every 8 hours' })).getByText(message)).toBeVisible();
    expect(within(form).getByLabelText('Every 6 hours, time 1')).not.toHaveAttribute('aria-invalid');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(within(form).queryByRole('status')).toBeNull();
    expect(server.puts()).toEqual([{ everyHours: { '8': ['07:00', '14:00', '22:00'] } }]);
    expect(first).toHaveValue('07:00');
  });

  it('says a time not written as HH:MM needs to be, without asking the server', async () => {
    const server = roundTimesServer();
    const form = await openForm();
    const morning = within(form).getByLabelText('In the morning (MORN)');
    const user = person();
    await user.clear(morning);
    await user.type(morning, '8.00');
    await userEvent.click(within(form).getByRole('button', { name: 'Save round times' }));
    expect(await within(form).findByText('Enter a time as HH:MM.')).toBeVisible();
    expect(morning).toHaveAttribute('aria-invalid', 'true');
    expect(morning).toHaveValue('8.00');
    expect(server.puts()).toEqual([]);
  });

  it('resets every line to the trust defaults', async () => {
    const server = roundTimesServer(ownTimes);
    const form = await openForm();
    await userEvent.click(within(form).getByRole('button', { name: 'Reset to defaults' }));
    expect(await within(form).findByRole('status')).toHaveTextContent("Every line is back to the trust's standard times.");
    expect(server.puts()).toEqual([{ reset: true }]);
    expect(within(form).getByLabelText('Three times a day (TDS), time 1')).toHaveValue('08:00');
    expect(within(form).getByLabelText('Three times a day (TDS), time 3')).toHaveValue('22:00');
    expect(within(form).getByText("This ward uses the trust's standard times.", { exact: false })).toBeVisible();
  });

  it('says when the times cannot be saved for another reason', async () => {
    const server = roundTimesServer();
    server.on('PUT /api/wards/ward-1/round-times', () => apiError(403, 'FORBIDDEN', 'You can only change your own ward.'));
    const form = await openForm();
    await userEvent.click(within(form).getByRole('button', { name: 'Reset to defaults' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The round times could not be saved: You can only change your own ward.');
  });
});
