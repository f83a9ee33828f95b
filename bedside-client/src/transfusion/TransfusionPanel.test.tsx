import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EMPTY_UNIT, type PatientTransfusions, type ScanRequest, type TransfusionCheckRequest, type TransfusionStartRequest, type Verdict } from '@wardscan/shared';
import { NurseScreen } from '../nurse/NurseScreen.js';
import { useLearnWardZone, WardClockProvider } from '../nurse/ward-clock.js';
import { TransfusionPanel } from './TransfusionPanel.js';
import {
  ADA_UNIT,
  buildCheckResponse,
  buildIssuedUnit,
  buildPatientTransfusions,
  buildTransfusion,
  NO_BLOOD,
  OTHER_ISSUED_UNIT,
  OTHER_UNIT,
  SECOND_BADGE,
  secondChecked,
  secondCheckerNeeded,
  wrongPatientStop,
} from '../test/blood-builders.js';
import { patientScanResponse, buildChart, buildRound } from '../test/builders.js';
import { apiError, fakeServer, json, type FakeServer } from '../test/fake-fetch.js';
import { renderSignedIn, scannerBurst } from '../test/render.js';

const WRISTBAND = '8018509999999900101371';

afterEach(() => vi.unstubAllGlobals());

/** Ada's bedside: the wristband identifies her; the unit is checked with `verdict`; `setBlood` changes her record. */
function bloodServer(verdict: Verdict = secondCheckerNeeded(), blood: PatientTransfusions = buildPatientTransfusions()) {
  let record = blood;
  const server = fakeServer({
    'GET /api/health': () => json({ ok: true }),
    'POST /api/scans': ({ body }) => json(patientScanResponse((body as ScanRequest).eventId)),
    'GET /api/patients/p-ada/transfusions': () => json(record),
    'GET /api/equipment/assignments': () => json([]),
    'GET /api/patients/p-ada/chart': () => json(buildChart()),
    'GET /api/wards/ward-1/round': () => json(buildRound()),
    'POST /api/transfusions/check': ({ body }) => json(buildCheckResponse((body as TransfusionCheckRequest).eventId, verdict), 201),
  });
  return Object.assign(server, { setBlood: (next: PatientTransfusions) => (record = next) });
}

async function scan(raw: string) {
  await act(async () => {
    scannerBurst(raw);
  });
}

/**
 * Waits until Ada's blood record has been asked for and the answer applied.
 * The fake reply settles in promise callbacks only, so a macrotask later,
 * inside act, it has been rendered (the running-transfusion test below
 * relies on this with a synchronous query).
 */
