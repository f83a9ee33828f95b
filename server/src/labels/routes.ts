import { idSchema } from '@wardscan/shared';
import { Router, type Response } from 'express';
import { requireRole, requireWardAccess } from '../auth/service.js';
import { DEMO_WARD_DIR } from '../fixtures/demo-ward.js';
import { notFound } from '../http/api-error.js';
import type { AppDeps } from '../http/deps.js';
import { userOf } from '../http/middleware.js';
import { parseInput } from '../http/validate.js';
import { buildLabelSheet, readDemoWardFiles, wristbandLabelSpec } from './label-sheet.js';
import { labelRenderer } from './render-pool.js';

const sendPdf = (res: Response, name: string, pdf: Buffer): void => {
  res.type('application/pdf').setHeader('content-disposition', `inline; filename="${name}"`);
  res.send(pdf);
};

/** Printable barcodes: a worn wristband's reprint, and the demo ward's label sheet, rendered on a worker thread (render-pool.ts). */
export function labelRoutes({ repos, config, durable }: AppDeps): Router {
  const router = Router();

  // A worn band is replaced, not worked around; every reprint is in the audit trail.
  router.get('/patients/:id/wristband.pdf', async (req, res) => {
    const user = userOf(res);
    const patient = repos.patients.byId(parseInput(idSchema, req.params.id, 'patient id'));
    if (!patient) throw notFound('Patient');
    requireWardAccess(user, patient.wardId, 'nurse');
    const prefix = config.nhsCompanyPrefixes[0];
    if (!prefix) throw notFound('NHS company prefix setting');
    const pdf = await labelRenderer().render([wristbandLabelSpec(patient, prefix)], `Wristband ${patient.nhsNumber}`);
    // Through the group commit: its fsync on libuv's pool, not on the event loop every bedside verdict waits for.
    await durable.write(() =>
      repos.audit.append(
        { type: 'label-print', userId: user.id, wardId: patient.wardId, patientId: patient.id, summary: `Reprinted wristband for ${patient.givenName} ${patient.familyName.toUpperCase()}` },
        config.now(),
      ),
    );
    sendPdf(res, `wristband-${patient.nhsNumber}.pdf`, pdf);
  });

  router.get('/labels/demo-ward.pdf', async (_req, res) => {
    const user = userOf(res);
    requireRole(user, 'pharmacist', 'admin');
    const pdf = await labelRenderer().render(buildLabelSheet(readDemoWardFiles(DEMO_WARD_DIR)));
    await durable.write(() => repos.audit.append({ type: 'label-print', userId: user.id, summary: 'Printed the demo ward label sheet' }, config.now()));
    sendPdf(res, 'wardscan-demo-labels.pdf', pdf);
  });

  return router;
}
