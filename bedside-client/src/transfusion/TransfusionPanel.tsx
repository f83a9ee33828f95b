import type { IssuedUnitView, TransfusionOverrideReason } from '@wardscan/shared';
import { useWardTimeZone } from '../nurse/ward-clock.js';
import { dinText, formatTime } from '../ui/format.js';
import { BagCollecting } from './BagCollecting.js';
import type { TransfusionFlow } from './transfusion-state.js';
import { TransfusionVerdict } from './TransfusionVerdict.js';
import type { TransfusionSteps } from './useTransfusionSteps.js';

interface Props {
  flow: TransfusionFlow;
  /** The units the lab issued to this patient (none while they load). */
  issued: readonly IssuedUnitView[];
  steps: Pick<TransfusionSteps, 'busy' | 'error' | 'check' | 'start'>;
  online: boolean;
  onOverrideChosen: (reason: TransfusionOverrideReason | null) => void;
  onRestart: () => void;
  onDismiss: () => void;
}

/** One blood bag at the bedside: its labels, the server's check, then the start. */
export function TransfusionPanel({ flow, issued, steps, online, onOverrideChosen, onRestart, onDismiss }: Props) {
  const timeZone = useWardTimeZone();
  switch (flow.step) {
    case 'collecting':
      return (
        <BagCollecting
          flow={flow}
          issued={issued}
          online={online}
          busy={steps.busy}
          error={steps.error}
          onCheck={() => void steps.check()}
          onRestart={onRestart}
          onDismiss={onDismiss}
        />
      );
    case 'checked':
      return (
        <TransfusionVerdict
          flow={flow}
          online={online}
          busy={steps.busy}
          error={steps.error}
          onOverrideChosen={onOverrideChosen}
          onStart={() => void steps.start()}
          onDismiss={onDismiss}
        />
      );
    case 'started':
      // Not a green verdict: "recorded" must not look like the answer to a new scan.
      return (
        <section className="card given" role="status" aria-labelledby="started-heading">
          <h2 id="started-heading" style={{ fontSize: 22, margin: 0 }}>
            ✓ Transfusion started
          </h2>
          <p style={{ fontSize: 18, margin: '8px 0' }}>
            Unit {dinText(flow.transfusion.din)} at {formatTime(flow.transfusion.startedAt, timeZone)}
          </p>
          {flow.replayed ? <p>This start was already recorded; it was not counted twice.</p> : null}
          <p>Take the patient’s observations 15 minutes after the start. To link the pump, scan its asset tag now.</p>
          <button type="button" onClick={onDismiss}>
            Done
          </button>
        </section>
      );
    default: {
      const unreachable: never = flow;
      return unreachable;
    }
  }
}
