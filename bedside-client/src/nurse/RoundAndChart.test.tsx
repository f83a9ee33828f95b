import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NotGivenRequest, ScanRequest } from '@wardscan/shared';
import { NO_BLOOD } from '../test/blood-builders.js';
import { administrationResponse, buildChart, buildPatient, buildRound, buildVerdict, patientScanResponse, productScanResponse } from '../test/builders.js';
import { fakeServer, json } from '../test/fake-fetch.js';
import { renderSignedIn, scannerBurst } from '../test/render.js';
import { NurseScreen } from './NurseScreen.js';

const WRISTBAND = '8018509999999900101371';
const PACK = '01050999970000131735123110PA2611A\u001d21SN100001';
const BADGE = ']d28017505555500000000017';

afterEach(() => vi.unstubAllGlobals());

function ward(patient = buildPatient()) {
  return fakeServer({
    'GET /api/health': () => json({ ok: true }),
    'GET /api/wards/ward-1/round': () => json(buildRound()),
    'GET /api/patients/p-ada/chart': () => json(buildChart()),
    'GET /api/patients/p-ada/transfusions': () => json(NO_BLOOD),
    'GET /api/equipment/assignments': () => json([]),
    'POST /api/scans': ({ body }) => {
      const request = body as ScanRequest;
      return json(request.raw === WRISTBAND ? patientScanResponse(request.eventId, patient) : productScanResponse(request.eventId, buildVerdict(), patient));
    },
    'POST /api/not-given': ({ body }) => {
      const r = body as NotGivenRequest;
      return json({ notGiven: { id: 'ng-1', eventId: r.eventId, prescriptionId: r.prescriptionId, patientId: 'p-ada', slotAt: r.slotAt, reason: r.reason, note: r.note ?? null, recordedBy: 'u-nurse', recordedByName: 'Nia Nurse', recordedAt: r.slotAt }, replayed: false }, 201);
    },
    'GET /api/wards/ward-1/scan-settings': () => json({ wardId: 'ward-1', plainNhsNumber: null, manualIdentification: null, effective: { plainNhsNumber: 'identifies', manualIdentification: 'second-nurse' } }),
    'POST /api/manual-identifications': ({ body }) =>
      json({ eventId: (body as { eventId: string }).eventId, patient, verdict: buildVerdict({ outcome: 'warning', title: 'LOVELACE, Ada, chosen from the ward list' }), replayed: false }, 201),
    'POST /api/administrations': ({ body }) => {
      const r = body as { eventId: string; productScanEventId: string };
      return json(administrationResponse(r.eventId, r.productScanEventId), 201);
    },
  });
}

const scan = async (raw: string) => act(async () => scannerBurst(raw));
// At a person's pace: keys as fast as a scanner's are read as a scan (hid-listener.ts).
const typeSlowly = (element: HTMLElement, text: string) => userEvent.setup({ delay: 120 }).type(element, text);

describe('the ward round (the nurse’s home)', () => {
  it('lists the beds with what each patient needs, and opens a chart read-only with a wristband reprint', async () => {
    ward();
    renderSignedIn(<NurseScreen />);
    const round = await screen.findByRole('region', { name: 'Ward 1: the round' });
    const ada = within(round).getByRole('button', { name: /LOVELACE, Ada/ });
    expect(ada).toHaveTextContent('1 missed');
    expect(within(round).getByText('Empty')).toBeVisible();
    await userEvent.click(ada);
    expect(await screen.findByText('Read only: scan the wristband to give a dose.')).toBeVisible();
    expect(await screen.findByText(/Missed · /)).toBeVisible();
    expect(screen.getByRole('button', { name: 'Reprint wristband' })).toBeVisible();
    // Documenting needs the patient identified.
    expect(screen.queryByRole('button', { name: 'Not given…' })).toBeNull();
  });
});

describe('a wristband that will not scan', () => {
  it('identifies the patient from the list with a reason and the second nurse’s badge and PIN, and packs are then bound to that identification', async () => {
    const server = ward();
    renderSignedIn(<NurseScreen />);
    await userEvent.click(await screen.findByRole('button', { name: /LOVELACE, Ada/ }));
    await userEvent.click(await screen.findByRole('button', { name: 'Wristband will not scan…' }));
    const identify = screen.getByRole('button', { name: 'Identify LOVELACE, Ada' });
    await userEvent.selectOptions(screen.getByLabelText('Why can the wristband not be scanned?'), 'band-damaged');
    expect(identify).toBeDisabled();
    // The second nurse's badge goes to the form, not to the bedside check.
    await scan(BADGE);
    expect(await screen.findByText('Second nurse’s badge read.')).toBeVisible();
    expect(server.requests.filter((r) => r.path === '/api/scans')).toHaveLength(0);
    await typeSlowly(screen.getByLabelText('Second nurse’s PIN'), '246810');
    await userEvent.click(identify);
    const banner = await screen.findByRole('region', { name: 'Patient' });
    expect(await within(banner).findByRole('heading', { name: 'LOVELACE, Ada' })).toBeVisible();
    const sent = server.requests.find((r) => r.path === '/api/manual-identifications')?.body as { eventId: string; reason: string; secondNurse: { badge: string; pin: string } };
    expect(sent).toMatchObject({ patientId: 'p-ada', reason: 'band-damaged', secondNurse: { badge: BADGE, pin: '246810' } });
    await scan(PACK);
    await waitFor(() => expect(server.requests.find((r) => r.path === '/api/scans')?.body).toMatchObject({ identificationEventId: sent.eventId }));
  });
});

describe('the identified patient’s chart', () => {
  it('documents a missed dose as not given with a coded reason', async () => {
    const server = ward();
    renderSignedIn(<NurseScreen />);
    await scan(WRISTBAND);
    await userEvent.click((await screen.findAllByRole('button', { name: 'Not given…' }))[0]!);
    const record = screen.getByRole('button', { name: 'Record not given' });
    expect(record).toBeDisabled();
    await userEvent.selectOptions(screen.getByLabelText(/Why was the .* dose not given\?/), 'other');
    expect(record).toBeDisabled();
    await typeSlowly(screen.getByLabelText('Note (required)'), 'in theatre');
    await userEvent.click(record);
    await waitFor(() => expect(server.requests.find((r) => r.path === '/api/not-given')?.body).toMatchObject({ prescriptionId: 'rx-para', slotAt: '2026-11-24T08:00:00.000Z', reason: 'other', note: 'in theatre' }));
  });

  it('asks what an as-needed dose is for before it can be confirmed, and sends it', async () => {
    const patient = buildPatient({ doses: [{ ...buildPatient().doses[0]!, status: 'prn', dueAt: null }] });
    const server = ward(patient);
    renderSignedIn(<NurseScreen />);
    await scan(WRISTBAND);
    await scan(PACK);
    const confirm = await screen.findByRole('button', { name: '✓ Confirm given' });
    expect(confirm).toBeDisabled();
    expect(screen.getByText(/As-needed dose: say what it is for/)).toBeVisible();
    await typeSlowly(screen.getByLabelText(/What is this dose for\?/), 'headache');
    await userEvent.click(confirm);
    await waitFor(() => expect(server.requests.find((r) => r.path === '/api/administrations')?.body).toMatchObject({ indication: 'headache' }));
  });
});
