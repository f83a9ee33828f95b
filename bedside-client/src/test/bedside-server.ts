import type { ScanRequest } from '@wardscan/shared';
import { NO_BLOOD } from './blood-builders.js';
import { administrationResponse, buildChart, buildRound, buildVerdict, patientScanResponse, productScanResponse } from './builders.js';
import { fakeServer, json, type FakeServer } from './fake-fetch.js';

/* The nurse's bedside as the server answers it: Ada's wristband, one pack, and what the screen loads around them. */

/** A wristband (GS1 GSRN): `bedsideServer` answers it with Ada Lovelace. */
export const WRISTBAND = '8018509999999900101371';
/** A pack (GS1 GTIN, expiry, batch, serial): `bedsideServer` answers it with the verdict it is given. */
export const PACK = '01050999970000131735123110PA2611A\u001d21SN100001';

/** A server that answers the wristband with Ada, any other scan with `verdict`, and a dose given with its record. */
export function bedsideServer(verdict = buildVerdict()): FakeServer {
  return fakeServer({
    'GET /api/health': () => json({ ok: true }),
    'POST /api/scans': ({ body }) => {
      const request = body as ScanRequest;
      return json(request.raw === WRISTBAND ? patientScanResponse(request.eventId) : productScanResponse(request.eventId, verdict));
    },
    'POST /api/administrations': ({ body }) => {
      const request = body as { eventId: string; productScanEventId: string };
      return json(administrationResponse(request.eventId, request.productScanEventId));
    },
    'GET /api/patients/p-ada': () => json(patientScanResponse('x').patient),
    'GET /api/patients/p-ada/transfusions': () => json(NO_BLOOD),
    'GET /api/equipment/assignments': () => json([]),
    'GET /api/patients/p-ada/chart': () => json(buildChart()),
    'GET /api/wards/ward-1/round': () => json(buildRound()),
  });
}
