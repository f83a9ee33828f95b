import type { FormEvent } from 'react';
import { RADAR_THRESHOLD_LIMITS, type RadarSettingsInput, type RadarThresholdId, type WardRadarSettings } from '@wardscan/shared';
import { ErrorBox } from '../ui/ErrorBox.js';
import { Field } from '../ui/Field.js';
import { draftOf, fetchRadarSettings, ownOf, RADAR_PATTERN_LABELS, RADAR_THRESHOLD_GROUPS, RADAR_THRESHOLD_IDS, saveRadarSettings, type ThresholdDraft } from './radar.resource.js';
import { useSettingsForm, type SettingsKind } from './useSettingsForm.js';

const RADAR_SETTINGS: SettingsKind<WardRadarSettings, ThresholdDraft, RadarSettingsInput, RadarThresholdId> = {
  load: fetchRadarSettings,
  store: saveRadarSettings,
  draftOf: (view) => draftOf(view.settings),
  keyOfField: (field) => (RADAR_THRESHOLD_IDS.includes(field as RadarThresholdId) ? (field as RadarThresholdId) : null),
};

/**
 * The ward's workaround radar thresholds, for its manager: each in words with
 * its unit and default, saved together (the server judges the ranges and says
 * which field is wrong, shown beside it), or all reset to the defaults.
 * `onSaved` refreshes the radar with the thresholds now in force.
 */
export function RadarSettingsForm({ wardId, onSaved }: { wardId: string; onSaved: () => void }) {
  const { view, draft, setDraft, errors, setErrors, error, done, setDone, busy, save } = useSettingsForm(RADAR_SETTINGS, wardId, onSaved);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!view || !draft) return;
    const result = ownOf(draft, view.defaults);
    if ('errors' in result) {
      setDone(null);
      setErrors(result.errors);
      return;
    }
    void save(result.own, 'Thresholds saved. The radar now uses them.');
  }

  if (!view || !draft) {
    return error ? <ErrorBox>The thresholds could not be loaded: {error}</ErrorBox> : <p role="status">Loading the thresholds…</p>;
  }
  const changed = RADAR_THRESHOLD_IDS.filter((id) => view.own[id] !== undefined).length;
  return (
    // The server is the one judge of the ranges: its message goes beside the field.
    <form onSubmit={submit} noValidate aria-labelledby="radar-settings-heading">
      <h3 id="radar-settings-heading" style={{ fontSize: 18, margin: '8px 0 0' }}>
        Radar thresholds
      </h3>
      <p className="hint" style={{ margin: '2px 0' }}>
        A pattern is flagged when every threshold in its group is reached. {changed === 0 ? 'This ward uses the defaults.' : `This ward has changed ${changed} of them.`}
      </p>
      {RADAR_THRESHOLD_GROUPS.map((group) => (
        <fieldset key={group.pattern} style={{ margin: '8px 0' }}>
          <legend style={{ fontWeight: 'bold' }}>{RADAR_PATTERN_LABELS[group.pattern]}</legend>
          {(Object.entries(group.thresholds) as [RadarThresholdId, { label: string; unit: string }][]).map(([id, words]) => {
            const { min, max, step } = RADAR_THRESHOLD_LIMITS[id];
            return (
              <Field key={id} id={`radar-${id}`} label={`${words.label} (${words.unit})`} hint={`Default ${view.defaults[id]}; ${min} to ${max}.`} error={errors[id]}>
                {(a11y) => (
                  <input
                    id={`radar-${id}`}
                    name={id}
                    type="number"
                    inputMode={step === 1 ? 'numeric' : 'decimal'}
                    min={min}
                    max={max}
                    step={step}
                    value={draft[id]}
                    style={{ maxWidth: '10em' }}
                    onChange={(e) => setDraft({ ...draft, [id]: e.target.value })}
                    {...a11y}
                  />
                )}
              </Field>
            );
          })}
        </fieldset>
      ))}
      {error ? <ErrorBox>The thresholds could not be saved: {error}</ErrorBox> : null}
      {done ? <p role="status">{done}</p> : null}
      <div className="row" style={{ gap: 8 }}>
        <button type="submit" className="primary" disabled={busy}>
          Save thresholds
        </button>
        <button type="button" disabled={busy} onClick={() => void save({}, 'Every threshold is back to its default.')}>
          Reset to defaults
        </button>
      </div>
    </form>
  );
}
