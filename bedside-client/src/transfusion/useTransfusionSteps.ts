import { useCallback, useRef, useState } from 'react';
import type { CollectedUnit, TransfusionEndRequest } from '@wardscan/shared';
import { stepErrorMessage } from '../api/step-error.js';
import { newEventId } from '../device.js';
import { playOutcome } from '../nurse/feedback.js';
import type { NurseAction, Panel } from '../nurse/nurse-state.js';
import { useServices } from '../services.js';
import type { Connectivity } from '../offline/useConnectivity.js';
import { postSecondChecker, postTransfusionCheck, postTransfusionEnd, postTransfusionStart } from './transfusion.resource.js';
import { toTransfusionView } from './transfusion-verdict.js';

export type EndOutcome = TransfusionEndRequest['outcome'];

export interface TransfusionSteps {
  busy: boolean;
  /** The last step's failure, in words, for the transfusion panel. */
  error: string | null;
  check: () => Promise<void>;
  secondChecker: (raw: string) => Promise<void>;
  start: () => Promise<void>;
  /** Ends a running transfusion; resolves to the failure in words, or null. */
  end: (transfusionId: string, outcome: EndOutcome) => Promise<string | null>;
  clearError: () => void;
}

const BLOOD_OFFLINE =
  'Offline: the ward server cannot be reached, so nothing was recorded. Blood steps are never kept to send later: do this again when the server is back.';

interface Deps {
  connectivity: Connectivity;
  dispatch: (action: NurseAction) => void;
  /** The panel on screen now (the step acts on what the nurse sees, not on a stale copy). */
  panel: () => Panel;
  onRecordsChanged: () => void;
}

/**
 * Check, second checker, start and end: each one request the server must
 * answer. Never queued: a transfusion started on an unchecked unit is the
 * harm this exists to prevent. Event ids are kept per unit, check and
 * transfusion, so a retry after a lost answer is the same event, not a second one.
 */
export function useTransfusionSteps({ connectivity, dispatch, panel, onRecordsChanged }: Deps): TransfusionSteps {
  const { http, deviceId } = useServices();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const checkIds = useRef(new WeakMap<CollectedUnit, string>());
  const startIds = useRef(new Map<string, string>());
  const endIds = useRef(new Map<string, string>());

  const run = useCallback(
    async (work: () => Promise<void>) => {
      setBusy(true);
      setError(null);
      try {
        await work();
      } catch (caught) {
        setError(stepErrorMessage(caught, BLOOD_OFFLINE, connectivity.reportOffline));
      } finally {
        setBusy(false);
      }
    },
    [connectivity.reportOffline],
  );

  const check = useCallback(async () => {
    const now = panel();
    if (now.kind !== 'transfusion' || now.flow.step !== 'collecting') return;
    const { unit, patientId } = now.flow;
    const eventId = checkIds.current.get(unit) ?? newEventId();
    checkIds.current.set(unit, eventId);
    await run(async () => {
      const response = await postTransfusionCheck(http, { deviceId, eventId, labels: [...unit.raws] });
      if (response.patientId !== patientId) {
        setError('The ward server holds another patient for this handheld. Scan the wristband again, then the bag.');
        return;
      }
      dispatch({ type: 'transfusion', action: { type: 'checked', response }, at: Date.now() });
      playOutcome(response.verdict.outcome);
    });
  }, [http, deviceId, dispatch, panel, run]);

  const secondChecker = useCallback(
    async (raw: string) => {
      const now = panel();
      if (now.kind !== 'transfusion' || now.flow.step !== 'checked') return;
      const checkEventId = now.flow.check.eventId;
      await run(async () => {
        const response = await postSecondChecker(http, checkEventId, { deviceId, raw });
        dispatch({ type: 'transfusion', action: { type: 'second-checked', response }, at: Date.now() });
        playOutcome(response.verdict.outcome);
      });
    },
    [http, deviceId, dispatch, panel, run],
  );

  const start = useCallback(async () => {
    const now = panel();
    if (now.kind !== 'transfusion' || now.flow.step !== 'checked') return;
    const { check: checked, overrideReason } = now.flow;
    const view = toTransfusionView(checked.verdict);
    const eventId = startIds.current.get(checked.eventId) ?? newEventId();
    startIds.current.set(checked.eventId, eventId);
    await run(async () => {
      const response = await postTransfusionStart(http, {
        deviceId,
        eventId,
        checkEventId: checked.eventId,
        ...(view.needsOverrideReason && overrideReason ? { overrideReason } : {}),
      });
      dispatch({ type: 'transfusion', action: { type: 'started', response }, at: Date.now() });
      onRecordsChanged();
    });
  }, [http, deviceId, dispatch, panel, run, onRecordsChanged]);

  const end = useCallback(
    async (transfusionId: string, outcome: EndOutcome): Promise<string | null> => {
      const eventId = endIds.current.get(transfusionId) ?? newEventId();
      endIds.current.set(transfusionId, eventId);
      try {
        await postTransfusionEnd(http, transfusionId, { deviceId, eventId, outcome });
        onRecordsChanged();
        return null;
      } catch (caught) {
        return stepErrorMessage(caught, BLOOD_OFFLINE, connectivity.reportOffline);
      }
    },
    [http, deviceId, connectivity.reportOffline, onRecordsChanged],
  );

  const clearError = useCallback(() => setError(null), []);
  return { busy, error, check, secondChecker, start, end, clearError };
}
