import type { FormEvent } from 'react';
import { DEFAULT_ROUND_TIMES, type RoundTimesInput, type WardRoundTimes } from '@wardscan/shared';
import { ErrorBox } from '../ui/ErrorBox.js';
import {
  changeOf,
  draftOf,
  fetchRoundTimes,
  lineOfField,
  ROUND_TIMES_GROUPS,
  saveRoundTimes,
  timesOfLine,
  type RoundTimesDraft,
  type RoundTimesLine,
  type RoundTimesLineKey,
} from './round-times.resource.js';
import { useSettingsForm, type SettingsKind } from './useSettingsForm.js';

const ROUND_TIMES: SettingsKind<WardRoundTimes, RoundTimesDraft, RoundTimesInput, RoundTimesLineKey> = {
  load: fetchRoundTimes,
  store: saveRoundTimes,
  draftOf: (view) => draftOf(view.times),
  keyOfField: lineOfField,
};

const inWords = (times: readonly string[]) => (times.length === 1 ? times[0] : `${times.slice(0, -1).join(', ')} and ${times.at(-1)}`);
const domId = (key: RoundTimesLineKey) => `round-times-${key.replace('.', '-')}`;

/** One line: its times as 24-hour HH:MM inputs, the default under its name, the server's refusal beside it. */
function TimesLine({ line, times, error, onChange }: { line: RoundTimesLine; times: string[]; error: string | undefined; onChange: (times: string[]) => void }) {
  const id = domId(line.key);
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  const single = times.length === 1;
  const inputs = times.map((time, i) => (
    <input
      key={i}
      id={single ? id : `${id}-${i + 1}`}
      // Text, not type="time": Chromium shows that in the device's 12-hour clock (08:00 PM beside a hint of 20:00).
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder="HH:MM"
      maxLength={5}
      value={time}
      {...(single ? {} : { 'aria-label': `${line.label}, time ${i + 1}` })}
      aria-describedby={describedBy}
      {...(error ? { 'aria-invalid': true } : {})}
      style={{ maxWidth: '6em' }}
      onChange={(e) => onChange(times.map((t, j) => (j === i ? e.target.value : t)))}
    />
  ));
  return (
    <div role={single ? undefined : 'group'} aria-labelledby={single ? undefined : `${id}-label`} style={{ margin: '6px 0' }}>
      {single ? (
        <label htmlFor={id}>{line.label}</label>
      ) : (
        <span id={`${id}-label`} style={{ display: 'block', fontWeight: 'bold', margin: '12px 0 4px' }}>
          {line.label}
        </span>
      )}
      <p id={`${id}-hint`} className="hint" style={{ margin: '0 0 4px' }}>
        Default {inWords(timesOfLine(DEFAULT_ROUND_TIMES, line))}.
      </p>
      <div className="row" style={{ gap: 8, flexWrap: 'wrap' }}>
        {inputs}
      </div>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The ward's standard drug round times (issue 13), for its manager: the
 * clock times an order given as BD, every 8 hours or "before breakfast" is
 * charted at. Save sends only the lines changed; the server judges them and
 * names the line it refuses, shown beside it.
 */
export function RoundTimesForm({ wardId }: { wardId: string | null }) {
  const { view, draft, setDraft, errors, setErrors, error, done, setDone, busy, save } = useSettingsForm(ROUND_TIMES, wardId);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!view || !draft) return;
    const result = changeOf(draft, view.times);
    setDone(null);
    if ('errors' in result) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    if (!result.change) {
      setDone('Nothing changed: no times were sent.');
      return;
    }
    void save(result.change, 'Round times saved. Orders the EPR sends from now on are charted at them.');
  }

  if (!wardId) return null;
  let body;
  if (!view || !draft) {
    body = error ? <ErrorBox>The round times could not be loaded: {error}</ErrorBox> : <p role="status">Loading the round times…</p>;
  } else {
    body = (
      <form onSubmit={submit} noValidate aria-labelledby="round-times-heading">
        <p className="hint" style={{ margin: '2px 0' }}>
          An order that gives no clock times of its own (BD, every 8 hours, before breakfast…) is charted at these times.{' '}
          {view.own ? 'This ward has set its own times.' : "This ward uses the trust's standard times."}
        </p>
        <p style={{ margin: '2px 0' }}>Orders already charted keep their times until the EPR sends them again.</p>
        {ROUND_TIMES_GROUPS.map((group) => (
          <fieldset key={group.legend} style={{ margin: '8px 0' }}>
            <legend style={{ fontWeight: 'bold' }}>{group.legend}</legend>
            {group.lines.map((line) => (
              <TimesLine key={line.key} line={line} times={draft[line.key]} error={errors[line.key]} onChange={(times) => setDraft({ ...draft, [line.key]: times })} />
            ))}
          </fieldset>
        ))}
        {error ? <ErrorBox>The round times could not be saved: {error}</ErrorBox> : null}
        {done ? <p role="status">{done}</p> : null}
        <div className="row" style={{ gap: 8 }}>
          <button type="submit" className="primary" disabled={busy}>
            Save round times
          </button>
          <button type="button" disabled={busy} onClick={() => void save({ reset: true }, "Every line is back to the trust's standard times.")}>
            Reset to defaults
          </button>
        </div>
      </form>
    );
  }
  return (
    <section aria-labelledby="round-times-heading">
      <h2 id="round-times-heading" style={{ fontSize: 20, margin: '12px 0 0' }}>
        Standard drug round times
      </h2>
      {body}
    </section>
  );
}
