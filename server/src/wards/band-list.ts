import { BAND_LIST_LIFETIME_MS, idSchema, type BandList, type BandListPatient, type SignedBandList } from '@wardscan/shared';
import { Router } from 'express';
import { requireRole } from '../auth/service.js';
import { forbidden, notFound } from '../http/api-error.js';
import type { AppDeps } from '../http/deps.js';
import { userOf } from '../http/middleware.js';
import { parseInput } from '../http/validate.js';
import { openBandListSigner, type BandListSigner } from './band-list-key.js';

/** The band list of a ward at `now`, signed: the payload is the very text the signature covers. */
export function signedBandList(signer: BandListSigner, wardId: string, patients: readonly BandListPatient[], now: Date): SignedBandList {
  const list: BandList = {
    wardId,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + BAND_LIST_LIFETIME_MS).toISOString(),
    patients: [...patients],
    keyId: signer.keyId,
  };
  const payload = JSON.stringify(list);
  return { payload, signature: signer.sign(payload), keyId: signer.keyId };
}

/**
 * `GET /wards/:id/band-list`: the ward's patients, signed, for the handheld
 * to identify a wristband by while it cannot reach the server. Only the
 * ward's own nurses get it: it exists for bedside identification, which is
 * theirs alone (POST /scans is nurse-only); managers and admins read
 * patients through their own routes and have no use for a signed copy.
 * `GET /band-list-key`: the public key, for any signed-in user.
 */
export function bandListRoutes({ repos, config }: AppDeps, signer: BandListSigner = openBandListSigner(repos.db)): Router {
  const router = Router();
  router.get('/band-list-key', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(signer.publicKey);
  });
  router.get('/wards/:id/band-list', (req, res) => {
    const user = userOf(res);
    const wardId = parseInput(idSchema, req.params.id, 'ward id');
    requireRole(user, 'nurse');
    if (user.wardId !== wardId) throw forbidden("You can only have your own ward's band list.");
    if (!repos.wards.get(wardId)) throw notFound('Ward');
    const patients = repos.patients.list(wardId).map(
      (p): BandListPatient => ({
        id: p.id,
        nhsNumber: p.nhsNumber,
        wristbandGsrn: p.wristbandGsrn,
        familyName: p.familyName,
        givenName: p.givenName,
        birthDate: p.birthDate,
        bedLabel: p.bedLabel,
      }),
    );
    res.setHeader('Cache-Control', 'no-store');
    res.json(signedBandList(signer, wardId, patients, config.now()));
  });
  return router;
}
