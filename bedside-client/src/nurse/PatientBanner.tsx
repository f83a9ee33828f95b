import { useState, type ReactNode } from 'react';
import { formatNhsNumber, type PatientSummary } from '@wardscan/shared';
import { formatCountdown, formatDate } from '../ui/format.js';
import { patientName, type ListedPatient } from './nurse-state.js';
import { useVerdictsShown } from './verdict-signal.js';

interface Props {
  patient: PatientSummary | null;
  /** Offline: the patient the handheld's signed ward list identified (no chart, no allergies). */
  listed?: ListedPatient | null;
  /** Seconds until the positive ID ends without another scan. */
  secondsLeft: number;
  onFinish: () => void;
  /** Reprint of a worn wristband, so it is replaced instead of worked around. */
  reprint?: ReactNode;
}

/** Where the banner stands for the patient it shows: verdict counts (see verdict-signal.ts). */
interface Fold {
  patientId: string | null;
  /** Verdicts shown before this patient was identified: a later one confirms them. */
  verdictsAtId: number;
  /** The nurse opened the folded banner while this many verdicts had been shown; the next verdict folds it again. */
  openedAt: number | null;
}

/**
 * Who the nurse is treating. Sticky at the top of every bedside screen.
 * In full when the patient is identified, so name, NHS Number, birth date,
 * bed and allergies are read against the wristband; once a verdict is on
 * screen it folds to one line (name · NHS No. · bed) with the allergies
 * still shown, and opens again with "More".
 */
export function PatientBanner({ patient, listed = null, secondsLeft, onFinish, reprint }: Props) {
  const verdicts = useVerdictsShown();
  const patientId = patient?.id ?? null;
  const [stored, setFold] = useState<Fold>({ patientId, verdictsAtId: verdicts, openedAt: null });
  // A new patient (or none) starts over in full; the same patient refreshed keeps its state.
  const fold: Fold = stored.patientId === patientId ? stored : { patientId, verdictsAtId: verdicts, openedAt: null };
  if (fold !== stored) setFold(fold);
  const confirmed = patient !== null && verdicts > fold.verdictsAtId;
  const folded = confirmed && fold.openedAt !== verdicts;
  if (!patient && listed) {
    return (
      <section className="banner" aria-label="Patient">
        <h1 className="name">{patientName(listed)}</h1>
        <dl>
          <dt>NHS No.</dt>
          <dd className="nhs">{formatNhsNumber(listed.nhsNumber)}</dd>
          <dt>Born</dt>
          <dd>{formatDate(listed.birthDate)}</dd>
          <dt>Bed</dt>
          <dd>{listed.bedLabel ?? 'No bed recorded'}</dd>
        </dl>
        <p className="allergies unknown">⚠ Identified offline from this handheld’s ward list. Allergies and chart are not available until the ward server is back.</p>
        <div className="banner-actions">
          <button type="button" onClick={onFinish}>
            Finish patient
          </button>
        </div>
      </section>
    );
  }
  if (!patient) {
    return (
      <section className="no-patient" aria-label="Patient">
        <p style={{ margin: 0 }}>No patient identified</p>
        <p style={{ margin: '4px 0 0', fontSize: 16, fontWeight: 'normal' }}>Scan the patient’s wristband to start.</p>
      </section>
    );
  }
  if (folded) {
    return (
      <section className="banner folded" aria-label="Patient">
        <div className="banner-line">
          <div className="banner-who">
            <h1 className="name">{patientName(patient)}</h1>
            <p className="banner-ids">
              <span className="visually-hidden">NHS No. </span>
              <span className="nhs">{formatNhsNumber(patient.nhsNumber)}</span> · {patient.bedLabel ?? 'No bed recorded'}
            </p>
          </div>
          <button
            type="button"
            className="banner-toggle"
            aria-label="More about the patient"
            aria-expanded={false}
            onClick={() => setFold({ ...fold, openedAt: verdicts })}
          >
            More
          </button>
        </div>
        <Allergies patient={patient} />
      </section>
    );
  }
  return (
    <section className="banner" aria-label="Patient">
      <h1 className="name">{patientName(patient)}</h1>
      <dl>
        <dt>NHS No.</dt>
        <dd className="nhs">{formatNhsNumber(patient.nhsNumber)}</dd>
        <dt>Born</dt>
        <dd>{formatDate(patient.birthDate)}</dd>
        <dt>Bed</dt>
        <dd>{patient.bedLabel ?? 'No bed recorded'}</dd>
      </dl>
      <Allergies patient={patient} />
      <div className="banner-actions">
        <span role="timer" aria-label="Positive ID time left">
          ID ends in {formatCountdown(secondsLeft)}
        </span>
        <button type="button" onClick={onFinish}>
          Finish patient
        </button>
      </div>
      {reprint || confirmed ? (
        <div className="banner-actions">
          {reprint}
          {confirmed ? (
            <button type="button" className="banner-toggle" aria-label="Less about the patient" aria-expanded={true} onClick={() => setFold({ ...fold, openedAt: null })}>
              Less
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function Allergies({ patient }: { patient: PatientSummary }) {
  if (patient.allergies.length === 0) {
    // "No known drug allergies" only when someone recorded it; otherwise nobody has asked yet.
    return patient.allergyStatus === 'nkda' ? (
      <p className="allergies none">Allergies: no known drug allergies</p>
    ) : (
      <p className="allergies unknown">⚠ Allergies: not recorded — ask the patient</p>
    );
  }
  return (
    <p className="allergies" aria-label="Allergies">
      ⚠ ALLERGIES:{' '}
      {patient.allergies
        .map((allergy) => (allergy.reaction ? `${allergy.substance} (${allergy.reaction})` : allergy.substance))
        .join(', ')}
    </p>
  );
}
