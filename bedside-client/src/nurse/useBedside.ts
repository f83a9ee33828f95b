import { useCallback, useMemo, useReducer, useRef, useState } from 'react';
import { identificationOf, type AdministrationRequest, type ScanRequest, type ScanSource } from '@wardscan/shared';
import { ApiError, errorMessage } from '../api/api-error.js';
import { newEventId } from '../device.js';
import { useEquipmentSteps, type EquipmentSteps } from '../equipment/useEquipmentSteps.js';
import type { Delivered } from '../offline/drain.js';
import { useConnectivity, type Connectivity } from '../offline/useConnectivity.js';
import { useOutbox, type Outbox } from '../offline/useOutbox.js';
import { heldSince } from '../offline/held-for.js';
import { useWardList } from '../offline/ward-list.js';
import { describeRaw } from '../scanning/describe-raw.js';
import { useServices } from '../services.js';
import { playOutcome } from './feedback.js';
import { fetchPatient, finishPatient, postAdministration, postScan, postWitness } from './bedside.resource.js';
import { awaitsSecondChecker } from '../transfusion/transfusion-state.js';
import { useTransfusionSteps, type TransfusionSteps } from '../transfusion/useTransfusionSteps.js';
import { initialNurseState, nurseReducer, type NurseAction, type NurseState, type ReplayResult } from './nurse-state.js';
import { routeScan, scanSubject } from './scan-route.js';
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
  /** The witness's PIN, after their badge was scanned for the dose on screen. */
  witness: (pin: string) => Promise<void>;
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
  const [state, reactDispatch] = useReducer(nurseReducer, initialNurseState);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const connectivity = useConnectivity(http);
  const wardList = useWardList(connectivity.online);
  // Kept in step with every action as it is dispatched, not at the next render: two scans
  // read in one burst must each be bound to the identification the one before left.
  const stateRef = useRef(state);
  const dispatch = useCallback((action: NurseAction) => {
    stateRef.current = nurseReducer(stateRef.current, action);
    reactDispatch(action);
  }, []);
  // Work goes to the server strictly one item at a time, in the order it was captured.
  const serial = useRef<Promise<unknown>>(Promise.resolve());
  const inOrder = useCallback(<T,>(work: () => Promise<T>): Promise<T> => {
    const run = serial.current.then(work, work);
    serial.current = run.catch(() => undefined);
    return run;
  }, []);
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
    const answers = delivered.flatMap((d) => (d.kind === 'scan' && d.item.kind === 'scan' ? [{ request: d.item.request, response: d.response }] : []));
    dispatch({ type: 'queue-replayed', results, answers, at: Date.now() });
  }, [dispatch]);
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
        awaitingWitness: now.panel.kind === 'verdict' && now.panel.verdict.witness === 'required',
      });
      switch (route.to) {
        case 'blood':
          dispatch({ type: 'transfusion', action: { type: 'label-scanned', raw }, at: Date.now() });
          return;
        case 'device':
          dispatch({ type: 'device', action: { type: 'scanned', raw, label: route.label, eventId: newEventId() }, at: Date.now() });
          return;
        case 'witness':
          dispatch({ type: 'witness-badge', raw });
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
      // Captured now: the positive ID moves at once (a band replaces the old patient before anything
      // else is shown) and the scan is bound to the identification it was read under.
      const capturedAt = Date.now();
      const eventId = newEventId();
      const subject = scanSubject(raw, config);
      if (subject.kind === 'band') {
        dispatch({ type: 'band-captured', eventId, listed: null, at: capturedAt });
        // Offline, the signed ward list may name the patient; a scanned band only, never a typed number.
        if (!connectivity.online && source !== 'keyboard' && subject.scan.gsrn !== undefined) {
          void wardList.identify(subject.scan).then((listed) => {
            if (listed) dispatch({ type: 'band-listed', eventId, listed, at: Date.now() });
          });
        }
      }
      if (subject.kind === 'unreadable-band') dispatch({ type: 'band-unreadable', eventId, at: capturedAt });
      const boundTo = subject.kind === 'other' ? identificationOf(stateRef.current.id) : undefined;
      const request: ScanRequest = {
        deviceId,
        eventId,
        raw,
        source,
        scannedAt: new Date(capturedAt).toISOString(),
        ...(boundTo !== undefined ? { identificationEventId: boundTo } : {}),
        ...(prescriptionId ? { prescriptionId } : {}),
      };
      const label = describeRaw(raw, config);
      await inOrder(async () => {
        // Anything already waiting must reach the server first, or the order of the round breaks.
        if (!connectivity.online || outbox.hasWaiting) {
          await queue(outbox, { kind: 'scan', request }, label, dispatch, setError);
          return;
        }
        try {
          const response = await postScan(http, { ...request, heldForMs: heldSince(capturedAt) });
          dispatch({ type: 'scan-answered', request, response, at: Date.now() });
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
      });
    },
    [http, deviceId, config, connectivity, outbox, dispatch, inOrder, wardList.identify, transfusion.clearError, transfusion.secondChecker, equipment.clearError],
  );

  const scanForOrder = useCallback(async (prescriptionId: string) => {
    const last = lastServerScan.current;
    if (last) await scan(last.raw, last.source, prescriptionId);
  }, [scan]);

  const confirm = useCallback(async () => {
    const panel = stateRef.current.panel;
    if (panel.kind !== 'verdict' || !panel.verdict.prescriptionId) return;
    setError(null);
    setBusy(true);
    const capturedAt = Date.now();
    const request: AdministrationRequest = {
      deviceId,
      eventId: newEventId(),
      productScanEventId: panel.productScanEventId,
      prescriptionId: panel.verdict.prescriptionId,
      ...(panel.overrideReason ? { overrideReason: panel.overrideReason } : {}),
      ...(panel.indication.trim() ? { indication: panel.indication.trim() } : {}),
      // A range order: the dose chosen, in the range's unit (the server checks it again).
      ...(panel.verdict.doseChoice ? { chosenDose: { value: panel.chosenDose.trim(), unit: panel.verdict.doseChoice.unit } } : {}),
    };
    try {
      const response = await inOrder(() => postAdministration(http, { ...request, heldForMs: heldSince(capturedAt) }));
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
  }, [http, deviceId, connectivity, outbox, dispatch, inOrder]);

  const witness = useCallback(
    async (pin: string) => {
      const panel = stateRef.current.panel;
      if (panel.kind !== 'verdict' || !panel.witnessBadge) return;
      setError(null);
      setBusy(true);
      try {
        const response = await inOrder(() =>
          postWitness(http, { deviceId, eventId: newEventId(), productScanEventId: panel.productScanEventId, badge: panel.witnessBadge ?? '', pin }),
        );
        dispatch({ type: 'witnessed', productScanEventId: response.productScanEventId, verdict: response.verdict });
      } catch (caught) {
        setError(errorMessage(caught));
      } finally {
        setBusy(false);
      }
    },
    [http, deviceId, dispatch, inOrder],
  );

  const finish = useCallback(
    async (reason: 'timeout' | 'finished') => {
      // Ending the ID locally is always safe; the server times out on its own if it missed this.
      dispatch({ type: 'context-ended', reason });
      await finishPatient(http, deviceId).catch(() => undefined);
    },
    [http, deviceId],
  );

  return { state, dispatch, connectivity, outbox, busy, error, scan, scanForOrder, witness, confirm, finish, transfusion, equipment, recordsVersion };
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
    dispatch({ type: 'work-queued', label, eventId: work.request.eventId, at: Date.now() });
  } catch (caught) {
    setError(`Not sent, and could not be kept on this handheld (${errorMessage(caught)}). Scan again when the server is back.`);
  }
}
