import { useEffect, useState } from 'react';
import type { WardAlert, WardMetrics } from '@wardscan/shared';
import { errorMessage } from '../api/api-error.js';
import { DevicesTable } from '../equipment/DevicesTable.js';
import { useServices } from '../services.js';
import { connectWardFeed, fetchWardMetrics, fetchWards, type FeedStatus, type WardList } from './dashboard.resource.js';
import { ComplianceSection } from './ComplianceSection.js';
import { LiveFeed } from './LiveFeed.js';
import { MetricsCharts } from './MetricsCharts.js';
import { MismatchLog } from './MismatchLog.js';
import { RadarPanel } from './RadarPanel.js';
import { RoundTimesForm } from './RoundTimesForm.js';
import { OrdersNeedingReview } from './OrdersNeedingReview.js';
import { ErrorBox } from '../ui/ErrorBox.js';

const FEED_LIMIT = 50;
const PERIOD_DAYS = 14;

/** Ward manager: what is going wrong now, what went wrong, and the trend. */
export function DashboardScreen() {
  const { http, user, token, origin } = useServices();
  const [wards, setWards] = useState<WardList>([]);
  const [wardId, setWardId] = useState<string | null>(user.wardId);
  const [alerts, setAlerts] = useState<WardAlert[]>([]);
  const [status, setStatus] = useState<FeedStatus>('connecting');
  const [metrics, setMetrics] = useState<WardMetrics | null>(null);
  const [metricsError, setMetricsError] = useState<string | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);

  useEffect(() => {
    // Admins pick a ward; a ward manager's is fixed by their account.
    if (user.role !== 'admin') return;
    fetchWards(http)
      .then((list) => {
        setWards(list);
        setWardId((current) => current ?? list[0]?.id ?? null);
      })
      .catch(() => undefined);
  }, [http, user.role]);

  useEffect(
    () =>
      connectWardFeed(
        origin,
        token,
        (alert) => {
          setAlerts((list) => [alert, ...list].slice(0, FEED_LIMIT));
          setRefreshKey((key) => key + 1);
        },
        setStatus,
      ),
    [origin, token],
  );

  useEffect(() => {
    if (!wardId) return;
    fetchWardMetrics(http, wardId, PERIOD_DAYS)
      .then((result) => (setMetrics(result), setMetricsError(null)))
      .catch((error: unknown) => setMetricsError(errorMessage(error)));
  }, [http, wardId, refreshKey]);

  return (
    <div className="screen">
      <h1 style={{ fontSize: 24, margin: '4px 0' }}>Ward dashboard</h1>
      {user.role === 'admin' && wards.length > 0 ? (
        <div>
          <label htmlFor="ward">Ward</label>
          <select id="ward" value={wardId ?? ''} onChange={(e) => setWardId(e.target.value)}>
            {wards.map((ward) => (
              <option key={ward.id} value={ward.id}>
                {ward.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="dashboard-top">
      <LiveFeed alerts={alerts} status={status} />
      <section aria-labelledby="trend-heading">
        <h2 id="trend-heading" style={{ fontSize: 20, margin: '12px 0 0' }}>
          Last {PERIOD_DAYS} days
        </h2>
        {metricsError ? <ErrorBox>Figures could not be loaded: {metricsError}</ErrorBox> : null}
        {metrics ? <MetricsCharts metrics={metrics} /> : metricsError ? null : <p role="status">Loading figures…</p>}
      </section>
      </div>
      <ComplianceSection wardId={wardId} refreshKey={refreshKey} days={PERIOD_DAYS} />
      <OrdersNeedingReview wardId={wardId} refreshKey={refreshKey} />
      <DevicesTable wardId={wardId} refreshKey={refreshKey} />
      <RadarPanel wardId={wardId} refreshKey={refreshKey} />
      <RoundTimesForm wardId={wardId} />
      <MismatchLog wardId={wardId} refreshKey={refreshKey} />
    </div>
  );
}
