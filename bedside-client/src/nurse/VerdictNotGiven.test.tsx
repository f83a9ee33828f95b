import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NotGivenRequest, Verdict } from '@wardscan/shared';
import { buildVerdict } from '../test/builders.js';
import { apiError, fakeServer, json, type FakeServer } from '../test/fake-fetch.js';
import { renderSignedIn } from '../test/render.js';
import { formatTime } from '../ui/format.js';
import { toVerdictView } from './verdict.resource.js';
import { VerdictPanel } from './VerdictPanel.js';

/*
 * Issue 12: "Not given – back" recorded nothing. On a verdict for a
 * scheduled dose the nurse can now document the dose as not given with the
 * chart's coded reasons, from the verdict; "Back" leaves without recording.
 */
afterEach(() => vi.unstubAllGlobals());

const SLOT = '2026-11-24T08:00:00.000Z';
const DOSE = { prescriptionId: 'rx-para', slotAt: SLOT };
// At a person's pace: keys as fast as a scanner's are read as a scan (hid-listener.ts).
const person = () => userEvent.setup({ delay: 120 });

function notGivenServer(): FakeServer {
  return fakeServer({
    'POST /api/not-given': ({ body }) => {
      const r = body as NotGivenRequest;
      return json(
        {
          notGiven: { id: 'ng-1', eventId: r.eventId, prescriptionId: r.prescriptionId, patientId: 'p-ada', slotAt: r.slotAt, reason: r.reason, note: r.note ?? null, recordedBy: 'u-nurse', recordedByName: 'Nia Nurse', recordedAt: SLOT },
          replayed: false,
        },
        201,
      );
    },
  });
}

function panel(verdict: Verdict, props: Partial<Parameters<typeof VerdictPanel>[0]> = {}) {
  const onDismiss = vi.fn();
  const onConfirm = vi.fn();
  const element = (
    <VerdictPanel
      view={toVerdictView(verdict)}
      overrideReason={null}
      onOverrideChosen={() => undefined}
      block={{ canConfirm: true }}
      busy={false}
      onConfirm={onConfirm}
      onDismiss={onDismiss}
      scheduledDose={DOSE}
      {...props}
    />
  );
  return { element, onDismiss, onConfirm };
}

const notGivenRequests = (server: FakeServer) => server.requests.filter((r) => r.method === 'POST' && r.path === '/api/not-given');

