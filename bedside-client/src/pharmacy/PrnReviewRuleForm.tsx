import { useState, type KeyboardEvent } from 'react';
import { MEDICATION_ROUTES, PRN_REVIEW_MINUTES, type MedicinalProduct } from '@wardscan/shared';
import { errorMessage } from '../api/api-error.js';
import { useServices } from '../services.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { Field } from '../ui/Field.js';
import { draftForm } from './draft-form.js';
import { searchDmd } from './catalogue.resource.js';
import { typedCode, type DraftCode, type RuleDraft, type RuleErrors } from './prn-review.resource.js';

interface Props {
  heading: string;
  draft: RuleDraft;
  errors: RuleErrors;
  busy: boolean;
  onChange: (draft: RuleDraft) => void;
  onSubmit: () => void;
  onCancel: () => void;
}

/** One rule: the drug class's name, its medicines by dm+d code, the routes it covers and the minutes to review. */
export function PrnReviewRuleForm({ heading, draft, errors, busy, onChange, onSubmit, onCancel }: Props) {
  const { set, submit, toggleRoute } = draftForm(draft, onChange, onSubmit);
  const addCode = (code: DraftCode) => {
    if (!draft.codes.some((c) => c.code === code.code)) set('codes', [...draft.codes, code]);
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="prn-rule-heading" noValidate>
      <h3 id="prn-rule-heading" style={{ fontSize: 18, margin: 0 }}>
        {heading}
      </h3>
      <Field id="prn-rule-name" label="Drug class" hint="As the ward calls it, e.g. Opioid analgesics." error={errors.name}>
        {(a11y) => <input id="prn-rule-name" value={draft.name} onChange={(e) => set('name', e.target.value)} {...a11y} />}
      </Field>
      <CodesField codes={draft.codes} error={errors.codes} onAdd={addCode} onRemove={(code) => set('codes', draft.codes.filter((c) => c.code !== code))} />
      <fieldset style={{ border: 'none', padding: 0, margin: '12px 0 0' }} aria-describedby={`prn-rule-routes-hint${errors.routes ? ' prn-rule-routes-error' : ''}`}>
        <legend style={{ fontWeight: 'bold' }}>Routes</legend>
        <p id="prn-rule-routes-hint" className="hint" style={{ margin: 0 }}>
          None ticked: any route.
        </p>
        <div className="checks">
          {MEDICATION_ROUTES.map((route) => (
            <label key={route}>
              <input type="checkbox" checked={draft.routes.includes(route)} onChange={() => toggleRoute(route)} />
              {route}
            </label>
          ))}
        </div>
        {errors.routes ? (
          <p id="prn-rule-routes-error" className="field-error">
            {errors.routes}
          </p>
        ) : null}
      </fieldset>
      <Field id="prn-rule-minutes" label="Review after (minutes)" hint={`Whole minutes after the dose, ${PRN_REVIEW_MINUTES.min} to ${PRN_REVIEW_MINUTES.max}.`} error={errors.minutes}>
        {(a11y) => <input id="prn-rule-minutes" inputMode="numeric" value={draft.minutes} onChange={(e) => set('minutes', e.target.value)} style={{ maxWidth: 160 }} {...a11y} />}
      </Field>
      {errors.form ? <ErrorBox>{errors.form}</ErrorBox> : null}
      <div className="row" style={{ marginTop: 12 }}>
        <button type="submit" className="primary" disabled={busy}>
          Save rule
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

interface CodesProps {
  codes: readonly DraftCode[];
  error: string | undefined;
  onAdd: (code: DraftCode) => void;
  onRemove: (code: string) => void;
}

/** The rule's medicines: found by name in dm+d (its VMP, or its VTM for every product of it), or a code typed. */
function CodesField({ codes, error, onAdd, onRemove }: CodesProps) {
  const { http } = useServices();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<MedicinalProduct[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState<string | null>(null);

  async function find() {
    setSearchError(null);
    if (query.trim().length < 2) return setSearchError('Type at least 2 letters of the name.');
    try {
      setFound(await searchDmd(http, query.trim()));
    } catch (e) {
      setSearchError(`dm+d search failed: ${errorMessage(e)}`);
    }
  }
  function addTyped() {
    const checked = typedCode(typed);
    if (!checked.ok) return setTypedError(checked.error);
    setTypedError(null);
    onAdd({ code: checked.code, level: null, name: null });
    setTyped('');
  }
  // Enter in a search box finds (or adds) rather than saving the rule.
  const onEnter = (action: () => void) => (e: KeyboardEvent) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    action();
  };

  return (
    <fieldset style={{ border: 'none', padding: 0, margin: '12px 0 0' }} aria-describedby={error ? 'prn-rule-codes-error' : undefined}>
      <legend style={{ fontWeight: 'bold' }}>Medicines (dm+d)</legend>
      {codes.length === 0 ? (
        <p className="hint" style={{ margin: 0 }}>
          None yet: find a medicine by name, or type its code.
        </p>
      ) : (
        <ul aria-label="Medicines in this rule" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {codes.map((c) => (
            <li key={c.code} className="row" style={{ justifyContent: 'space-between' }}>
              <span>
                {c.name ?? <em>Checked when saved</em>} <span className="hint">{c.level ? `${c.level.toUpperCase()} ` : 'dm+d '}{c.code}</span>
              </span>
              <button type="button" onClick={() => onRemove(c.code)} aria-label={`Remove ${c.name ?? c.code} from this rule`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {error ? (
        <p id="prn-rule-codes-error" className="field-error">
          {error}
        </p>
      ) : null}
      <label htmlFor="prn-rule-find">Find a medicine in dm+d</label>
      <div className="row">
        <input id="prn-rule-find" type="search" value={query} onChange={(e) => setQuery(e.target.value)} onKeyDown={onEnter(() => void find())} style={{ flex: 1, width: 'auto', minWidth: 0 }} />
        <button type="button" onClick={() => void find()}>
          Find
        </button>
      </div>
      {searchError ? <p className="field-error">{searchError}</p> : null}
      {found?.length === 0 ? <p className="hint">No dm+d product has that name.</p> : null}
      {found && found.length > 0 ? (
        <ul aria-label="Found in dm+d" style={{ listStyle: 'none', padding: 0 }}>
          {found.map((p) => (
            <li key={p.vmp?.code ?? p.name} style={{ margin: '8px 0' }}>
              <div>{p.vmp?.name ?? p.name}</div>
              <div className="row">
                {p.vmp ? (
                  <button type="button" onClick={() => p.vmp && onAdd({ code: p.vmp.code, level: 'vmp', name: p.vmp.name })} aria-label={`Add the product ${p.vmp.name} (VMP)`}>
                    This product
                  </button>
                ) : null}
                {p.vtm ? (
                  <button type="button" onClick={() => p.vtm && onAdd({ code: p.vtm.code, level: 'vtm', name: p.vtm.name })} aria-label={`Add all ${p.vtm.name} (VTM)`}>
                    All {p.vtm.name}
                  </button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      <Field id="prn-rule-code" label="Or type a dm+d code (VTM or VMP)" error={typedError ?? undefined}>
        {(a11y) => (
          <div className="row">
            <input id="prn-rule-code" inputMode="numeric" value={typed} onChange={(e) => setTyped(e.target.value)} onKeyDown={onEnter(addTyped)} style={{ flex: 1, width: 'auto', minWidth: 0 }} {...a11y} />
            <button type="button" onClick={addTyped}>
              Add code
            </button>
          </div>
        )}
      </Field>
    </fieldset>
  );
}
