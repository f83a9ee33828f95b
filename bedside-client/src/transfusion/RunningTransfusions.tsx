import { useState } from 'react';
import { TRANSFUSION_END_OUTCOMES, type PatientTransfusions, type Transfusion } from '@wardscan/shared';
import type { Loadable } from '../api/loadable.js';
import { useWardTimeZone } from '../nurse/ward-clock.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { bloodGroupText, dinText, formatTime } from '../ui/format.js';
import type { EndOutcome } from './useTransfusionSteps.js';

const END_WORDS: Record<EndOutcome, string> = {
  completed: 'Completed',
  'stopped-reaction': 'Stopped: suspected transfusion reaction',
  'stopped-other': 'Stopped: other reason',
};

const COMPONENT_WORDS = { 'red-cells': 'red cells', plasma: 'plasma', platelets: 'platelets' } as const;

interface Props {
  record: Loadable<PatientTransfusions>;
  online: boolean;
  /** Resolves to the failure in words, or null once the server has recorded the end. */
  onEnd: (transfusionId: string, outcome: EndOutcome) => Promise<string | null>;
}

/** The patient's blood: group on record, orders, and any transfusion running now, which can be ended here. */
export function RunningTransfusions({ record, online, onEnd }: Props) {
  const [ended, setEnded] = useState<{ din: string; outcome: EndOutcome } | null>(null);
  if (record.status === 'loading') return null;
  if (record.status === 'error') {
    return <ErrorBox>Blood transfusions could not be loaded: {record.message}</ErrorBox>;
  }
  const { bloodGroup, orders, units, running } = record.data;
  const activeOrders = orders.filter((order) => order.status === 'active');
  // A patient with no blood ordered, issued or running: nothing to show on every other round.
  if (activeOrders.length === 0 && units.length === 0 && running.length === 0 && !ended) return null;
  return (
    <section className="card blood-record" aria-labelledby="blood-heading">
      <h2 id="blood-heading">Blood transfusion</h2>
      <p>{bloodGroup ? `Blood group on record: ${bloodGroupText(bloodGroup)}` : 'No blood group on record: ask the transfusion lab.'}</p>
      {activeOrders.map((order) => (
        <p key={order.id} className="hint">
          Ordered: {order.units} {order.units === 1 ? 'unit' : 'units'} of {COMPONENT_WORDS[order.component]}
          {order.requirements.length > 0 ? ` (${order.requirements.join(', ')})` : ''}
        </p>
      ))}
      {ended ? (
        <p className="ended" role="status">
          ✓ Ended: unit {dinText(ended.din)} – {END_WORDS[ended.outcome]}.
          {ended.outcome === 'stopped-reaction' ? ' Keep the bag and giving set; tell the doctor and the transfusion lab now.' : ''}
        </p>
      ) : null}
      {running.length === 0 ? (
        <p>No transfusion running.</p>
      ) : (
        <ul className="running" aria-label="Transfusions running">
          {running.map((transfusion) => (
            <RunningItem
              key={transfusion.id}
              transfusion={transfusion}
              online={online}
              onEnd={async (outcome) => {
                const failure = await onEnd(transfusion.id, outcome);
                if (failure === null) setEnded({ din: transfusion.din, outcome });
                return failure;
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function RunningItem({ transfusion, online, onEnd }: { transfusion: Transfusion; online: boolean; onEnd: (outcome: EndOutcome) => Promise<string | null> }) {
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<EndOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = `end-${transfusion.id}`;
  const timeZone = useWardTimeZone();

  async function record() {
    if (!outcome) return;
    setBusy(true);
    setError(await onEnd(outcome));
    setBusy(false);
  }

  return (
    <li>
      <p className="running-line">
        <strong>TRANSFUSING</strong> · unit {dinText(transfusion.din)} · started {formatTime(transfusion.startedAt, timeZone)}
      </p>
      {open ? (
        <fieldset className="choices">
          <legend>How did the transfusion end?</legend>
          {TRANSFUSION_END_OUTCOMES.map((value) => (
            <label key={value}>
              <input type="radio" name={name} value={value} checked={outcome === value} onChange={() => setOutcome(value)} />
              {END_WORDS[value]}
            </label>
          ))}
          {online ? null : <p className="blocked">Offline: the end can only be recorded with the ward server.</p>}
          {error ? <ErrorBox>{error}</ErrorBox> : null}
          <div className="verdict-actions">
            <button type="button" className="primary" disabled={!outcome || !online || busy} onClick={() => void record()}>
              Record the end
            </button>
            <button type="button" onClick={() => (setOpen(false), setOutcome(null), setError(null))}>
              Cancel
            </button>
          </div>
        </fieldset>
      ) : (
        <button type="button" onClick={() => setOpen(true)}>
          End transfusion
        </button>
      )}
    </li>
  );
}