describe('VerdictPanel: documenting the dose as not given (issue 12)', () => {
  it('offers "Not given…" beside "Back" on a match, records the coded reason and note for the scheduled dose, and says so', async () => {
    const server = notGivenServer();
    const { element, onDismiss, onConfirm } = panel(buildVerdict({ slotAt: SLOT }));
    renderSignedIn(element);
    const verdict = screen.getByRole('alert');
    expect(within(verdict).getByRole('button', { name: '✓ Confirm given' })).toBeVisible();
    expect(within(verdict).getByRole('button', { name: 'Back' })).toBeVisible();

    const user = person();
    await user.click(within(verdict).getByRole('button', { name: 'Not given…' }));
    const reason = screen.getByLabelText(`Why was the ${formatTime(SLOT)} dose not given?`);
    expect(reason).toHaveFocus();
    // While documenting, the dose cannot be confirmed by a stray tap.
    expect(screen.queryByRole('button', { name: '✓ Confirm given' })).toBeNull();
    const record = screen.getByRole('button', { name: 'Record not given' });
    expect(record).toBeDisabled();
    await user.selectOptions(reason, 'patient-refused');
    await user.type(screen.getByLabelText('Note (optional)'), 'asleep');
    await user.click(record);

    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent(`✓ Recorded the ${formatTime(SLOT)} dose as not given: Patient refused: asleep`);
    const sent = notGivenRequests(server);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toEqual({ deviceId: 'handheld-test', eventId: expect.stringMatching(/^[0-9a-f-]{36}$/), prescriptionId: 'rx-para', slotAt: SLOT, reason: 'patient-refused', note: 'asleep' });
    expect(screen.queryByRole('button', { name: /Confirm given/ })).toBeNull();
    expect(onConfirm).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(onDismiss).toHaveBeenCalledOnce();
  }, 15_000); // typed at a person's pace: longer than the default 5 s

  it('"Back" leaves without recording anything', async () => {
    const server = notGivenServer();
    const { element, onDismiss } = panel(buildVerdict({ slotAt: SLOT }));
    renderSignedIn(element);
    await person().click(screen.getByRole('button', { name: 'Back' }));
    expect(onDismiss).toHaveBeenCalledOnce();
    expect(server.requests).toHaveLength(0);
  });

  it('on a warning, is offered beside "Override and confirm given"; "Other" needs words; "Cancel" goes back to the verdict', async () => {
    const server = notGivenServer();
    const warning = buildVerdict({ outcome: 'warning', slotAt: SLOT, checks: [{ rule: 'right-time', outcome: 'warning', message: 'Late: was due at 08:00, 2 h 10 min ago.' }] });
    renderSignedIn(panel(warning, { block: { canConfirm: false, reason: 'Choose the reason for giving despite the warning.' } }).element);
    const user = person();
    await user.click(screen.getByRole('button', { name: 'Not given…' }));
    await user.selectOptions(screen.getByLabelText(/not given\?$/), 'other');
    expect(screen.getByLabelText('Note (required)')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Record not given' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('button', { name: '✓ Override and confirm given' })).toBeVisible();
    expect(server.requests).toHaveLength(0);
  });

  it('keeps the form and says why when the server refuses; a retry after a lost answer reuses the event id', async () => {
    const server = notGivenServer();
    renderSignedIn(panel(buildVerdict({ slotAt: SLOT })).element);
    const user = person();
    await user.click(screen.getByRole('button', { name: 'Not given…' }));
    await user.selectOptions(screen.getByLabelText(/not given\?$/), 'nil-by-mouth');

    server.down();
    await user.click(screen.getByRole('button', { name: 'Record not given' }));
    expect(await screen.findByText(/Not recorded: The ward server cannot be reached\./)).toBeVisible();
    server.up();
    await user.click(screen.getByRole('button', { name: 'Record not given' }));
    await screen.findByText(/Recorded the .* dose as not given: Nil by mouth/);
    const ids = notGivenRequests(server).map((r) => (r.body as NotGivenRequest).eventId);
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(ids[0]);
  });

  it('after a refusal by the server, the next try is a new event', async () => {
    const server = notGivenServer();
    server.on('POST /api/not-given', () => apiError(409, 'CONFLICT', 'This dose was already documented.'));
    renderSignedIn(panel(buildVerdict({ slotAt: SLOT })).element);
    const user = person();
    await user.click(screen.getByRole('button', { name: 'Not given…' }));
    await user.selectOptions(screen.getByLabelText(/not given\?$/), 'drug-unavailable');
    await user.click(screen.getByRole('button', { name: 'Record not given' }));
    expect(await screen.findByText('Not recorded: This dose was already documented.')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Record not given' }));
    await waitFor(() => expect(notGivenRequests(server)).toHaveLength(2));
    const ids = notGivenRequests(server).map((r) => (r.body as NotGivenRequest).eventId);
    expect(ids[1]).not.toBe(ids[0]);
  });

  it('uses the screen’s own recorder when one is given', async () => {
    const server = notGivenServer();
    const onNotGiven = vi.fn(async () => undefined);
    renderSignedIn(panel(buildVerdict({ slotAt: SLOT }), { onNotGiven }).element);
    const user = person();
    await user.click(screen.getByRole('button', { name: 'Not given…' }));
    await user.selectOptions(screen.getByLabelText(/not given\?$/), 'patient-away');
    await user.click(screen.getByRole('button', { name: 'Record not given' }));
    await screen.findByRole('status');
    expect(onNotGiven).toHaveBeenCalledWith('patient-away', '');
    expect(server.requests).toHaveLength(0);
  });

  it('offers no "Not given…" for an as-needed dose (no scheduled dose), nor on a stop, which stays "Understood – not given"', () => {
    notGivenServer();
    const { unmount } = renderSignedIn(panel(buildVerdict(), { scheduledDose: undefined }).element);
    expect(screen.queryByRole('button', { name: 'Not given…' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Back' })).toBeVisible();
    unmount();

    renderSignedIn(panel(buildVerdict({ outcome: 'stop', slotAt: SLOT, checks: [{ rule: 'allergy', outcome: 'stop', message: 'Allergic to penicillin.' }] })).element);
    expect(screen.queryByRole('button', { name: 'Not given…' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Understood – not given' })).toBeVisible();
  });

  it('renders outside a signed-in screen (no services): no "Not given…" unless a recorder is given', () => {
    render(panel(buildVerdict({ slotAt: SLOT })).element);
    expect(screen.queryByRole('button', { name: 'Not given…' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Back' })).toBeVisible();
  });
});
