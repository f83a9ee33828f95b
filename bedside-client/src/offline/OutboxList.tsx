import type { OutboxItem } from './outbox-store.js';
import { useWardTimeZone } from '../nurse/ward-clock.js';
import { formatTime } from '../ui/format.js';

interface Props {
  items: OutboxItem[];
  userId: string;
  online: boolean;
  onDismiss: (seq: number) => void;
}

/** "Waiting to send": what the server has not yet acknowledged, oldest first. */
export function OutboxList({ items, userId, online, onDismiss }: Props) {
  const timeZone = useWardTimeZone();
  if (items.length === 0) return null;
  const waiting = items.filter((item) => item.state.status === 'waiting' && item.by.userId === userId);
  const othersWaiting = items.filter((item) => item.state.status === 'waiting' && item.by.userId !== userId);
  const rejected = items.filter((item) => item.state.status === 'rejected');
  return (
    <section className="outbox" aria-labelledby="outbox-heading">
      {waiting.length > 0 ? (
        <>
          <h2 id="outbox-heading" style={{ fontSize: 18, margin: 0 }}>
            Waiting to send ({waiting.length})
          </h2>
          <p style={{ margin: '4px 0' }}>
            {online ? 'Sending now…' : 'Kept on this handheld; sent in order when the ward server is back.'}
          </p>
          <ol aria-label="Waiting to send">
            {waiting.map((item) => (
              <li key={item.seq}>
                {formatTime(item.queuedAt, timeZone)} · {item.label}
              </li>
            ))}
          </ol>
        </>
      ) : (
        <h2 id="outbox-heading" style={{ fontSize: 18, margin: 0 }}>
          {rejected.length > 0 ? 'Not accepted by the server' : 'Kept on this handheld'}
        </h2>
      )}
      {othersWaiting.length > 0 ? (
        <p aria-label="Waiting for another user">
          {othersWaiting.length} scan(s) by {[...new Set(othersWaiting.map((item) => item.by.name))].join(', ')} wait on this handheld until they
          sign in again here.
        </p>
      ) : null}
      {rejected.length > 0 ? (
        <ul aria-label="Not accepted by the server">
          {rejected.map((item) => (
            <li key={item.seq} className="rejected">
              {item.label}: {item.state.status === 'rejected' ? item.state.message : ''}{' '}
              <button type="button" onClick={() => onDismiss(item.seq)}>
                Dismiss
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
