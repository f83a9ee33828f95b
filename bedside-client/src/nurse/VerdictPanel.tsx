import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { NOT_GIVEN_REASONS, OVERRIDE_REASONS, type NotGivenReason, type OverrideReason } from '@wardscan/shared';
import { errorMessage } from '../api/api-error.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { formatTime } from '../ui/format.js';
import { useWardTimeZone } from './ward-clock.js';
import { ReasonPicker } from '../ui/ReasonPicker.js';
import { PassedChecks, ProblemList } from './CheckLists.js';
import { DoseChooser } from './DoseChooser.js';
import { OutcomeIcon } from './OutcomeIcon.js';
import { useVerdictNotGiven, type RecordNotGiven, type ScheduledDose } from './useVerdictNotGiven.js';
import type { ConfirmBlock, VerdictView } from './verdict.resource.js';
import { verdictShown } from './verdict-signal.js';

interface Props {
  view: VerdictView;
  overrideReason: OverrideReason | null;
  onOverrideChosen: (reason: OverrideReason | null) => void;
  /** For an as-needed dose: what it is for, asked before it is confirmed. */
  indication?: { value: string; onChange: (text: string) => void } | undefined;
  /** For a range order (`view.doseChoice`): the dose the nurse chooses, asked before it is confirmed. */
  chosenDose?: { value: string; onChange: (text: string) => void } | undefined;
  block: ConfirmBlock;
  busy: boolean;
  onConfirm: () => void;
  onDismiss: () => void;
  /**
   * The scheduled dose the pack was checked for (the verdict's
   * `prescriptionId` and `slotAt`): offered to document as not given.
   * Absent for an as-needed order, which has no dose to document.
   */
  scheduledDose?: ScheduledDose | undefined;
  /** Records the dose as not given; without it the panel posts it itself (POST /api/not-given). */
  onNotGiven?: RecordNotGiven | undefined;
}

/** The answer to a pack scan. Match, warning and stop differ in colour, icon, word, sound and vibration. */
export function VerdictPanel({ view, overrideReason, onOverrideChosen, indication, chosenDose, block, busy, onConfirm, onDismiss, scheduledDose, onNotGiven }: Props) {
  const section = useRef<HTMLElement>(null);
  const key = verdictKey(view);
  const postNotGiven = useVerdictNotGiven(scheduledDose);
  const recordNotGiven = onNotGiven ?? postNotGiven;
  const [documenting, setDocumenting] = useState<{ key: string; recorded: string | null } | null>(null);
  const notGiven = documenting?.key === key ? documenting : null;
  const canDocument = (view.outcome === 'match' || view.outcome === 'warning') && recordNotGiven !== null;

  // A new verdict folds the patient banner (before it is painted), then is brought into view if it is not.
  useLayoutEffect(() => verdictShown(), [key]);
  useEffect(() => {
    if (typeof requestAnimationFrame !== 'function') return;
    const frame = requestAnimationFrame(() => bringIntoView(section.current));
    return () => cancelAnimationFrame(frame);
  }, [key]);

  return (
    <section ref={section} className={`verdict ${view.outcome}`} aria-labelledby="verdict-heading" role="alert">
      <h2 className="heading" id="verdict-heading">
        <OutcomeIcon outcome={view.outcome} size={40} />
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
      {notGiven ? (
        <NotGivenForm
          key={key}
          slotAt={scheduledDose?.slotAt ?? null}
          recorded={notGiven.recorded}
          record={async (reason, note) => {
            if (!recordNotGiven) return;
            await recordNotGiven(reason, note);
            setDocumenting({ key, recorded: `${NOT_GIVEN_REASONS[reason]}${note ? `: ${note}` : ''}` });
          }}
          onCancel={() => setDocumenting(null)}
          onBack={onDismiss}
        />
      ) : (
        <>
          {view.doseChoice && chosenDose && view.outcome !== 'stop' && view.outcome !== 'info' ? (
            <DoseChooser choice={view.doseChoice} value={chosenDose.value} onChange={chosenDose.onChange} />
          ) : null}
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
            {canDocument ? (
              <button type="button" onClick={() => setDocumenting({ key, recorded: null })}>
                Not given…
              </button>
            ) : null}
            <button type="button" onClick={onDismiss}>
              {view.outcome === 'stop' ? 'Understood – not given' : 'Back'}
            </button>
          </div>
        </>
      )}
      <PassedChecks checks={view.passed} />
    </section>
  );
}

