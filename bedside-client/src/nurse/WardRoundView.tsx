import { useState, type ReactNode } from 'react';
import { formatNhsNumber, type RoundBed } from '@wardscan/shared';
import { wristbandPdfPath } from '../labels/labels.resource.js';
import { PdfLink } from '../labels/PdfLink.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { formatDate, formatTime } from '../ui/format.js';
import { ChartView } from './ChartView.js';
import { patientName } from './nurse-state.js';
import { usePatientChart, useWardRound } from './useChart.js';
import { useLearnWardZone, WardZoneNotice } from './ward-clock.js';

export type RoundPatient = NonNullable<RoundBed['patient']>;
type Patient = RoundPatient;

/**
 * The nurse's home: the ward's beds with what each patient needs now,
 * refreshed live. A patient's chart opens read-only (giving a dose still
 * needs the wristband), with a reprint for a band that will not scan.
 */
export function WardRoundView({ version, patientActions }: { version: number; patientActions?: (patient: Patient) => ReactNode }) {
  // The last round stays on screen while a change is fetched (useLoad): the nurse keeps her place.
  const round = useWardRound(version);
  const [open, setOpen] = useState<Patient | null>(null);
  useLearnWardZone(round?.status === 'ready' ? round.data.timeZone : undefined);
  if (!round) return null;
  if (round.status === 'loading') return <p role="status">Loading the ward…</p>;
  if (round.status === 'error') return <ErrorBox>Could not load the ward round: {round.message}</ErrorBox>;
  if (open) return <ReadOnlyChart patient={open} version={version} onClose={() => setOpen(null)} actions={patientActions?.(open)} />;
  const { data } = round;
  return (
    <section aria-labelledby="round-heading">
      <h2 id="round-heading" style={{ fontSize: 18, margin: '12px 0 4px' }}>
        {data.wardName}: the round
      </h2>
      <WardZoneNotice timeZone={data.timeZone} />
      <ul className="round">
        {data.beds.map((bed) => (
          <li key={bed.bedId ?? bed.patient?.id}>
            {bed.patient ? (
              <button type="button" className="round-bed" onClick={() => setOpen(bed.patient)}>
                <span className="bed">{bed.bedLabel ?? 'No bed'}</span>
                <span className="name">{patientName(bed.patient)}</span>
                <Needs patient={bed.patient} timeZone={data.timeZone} />
              </button>
            ) : (
              <span className="round-bed empty">
                <span className="bed">{bed.bedLabel}</span> <span className="name">Empty</span>
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Needs({ patient, timeZone }: { patient: Patient; timeZone: string }) {
  const needs = [
    patient.missed > 0 ? { key: 'missed', text: `${patient.missed} missed` } : null,
    patient.dueNow > 0 ? { key: 'due', text: `${patient.dueNow} due now` } : null,
    patient.reviewsDue > 0 ? { key: 'review', text: `${patient.reviewsDue} PRN review${patient.reviewsDue > 1 ? 's' : ''} due` } : null,
    patient.needsReview > 0 ? { key: 'needs-review', text: `${patient.needsReview} order${patient.needsReview > 1 ? 's' : ''} need${patient.needsReview > 1 ? '' : 's'} review` } : null,
    patient.onHold > 0 ? { key: 'on-hold', text: `${patient.onHold} order${patient.onHold > 1 ? 's' : ''} on hold` } : null,
    patient.runningTransfusions > 0 ? { key: 'blood', text: 'transfusion running' } : null,
    patient.devices > 0 ? { key: 'device', text: `${patient.devices} device${patient.devices > 1 ? 's' : ''}` } : null,
    patient.prn > 0 ? { key: 'prn', text: `${patient.prn} PRN` } : null,
  ].filter((n): n is { key: string; text: string } => n !== null);
  return (
    <span className="needs">
      {needs.length ? needs.map((n) => <span key={n.key} className={`need ${n.key}`}>{n.text}</span>) : <span className="need none">nothing due</span>}
      {patient.nextDueAt ? <span className="need next">next {formatTime(patient.nextDueAt, timeZone)}</span> : null}
    </span>
  );
}

function ReadOnlyChart({ patient, version, onClose, actions }: { patient: Patient; version: number; onClose: () => void; actions?: ReactNode }) {
  const { chart } = usePatientChart(patient.id, version);
  return (
    <section className="card" aria-labelledby="read-only-heading">
      <h2 id="read-only-heading" style={{ fontSize: 20, margin: 0 }}>
        {patientName(patient)}
      </h2>
      <p style={{ margin: '4px 0' }}>
        NHS No. {formatNhsNumber(patient.nhsNumber)} · born {formatDate(patient.birthDate)}
      </p>
      <p className="hint">Read only: scan the wristband to give a dose.</p>
      <div className="verdict-actions">
        <button type="button" onClick={onClose}>
          Back to the round
        </button>
        <PdfLink label="Reprint wristband" path={wristbandPdfPath(patient.id)} filename={`wristband-${patient.nhsNumber}.pdf`} />
      </div>
      {actions}
      {chart?.status === 'ready' ? <ChartView chart={chart.data} now={new Date()} /> : chart?.status === 'error' ? <ErrorBox>{chart.message}</ErrorBox> : <p role="status">Loading the chart…</p>}
    </section>
  );
}
