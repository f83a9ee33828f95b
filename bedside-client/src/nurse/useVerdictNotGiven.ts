import { useCallback, useContext, useRef } from 'react';
import type { NotGivenReason } from '@wardscan/shared';
import { ApiError } from '../api/api-error.js';
import { newEventId } from '../device.js';
import { ServicesContext } from '../services.js';
import { postNotGiven } from './chart.resource.js';

/** The scheduled dose a verdict was checked for: the verdict's `prescriptionId` and `slotAt`. */
export interface ScheduledDose {
  prescriptionId: string;
  slotAt: string;
}

export type RecordNotGiven = (reason: NotGivenReason, note: string) => Promise<void>;

/**
 * Documents the dose a verdict was checked for as not given (POST
 * /api/not-given), as the chart does. One event id per dose, so pressing
 * again after an answer lost on the network is recorded once. Null when there is no
 * scheduled dose (an as-needed order) or no signed-in screen around.
 */
export function useVerdictNotGiven(dose: ScheduledDose | undefined): RecordNotGiven | null {
  const services = useContext(ServicesContext);
  const sent = useRef<{ key: string; eventId: string } | null>(null);
  const prescriptionId = dose?.prescriptionId;
  const slotAt = dose?.slotAt;
  const record = useCallback<RecordNotGiven>(
    async (reason, note) => {
      if (!services || !prescriptionId || !slotAt) throw new Error('No scheduled dose to record as not given.');
      const key = `${prescriptionId}|${slotAt}`;
      if (sent.current?.key !== key) sent.current = { key, eventId: newEventId() };
      try {
        await postNotGiven(services.http, {
          deviceId: services.deviceId,
          eventId: sent.current.eventId,
          prescriptionId,
          slotAt,
          reason,
          ...(note ? { note } : {}),
        });
      } catch (error) {
        // Refused by the server: nothing was recorded under this id, so the next try is a new event.
        if (!(error instanceof ApiError && error.isNetwork)) sent.current = null;
        throw error;
      }
    },
    [services, prescriptionId, slotAt],
  );
  return services && prescriptionId && slotAt ? record : null;
}
