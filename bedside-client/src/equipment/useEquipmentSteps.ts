import { useCallback, useRef, useState } from 'react';
import type { EquipmentAssignment } from '@wardscan/shared';
import { stepErrorMessage } from '../api/step-error.js';
import { newEventId } from '../device.js';
import { playOutcome } from '../nurse/feedback.js';
import type { NurseAction, Panel } from '../nurse/nurse-state.js';
import type { Connectivity } from '../offline/useConnectivity.js';
import { useServices } from '../services.js';
import { purposeFields } from './device-state.js';
import { postEquipmentAssign, postEquipmentRelease } from './equipment.resource.js';

export interface EquipmentSteps {
  busy: boolean;
  error: string | null;
  assign: () => Promise<void>;
  /** Resolves to the failure in words, or null. */
  release: (assignment: EquipmentAssignment) => Promise<string | null>;
  clearError: () => void;
}

const DEVICE_OFFLINE = 'Offline: the ward server cannot be reached, so the device was not recorded. Scan it again when the server is back.';

interface Deps {
  connectivity: Connectivity;
  dispatch: (action: NurseAction) => void;
  panel: () => Panel;
  onRecordsChanged: () => void;
}

/** Associating a scanned device with the identified patient, and releasing it; the server records both or neither. */
export function useEquipmentSteps({ connectivity, dispatch, panel, onRecordsChanged }: Deps): EquipmentSteps {
  const { http, deviceId } = useServices();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const releaseIds = useRef(new Map<string, string>());

  const assign = useCallback(async () => {
    const now = panel();
    if (now.kind !== 'device' || now.device.result || !now.device.purpose) return;
    const { eventId, raw, purpose } = now.device;
    setBusy(true);
    setError(null);
    try {
      const response = await postEquipmentAssign(http, { deviceId, eventId, raw, ...purposeFields(purpose) });
      dispatch({ type: 'device', action: { type: 'assigned', response }, at: Date.now() });
      playOutcome(response.verdict.outcome);
      onRecordsChanged();
    } catch (caught) {
      setError(stepErrorMessage(caught, DEVICE_OFFLINE, connectivity.reportOffline));
    } finally {
      setBusy(false);
    }
  }, [http, deviceId, dispatch, panel, onRecordsChanged, connectivity.reportOffline]);

  const release = useCallback(
    async (assignment: EquipmentAssignment): Promise<string | null> => {
      const eventId = releaseIds.current.get(assignment.id) ?? newEventId();
      releaseIds.current.set(assignment.id, eventId);
      try {
        await postEquipmentRelease(http, { deviceId, eventId, equipmentKey: assignment.equipmentKey });
        onRecordsChanged();
        return null;
      } catch (caught) {
        return stepErrorMessage(caught, 'Offline: the release was not recorded. Release it again when the server is back.', connectivity.reportOffline);
      }
    },
    [http, deviceId, onRecordsChanged, connectivity.reportOffline],
  );

  const clearError = useCallback(() => setError(null), []);
  return { busy, error, assign, release, clearError };
}
