import { chosenDoseProblem, type DoseChoice } from '@wardscan/shared';

interface Props {
  choice: DoseChoice;
  value: string;
  onChange: (text: string) => void;
}

/**
 * For an order given as a range (issue 13): the nurse enters the dose to give
 * before "Confirm given", in the range's unit, with the bounds and how this
 * pack makes each end beside it. Each end is one tap (the common choices, one
 * thumb, no keyboard); anything else is typed. A dose outside the range is
 * refused here in words, and again by the server.
 */
export function DoseChooser({ choice, value, onChange }: Props) {
  const problem = value.trim() === '' ? null : chosenDoseProblem(value, choice);
  const unit = choice.unit;
  const end = (which: 'low' | 'high') => {
    const amount = choice[which];
    const made = choice.fromPack[which];
    const chosen = value.trim() === amount;
    // The end chosen is filled dark with a tick, not told by colour alone; the tick is not read out (aria-pressed says it).
    const look = chosen ? { background: 'var(--dark-blue)', color: 'var(--white)' } : {};
    return (
      <button type="button" aria-pressed={chosen} onClick={() => onChange(amount)} style={{ minHeight: 56, flex: 1, padding: '2px 6px', ...look }}>
        {chosen ? <span aria-hidden="true">✓ </span> : null}
        {amount} {unit}
        <span className={chosen ? undefined : 'hint'} style={{ display: 'block', fontSize: 14 }}>
          {made ?? 'not made exactly by this pack'}
        </span>
      </button>
    );
  };
  return (
    <div className="dose" role="group" aria-labelledby="dose-choice-label">
      <label id="dose-choice-label" htmlFor="dose-choice" style={{ color: 'inherit', marginTop: 0 }}>
        Dose to give: choose from {choice.low} to {choice.high} {unit}
      </label>
      <div style={{ display: 'flex', gap: 8, margin: '4px 0 8px' }}>
        {end('low')}
        {end('high')}
      </div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
        <input
          id="dose-choice"
          inputMode="decimal"
          autoComplete="off"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={problem !== null}
          aria-describedby={problem ? 'dose-choice-problem' : undefined}
          style={{ flex: 1, minWidth: 0, fontSize: 22, minHeight: 48 }}
        />
        <span aria-hidden="true" style={{ fontSize: 20 }}>
          {unit}
        </span>
      </div>
      {problem ? (
        <p id="dose-choice-problem" className="blocked" role="status" style={{ fontSize: 15, margin: '6px 0 0' }}>
          ✕ {problem}
        </p>
      ) : null}
    </div>
  );
}
