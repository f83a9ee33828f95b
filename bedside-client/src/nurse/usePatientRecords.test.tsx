import { act, renderHook, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PatientSummary, ScanRequest } from '@wardscan/shared';
import { ServicesContext } from '../services.js';
import { buildAssignment, buildPatientTransfusions, buildTransfusion } from '../test/blood-builders.js';
import { BEN_NHS, buildPatient, patientScanResponse } from '../test/builders.js';
import { fakeServer, json, type FakeReply } from '../test/fake-fetch.js';
import { renderSignedIn, scannerBurst, signedInServices } from '../test/render.js';
import { NurseScreen } from './NurseScreen.js';
import { usePatientRecords, type PatientRecords } from './usePatientRecords.js';

const ADA_WRISTBAND = '8018509999999900101371';
const BEN_WRISTBAND = '8018509999999900202641';
const ben = buildPatient({ id: 'p-ben', familyName: 'Babbage', givenName: 'Ben', nhsNumber: BEN_NHS, bedLabel: 'Bay 1 Bed 4' });
/** A reply that never comes: Ben's records are still on their way for the whole test. */
const never = () => new Promise<FakeReply>(() => {});

afterEach(() => vi.unstubAllGlobals());

/** Ada has a transfusion running and a pump; Ben's records never arrive. */
function recordsServer() {
  return fakeServer({
    'GET /api/health': () => json({ ok: true }),
    'POST /api/scans': ({ body }) => {
      const request = body as ScanRequest;
      return json(patientScanResponse(request.eventId, request.raw === ADA_WRISTBAND ? buildPatient() : ben));
    },
    'GET /api/patients/p-ada/transfusions': () => json(buildPatientTransfusions({ running: [buildTransfusion()] })),
    'GET /api/patients/p-ben/transfusions': never,
    'GET /api/equipment/assignments': () => json([buildAssignment()]),
  });
}

async function scan(raw: string) {
  await act(async () => {
    scannerBurst(raw);
  });
}

describe('usePatientRecords (the identified patient’s blood and devices)', () => {
  it('never puts the previous patient’s running transfusion or devices on screen after the wristband changes', async () => {
    const server = recordsServer();
    renderSignedIn(<NurseScreen />);
    await scan(ADA_WRISTBAND);
    expect(await screen.findByRole('list', { name: 'Transfusions running' })).toHaveTextContent('unit G0715 26 100001');
    expect(await screen.findByRole('list', { name: 'Devices with this patient' })).toHaveTextContent('Infusion pump 7B0001');

    // Everything added to the page from the switch on, even if replaced again within the same act.
    const added: string[] = [];
    const observer = new MutationObserver((records) => records.forEach((r) => r.addedNodes.forEach((node) => added.push(node.textContent ?? ''))));
    observer.observe(document.body, { childList: true, subtree: true });
    server.on('GET /api/equipment/assignments', never);
    await scan(BEN_WRISTBAND);
    await screen.findByRole('heading', { name: 'BABBAGE, Ben' });
    await waitFor(() => expect(server.requests.some((r) => r.path === '/api/patients/p-ben/transfusions')).toBe(true));
    observer.disconnect();

    expect(added.filter((text) => text.includes('TRANSFUSING'))).toEqual([]);
    expect(screen.queryByRole('list', { name: 'Transfusions running' })).toBeNull();
    expect(screen.queryByRole('list', { name: 'Devices with this patient' })).toBeNull();
  });

  it('reads as loading from the first render for a new patient, never as the previous patient’s records', async () => {
    const server = recordsServer();
    const services = signedInServices();
    const wrapper = ({ children }: { children: ReactNode }) => <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
    // Every render's answer, with the patient it was given: the first render after a change included.
    const renders: { patientId: string; records: PatientRecords }[] = [];
    const { rerender } = renderHook(
      ({ patient }: { patient: PatientSummary }) => {
        const records = usePatientRecords(patient, 0);
        renders.push({ patientId: patient.id, records });
        return records;
      },
      { wrapper, initialProps: { patient: buildPatient() } },
    );
    await waitFor(() => expect(renders.at(-1)?.records.devices.status).toBe('ready'));
    await waitFor(() => expect(renders.at(-1)?.records.transfusions.status).toBe('ready'));

    server.on('GET /api/equipment/assignments', never);
    const before = renders.length;
    rerender({ patient: ben });
    await waitFor(() => expect(server.requests.some((r) => r.path === '/api/patients/p-ben/transfusions')).toBe(true));
    const forBen = renders.slice(before);
    expect(forBen.length).toBeGreaterThan(0);
    for (const { patientId, records } of forBen) {
      expect(patientId).toBe('p-ben');
      expect(records).toEqual({ transfusions: { status: 'loading' }, devices: { status: 'loading' } });
    }
  });
});
