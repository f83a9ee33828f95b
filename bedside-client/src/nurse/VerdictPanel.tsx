import { OVERRIDE_REASONS, type OverrideReason } from '@wardscan/shared';
import { ReasonPicker } from '../ui/ReasonPicker.js';
import { PassedChecks, ProblemList } from './CheckLists.js';
import { OutcomeIcon } from './OutcomeIcon.js';
import type { ConfirmBlock, VerdictView } from './verdict.resource.js';

interface Props {
  view: VerdictView;
  overrideReason: OverrideReason | null;
  onOverrideChosen: (reason: OverrideReason | null) => void;
  /** For an as-needed dose: what it is for, asked before it is confirmed. */
  indication?: { value: string; onChange: (text: string) => void } | undefined;
  block: ConfirmBlock;
  busy: boolean;
  onConfirm: () => void;
  onDismiss: () => void;
}

/** The answer to a pack scan. Match, warning and stop differ in colour, icon, word, sound and vibration. */
export function VerdictPanel({ view, overrideReason, onOverrideChosen, indication, block, busy, onConfirm, onDismiss }: Props) {
  return (
    <section className={`verdict ${view.outcome}`} aria-labelledby="verdict-heading" role="alert">
      <h2 className="heading" id="verdict-heading">
        <OutcomeIcon outcome={view.outcome} />
        {view.heading}
      </h2>
      <p className="title">{view.title}</p>
      {view.doseText && view.outcome !== 'stop' ? (
        <p className="dose" aria-label="Dose to give">
          Give: {view.doseText}
        </p>
      ) : null}
      <p className="instruction">{view.instruction}</p>
      <ProblemList problems={view.problems} title={view.title} />
      {view.witness === 'done' ? <p className="title">✓ Witnessed{view.witnessName ? ` by ${view.witnessName}` : ''}</p> : null}
      {view.needsOverrideReason ? (
        <ReasonPicker
          id="override-reason"
          label="Reason for giving despite the warning"
          reasons={OVERRIDE_REASONS}
          value={overrideReason}
          onChange={onOverrideChosen}
        />
      ) : null}
      {indication ? (
        <div>
          <label htmlFor="prn-indication" style={{ color: 'inherit' }}>
            What is this dose for? (e.g. pain 6/10, nausea)
          </label>
          <input id="prn-indication" value={indication.value} maxLength={200} onChange={(event) => indication.onChange(event.target.value)} />
        </div>
      ) : null}
      <div className="verdict-actions">
        {block.canConfirm ? null : (
          <p className="blocked">{`${view.outcome === 'stop' ? '✕ ' : 'Cannot confirm yet: '}${block.reason}`}</p>
        )}
        {view.outcome === 'stop' || view.outcome === 'info' ? null : (
          <button type="button" className="primary" disabled={!block.canConfirm || busy} onClick={onConfirm}>
            {view.needsOverrideReason ? '✓ Override and confirm given' : '✓ Confirm given'}
          </button>
        )}
        <button type="button" onClick={onDismiss}>
          {view.outcome === 'stop' ? 'Understood – not given' : 'Not given – back'}
        </button>
      </div>
      <PassedChecks checks={view.passed} />
    </section>
  );
}
