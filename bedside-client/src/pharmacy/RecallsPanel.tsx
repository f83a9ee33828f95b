import { useEffect, useState, type FormEvent } from 'react';
import type { Recall } from '@wardscan/shared';
import { ApiError, errorMessage } from '../api/api-error.js';
import { useServices } from '../services.js';
import { Field } from '../ui/Field.js';
import { formatDateTime } from '../ui/format.js';
import { liftRecall, listRecalls, normaliseGtin, recordRecall } from './catalogue.resource.js';
import { ErrorBox } from '../ui/ErrorBox.js';

export interface RecallPrefill {
  gtin: string;
  batch: string;
  /** Bumped on every scan so the same pack scanned twice still fills in. */
  nonce: number;
}

/** Batch recalls: a recalled batch is a stop at the bedside until lifted. */
export function RecallsPanel({ prefill }: { prefill: RecallPrefill | null }) {
  const { http } = useServices();
  const [recalls, setRecalls] = useState<Recall[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [gtin, setGtin] = useState('');
  const [batch, setBatch] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ gtin?: string; batch?: string; reason?: string; form?: string }>({});

  const reload = () =>
    listRecalls(http)
      .then((list) => {
        setRecalls(list);
        setLoadError(null);
      })
      .catch((error: unknown) => setLoadError(errorMessage(error)));

  useEffect(() => {
    void reload();
  }, [http]);

  useEffect(() => {
    if (!prefill) return;
    setGtin(prefill.gtin);
    setBatch(prefill.batch);
  }, [prefill]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    try {
      await recordRecall(http, { gtin: normaliseGtin(gtin), batch, reason });
      setGtin('');
      setBatch('');
      setReason('');
      await reload();
    } catch (error) {
      const field = error instanceof ApiError ? error.field?.split('.')[0] : undefined;
      if (field === 'gtin' || field === 'batch' || field === 'reason') setErrors({ [field]: errorMessage(error) });
      else setErrors({ form: errorMessage(error) });
    }
  }

  async function lift(recall: Recall) {
    try {
      await liftRecall(http, recall.id);
      await reload();
    } catch (error) {
      setErrors({ form: errorMessage(error) });
    }
  }

  return (
    <section className="card" aria-labelledby="recalls-heading">
      <h2 id="recalls-heading" style={{ fontSize: 20, margin: 0 }}>
        Batch recalls
      </h2>
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Record a recall">
        <Field id="recall-gtin" label="GTIN" error={errors.gtin}>
          {(a11y) => <input id="recall-gtin" inputMode="numeric" value={gtin} onChange={(e) => setGtin(e.target.value)} {...a11y} />}
        </Field>
        <Field id="recall-batch" label="Batch" error={errors.batch}>
          {(a11y) => <input id="recall-batch" value={batch} onChange={(e) => setBatch(e.target.value)} {...a11y} />}
        </Field>
        <Field id="recall-reason" label="Reason" error={errors.reason}>
          {(a11y) => <input id="recall-reason" value={reason} onChange={(e) => setReason(e.target.value)} {...a11y} />}
        </Field>
        {errors.form ? <ErrorBox>{errors.form}</ErrorBox> : null}
        <button type="submit" className="primary" style={{ marginTop: 12 }}>
          Record recall
        </button>
      </form>
      {loadError ? <ErrorBox>Recalls could not be loaded: {loadError}</ErrorBox> : null}
      {recalls === null && !loadError ? <p role="status">Loading recalls…</p> : null}
      {recalls?.length === 0 ? <p>No recalls recorded.</p> : null}
      {recalls && recalls.length > 0 ? (
        <table aria-label="Recalls">
          <thead>
            <tr>
              <th scope="col">GTIN / batch</th>
              <th scope="col">Reason</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {recalls.map((recall) => (
              <tr key={recall.id}>
                <td>
                  {recall.gtin}
                  <br />
                  batch {recall.batch}
                </td>
                <td>{recall.reason}</td>
                <td>
                  {recall.liftedAt ? (
                    `Lifted ${formatDateTime(recall.liftedAt)}`
                  ) : (
                    <>
                      <strong>ACTIVE</strong>{' '}
                      <button type="button" onClick={() => void lift(recall)} aria-label={`Lift recall of batch ${recall.batch}`}>
                        Lift
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
