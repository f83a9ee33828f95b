import { useEffect, useState } from 'react';
import type { PrnReviewRule, PrnReviewRuleInput, PrnReviewRules } from '@wardscan/shared';
import { ApiError, errorMessage } from '../api/api-error.js';
import { useServices } from '../services.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { formatDateTime } from '../ui/format.js';
import { PrnReviewRuleForm } from './PrnReviewRuleForm.js';
import {
  draftOfRule,
  emptyRuleDraft,
  getPrnReviewRules,
  inputOfRule,
  putPrnReviewRules,
  routesText,
  ruleFieldFor,
  toRuleInput,
  type RuleDraft,
  type RuleErrors,
} from './prn-review.resource.js';

/** Which rule is open: `index` null for a new one. */
type Editing = { index: number | null; draft: RuleDraft; errors: RuleErrors } | null;

/**
 * PRN effect reviews (issue 12): how long after an as-needed dose the ward is
 * asked to review its effect, per drug class. Each change saves the whole
 * list at once, so what is on screen is what the wards follow.
 */
export function PrnReviewPanel() {
  const { http } = useServices();
  const [state, setState] = useState<PrnReviewRules | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [removing, setRemoving] = useState<number | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    getPrnReviewRules(http).then(
      (rules) => {
        setState(rules);
        setLoadError(null);
      },
      (error: unknown) => setLoadError(errorMessage(error)),
    );
  }, [http]);

  const inputsWith = (rules: readonly PrnReviewRule[], index: number | null, rule: PrnReviewRuleInput | null): PrnReviewRuleInput[] => {
    const inputs = rules.map(inputOfRule);
    if (index === null) return rule ? [...inputs, rule] : inputs;
    return rule ? inputs.map((r, i) => (i === index ? rule : r)) : inputs.filter((_, i) => i !== index);
  };

  async function saveRule() {
    if (!editing || !state) return;
    const checked = toRuleInput(editing.draft);
    if (!checked.ok) return setEditing({ ...editing, errors: checked.errors });
    setBusy(true);
    try {
      setState(await putPrnReviewRules(http, inputsWith(state.rules, editing.index, checked.input)));
      setEditing(null);
      setSaved(`Saved ${checked.input.name}: reviewed ${checked.input.minutes} minutes after a dose.`);
    } catch (error) {
      // An error about this rule goes beside its field; any other (another rule, the network) above the buttons.
      const wire = error instanceof ApiError && error.field ? error.field : null;
      const ruleIndex = wire?.startsWith('rules.') ? Number(wire.split('.')[1]) : null;
      const mine = ruleIndex === (editing.index ?? state.rules.length);
      const field = wire && mine ? ruleFieldFor(wire) : null;
      // Beside its field, the field needs no naming: "rules.0.codes.1: …" reads as "…".
      const message = field ? errorMessage(error).replace(/^rules\.\d+\.[\w.]+: /, '') : errorMessage(error);
      setEditing({ ...editing, errors: { [field ?? 'form']: message } });
    } finally {
      setBusy(false);
    }
  }

  async function remove(index: number) {
    if (!state) return;
    const name = state.rules[index]?.name ?? '';
    setBusy(true);
    setRemoveError(null);
    try {
      setState(await putPrnReviewRules(http, inputsWith(state.rules, index, null)));
      setRemoving(null);
      setSaved(`Removed ${name}.`);
    } catch (error) {
      setRemoveError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  const open = (index: number | null) => {
    setSaved(null);
    setRemoving(null);
    setEditing({ index, draft: index === null || !state?.rules[index] ? emptyRuleDraft() : draftOfRule(state.rules[index]), errors: {} });
  };

  return (
    <section className="card" aria-labelledby="prn-reviews-heading">
      <h2 id="prn-reviews-heading" style={{ fontSize: 20, margin: 0 }}>
        PRN effect reviews
      </h2>
      <p className="hint" style={{ margin: '4px 0' }}>
        How long after an as-needed dose its effect is reviewed on the round.
        {state ? ` Medicines no rule covers: ${state.defaults.injection} minutes after an injection (IV, IM, SC), ${state.defaults.other} otherwise.` : null} Where
        several rules cover an order, the most specific wins (a product over a VTM, then a named route over any route); if still equal, the shortest time.
      </p>
      {loadError ? <ErrorBox>PRN effect reviews could not be loaded: {loadError}</ErrorBox> : null}
      {!state && !loadError ? <p role="status">Loading PRN effect reviews…</p> : null}
      {saved ? <p role="status">✓ {saved}</p> : null}
      {state?.rules.length === 0 ? <p>No rules: every medicine is reviewed at the default time.</p> : null}
      {state && state.rules.length > 0 ? (
        <ul aria-label="PRN review rules" style={{ listStyle: 'none', padding: 0 }}>
          {state.rules.map((rule, index) => (
            <li key={rule.id} className="card" style={{ margin: '8px 0' }}>
              <strong>{rule.name}</strong>: {rule.minutes} minutes after a dose, {routesText(rule.routes)}
              <div className="hint">{rule.codes.map((c) => `${c.name} (${c.level.toUpperCase()} ${c.code})`).join(' · ')}</div>
              {removing === index ? (
                <div role="group" aria-label={`Remove ${rule.name}?`}>
                  <p style={{ margin: '8px 0' }}>Remove {rule.name}? The medicines it covers go back to the default time.</p>
                  {removeError ? <ErrorBox>{removeError}</ErrorBox> : null}
                  <div className="row">
                    <button type="button" className="primary" disabled={busy} onClick={() => void remove(index)}>
                      Yes, remove
                    </button>
                    <button type="button" onClick={() => setRemoving(null)}>
                      Keep it
                    </button>
                  </div>
                </div>
              ) : (
                <div className="row" style={{ marginTop: 8 }}>
                  <button type="button" onClick={() => open(index)} aria-label={`Edit ${rule.name}`}>
                    Edit
                  </button>
                  <button
                    type="button"
                    onClick={() => {
                      setEditing(null);
                      setRemoveError(null);
                      setRemoving(index);
                    }}
                    aria-label={`Remove ${rule.name}`}
                  >
                    Remove
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {editing ? (
        <PrnReviewRuleForm
          heading={editing.index === null ? 'New rule' : `Edit rule: ${state?.rules[editing.index]?.name ?? ''}`}
          draft={editing.draft}
          errors={editing.errors}
          busy={busy}
          onChange={(draft) => setEditing({ ...editing, draft })}
          onSubmit={() => void saveRule()}
          onCancel={() => setEditing(null)}
        />
      ) : state ? (
        <button type="button" onClick={() => open(null)}>
          Add a rule
        </button>
      ) : null}
      {state?.updatedAt ? (
        <p className="hint">
          Last set {formatDateTime(state.updatedAt)}
          {state.updatedBy ? ` by ${state.updatedBy}` : ''}.
        </p>
      ) : null}
    </section>
  );
}
