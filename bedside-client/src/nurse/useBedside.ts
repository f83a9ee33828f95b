import { useCallback, useMemo, useReducer, useRef, useState } from 'react';
import type { AdministrationRequest, ScanRequest, ScanSource } from '@wardscan/shared';
import { ApiError, errorMessage } from '../api/api-error.js';
import { newEventId } from '../device.js';
import { useEquipmentSteps, type EquipmentSteps } from '../equipment/useEquipmentSteps.js';
import type { Delivered } from '../offline/drain.js';
import { useConnectivity, type Connectivity } from '../offline/useConnectivity.js';
import { useOutbox, type Outbox } from '../offline/useOutbox.js';
import { describeRaw } from '../scanning/describe-raw.js';
import { useServices } from '../services.js';
import { playOutcome } from './feedback.js';
import { fetchPatient, finishPatient, postAdministration, postScan } from './bedside.resource.js';
import { awaitsSecondChecker } from '../transfusion/transfusion-state.js';
import { useTransfusionSteps, type TransfusionSteps } from '../transfusion/useTransfusionSteps.js';
import { initialNurseState, nurseReducer, type NurseAction, type NurseState, type ReplayResult } from './nurse-state.js';
import { routeScan } from './scan-route.js';
import { deviceTag } from '../equipment/equipment.resource.js';

export interface Bedside {
  state: NurseState;
  dispatch: (action: NurseAction) => void;
  connectivity: Connectivity;
  outbox: Outbox;
  busy: boolean;
  error: string | null;
  scan: (raw: string, source: ScanSource) => Promise<void>;
  /** Checks the last pack again for one chosen order, when several of the patient's orders fit it. */
  scanForOrder: (prescriptionId: string) => Promise<void>;
  confirm: () => Promise<void>;
  finish: (reason: 'timeout' | 'finished') => Promise<void>;
  transfusion: TransfusionSteps;
  equipment: EquipmentSteps;
  /** Goes up whenever a step changed the patient's transfusions or devices, so they are fetched again. */
  recordsVersion: number;
}

/**
 * The nurse's bedside round: every scan goes to the server (or, when it
 * cannot be reached, to the offline queue in order), and only the server's
 * answer moves the screen on.
 */
