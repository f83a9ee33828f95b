import { OVERRIDE_REASONS, type WardAlert } from '@wardscan/shared';
import { PROBLEM_LABELS } from '../nurse/verdict.resource.js';
import { formatTime } from '../ui/format.js';
import type { FeedStatus } from './dashboard.resource.js';

const KIND_WORDS: Record<WardAlert['kind'], string> = { stop: 'STOP', warning: 'WARNING', override: 'OVERRIDE' };
const STATUS_WORDS: Record<FeedStatus, string> = { connecting: 'Connecting…', live: '● Live', disconnected: '○ Not connected – reconnecting' };

/** Stops, warnings and overrides on the ward as they happen, newest first. */
export function LiveFeed({ alerts, status }: { alerts: WardAlert[]; status: FeedStatus }) {
  return (
    <section className="card" aria-labelledby="feed-heading">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="feed-heading" style={{ fontSize: 20, margin: 0 }}>
          Live alerts
        </h2>
        <span role="status">{STATUS_WORDS[status]}</span>
      </div>
      {alerts.length === 0 ? (
        <p>No stops, warnings or overrides since this screen opened.</p>
      ) : (
        <ol className="feed" aria-label="Live alerts" aria-live="polite">
          {alerts.map((alert) => (
            <li key={`${alert.eventId}-${alert.kind}`} className={alert.kind}>
              <span className={`outcome-tag ${alert.kind}`}>{KIND_WORDS[alert.kind]}</span> {formatTime(alert.at)} · {alert.bedLabel ?? 'no bed'} ·{' '}
              {alert.patientName ?? 'no patient'}
              <div>
                <strong>{alert.message}</strong>
              </div>
              <div className="hint">
                {alert.userName}
                {alert.rules.length > 0 ? ` · ${alert.rules.map((rule) => PROBLEM_LABELS[rule]).join(', ')}` : ''}
                {alert.overrideReason ? ` · reason: ${OVERRIDE_REASONS[alert.overrideReason]}` : ''}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
