import { TRANSFUSION_OVERRIDE_REASONS, type TransfusionOverrideReason } from '@wardscan/shared';
import { PassedChecks, ProblemList } from '../nurse/CheckLists.js';
import { OutcomeIcon } from '../nurse/OutcomeIcon.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { bloodGroupText, dinText } from '../ui/format.js';
import { ReasonPicker } from '../ui/ReasonPicker.js';
import { COMPONENT_NAMES } from './blood-product.js';
import { startBlock, toTransfusionView } from './transfusion-verdict.js';
import type { TransfusionFlow } from './transfusion-state.js';

type Checked = Extract<TransfusionFlow, { step: 'checked' }>;

interface Props {
  flow: Checked;
  online: boolean;
  busy: boolean;
  error: string | null;
  onOverrideChosen: (reason: TransfusionOverrideReason | null) => void;
  onStart: () => void;
  onDismiss: () => void;
}

/** The server's bedside check of one unit: the same verdict screen as for drugs, in the words of blood. */
export function TransfusionVerdict({ flow, online, busy, error, onOverrideChosen, onStart, onDismiss }: Props) {
  const { check } = flow;
  const view = toTransfusionView(check.verdict);
  const block = startBlock(view, { online, overrideChosen: flow.overrideReason !== null, unitIssued: check.unit !== null });
  const din = check.unit?.din ?? flow.unit.din?.din ?? null;
  const group = flow.unit.bloodGroup;
  const stop = view.outcome === 'stop';
  return (
    <section className={`verdict ${view.outcome}`} role="alert" aria-labelledby="transfusion-verdict-heading">
      <h2 className={view.heading.length > 12 ? 'heading long' : 'heading'} id="transfusion-verdict-heading">
        <OutcomeIcon outcome={view.outcome} />
        {view.heading}
      </h2>
      <p className="title">{view.title}</p>
      {din ? (
        <p className="unit-line">
          Unit {dinText(din)}
          {check.unit ? ` · ${COMPONENT_NAMES[check.unit.component]}` : ''}
          {group ? ` · ${bloodGroupText(group)}` : ''}
        </p>
      ) : null}
      {view.awaitingSecondChecker ? (
        <div className="prompt" role="status">
          <p className="prompt-main">Second checker: scan your badge</p>
          <p>after checking the bag, its label and the wristband with the nurse.</p>
        </div>
      ) : (
        <p className="instruction">{view.instruction}</p>
      )}
      <ProblemList problems={view.problems} title={view.title} />
      {view.secondCheck ? <p className="title">✓ {view.secondCheck}</p> : null}
      {view.needsOverrideReason ? (
        <ReasonPicker
          id="transfusion-override-reason"
          label="Reason for starting despite the warning"
          reasons={TRANSFUSION_OVERRIDE_REASONS}
          value={flow.overrideReason}
          onChange={onOverrideChosen}
        />
      ) : null}
      {/* Quiet: this verdict is itself role alert and announces the failure. */}
      {error ? <ErrorBox quiet>{error}</ErrorBox> : null}
      <div className="verdict-actions">
        {block.canStart ? null : <p className="blocked">{`${stop ? '✕ ' : 'Cannot start yet: '}${block.reason}`}</p>}
        {stop ? null : (
          <button type="button" className="primary" disabled={!block.canStart || busy} onClick={onStart}>
            {view.needsOverrideReason ? '▶ Override and start transfusion' : '▶ Start transfusion'}
          </button>
        )}
        <button type="button" onClick={onDismiss}>
          {stop ? 'Understood – do not transfuse' : 'Not started – back'}
        </button>
      </div>
      {/* On a stop, green ticks in view could be read as "mostly fine": folded away, as for drugs. */}
      <PassedChecks checks={view.passed} showMessages={!stop} />
    </section>
  );
}
