import { useCallback, useEffect, useRef, useState } from 'react';
import { interpretScan, type ScanSource } from '@wardscan/shared';
import { interpretOptions } from '../scanning/describe-raw.js';
import { ManualIdForm, type BadgeSink } from './ManualIdForm.js';
import { patientName } from './nurse-state.js';
import { PatientDevices } from '../equipment/PatientDevices.js';
import { OutboxList } from '../offline/OutboxList.js';
import { CameraScanner } from '../scanning/camera/CameraScanner.js';
import { TypedEntry } from '../scanning/TypedEntry.js';
import { useHidScanner } from '../scanning/useHidScanner.js';
import { useServices } from '../services.js';
import { RunningTransfusions } from '../transfusion/RunningTransfusions.js';
import { ChartView } from './ChartView.js';
import { usePatientChart, useWardVersion } from './useChart.js';
import { WardRoundView } from './WardRoundView.js';
import { PatientBanner } from './PatientBanner.js';
import { wristbandPdfPath } from '../labels/labels.resource.js';
import { PdfLink } from '../labels/PdfLink.js';
import { ResultPanel } from './ResultPanel.js';
import { useBedside } from './useBedside.js';
import { usePatientRecords } from './usePatientRecords.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { WardClockProvider } from './ward-clock.js';

/** The bedside round: banner, what to scan next, the verdict, and the queue. */
export function NurseScreen() {
  const { config, user } = useServices();
  const bedside = useBedside();
  const { state, connectivity, outbox } = bedside;
  const records = usePatientRecords(state.patient, bedside.recordsVersion);
  const wardVersion = useWardVersion();
  const chart = usePatientChart(state.patient?.id ?? null, wardVersion);
  const nobody = state.patient === null && state.listedPatient === null && state.panel.kind !== 'identifying';
  const secondsLeft = useSecondsLeft(state.patient !== null, state.lastActivityAt, config.patientContextTimeoutSeconds);

  useEffect(() => {
    if (state.patient && secondsLeft <= 0) void bedside.finish('timeout');
  }, [state.patient, secondsLeft, bedside.finish]);

  // While the unreadable-band form waits for the second nurse, their badge goes there, not to the bedside check.
  const badgeSink = useRef<BadgeSink>(null);
  const takeBadges = useCallback((sink: BadgeSink) => {
    badgeSink.current = sink;
  }, []);
  // Slow keystrokes arrive as source 'keyboard': sent marked as typed, and the server's policy decides.
  const onScan = (raw: string, source: ScanSource) => {
    const scanned = interpretScan(raw, interpretOptions(config));
    if (badgeSink.current && scanned.ok && scanned.scan.kind === 'staff') badgeSink.current(raw);
    else void bedside.scan(raw, source);
  };
  useHidScanner(onScan, config);

  return (
    // Times on every panel below are on the ward's clock, once the round or a chart has named it.
    <WardClockProvider>
      {connectivity.online ? null : (
        <p className="status-offline" role="status">
          OFFLINE – ward server unreachable. Scans are kept and sent later. No dose can be confirmed until it is back.
        </p>
      )}
      <PatientBanner
        patient={state.patient}
        listed={state.listedPatient}
        secondsLeft={secondsLeft}
        onFinish={() => void bedside.finish('finished')}
        reprint={
          state.patient ? (
            <PdfLink label="Reprint wristband" path={wristbandPdfPath(state.patient.id)} filename={`wristband-${state.patient.nhsNumber}.pdf`} />
          ) : null
        }
      />
      <div className="screen">
        {/* Shown as well as spoken: a change of patient must never go unnoticed. */}
        <p className={state.announcement ? 'announcement' : 'visually-hidden'} role="status" aria-live="assertive">
          {state.announcement ?? ''}
        </p>
        {bedside.error ? <ErrorBox>{bedside.error}</ErrorBox> : null}
        {outbox.storeError ? <ErrorBox>This handheld cannot keep scans while offline ({outbox.storeError}). Use another handheld if the Wi-Fi is unreliable.</ErrorBox> : null}
        <OutboxList items={outbox.items} userId={user.id} online={connectivity.online} onDismiss={(seq) => void outbox.dismiss(seq)} />
        <ResultPanel bedside={bedside} records={records} />
        <NextStep hasPatient={state.patient !== null} panelKind={state.panel.kind} />
        <CameraScanner onScan={(raw) => onScan(raw, 'camera')} />
        {config.allowKeyedPatientId ? <TypedEntry onSubmit={(raw) => void bedside.scan(raw, 'keyboard')} /> : null}
        {state.patient ? (
          <>
            <RunningTransfusions key={state.patient.id} record={records.transfusions} online={connectivity.online} onEnd={bedside.transfusion.end} />
            <PatientDevices devices={records.devices} patient={state.patient} online={connectivity.online} onRelease={bedside.equipment.release} />
            {chart.error ? <ErrorBox>{chart.error}</ErrorBox> : null}
            {chart.chart?.status === 'ready' ? (
              <ChartView chart={chart.chart.data} now={new Date()} actions={connectivity.online ? chart.actions : undefined} />
            ) : chart.chart?.status === 'error' ? (
              <ErrorBox>Could not load the chart: {chart.chart.message}</ErrorBox>
            ) : (
              <p role="status">Loading the chart…</p>
            )}
          </>
        ) : null}
        {nobody && connectivity.online ? (
          <WardRoundView
            version={wardVersion}
            patientActions={(patient) => (
              <ManualIdForm
                patientId={patient.id}
                patientName={patientName(patient)}
                wardId={user.wardId ?? ''}
                takeBadges={takeBadges}
                onIdentified={(response) => bedside.dispatch({ type: 'manually-identified', eventId: response.eventId, patient: response.patient, verdict: response.verdict, at: Date.now() })}
              />
            )}
          />
        ) : null}
      </div>
    </WardClockProvider>
  );
}

function NextStep({ hasPatient, panelKind }: { hasPatient: boolean; panelKind: string }) {
  // The verdict, bag and device panels each say what comes next themselves.
  if (panelKind === 'verdict' || panelKind === 'transfusion' || panelKind === 'device') return null;
  return (
    <p className="hint" style={{ fontSize: 18, fontWeight: 'bold', color: '#212b32' }}>
      {hasPatient ? 'Next: scan the pack, blood bag or pump, with the scanner or the camera.' : 'Next: scan the patient’s wristband.'}
    </p>
  );
}

function useSecondsLeft(active: boolean, lastActivityAt: number, timeoutSeconds: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active, lastActivityAt]);
  return timeoutSeconds - (now - lastActivityAt) / 1000;
}
