import { useState } from 'react';
import { chosenDoseProblem, type DoseChoice } from '@wardscan/shared';
import { DevicePanel } from '../equipment/DevicePanel.js';
import { TransfusionPanel } from '../transfusion/TransfusionPanel.js';
import { formatTime } from '../ui/format.js';
import { useWardTimeZone } from './ward-clock.js';
import { OutcomeIcon } from './OutcomeIcon.js';
import type { Bedside } from './useBedside.js';
import type { PatientRecords } from './usePatientRecords.js';
import { VerdictPanel } from './VerdictPanel.js';
import { confirmBlock, toVerdictView } from './verdict.resource.js';

/** The witness, whose badge was just scanned, proves it is theirs with their PIN. */
function WitnessPin({ busy, onSubmit, onCancel }: { busy: boolean; onSubmit: (pin: string) => void; onCancel: () => void }) {
  const [pin, setPin] = useState('');
  return (
    <form
      className="card"
      aria-labelledby="witness-heading"
      onSubmit={(event) => {
        event.preventDefault();
        if (pin) onSubmit(pin);
      }}
    >
      <h3 id="witness-heading" style={{ margin: 0 }}>
        Witness: enter your PIN
      </h3>
      <label htmlFor="witness-pin">Witness’s PIN</label>
      <input id="witness-pin" type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(event) => setPin(event.target.value)} />
      <div className="verdict-actions">
        <button type="submit" className="primary" disabled={!pin || busy}>
          Witness this dose
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * Why a range order's dose cannot be confirmed yet. A dose typed and refused is said beside its
 * field (DoseChooser); by the button it is only pointed to, not said a second time.
 */
function doseBlock(typed: string, choice: DoseChoice): string | null {
  if (typed.trim() === '') return chosenDoseProblem(typed, choice);
  return chosenDoseProblem(typed, choice) ? 'the dose entered above cannot be given.' : null;
}

/** Whatever the last scan produced: verdict, notice, given, waiting, ended, replayed, a blood bag or a device. */
export function ResultPanel({ bedside, records }: { bedside: Bedside; records: PatientRecords }) {
  const { state, dispatch, connectivity, busy } = bedside;
  const timeZone = useWardTimeZone();
  const panel = state.panel;
  const dismiss = () => dispatch({ type: 'dismissed' });
  switch (panel.kind) {
    case 'ready':
      return null;
    case 'verdict': {
      const view = toVerdictView(panel.verdict);
      const asNeeded = state.patient?.doses.some((d) => d.prescriptionId === panel.verdict.prescriptionId && d.status === 'prn') === true;
      const block = confirmBlock(view, {
        online: connectivity.online,
        hasPrescription: panel.verdict.prescriptionId !== undefined,
        overrideChosen: panel.overrideReason !== null,
        indicationMissing: asNeeded && panel.indication.trim() === '',
        doseProblem: view.doseChoice ? doseBlock(panel.chosenDose, view.doseChoice) : null,
      });
      return (
        <>
        <VerdictPanel
          key={panel.productScanEventId}
          scheduledDose={panel.verdict.prescriptionId && panel.verdict.slotAt ? { prescriptionId: panel.verdict.prescriptionId, slotAt: panel.verdict.slotAt } : undefined}
          view={view}
          overrideReason={panel.overrideReason}
          onOverrideChosen={(reason) => dispatch({ type: 'override-chosen', reason })}
          indication={asNeeded && view.outcome !== 'stop' ? { value: panel.indication, onChange: (text) => dispatch({ type: 'indication-typed', text }) } : undefined}
          chosenDose={{ value: panel.chosenDose, onChange: (text) => dispatch({ type: 'dose-chosen', text }) }}
          block={block}
          busy={busy}
          onConfirm={() => void bedside.confirm()}
          onDismiss={dismiss}
        />
        {panel.witnessBadge ? (
          <WitnessPin busy={busy} onSubmit={(pin) => void bedside.witness(pin)} onCancel={() => dispatch({ type: 'witness-badge', raw: null })} />
        ) : null}
        {panel.verdict.alternatives?.length ? (
          <section className="card" aria-labelledby="other-orders">
            <h3 id="other-orders">This pack fits other orders too</h3>
            <p className="hint">The verdict above is for the order that fits worst. Giving it for another order? Check it for that one.</p>
            <ul className="problems">
              {panel.verdict.alternatives.map((a) => (
                <li key={a.prescriptionId} className={a.outcome === 'match' ? 'pass' : a.outcome}>
                  <strong>{a.drugName}</strong> {a.title}{' '}
                  <button type="button" disabled={busy} onClick={() => void bedside.scanForOrder(a.prescriptionId)}>
                    Check for this order
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        </>
      );
    }
    case 'notice': {
      const view = toVerdictView(panel.verdict);
      return (
        <section className={`verdict ${view.outcome}`} role="alert" aria-labelledby="notice-heading">
          <h2 className="heading" id="notice-heading">
            <OutcomeIcon outcome={view.outcome} size={36} />
            {view.outcome === 'stop' ? 'STOP' : view.heading}
          </h2>
          <p className="title">{view.title}</p>
          {view.noticeInstruction ? <p className="instruction">{view.noticeInstruction}</p> : null}
          <ul className="problems">
            {view.problems.map((problem) => (
              <li key={problem.rule} className={problem.outcome}>
                <strong>{problem.label}</strong>
                {/* The headline often is the one problem: not said twice. */}
                {view.title.includes(problem.message) ? null : problem.message}
              </li>
            ))}
          </ul>
          <div className="verdict-actions">
            <button type="button" onClick={dismiss}>
              OK
            </button>
          </div>
        </section>
      );
    }
    case 'given':
      // Deliberately not a green verdict panel: "recorded" must not look like the answer to a new scan.
      return (
        <section className="card given" role="status" aria-labelledby="given-heading">
          <h2 id="given-heading" style={{ fontSize: 22, margin: 0 }}>
            ✓ Recorded as given
          </h2>
          <p style={{ fontSize: 18, margin: '8px 0' }}>
            {panel.administration.doseText} at {formatTime(panel.administration.givenAt, timeZone)}
          </p>
          {panel.replayed ? <p>This was already recorded; it was not counted twice.</p> : null}
          {panel.administration.documentedLate ? <p>Documented late: recorded at {formatTime(panel.administration.documentedAt, timeZone)} with the time it was given.</p> : null}
          <button type="button" onClick={dismiss}>
            Next dose
          </button>
        </section>
      );
    case 'identifying':
      // Nobody's name or chart until the band is identified: the last patient is already gone.
      return (
        <section className="card" role="status" aria-labelledby="identifying-heading">
          <h2 id="identifying-heading" style={{ fontSize: 22, margin: 0 }}>
            Identifying…
          </h2>
          <p style={{ fontSize: 18, margin: '8px 0 0' }}>
            {connectivity.online
              ? 'Checking the wristband with the ward server.'
              : 'The ward server cannot be reached and this wristband is not on the ward list kept on this handheld. Nothing can be checked until it is identified.'}
          </p>
        </section>
      );
    case 'waiting':
      return (
        <section className="card" role="status" aria-labelledby="waiting-heading">
          <h2 id="waiting-heading" style={{ fontSize: 20, margin: 0 }}>
            Not checked yet
          </h2>
          <p>{panel.label}: the server has not seen this scan, so nothing has been checked. Do not give on this scan.</p>
        </section>
      );
    case 'ended':
      return (
        <section className="card" role="status">
          <h2 style={{ fontSize: 20, margin: 0 }}>{panel.reason === 'timeout' ? 'Positive ID timed out' : 'Patient finished'}</h2>
          <p>Scan a wristband to identify the next patient.</p>
        </section>
      );
    case 'replayed':
      return (
        <section className="card" role="status" aria-labelledby="replayed-heading">
          <h2 id="replayed-heading" style={{ fontSize: 20, margin: 0 }}>
            Sent after reconnecting
          </h2>
          <ul aria-label="Sent after reconnecting">
            {panel.results.map((result) => (
              <li key={result.eventId}>
                <strong>{result.outcome === 'given' ? 'RECORDED' : result.outcome.toUpperCase()}</strong> · {result.label}: {result.title}
              </li>
            ))}
          </ul>
          <p>To give a dose, scan the pack again now so it is checked.</p>
          <button type="button" onClick={dismiss}>
            OK
          </button>
        </section>
      );
    case 'transfusion':
      return (
        <TransfusionPanel
          flow={panel.flow}
          issued={records.transfusions.status === 'ready' ? records.transfusions.data.units : []}
          steps={bedside.transfusion}
          online={connectivity.online}
          onOverrideChosen={(reason) => dispatch({ type: 'transfusion', action: { type: 'override-chosen', reason }, at: Date.now() })}
          onRestart={() => dispatch({ type: 'transfusion', action: { type: 'restarted' }, at: Date.now() })}
          onDismiss={dismiss}
        />
      );
    case 'device':
      return state.patient ? (
        <DevicePanel
          device={panel.device}
          patient={state.patient}
          running={records.transfusions.status === 'ready' ? records.transfusions.data.running : []}
          online={connectivity.online}
          busy={bedside.equipment.busy}
          error={bedside.equipment.error}
          onPurposeChosen={(purpose) => dispatch({ type: 'device', action: { type: 'purpose-chosen', purpose }, at: Date.now() })}
          onAssign={() => void bedside.equipment.assign()}
          onDismiss={dismiss}
        />
      ) : null;
    default: {
      const unreachable: never = panel;
      return unreachable;
    }
  }
}