async function bloodRecordApplied(server: FakeServer) {
  await waitFor(() => expect(server.requests.some((r) => r.method === 'GET' && r.path === '/api/patients/p-ada/transfusions')).toBe(true));
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

async function atAdasBedsideWithBag(labels: string[]) {
  await scan(WRISTBAND);
  await screen.findByRole('heading', { name: 'LOVELACE, Ada' });
  for (const label of labels) await scan(label);
  return screen.getByRole('region', { name: 'Blood bag check' });
}

describe('TransfusionPanel (blood bag at the bedside)', () => {
  it('collects the bag’s labels into one unit on the handheld, and sends none of them to the scan check', async () => {
    const server = bloodServer();
    renderSignedIn(<NurseScreen />);
    const bag = await atAdasBedsideWithBag([ADA_UNIT.din]);
    expect(within(bag).getByText('G0715 26 100001')).toBeVisible();
    expect(within(bag).getByText('Next: scan the blood group label on the bag.')).toBeVisible();
    expect(within(bag).getByRole('button', { name: 'Check this unit' })).toBeDisabled();
    await scan(ADA_UNIT.group);
    await scan(ADA_UNIT.product);
    expect(within(bag).getByText('A RhD positive (A+)')).toBeVisible();
    expect(within(bag).getByText('E0001V00')).toBeVisible();
    expect(within(bag).getByRole('button', { name: 'Check this unit' })).toBeEnabled();
    const scansSent = server.requests.filter((r) => r.path === '/api/scans').map((r) => (r.body as ScanRequest).raw);
    expect(scansSent).toEqual([WRISTBAND]);
  });

  it('names the component the lab issued under the DIN read (the product code E0001V00 names none), on the bag and on the verdict', async () => {
    const server = bloodServer(secondCheckerNeeded(), buildPatientTransfusions({ units: [{ ...buildIssuedUnit(), status: 'issued' }] }));
    renderSignedIn(<NurseScreen />);
    await scan(WRISTBAND);
    await screen.findByRole('heading', { name: 'LOVELACE, Ada' });
    await bloodRecordApplied(server);
    await scan(ADA_UNIT.din);
    await scan(ADA_UNIT.group);
    await scan(ADA_UNIT.product);
    const bag = screen.getByRole('region', { name: 'Blood bag check' });
    expect(within(bag).getByText('Red cells').parentElement).toHaveTextContent(/^Red cells, as the lab issued this unit · product code E0001V00$/);
    await userEvent.click(within(bag).getByRole('button', { name: 'Check this unit' }));
    const verdict = await screen.findByRole('alert');
    expect(within(verdict).getByText(/^Unit G0715 26 100001/)).toHaveTextContent('Unit G0715 26 100001 · Red cells · A RhD positive (A+)');
  });

  it('shows only the product code for a DIN the lab did not issue to this patient', async () => {
    const server = bloodServer(secondCheckerNeeded(), buildPatientTransfusions({ units: [{ ...OTHER_ISSUED_UNIT, status: 'issued' }] }));
    renderSignedIn(<NurseScreen />);
    await scan(WRISTBAND);
    await screen.findByRole('heading', { name: 'LOVELACE, Ada' });
    await bloodRecordApplied(server);
    await scan(ADA_UNIT.din);
    await scan(ADA_UNIT.product);
    const bag = screen.getByRole('region', { name: 'Blood bag check' });
    expect(within(bag).queryByText('Red cells')).toBeNull();
    expect(within(bag).getByText('E0001V00').parentElement).toHaveTextContent(/^product code E0001V00$/);
  });

  it('refuses a label from another bag in the reducer’s words, and the unit cannot be checked until read again', async () => {
    const server = bloodServer();
    renderSignedIn(<NurseScreen />);
    const bag = await atAdasBedsideWithBag([ADA_UNIT.din, ADA_UNIT.group]);
    await scan(OTHER_UNIT.din);
    expect(within(bag).getByRole('alert')).toHaveTextContent(
      'Label refused: This label is from another bag (DIN G071526100003, not G071526100001). Keep the bags apart and start this unit again.',
    );
    expect(within(bag).getByText('G0715 26 100001')).toBeVisible();
    await scan(OTHER_UNIT.group);
    expect(within(bag).getByRole('alert')).toHaveTextContent('This bag shows two blood groups (A+ and O-)');
    // A good label after the mix-up does not make the unit checkable again.
    await scan(ADA_UNIT.product);
    expect(within(bag).queryByRole('button', { name: 'Check this unit' })).toBeNull();
    expect(within(bag).getByText(/This bag’s labels disagree, so it cannot be checked/)).toBeVisible();

    await userEvent.click(within(bag).getByRole('button', { name: 'Start this bag again' }));
    expect(within(bag).getAllByText('Not scanned yet – needed')).toHaveLength(2);
    await scan(ADA_UNIT.din);
    await scan(ADA_UNIT.group);
    await userEvent.click(within(bag).getByRole('button', { name: 'Check this unit' }));
    await screen.findByRole('heading', { name: 'SECOND CHECK NEEDED' });
    expect((server.requests.find((r) => r.path === '/api/transfusions/check')?.body as TransfusionCheckRequest).labels).toEqual([ADA_UNIT.din, ADA_UNIT.group]);
  });

  it('checks the unit, asks the second checker for their badge, then starts with the check it was given', async () => {
    const server = bloodServer();
    renderSignedIn(<NurseScreen />);
    const bag = await atAdasBedsideWithBag([ADA_UNIT.din, ADA_UNIT.group, ADA_UNIT.product]);
    await userEvent.click(within(bag).getByRole('button', { name: 'Check this unit' }));

    const verdict = await screen.findByRole('alert');
    expect(within(verdict).getByRole('heading', { name: 'SECOND CHECK NEEDED' })).toBeVisible();
    expect(within(verdict).getByText('Second checker: scan your badge')).toBeVisible();
    expect(within(verdict).getByRole('button', { name: '▶ Start transfusion' })).toBeDisabled();
    const check = server.requests.find((r) => r.path === '/api/transfusions/check')?.body as TransfusionCheckRequest;
    expect(check.labels).toEqual([ADA_UNIT.din, ADA_UNIT.group, ADA_UNIT.product]);
    expect(check.deviceId).toBe('handheld-test');

    const secondCheckerPath = `/api/transfusions/checks/${check.eventId}/second-checker`;
    server.on(`POST ${secondCheckerPath}`, () => json(buildCheckResponse(check.eventId, secondChecked())));
    await scan(SECOND_BADGE);
    expect(await within(verdict).findByRole('heading', { name: 'MATCH' })).toBeVisible();
    expect(within(verdict).getByText('✓ Second check by Wendy Witness.')).toBeVisible();
    expect(server.requests.find((r) => r.path === secondCheckerPath)?.body).toEqual({ deviceId: 'handheld-test', raw: SECOND_BADGE });
    expect(server.requests.some((r) => r.path === '/api/scans' && (r.body as ScanRequest).raw === SECOND_BADGE)).toBe(false);

    const transfusion = buildTransfusion({ checkEventId: check.eventId });
    server.on('POST /api/transfusions/start', ({ body }) => {
      server.setBlood(buildPatientTransfusions({ running: [transfusion] }));
      return json({ eventId: (body as TransfusionStartRequest).eventId, transfusion, replayed: false }, 201);
    });
    await userEvent.click(within(verdict).getByRole('button', { name: '▶ Start transfusion' }));
    expect(await screen.findByRole('heading', { name: '✓ Transfusion started' })).toBeVisible();
    const start = server.requests.find((r) => r.path === '/api/transfusions/start')?.body as TransfusionStartRequest;
    expect(start).toMatchObject({ deviceId: 'handheld-test', checkEventId: check.eventId });
    expect(start.overrideReason).toBeUndefined();
    const running = await screen.findByRole('list', { name: 'Transfusions running' });
    expect(within(running).getByText(/unit G0715 26 100001/)).toBeVisible();
  });

  it('shows a stop with no start button, and a badge scanned then does not ask for a second check', async () => {
    const server = bloodServer(wrongPatientStop());
    server.on('POST /api/transfusions/check', ({ body }) =>
      json(buildCheckResponse((body as TransfusionCheckRequest).eventId, wrongPatientStop(), { unit: OTHER_ISSUED_UNIT }), 201),
    );
    renderSignedIn(<NurseScreen />);
    const bag = await atAdasBedsideWithBag([OTHER_UNIT.din, OTHER_UNIT.group]);
    await userEvent.click(within(bag).getByRole('button', { name: 'Check this unit' }));
    const verdict = await screen.findByRole('alert');
    expect(within(verdict).getByRole('heading', { name: 'STOP – DO NOT TRANSFUSE' })).toBeVisible();
    expect(within(verdict).getByText('Unit G0715 26 100003 · Red cells · O RhD negative (O-)')).toBeVisible();
    expect(within(verdict).queryByRole('button', { name: /start/i })).toBeNull();
    expect(within(verdict).getByText('✕ A stop cannot be started or overridden.')).toBeVisible();
    expect(within(verdict).queryByText(/Second checker/)).toBeNull();
    await scan(SECOND_BADGE);
    await waitFor(() => expect(server.requests.filter((r) => r.path === '/api/scans')).toHaveLength(2));
    expect(server.requests.some((r) => r.path.endsWith('/second-checker'))).toBe(false);
    expect(screen.getByRole('heading', { name: 'STOP – DO NOT TRANSFUSE' })).toBeVisible();
  });

  it('asks for a coded reason before a unit with a warning can be started', async () => {
    const server = bloodServer({
      outcome: 'warning',
      title: 'Check before starting: Out of controlled storage for 170 minutes: the transfusion must finish within 70 minutes.',
      checks: [{ rule: 'cold-chain', outcome: 'warning', message: 'Out of controlled storage for 170 minutes: the transfusion must finish within 70 minutes.' }],
    });
    server.on('POST /api/transfusions/start', ({ body }) =>
      json({ eventId: (body as TransfusionStartRequest).eventId, transfusion: buildTransfusion({ checkEventId: (body as TransfusionStartRequest).checkEventId }), replayed: false }),
    );
    renderSignedIn(<NurseScreen />);
    const bag = await atAdasBedsideWithBag([ADA_UNIT.din, ADA_UNIT.group]);
    await userEvent.click(within(bag).getByRole('button', { name: 'Check this unit' }));
    const start = await screen.findByRole('button', { name: '▶ Override and start transfusion' });
    expect(start).toBeDisabled();
    await userEvent.selectOptions(screen.getByLabelText('Reason for starting despite the warning'), 'lab-confirmed');
    await userEvent.click(start);
    await screen.findByRole('heading', { name: '✓ Transfusion started' });
    expect(server.requests.find((r) => r.path === '/api/transfusions/start')?.body).toMatchObject({ overrideReason: 'lab-confirmed' });
  });

  it('says so when the server cannot be reached, and keeps nothing to send later', async () => {
    const server = bloodServer();
    server.on('POST /api/transfusions/check', () => 'network-down');
    renderSignedIn(<NurseScreen />);
    const bag = await atAdasBedsideWithBag([ADA_UNIT.din, ADA_UNIT.group]);
    await userEvent.click(within(bag).getByRole('button', { name: 'Check this unit' }));
    expect(await within(bag).findByText(/Offline: the ward server cannot be reached, so nothing was recorded/)).toBeVisible();
    expect(within(bag).getByRole('button', { name: 'Check this unit' })).toBeDisabled();
    expect(screen.queryByRole('list', { name: 'Waiting to send' })).toBeNull();
  });

  it('shows the server’s refusal in words, without the field name', async () => {
    const server = bloodServer();
    renderSignedIn(<NurseScreen />);
    const bag = await atAdasBedsideWithBag([ADA_UNIT.din, ADA_UNIT.group]);
    await userEvent.click(within(bag).getByRole('button', { name: 'Check this unit' }));
    const verdict = await screen.findByRole('alert');
    const check = server.requests.find((r) => r.path === '/api/transfusions/check')?.body as TransfusionCheckRequest;
    server.on(`POST /api/transfusions/checks/${check.eventId}/second-checker`, () =>
      apiError(400, 'VALIDATION', 'raw: the second checker must be another person.', 'raw'),
    );
    await scan(SECOND_BADGE);
    expect(await within(verdict).findByText('the second checker must be another person.')).toBeVisible();
    expect(within(verdict).getByRole('heading', { name: 'SECOND CHECK NEEDED' })).toBeVisible();
  });
});

describe('RunningTransfusions (the patient’s blood record)', () => {
  it('shows nothing for a patient with no blood ordered, issued or running', async () => {
    const server = bloodServer(secondCheckerNeeded(), NO_BLOOD);
    renderSignedIn(<NurseScreen />);
    await scan(WRISTBAND);
    await screen.findByRole('heading', { name: 'LOVELACE, Ada' });
    await bloodRecordApplied(server);
    expect(screen.queryByRole('heading', { name: 'Blood transfusion' })).toBeNull();
  });

  it('says in words when the blood record cannot be loaded', async () => {
    const server = bloodServer();
    server.on('GET /api/patients/p-ada/transfusions', () => apiError(500, 'INTERNAL', 'Something went wrong on the server.'));
    renderSignedIn(<NurseScreen />);
    await scan(WRISTBAND);
    expect(await screen.findByText('Blood transfusions could not be loaded: Something went wrong on the server.')).toBeVisible();
  });

  it('shows the group on record and a running transfusion, and records how it ended', async () => {
    const server = bloodServer(secondCheckerNeeded(), buildPatientTransfusions({ running: [buildTransfusion()] }));
    server.on('POST /api/transfusions/transfusion-1/end', ({ body }) => {
      server.setBlood(buildPatientTransfusions());
      return json({ eventId: (body as { eventId: string }).eventId, transfusion: buildTransfusion({ endOutcome: 'stopped-reaction' }), replayed: false });
    });
    renderSignedIn(<NurseScreen />);
    await scan(WRISTBAND);
    await bloodRecordApplied(server);
    // No waiting here: bloodRecordApplied is enough for the record to be on screen.
    const record = screen.getByRole('region', { name: 'Blood transfusion' });
    expect(within(record).getByText('Blood group on record: A RhD positive (A+)')).toBeVisible();
    expect(within(record).getByText('Ordered: 2 units of red cells (irradiated)')).toBeVisible();
    const running = within(record).getByRole('list', { name: 'Transfusions running' });
    await userEvent.click(within(running).getByRole('button', { name: 'End transfusion' }));
    const recordEnd = within(running).getByRole('button', { name: 'Record the end' });
    expect(recordEnd).toBeDisabled();
    await userEvent.click(within(running).getByRole('radio', { name: 'Stopped: suspected transfusion reaction' }));
    await userEvent.click(recordEnd);
    expect(await within(record).findByText(/Ended: unit G0715 26 100001 – Stopped: suspected transfusion reaction/)).toBeVisible();
    expect(within(record).getByText(/tell the doctor and the transfusion lab now/)).toBeVisible();
    expect(await within(record).findByText('No transfusion running.')).toBeVisible();
    expect(server.requests.find((r) => r.path === '/api/transfusions/transfusion-1/end')?.body).toMatchObject({
      deviceId: 'handheld-test',
      outcome: 'stopped-reaction',
    });
  });
});

/*
 * Issue 12: a transfusion's start is a clinical time, read on the ward's
 * clock. The suite runs with TZ=UTC and the ward here is in New York: a
 * start read on the handheld's clock (10:00) fails.
 */
describe('transfusion times on the ward’s clock', () => {
  it('shows a running transfusion’s start at the ward’s time once the chart has named the ward’s zone', async () => {
    const server = bloodServer(secondCheckerNeeded(), buildPatientTransfusions({ running: [buildTransfusion({ startedAt: '2026-11-24T10:00:00.000Z' })] }));
    server.on('GET /api/patients/p-ada/chart', () => json(buildChart({ timeZone: 'America/New_York' })));
    renderSignedIn(<NurseScreen />);
    await scan(WRISTBAND);
    const running = await screen.findByRole('list', { name: 'Transfusions running' });
    expect(await within(running).findByText(/started 05:00 GMT-5$/)).toBeVisible();
  });

  it('says the start of the transfusion just begun at the ward’s time', () => {
    function Learned() {
      useLearnWardZone('America/New_York');
      return null;
    }
    const transfusion = buildTransfusion({ startedAt: '2026-11-24T10:00:00.000Z' });
    render(
      <WardClockProvider>
        <Learned />
        <TransfusionPanel
          flow={{ step: 'started', patientId: 'p-ada', unit: EMPTY_UNIT, transfusion, replayed: false }}
          issued={[]}
          steps={{ busy: false, error: null, check: async () => undefined, start: async () => undefined }}
          online
          onOverrideChosen={() => undefined}
          onRestart={() => undefined}
          onDismiss={() => undefined}
        />
      </WardClockProvider>,
    );
    expect(screen.getByText('Unit G0715 26 100001 at 05:00 GMT-5')).toBeVisible();
  });
});
