import { useEffect, useState } from 'react';
import { formatNhsNumber, ordersNeedingReviewSchema, type OrdersNeedingReview as OrdersNeedingReviewData } from '@wardscan/shared';
import { errorMessage } from '../api/api-error.js';
import type { HttpClient } from '../api/http.js';
import { useServices } from '../services.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { formatDateTime } from '../ui/format.js';

/** The ward's orders that the bedside cannot check until reviewed (issue 13). */
export function fetchOrdersNeedingReview(http: HttpClient, wardId: string): Promise<OrdersNeedingReviewData> {
  return http.get(`/api/wards/${encodeURIComponent(wardId)}/orders-needing-review`, ordersNeedingReviewSchema);
}

/**
 * Orders the EPR sent that the bedside cannot check as one exact dose (a
 * dose range, a dose in words, a unit it does not know): no dose of them is
 * due and a scan of their pack is a stop, so until pharmacy or the prescriber
 * reviews them the patient may go without. The ward manager sees them here.
 */
export function OrdersNeedingReview({ wardId, refreshKey }: { wardId: string | null; refreshKey: number }) {
  const { http } = useServices();
  const [data, setData] = useState<OrdersNeedingReviewData | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!wardId) return;
    let current = true;
    fetchOrdersNeedingReview(http, wardId)
      .then((found) => {
        if (!current) return;
        setData(found);
        setError(null);
      })
      .catch((caught: unknown) => current && setError(errorMessage(caught)));
    return () => {
      current = false;
    };
  }, [http, wardId, refreshKey]);
  const orders = data?.wardId === wardId ? data.orders : null;
  return (
    <section aria-labelledby="review-orders-heading">
      <h2 id="review-orders-heading" style={{ fontSize: 20, margin: '12px 0 4px' }}>
        Orders needing review{orders && orders.length > 0 ? ` (${orders.length})` : ''}
      </h2>
      {error ? <ErrorBox>Orders needing review could not be loaded: {error}</ErrorBox> : null}
      {!orders ? (
        error ? null : <p role="status">Loading orders needing review…</p>
      ) : orders.length === 0 ? (
        <p>No order on this ward is waiting for review.</p>
      ) : (
        <>
          <p className="hint">No dose of these is due and a scan of their pack is a stop until pharmacy or the prescriber reviews them.</p>
          <table>
            <thead>
              <tr>
                <th scope="col">Patient</th>
                <th scope="col">Bed</th>
                <th scope="col">Order</th>
                <th scope="col">Why it needs review</th>
                <th scope="col">Since</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((o) => (
                <tr key={o.prescriptionId}>
                  <td>
                    {o.patient.familyName.toUpperCase()}, {o.patient.givenName}
                    <div className="hint">NHS {formatNhsNumber(o.patient.nhsNumber)}</div>
                  </td>
                  <td>{o.patient.bedLabel ?? '—'}</td>
                  <td>
                    {o.drugName}
                    {o.onHold ? <div className="hint">Also on hold</div> : null}
                  </td>
                  <td>
                    {o.reason}
                    {o.doseRange ? <div className="hint">Dose range: {o.doseRange.low} to {o.doseRange.high} {o.doseRange.unit}</div> : null}
                  </td>
                  <td>{formatDateTime(o.startsAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
