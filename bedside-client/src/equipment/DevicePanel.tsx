import type { PatientSummary, Transfusion } from '@wardscan/shared';
import { PassedChecks, ProblemList } from '../nurse/CheckLists.js';
import { patientName } from '../nurse/nurse-state.js';
import { OutcomeIcon } from '../nurse/OutcomeIcon.js';
import { toVerdictView } from '../nurse/verdict.resource.js';
import { useWardTimeZone } from '../nurse/ward-clock.js';
import { dinText, formatTime } from '../ui/format.js';
import type { DeviceFlow, DevicePurpose } from './device-state.js';
import { infusableOrders } from './device-purposes.js';
import { deviceName } from './equipment.resource.js';
import { ErrorBox } from '../ui/ErrorBox.js';

interface Props {
  device: DeviceFlow;
  patient: PatientSummary;
  /** The patient's transfusions running now; empty while unknown. */
  running: Transfusion[];
  online: boolean;
  busy: boolean;
  error: string | null;
  onPurposeChosen: (purpose: DevicePurpose) => void;
  onAssign: () => void;
  onDismiss: () => void;
}

/** A device scanned at the bedside: what it is for, then the server's answer. */
export function DevicePanel(props: Props) {
  return props.device.result ? <DeviceVerdict {...props} /> : <DevicePurposeForm {...props} />;
}

const purposeKey = (purpose: DevicePurpose | null) => (purpose === null ? '' : purpose.kind === 'none' ? 'none' : `${purpose.kind}:${purpose.id}`);

function DevicePurposeForm({ device, patient, running, online, busy, error, onPurposeChosen, onAssign, onDismiss }: Props) {
  const options: { purpose: DevicePurpose; text: string }[] = [
    ...running.map((t) => ({ purpose: { kind: 'transfusion', id: t.id } as const, text: `Blood transfusion · unit ${dinText(t.din)}` })),
    // Only orders a pump gives (into a vein, under the skin): never an oral tablet.
    ...infusableOrders(patient.doses).map((dose) => ({ purpose: { kind: 'prescription', id: dose.prescriptionId } as const, text: `${dose.drugName} · ${dose.doseText}` })),
    { purpose: { kind: 'none' } as const, text: 'None of these' },
  ];
  const chosen = purposeKey(device.purpose);
  return (
    <section className="card device-card" aria-labelledby="device-heading">
      <h2 id="device-heading">Device scanned</h2>
      <p className="device-tag">{device.label}</p>
      <fieldset className="choices">
        <legend>What is it for?</legend>
        {options.map(({ purpose, text }) => (
          <label key={purposeKey(purpose)}>
            <input type="radio" name="device-purpose" checked={chosen === purposeKey(purpose)} onChange={() => onPurposeChosen(purpose)} />
            {text}
          </label>
        ))}
      </fieldset>
      {online ? null : <p className="blocked">Offline: a device can only be linked with the ward server. Scan it again when it is back.</p>}
      {error ? <ErrorBox>{error}</ErrorBox> : null}
      <div className="verdict-actions">
        <button type="button" className="primary" disabled={device.purpose === null || !online || busy} onClick={onAssign}>
          Link to {patientName(patient)}
        </button>
        <button type="button" onClick={onDismiss}>
          Cancel
        </button>
      </div>
    </section>
  );
}

const HEADINGS = { match: 'DEVICE LINKED', warning: 'WARNING', stop: 'STOP', info: 'ALREADY RECORDED' } as const;

function DeviceVerdict({ device, patient, onDismiss }: Props) {
  const timeZone = useWardTimeZone();
  const result = device.result;
  if (!result) return null;
  const view = toVerdictView(result.verdict);
  const { assignment, released } = result;
  return (
    <section className={`verdict ${view.outcome}`} role="alert" aria-labelledby="device-verdict-heading">
      <h2 className="heading" id="device-verdict-heading">
        <OutcomeIcon outcome={view.outcome} />
        {HEADINGS[view.outcome]}
      </h2>
      <p className="title">{view.title}</p>
      <p className="instruction">
        {deviceName(assignment)} is with {patientName(patient)} since {formatTime(assignment.assignedAt, timeZone)}.
      </p>
      <ProblemList problems={view.problems} title={view.title} />
      {released ? (
        <p className="released">
          Taken from {released.patientName}
          {released.bedLabel ? ` (${released.bedLabel})` : ''}: its link there has ended.
        </p>
      ) : null}
      <div className="verdict-actions">
        <button type="button" onClick={onDismiss}>
          Done
        </button>
      </div>
      <PassedChecks checks={view.passed} showMessages />
    </section>
  );
}