export function useBedside(): Bedside {
  const { http, deviceId, config, user } = useServices();
  const [state, dispatch] = useReducer(nurseReducer, initialNurseState);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const connectivity = useConnectivity(http);
  const stateRef = useRef(state);
  stateRef.current = state;
  const panel = useCallback(() => stateRef.current.panel, []);
  const [recordsVersion, bumpRecords] = useReducer((version: number) => version + 1, 0);
  const transfusion = useTransfusionSteps({ connectivity, dispatch, panel, onRecordsChanged: bumpRecords });
  const equipment = useEquipmentSteps({ connectivity, dispatch, panel, onRecordsChanged: bumpRecords });

  const onDelivered = useCallback((delivered: Delivered[]) => {
    const results: ReplayResult[] = delivered.map((d) =>
      d.kind === 'scan'
        ? { eventId: d.item.eventId, label: d.item.label, outcome: d.response.verdict.outcome, title: d.response.verdict.title }
        : { eventId: d.item.eventId, label: d.item.label, outcome: 'given', title: `Recorded as given: ${d.response.administration.doseText}` },
    );
    const lastScan = [...delivered].reverse().find((d) => d.kind === 'scan');
    dispatch({ type: 'queue-replayed', results, patient: lastScan?.kind === 'scan' ? lastScan.response.patient : undefined, at: Date.now() });
  }, []);
  const by = useMemo(() => ({ userId: user.id, name: user.name }), [user.id, user.name]);
  const outbox = useOutbox(http, by, connectivity, onDelivered);

  const lastServerScan = useRef<{ raw: string; source: ScanSource } | null>(null);
  const scan = useCallback(
    async (raw: string, source: ScanSource, prescriptionId?: string) => {
      setError(null);
      transfusion.clearError();
      equipment.clearError();
      const now = stateRef.current;
      const route = routeScan(raw, config, {
        hasPatient: now.patient !== null,
        collectingBlood: now.panel.kind === 'transfusion' && now.panel.flow.step === 'collecting',
        awaitingSecondChecker: now.panel.kind === 'transfusion' && awaitsSecondChecker(now.panel.flow),
      });
      switch (route.to) {
        case 'blood':
          dispatch({ type: 'transfusion', action: { type: 'label-scanned', raw }, at: Date.now() });
          return;
        case 'device':
          dispatch({ type: 'device', action: { type: 'scanned', raw, label: route.label, eventId: newEventId() }, at: Date.now() });
          return;
        case 'second-checker':
          await transfusion.secondChecker(raw);
          return;
        case 'server':
          break;
        default: {
          const unreachable: never = route;
          return unreachable;
        }
      }
      lastServerScan.current = { raw, source };
      const request: ScanRequest = { deviceId, eventId: newEventId(), raw, source, scannedAt: new Date().toISOString(), ...(prescriptionId ? { prescriptionId } : {}) };
      const label = describeRaw(raw, config);
      // Anything already waiting must reach the server first, or the order of the round breaks.
      if (!connectivity.online || outbox.hasWaiting) {
        await queue(outbox, { kind: 'scan', request }, label, dispatch, setError);
        return;
      }
      try {
        const response = await postScan(http, request);
        dispatch({ type: 'scan-answered', response, at: Date.now() });
        // Only the server knows a GTIN is a device: its UDI then opens the same panel as an asset tag.
        if (response.equipmentKey && response.patient) {
          dispatch({ type: 'device', action: { type: 'scanned', raw, label: `Device, ${deviceTag(response.equipmentKey)}`, eventId: newEventId() }, at: Date.now() });
        }
        playOutcome(response.verdict.outcome);
      } catch (caught) {
        if (caught instanceof ApiError && caught.isNetwork) {
          connectivity.reportOffline();
          await queue(outbox, { kind: 'scan', request }, label, dispatch, setError);
        } else {
          setError(errorMessage(caught));
        }
      }
    },
    [http, deviceId, config, connectivity, outbox, transfusion.clearError, transfusion.secondChecker, equipment.clearError],
  );

  const scanForOrder = useCallback(async (prescriptionId: string) => {
    const last = lastServerScan.current;
    if (last) await scan(last.raw, last.source, prescriptionId);
  }, [scan]);

  const confirm = useCallback(async () => {
    const panel = state.panel;
    if (panel.kind !== 'verdict' || !panel.verdict.prescriptionId) return;
    setError(null);
    setBusy(true);
    const request: AdministrationRequest = {
      deviceId,
      eventId: newEventId(),
      productScanEventId: panel.productScanEventId,
      prescriptionId: panel.verdict.prescriptionId,
      ...(panel.overrideReason ? { overrideReason: panel.overrideReason } : {}),
    };
    try {
      const response = await postAdministration(http, request);
      dispatch({ type: 'administered', response, at: Date.now() });
      const patientId = response.administration.patientId;
      void fetchPatient(http, patientId)
        .then((patient) => dispatch({ type: 'patient-refreshed', patient }))
        .catch(() => undefined);
    } catch (caught) {
      if (caught instanceof ApiError && caught.isNetwork) {
        // The nurse said it was given; the server has not heard. Keep it, in order.
        connectivity.reportOffline();
        const label = `Given: ${panel.verdict.doseToGive?.text ?? 'dose'} (${panel.verdict.title})`;
        await queue(outbox, { kind: 'administration', request }, label, dispatch, setError);
      } else {
        setError(errorMessage(caught));
      }
    } finally {
      setBusy(false);
    }
  }, [state.panel, http, deviceId, connectivity, outbox]);

  const finish = useCallback(
    async (reason: 'timeout' | 'finished') => {
      // Ending the ID locally is always safe; the server times out on its own if it missed this.
      dispatch({ type: 'context-ended', reason });
      await finishPatient(http, deviceId).catch(() => undefined);
    },
    [http, deviceId],
  );

  return { state, dispatch, connectivity, outbox, busy, error, scan, scanForOrder, confirm, finish, transfusion, equipment, recordsVersion };
}

async function queue(
  outbox: Outbox,
  work: Parameters<Outbox['enqueue']>[0],
  label: string,
  dispatch: (action: NurseAction) => void,
  setError: (message: string | null) => void,
): Promise<void> {
  try {
    await outbox.enqueue(work, label);
    dispatch({ type: 'work-queued', label, at: Date.now() });
  } catch (caught) {
    setError(`Not sent, and could not be kept on this handheld (${errorMessage(caught)}). Scan again when the server is back.`);
  }
}
