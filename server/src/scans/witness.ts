import { interpretScan, type SessionUser, type WitnessRequest, type WitnessResponse } from '@wardscan/shared';
import { proveSecret } from '../auth/service.js';
import { interpretOptions } from '../config.js';
import { contextState } from '../devices/context-repository.js';
import { ApiError, conflict, forbidden, invalid } from '../http/api-error.js';
import type { AppDeps } from '../http/deps.js';
import { withWitness } from './product-checks.js';
import { witnessProblem } from './witness-rules.js';

/**
 * A second clinician witnesses a high-alert dose with badge and PIN on the
 * giving nurse's handheld. The PIN is proved like a sign-in (off the event
 * loop; wrong PINs count toward the witness's own lockout); then the
 * pending pack scan's verdict is marked witnessed, naming the witness, in
 * one transaction with its audit row, on disk before the answer.
 */
export async function recordWitness(deps: Pick<AppDeps, 'repos' | 'config' | 'durable' | 'tellAccountLocked'>, user: SessionUser, request: WitnessRequest, clientIp: string): Promise<WitnessResponse> {
  const { repos, config, durable } = deps;
  if (user.role !== 'nurse') throw forbidden('Only the nurse giving the dose asks for a witness.');
  const badge = interpretScan(request.badge, interpretOptions(config));
  if (!badge.ok || badge.scan.kind !== 'staff') throw invalid('badge: this is not a staff badge. The witness scans their own badge.', 'badge');
  const problem = witnessProblem(repos.staff.byBadge(badge.scan.gsrn), user);
  if (problem) throw new ApiError('FORBIDDEN', problem, 'badge');
  const { staff: witness } = await proveSecret(deps, { badge: request.badge, pin: request.pin }, clientIp, 'Witness check');
  return durable.write(() =>
    repos.transaction((): WitnessResponse => {
      const now = config.now();
      const scan = repos.scans.get(request.productScanEventId);
      if (!scan || scan.staffId !== user.id || scan.deviceId !== request.deviceId || scan.kind !== 'product') {
        throw new ApiError('NOT_FOUND', 'No pack scan of yours on this device with this productScanEventId. Scan the pack.', 'productScanEventId');
      }
      const verdict = scan.response.verdict;
      if (scan.witnessStaffId) {
        // A retry of the same witness answers as before; another cannot replace them.
        if (scan.witnessStaffId === witness.id) return { productScanEventId: scan.eventId, verdict, witness: { staffId: witness.id, name: witness.name }, replayed: true };
        throw conflict('This dose is already witnessed.');
      }
      if (verdict.witness !== 'required') throw conflict('This dose does not need a witness.');
      const state = contextState(repos.contexts.get({ deviceId: request.deviceId, staffId: user.id }), now, config.patientContextSeconds);
      if (state.kind !== 'active' || state.context.pendingProductEventId !== scan.eventId) {
        throw conflict('This pack scan is no longer the one waiting to be given. Scan the wristband and the pack again.');
      }
      const product = scan.productId ? repos.products.byId(scan.productId) : undefined;
      const witnessed = withWitness(verdict, { staffId: witness.id, name: witness.name }, product?.name ?? 'the dose');
      repos.scans.recordWitness(scan.eventId, witness.id, { ...scan.response, verdict: witnessed });
      repos.contexts.touch({ deviceId: request.deviceId, staffId: user.id }, now.toISOString(), scan.eventId);
      repos.audit.append(
        {
          type: 'witness',
          wardId: scan.wardId,
          patientId: scan.patientId,
          userId: user.id,
          deviceId: request.deviceId,
          eventId: request.eventId,
          outcome: witnessed.outcome,
          rules: [],
          summary: `${witness.name} witnessed (badge and PIN): ${witnessed.title}`,
          detail: { witnessOf: scan.eventId, witnessStaffId: witness.id, method: 'badge-and-pin' },
        },
        now,
      );
      return { productScanEventId: scan.eventId, verdict: witnessed, witness: { staffId: witness.id, name: witness.name }, replayed: false };
    }),
  );
}
