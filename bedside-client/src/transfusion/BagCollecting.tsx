import { useEffect } from 'react';
import { missingForCheck, type IssuedUnitView } from '@wardscan/shared';
import { playOutcome } from '../nurse/feedback.js';
import { BagReadout } from './BagReadout.js';
import type { TransfusionFlow } from './transfusion-state.js';
import { ErrorBox } from '../ui/ErrorBox.js';

type Collecting = Extract<TransfusionFlow, { step: 'collecting' }>;

const MISSING_WORDS = { din: 'the unit number (DIN)', bloodGroup: 'the blood group label' } as const;
/** Before the refusal: a badge or pump needs none, its message says what it was. */
const REFUSED_WORDS = { conflict: 'Label refused: ', unreadable: 'Label not read: ', 'out-of-turn': '' } as const;

interface Props {
  flow: Collecting;
  /** The units the lab issued to this patient: they name the component of the DIN read. */
  issued: readonly IssuedUnitView[];
  online: boolean;
  busy: boolean;
  error: string | null;
  onCheck: () => void;
  onRestart: () => void;
  onDismiss: () => void;
}

/** The bag's labels as they are scanned, until the unit can be checked. */
export function BagCollecting({ flow, issued, online, busy, error, onCheck, onRestart, onDismiss }: Props) {
  const missing = missingForCheck(flow.unit);
  const { refused } = flow;
  useEffect(() => {
    // A label from another bag is the error the check exists for: it sounds like a stop.
    if (refused) playOutcome(refused.problem === 'conflict' ? 'stop' : 'warning');
  }, [refused]);

  return (
    <section className="card bag-card" aria-labelledby="bag-heading">
      <h2 id="bag-heading">Blood bag check</h2>
      <BagReadout unit={flow.unit} issued={issued} />
      {refused ? <ErrorBox>{REFUSED_WORDS[refused.problem]}{refused.message}</ErrorBox> : null}
      {flow.conflicted ? (
        <p className="blocked">✕ This bag’s labels disagree, so it cannot be checked. Keep other bags away and scan this bag’s labels again from the start.</p>
      ) : (
        <p className="next-step">
          {missing.length > 0
            ? `Next: scan ${missing.map((m) => MISSING_WORDS[m]).join(' and ')} on the bag.`
            : 'Scan the product and expiry labels too if the bag has them, then check the unit.'}
        </p>
      )}
      {online ? null : <p className="blocked">Offline: blood can only be checked with the ward server. Do not start this unit until it is back.</p>}
      {error ? <ErrorBox>{error}</ErrorBox> : null}
      <div className="verdict-actions">
        {flow.conflicted ? (
          <button type="button" className="primary" onClick={onRestart}>
            Start this bag again
          </button>
        ) : (
          <button type="button" className="primary" disabled={missing.length > 0 || !online || busy} onClick={onCheck}>
            Check this unit
          </button>
        )}
        <button type="button" onClick={onDismiss}>
          Put this bag aside
        </button>
      </div>
    </section>
  );
}