/** Documenting the dose as not given, with the coded reasons of UK drug charts; then what was recorded. */
function NotGivenForm({
  slotAt,
  recorded,
  record,
  onCancel,
  onBack,
}: {
  slotAt: string | null;
  recorded: string | null;
  record: RecordNotGiven;
  onCancel: () => void;
  onBack: () => void;
}) {
  const [reason, setReason] = useState<NotGivenReason | null>(null);
  const [note, setNote] = useState('');
  // The button that opened the form is gone: the reason is next.
  useEffect(() => document.getElementById('verdict-not-given-reason')?.focus(), []);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const noteNeeded = reason === 'other' && note.trim() === '';
  const timeZone = useWardTimeZone();
  const dose = slotAt ? `the ${formatTime(slotAt, timeZone)} dose` : 'this dose';
  if (recorded !== null) {
    return (
      <div className="verdict-actions">
        <p className="recorded" role="status">
          ✓ Recorded {dose} as not given: {recorded}
        </p>
        <button type="button" onClick={onBack}>
          Back
        </button>
      </div>
    );
  }
  return (
    <form
      className="not-given"
      aria-label="Document as not given"
      onSubmit={(event) => {
        event.preventDefault();
        if (!reason || noteNeeded || sending) return;
        setSending(true);
        setError(null);
        record(reason, note.trim())
          .catch((caught: unknown) => setError(`Not recorded: ${errorMessage(caught)}`))
          .finally(() => setSending(false));
      }}
    >
      <ReasonPicker id="verdict-not-given-reason" label={`Why was ${dose} not given?`} reasons={NOT_GIVEN_REASONS} value={reason} onChange={setReason} />
      <label htmlFor="verdict-not-given-note" style={{ color: 'inherit' }}>
        Note{reason === 'other' ? ' (required)' : ' (optional)'}
      </label>
      <input id="verdict-not-given-note" value={note} maxLength={500} onChange={(event) => setNote(event.target.value)} />
      {error ? <ErrorBox quiet>{error}</ErrorBox> : null}
      <div className="verdict-actions">
        <button type="submit" className="primary" disabled={!reason || noteNeeded || sending}>
          Record not given
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** What makes one verdict another: a new scan with a different answer. */
function verdictKey(view: VerdictView): string {
  return [view.outcome, view.title, view.doseText ?? '', ...view.problems.map((problem) => problem.rule)].join('|');
}

/**
 * Scrolls so the verdict starts just under the sticky patient banner when
 * its top is hidden (the nurse had scrolled down the chart) or its first
 * action is below the fold: the verdict word, the dose and the action are
 * read without scrolling.
 */
function bringIntoView(section: HTMLElement | null): void {
  if (!section) return;
  const banner = document.querySelector<HTMLElement>('.banner');
  const covered = banner ? Math.max(0, banner.getBoundingClientRect().bottom) : 0;
  const top = section.getBoundingClientRect().top;
  const action = section.querySelector('.verdict-actions button');
  const bottom = action ? action.getBoundingClientRect().bottom : top;
  if (top >= covered && bottom <= window.innerHeight) return;
  // Once scrolled, the banner sticks to the top of the screen: the verdict goes just below it.
  window.scrollBy({ top: top - (banner?.offsetHeight ?? 0) - 8, behavior: 'instant' });
}
