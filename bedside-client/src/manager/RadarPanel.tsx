import { useEffect, useRef, useState } from 'react';
import { formatNhsNumber, type AuditLogEntry, type RadarEvidence, type RadarFlag, type WardRadar } from '@wardscan/shared';
import { errorMessage } from '../api/api-error.js';
import { useServices } from '../services.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { fetchEventLog, fetchWardRadar, RADAR_PATTERN_LABELS } from './radar.resource.js';
import { RadarSettingsForm } from './RadarSettingsForm.js';
import { formatWardDateTime } from './ward-clock.js';
import { ScrollRegion } from './ScrollRegion.js';

const PERIODS = [7, 14, 28] as const;
const REFRESH_AT_MOST_MS = 60_000;
const WHAT_WORDS: Record<RadarEvidence['what'], string> = { wristband: 'Wristband', pack: 'Pack', location: 'Location', dose: 'Dose', override: 'Override' };

/** One event's row in the log, fetched when asked for: what the nurse was told, and the rules that failed. */
function LogEntry({ wardId, eventId }: { wardId: string; eventId: string }) {
  const { http } = useServices();
  const [entries, setEntries] = useState<AuditLogEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    fetchEventLog(http, wardId, eventId)
      .then((found) => current && setEntries(found))
      .catch((caught: unknown) => current && setError(errorMessage(caught)));
    return () => {
      current = false;
    };
  }, [http, wardId, eventId]);
  if (error) return <span className="field-error">The log entry could not be loaded: {error}</span>;
  if (!entries) return <span role="status">Loading the log entry…</span>;
  if (entries.length === 0) return <span>No log entry for this event.</span>;
  return (
    <ul style={{ margin: 0, paddingLeft: 16 }}>
      {entries.map((e) => (
        <li key={e.seq}>
          {e.outcome ? <span className={`outcome-tag ${e.outcome}`}>{e.outcome.toUpperCase()}</span> : e.type} {e.summary}
        </li>
      ))}
    </ul>
  );
}

function EvidenceRow({ evidence, wardId, timeZone }: { evidence: RadarEvidence; wardId: string; timeZone: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <tr>
        <td>{formatWardDateTime(evidence.at, timeZone)}</td>
        <td>{WHAT_WORDS[evidence.what]}</td>
        <td>{evidence.nurse?.name ?? '—'}</td>
        <td>
          {evidence.patient ? (
            <>
              {evidence.patient.name}
              <div className="hint">NHS {formatNhsNumber(evidence.patient.nhsNumber)}</div>
            </>
          ) : (
            '—'
          )}
        </td>
        <td>{evidence.bedLabel ?? '—'}</td>
        <td>{evidence.deviceId}</td>
        <td>{evidence.detail}</td>
        <td>
          <button type="button" aria-expanded={open} onClick={() => setOpen(!open)} aria-label={`Log entry of event ${evidence.eventId}`}>
            {open ? 'Hide' : 'Log entry'}
          </button>
        </td>
      </tr>
      {open ? (
        <tr>
          <td colSpan={8}>
            <span className="hint">Event {evidence.eventId}: </span>
            <LogEntry wardId={wardId} eventId={evidence.eventId} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function Flag({ flag, wardId, timeZone }: { flag: RadarFlag; wardId: string; timeZone: string }) {
  return (
    <li className="card" style={{ borderLeft: '8px solid var(--amber)' }}>
      <strong>{RADAR_PATTERN_LABELS[flag.pattern]}</strong> · {formatWardDateTime(flag.from, timeZone)}
      {flag.to !== flag.from ? ` – ${formatWardDateTime(flag.to, timeZone)}` : ''}
      <div>{flag.title}</div>
      <div className="hint">{flag.why}</div>
      <details>
        <summary>
          Show the {flag.evidence.length} event{flag.evidence.length === 1 ? '' : 's'}
        </summary>
        <ScrollRegion label={`Events behind: ${flag.title}`}>
          <table aria-label={`Events: ${flag.title}`} style={{ minWidth: 760 }}>
            <thead>
              <tr>
                <th scope="col">When (ward time)</th>
                <th scope="col">What</th>
                <th scope="col">Nurse</th>
                <th scope="col">Patient</th>
                <th scope="col">Bed</th>
                <th scope="col">Device</th>
                <th scope="col">Detail</th>
                <th scope="col">Log</th>
              </tr>
            </thead>
            <tbody>
              {flag.evidence.map((e, i) => (
                <EvidenceRow key={`${e.eventId}-${e.what}-${i}`} evidence={e} wardId={wardId} timeZone={timeZone} />
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </details>
    </li>
  );
}

/**
 * The workaround radar on the manager's dashboard: patterns in the ward's
 * scans and doses that mean the bedside check is being bypassed, each with
 * an expander listing its events, and each event's row in the log on demand.
 */
export function RadarPanel({ wardId, refreshKey }: { wardId: string | null; refreshKey: number }) {
  const { http } = useServices();
  const [days, setDays] = useState<number>(PERIODS[0]);
  const [radar, setRadar] = useState<WardRadar | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [editing, setEditing] = useState(false);
  const lastFetch = useRef(0);

  useEffect(() => {
    if (!wardId) return;
    let current = true;
    lastFetch.current = Date.now();
    fetchWardRadar(http, wardId, days)
      .then((result) => current && (setRadar(result), setError(null)))
      .catch((caught: unknown) => current && setError(errorMessage(caught)));
    return () => {
      current = false;
    };
  }, [http, wardId, days, tick]);

  // A live alert may complete a pattern; the radar reads a week of records, so at most once a minute.
  useEffect(() => {
    if (refreshKey > 0 && Date.now() - lastFetch.current >= REFRESH_AT_MOST_MS) setTick((t) => t + 1);
  }, [refreshKey]);

  return (
    <section className="card" aria-labelledby="radar-heading">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="radar-heading" style={{ fontSize: 20, margin: 0 }}>
          Workaround radar
        </h2>
        <button type="button" onClick={() => setTick((t) => t + 1)}>
          Refresh the radar
        </button>
        {wardId ? (
          <button type="button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            Radar thresholds
          </button>
        ) : null}
        <div>
          <label htmlFor="radar-days">Period</label>
          <select id="radar-days" value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {PERIODS.map((d) => (
              <option key={d} value={d}>
                Last {d} days
              </option>
            ))}
          </select>
        </div>
      </div>
      {wardId && editing ? (
        <RadarSettingsForm wardId={wardId} onSaved={() => setTick((t) => t + 1)} />
      ) : null}
      {error ? <ErrorBox>The radar could not be loaded: {error}</ErrorBox> : null}
      {!radar && !error ? <p role="status">Looking for workarounds…</p> : null}
      {radar && radar.flags.length === 0 ? <p>No workaround patterns in the last {days} days.</p> : null}
      {radar && radar.flags.length > 0 ? (
        <>
          <p>
            {radar.flags.length} pattern{radar.flags.length === 1 ? '' : 's'} that may mean the bedside check is being bypassed. Each is a reason to ask, not proof.
          </p>
          <ol aria-label="Workaround flags" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {radar.flags.map((flag, i) => (
              <Flag key={`${flag.pattern}-${flag.from}-${i}`} flag={flag} wardId={radar.wardId} timeZone={radar.timeZone} />
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
