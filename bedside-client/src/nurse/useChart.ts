import { useCallback, useEffect, useReducer, useState } from 'react';
import type { ChartSlot, NotGivenReason, PatientChart, PRN_EFFECTS, WardRound } from '@wardscan/shared';
import { errorMessage } from '../api/api-error.js';
import type { Loadable } from '../api/loadable.js';
import { newEventId } from '../device.js';
import { useServices } from '../services.js';
import type { ChartActions } from './ChartView.js';
import { fetchChart, fetchRound, postNotGiven, postPrnEffect, watchWard } from './chart.resource.js';

/** Goes up whenever a chart on the nurse's ward changed (on any handheld), so views fetch again. */
export function useWardVersion(): number {
  const { origin, token } = useServices();
  const [version, bump] = useReducer((v: number) => v + 1, 0);
  useEffect(() => watchWard(origin, token, () => bump()), [origin, token]);
  return version;
}

/**
 * Loads `load` for `subject` (a patient or ward), again whenever `version`
 * changes. While a new version loads, the last one of the same subject stays
 * on screen; another subject's never shows, it reads as loading.
 */
function useLoad<T>(load: (() => Promise<T>) | null, subject: string | null, version: string): Loadable<T> | null {
  const [state, setState] = useState<{ subject: string | null; value: Loadable<T> } | null>(null);
  useEffect(() => {
    if (!load) return;
    let current = true;
    load()
      .then((data) => current && setState({ subject, value: { status: 'ready', data } }))
      .catch((caught: unknown) => current && setState({ subject, value: { status: 'error', message: errorMessage(caught) } }));
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- subject and version stand for what `load` reads
  }, [subject, version]);
  if (!load) return null;
  return state && state.subject === subject ? state.value : { status: 'loading' };
}

/** The ward round: every bed and what it needs, fetched again when any chart on the ward changes. */
export function useWardRound(version: number): Loadable<WardRound> | null {
  const { http, user } = useServices();
  const wardId = user.wardId;
  return useLoad(wardId ? () => fetchRound(http, wardId) : null, wardId, String(version));
}

/** One patient's chart, with what the nurse can document on it. */
export function usePatientChart(patientId: string | null, version: number): { chart: Loadable<PatientChart> | null; actions: ChartActions; error: string | null } {
  const { http, deviceId } = useServices();
  const [own, bumpOwn] = useReducer((v: number) => v + 1, 0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chart = useLoad(patientId ? () => fetchChart(http, patientId) : null, patientId, `${version}.${own}`);
  const act = useCallback(async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      bumpOwn();
    } catch (caught) {
      setError(errorMessage(caught));
      throw caught;
    } finally {
      setBusy(false);
    }
  }, []);
  const notGiven = useCallback(
    (slot: ChartSlot, reason: NotGivenReason, note: string) =>
      act(() => postNotGiven(http, { deviceId, eventId: newEventId(), prescriptionId: slot.prescriptionId, slotAt: slot.slotAt, reason, ...(note ? { note } : {}) })),
    [act, http, deviceId],
  );
  const recordEffect = useCallback(
    (administrationId: string, effect: (typeof PRN_EFFECTS)[number]) => act(() => postPrnEffect(http, administrationId, { eventId: newEventId(), effect })),
    [act, http],
  );
  return { chart, actions: { busy, notGiven, recordEffect }, error };
}
