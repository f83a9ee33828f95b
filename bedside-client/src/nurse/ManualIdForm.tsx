import { useEffect, useState } from 'react';
import { MANUAL_ID_REASONS, manualIdResponseSchema, wardScanSettingsSchema, type ManualIdPolicy, type ManualIdReason, type ManualIdResponse } from '@wardscan/shared';
import { errorMessage } from '../api/api-error.js';
import { newEventId } from '../device.js';
import { useServices } from '../services.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { ReasonPicker } from '../ui/ReasonPicker.js';

/** Where a staff badge scanned while this form is open goes (the second nurse's), instead of the bedside check. */
export type BadgeSink = ((raw: string) => void) | null;

interface Props {
  patientId: string;
  patientName: string;
  wardId: string;
  /** The screen hands badge scans here while the form is open. */
  takeBadges: (sink: BadgeSink) => void;
  onIdentified: (response: ManualIdResponse) => void;
}

/**
 * The fallback when a wristband will not scan: choose this patient with a
 * coded reason, as the ward's policy allows (blocked, with a second nurse's
 * badge and PIN, or alone). Always recorded as a manual identification.
 */
export function ManualIdForm({ patientId, patientName, wardId, takeBadges, onIdentified }: Props) {
  const { http, deviceId } = useServices();
  const [policy, setPolicy] = useState<ManualIdPolicy | null>(null);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<ManualIdReason | null>(null);
  const [badge, setBadge] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    http
      .get(`/api/wards/${encodeURIComponent(wardId)}/scan-settings`, wardScanSettingsSchema)
      .then((settings) => current && setPolicy(settings.effective.manualIdentification))
      .catch((caught: unknown) => current && setError(errorMessage(caught)));
    return () => {
      current = false;
    };
  }, [http, wardId]);

  useEffect(() => {
    if (!open || policy !== 'second-nurse') return;
    takeBadges((raw) => setBadge(raw));
    return () => takeBadges(null);
  }, [open, policy, takeBadges]);

  if (policy === 'blocked') return <p className="hint">Wristband will not scan? This ward does not allow choosing the patient from the list: reprint the wristband and scan it.</p>;
  if (!open) {
    return (
      <button type="button" disabled={policy === null} onClick={() => setOpen(true)}>
        Wristband will not scan…
      </button>
    );
  }
  const needsSecond = policy === 'second-nurse';
  const ready = reason !== null && (!needsSecond || (badge !== null && pin !== ''));
  return (
    <form
      className="card"
      aria-labelledby="manual-id-heading"
      onSubmit={(event) => {
        event.preventDefault();
        if (!ready || !reason) return;
        setBusy(true);
        setError(null);
        const body = { deviceId, eventId: newEventId(), patientId, reason, ...(needsSecond && badge ? { secondNurse: { badge, pin } } : {}) };
        http
          .send('POST', '/api/manual-identifications', body, manualIdResponseSchema)
          .then(onIdentified)
          .catch((caught: unknown) => setError(errorMessage(caught)))
          .finally(() => setBusy(false));
      }}
    >
      <h3 id="manual-id-heading" style={{ margin: 0 }}>
        Identify {patientName} without the wristband
      </h3>
      <p className="hint">Recorded as a manual identification and reported to the ward manager. Confirm name and date of birth with the patient.</p>
      <ReasonPicker id="manual-id-reason" label="Why can the wristband not be scanned?" reasons={MANUAL_ID_REASONS} value={reason} onChange={setReason} />
      {needsSecond ? (
        <>
          <p role="status">{badge ? 'Second nurse’s badge read.' : 'Second nurse: scan your badge now.'}</p>
          <label htmlFor="manual-id-pin">Second nurse’s PIN</label>
          <input id="manual-id-pin" type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(event) => setPin(event.target.value)} />
        </>
      ) : null}
      {error ? <ErrorBox>{error}</ErrorBox> : null}
      <div className="verdict-actions">
        <button type="submit" className="primary" disabled={!ready || busy}>
          Identify {patientName}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
