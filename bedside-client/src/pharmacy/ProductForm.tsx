import { DOSE_FORMS, DOSE_UNITS, MEDICATION_ROUTES, type DoseForm, type DoseUnit } from '@wardscan/shared';
import { Field } from '../ui/Field.js';
import { draftForm } from './draft-form.js';
import type { FieldErrors, ProductDraft } from './catalogue.resource.js';

interface Props {
  heading: string;
  draft: ProductDraft;
  errors: FieldErrors;
  busy: boolean;
  onChange: (draft: ProductDraft) => void;
  onSubmit: () => void;
  onCancel: () => void;
}

/** Add or edit a product: its GTINs, what it is, its strength, form and routes, and whether it is high-alert. */
export function ProductForm({ heading, draft, errors, busy, onChange, onSubmit, onCancel }: Props) {
  const { set, submit, toggleRoute } = draftForm(draft, onChange, onSubmit);

  return (
    <form className="card" onSubmit={submit} aria-labelledby="product-form-heading" noValidate>
      <h2 id="product-form-heading" style={{ fontSize: 20, margin: 0 }}>
        {heading}
      </h2>
      <Field id="product-name" label="Name" error={errors.name}>
        {(a11y) => <input id="product-name" value={draft.name} onChange={(e) => set('name', e.target.value)} {...a11y} />}
      </Field>
      <Field id="product-gtins" label="GTINs" hint="One per line; scan a pack to add its GTIN." error={errors.gtins}>
        {(a11y) => (
          <textarea id="product-gtins" rows={3} value={draft.gtins} onChange={(e) => set('gtins', e.target.value)} style={{ width: '100%', fontSize: 16 }} {...a11y} />
        )}
      </Field>
      <Field id="product-kind" label="Kind" error={errors.kind}>
        {(a11y) => (
          <select id="product-kind" value={draft.kind} onChange={(e) => set('kind', e.target.value as ProductDraft['kind'])} {...a11y}>
            <option value="drug">Drug</option>
            <option value="device">Device</option>
          </select>
        )}
      </Field>
      <Field id="product-dmd" label="dm+d code (VMP)" hint="The generic product in dm+d: its ingredients, strength and routes come from there." error={errors.dmdCode}>
        {(a11y) => <input id="product-dmd" inputMode="numeric" value={draft.dmdCode} onChange={(e) => set('dmdCode', e.target.value)} {...a11y} />}
      </Field>
      <p className="hint">Only for a product with no dm+d code: checked by reading the label, never by barcode.</p>
      <Field id="product-drug" label="Generic drug" hint="In words, e.g. paracetamol." error={errors.drug}>
        {(a11y) => <input id="product-drug" value={draft.drug} onChange={(e) => set('drug', e.target.value)} {...a11y} />}
      </Field>
      <QuantityFields
        id="product-strength"
        label="Strength"
        hint="Exact decimal, e.g. 500 or 2.5"
        unitLabel="Unit"
        value={draft.strengthValue}
        unit={draft.strengthUnit}
        error={errors.strengthValue}
        onValue={(v) => set('strengthValue', v)}
        onUnit={(u) => set('strengthUnit', u)}
      />
      <QuantityFields
        id="product-per"
        label="Per"
        hint="What the strength is per: 1 tablet, 2 mL…"
        unitLabel="Per unit"
        value={draft.strengthPerValue}
        unit={draft.strengthPerUnit}
        error={errors.strengthPerValue}
        onValue={(v) => set('strengthPerValue', v)}
        onUnit={(u) => set('strengthPerUnit', u)}
      />
      <Field id="product-form" label="Form" error={errors.form}>
        {(a11y) => (
          <select id="product-form" value={draft.form} onChange={(e) => set('form', e.target.value as DoseForm)} {...a11y}>
            {DOSE_FORMS.map((form) => (
              <option key={form}>{form}</option>
            ))}
          </select>
        )}
      </Field>
      <fieldset style={{ border: 'none', padding: 0, margin: '12px 0 0' }} aria-describedby={errors.routes ? 'product-routes-error' : undefined}>
        <legend style={{ fontWeight: 'bold' }}>Routes</legend>
        <div className="checks">
          {MEDICATION_ROUTES.map((route) => (
            <label key={route}>
              <input type="checkbox" checked={draft.routes.includes(route)} onChange={() => toggleRoute(route)} />
              {route}
            </label>
          ))}
        </div>
        {errors.routes ? (
          <p id="product-routes-error" className="field-error">
            {errors.routes}
          </p>
        ) : null}
      </fieldset>
      <div className="checks">
        <label>
          <input type="checkbox" checked={draft.highAlert} onChange={(e) => set('highAlert', e.target.checked)} />
          High-alert drug (needs a witness)
        </label>
        <label>
          <input type="checkbox" checked={draft.scored} onChange={(e) => set('scored', e.target.checked)} />
          Scored tablet (may be halved)
        </label>
      </div>
      <div className="row" style={{ marginTop: 12 }}>
        <button type="submit" className="primary" disabled={busy}>
          Save product
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

interface QuantityProps {
  id: string;
  label: string;
  hint: string;
  unitLabel: string;
  value: string;
  unit: DoseUnit;
  error: string | undefined;
  onValue: (value: string) => void;
  onUnit: (unit: DoseUnit) => void;
}

/** An exact amount and its unit, side by side: one half of a strength ratio. */
function QuantityFields({ id, label, hint, unitLabel, value, unit, error, onValue, onUnit }: QuantityProps) {
  return (
    <div className="row" style={{ alignItems: 'flex-start' }}>
      <div style={{ flex: 2 }}>
        <Field id={id} label={label} hint={hint} error={error}>
          {(a11y) => <input id={id} inputMode="decimal" value={value} onChange={(e) => onValue(e.target.value)} {...a11y} />}
        </Field>
      </div>
      <div style={{ flex: 1 }}>
        <Field id={`${id}-unit`} label={unitLabel}>
          {() => (
            <select id={`${id}-unit`} value={unit} onChange={(e) => onUnit(e.target.value as DoseUnit)}>
              {(Object.keys(DOSE_UNITS) as DoseUnit[]).map((u) => (
                <option key={u}>{u}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
    </div>
  );
}
