import { useEffect, useState } from 'react';
import { AUDIT_EVENT_TYPES, OVERRIDE_REASONS, RULE_IDS, formatNhsNumber, type AuditFacets, type AuditLogEntry, type AuditPage } from '@wardscan/shared';
import { errorMessage } from '../api/api-error.js';
import { PROBLEM_LABELS } from '../nurse/verdict.resource.js';
import { useServices } from '../services.js';
import { emptyFilters, fetchAuditCsv, fetchAuditPage, type AuditFilters } from './dashboard.resource.js';
import { formatWardDateTime } from './ward-clock.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { ScrollRegion } from './ScrollRegion.js';

const PAGE_SIZE = 20;
const NO_FACETS: AuditFacets = { wards: [], patients: [], users: [], devices: [], beds: [] };

const reasonText = (reason: string): string => (reason in OVERRIDE_REASONS ? OVERRIDE_REASONS[reason as keyof typeof OVERRIDE_REASONS] : reason);

/** A choice the server no longer lists (another period) stays selectable while it is chosen. */
function withChosen<T extends { id: string }>(list: T[], chosen: string, make: (id: string) => T): T[] {
  return chosen && !list.some((x) => x.id === chosen) ? [...list, make(chosen)] : list;
}

function PatientCell({ entry }: { entry: AuditLogEntry }) {
  if (!entry.patient) return <>—</>;
  return (
    <>
      {entry.patient.name}
      <div className="hint">NHS {formatNhsNumber(entry.patient.nhsNumber)}</div>
      {entry.patient.identified ? null : <div className="hint">named by the band scanned; not identified</div>}
    </>
  );
}

/**
 * The audit log, filtered to what went wrong, a page at a time, with a CSV
 * export of the same filter: when (on the ward's clock), ward, bed, patient,
 * nurse, device, outcome, the rules that failed and the override reason.
 * At 360 px the table scrolls sideways inside its own region.
 */
export function MismatchLog({ wardId, refreshKey }: { wardId: string | null; refreshKey: number }) {
  const { http } = useServices();
  const [filters, setFilters] = useState<AuditFilters>({ ...emptyFilters, outcome: 'stop' });
  const [page, setPage] = useState(1);
  const [data, setData] = useState<AuditPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    fetchAuditPage(http, wardId, filters, page, PAGE_SIZE)
      .then((result) => current && (setData(result), setError(null)))
      .catch((caught: unknown) => current && setError(errorMessage(caught)));
    return () => {
      current = false;
    };
  }, [http, wardId, filters, page, refreshKey]);

  const setFilter = <K extends keyof AuditFilters>(key: K, value: AuditFilters[K]) => {
    setFilters({ ...filters, [key]: value });
    setPage(1);
  };

  // An override is given past a warning, never a stop: the log's default of stops only would hide every one.
  const chooseOverrideReason = (overrideReason: AuditFilters['overrideReason']) => {
    setFilters({ ...filters, overrideReason, ...(overrideReason && filters.outcome === 'stop' ? { outcome: '' } : {}) });
    setPage(1);
  };

  async function exportCsv() {
    setExportError(null);
    try {
      // The export needs the bearer token, so it is fetched and handed over as a file.
      const csv = await fetchAuditCsv(http, wardId, filters);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      link.download = `wardscan-audit-${new Date().toISOString().slice(0, 10)}.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (caught) {
      setExportError(errorMessage(caught));
    }
  }

  const facets = data?.facets ?? NO_FACETS;
  const wards = withChosen(facets.wards, filters.onWardId, (id) => ({ id, name: id }));
  const patients = withChosen(facets.patients, filters.patientId, (id) => ({ id, name: id, nhsNumber: '' }));
  const users = withChosen(facets.users, filters.userId, (id) => ({ id, name: id }));
  const beds = filters.bedLabel && !facets.beds.includes(filters.bedLabel) ? [...facets.beds, filters.bedLabel] : facets.beds;
  const devices = filters.deviceId && !facets.devices.includes(filters.deviceId) ? [...facets.devices, filters.deviceId] : facets.devices;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <section className="card" aria-labelledby="log-heading">
      <h2 id="log-heading" style={{ fontSize: 20, margin: 0 }}>
        Mismatch log
      </h2>
      <div className="filters">
        <div>
          <label htmlFor="f-ward">Ward</label>
          <select id="f-ward" value={filters.onWardId} onChange={(e) => setFilter('onWardId', e.target.value)}>
            <option value="">Any</option>
            {wards.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-bed">Bed</label>
          <select id="f-bed" value={filters.bedLabel} onChange={(e) => setFilter('bedLabel', e.target.value)}>
            <option value="">Any</option>
            {beds.map((b) => (
              <option key={b}>{b}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-patient">Patient</label>
          <select id="f-patient" value={filters.patientId} onChange={(e) => setFilter('patientId', e.target.value)}>
            <option value="">Any</option>
            {patients.map((p) => (
              <option key={p.id} value={p.id}>
                {p.nhsNumber ? `${p.name} (${formatNhsNumber(p.nhsNumber)})` : p.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-nurse">Nurse</label>
          <select id="f-nurse" value={filters.userId} onChange={(e) => setFilter('userId', e.target.value)}>
            <option value="">Any</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-device">Device</label>
          <select id="f-device" value={filters.deviceId} onChange={(e) => setFilter('deviceId', e.target.value)}>
            <option value="">Any</option>
            {devices.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-outcome">Outcome</label>
          <select id="f-outcome" value={filters.outcome} onChange={(e) => setFilter('outcome', e.target.value as AuditFilters['outcome'])}>
            <option value="">Any</option>
            <option value="stop">Stop</option>
            <option value="warning">Warning</option>
            <option value="match">Match</option>
          </select>
        </div>
        <div>
          <label htmlFor="f-rule">Rule</label>
          <select id="f-rule" value={filters.rule} onChange={(e) => setFilter('rule', e.target.value as AuditFilters['rule'])}>
            <option value="">Any</option>
            {RULE_IDS.map((rule) => (
              <option key={rule} value={rule}>
                {PROBLEM_LABELS[rule]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-type">Event</label>
          <select id="f-type" value={filters.type} onChange={(e) => setFilter('type', e.target.value as AuditFilters['type'])}>
            <option value="">Any</option>
            {AUDIT_EVENT_TYPES.map((type) => (
              <option key={type}>{type}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-reason">Override reason</label>
          <select id="f-reason" value={filters.overrideReason} onChange={(e) => chooseOverrideReason(e.target.value as AuditFilters['overrideReason'])}>
            <option value="">Any</option>
            {(Object.keys(OVERRIDE_REASONS) as (keyof typeof OVERRIDE_REASONS)[]).map((reason) => (
              <option key={reason} value={reason}>
                {OVERRIDE_REASONS[reason]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-from">From</label>
          <input id="f-from" type="date" value={filters.from} aria-describedby="f-dates-hint" onChange={(e) => setFilter('from', e.target.value)} />
        </div>
        <div>
          <label htmlFor="f-to">To</label>
          <input id="f-to" type="date" value={filters.to} aria-describedby="f-dates-hint" onChange={(e) => setFilter('to', e.target.value)} />
        </div>
      </div>
      <p id="f-dates-hint" className="hint" style={{ margin: '2px 0' }}>
        From and To are whole days on the ward's clock, both included.
      </p>
      <div className="row" style={{ margin: '8px 0' }}>
        <button type="button" onClick={() => void exportCsv()}>
          Export CSV
        </button>
        {exportError ? <span className="field-error">{exportError}</span> : null}
      </div>
      {error ? <ErrorBox>The log could not be loaded: {error}</ErrorBox> : null}
      {!data && !error ? <p role="status">Loading the log…</p> : null}
      {data && data.entries.length === 0 ? <p>Nothing matches these filters.</p> : null}
      {data && data.entries.length > 0 ? (
        // Wider than a handheld: the table scrolls sideways in its own region, the page does not.
        <ScrollRegion label="Mismatch log table">
          <table aria-label="Mismatch log" style={{ minWidth: 900 }}>
            <thead>
              <tr>
                <th scope="col">When (ward time)</th>
                <th scope="col">Ward</th>
                <th scope="col">Bed</th>
                <th scope="col">Patient</th>
                <th scope="col">Nurse</th>
                <th scope="col">Device</th>
                <th scope="col">Outcome</th>
                <th scope="col">Rules failed</th>
                <th scope="col">Override reason</th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              {data.entries.map((entry) => (
                <tr key={entry.seq}>
                  <td>{formatWardDateTime(entry.at, entry.wardTimeZone)}</td>
                  <td>{entry.wardName ?? '—'}</td>
                  <td>{entry.bedLabel ?? '—'}</td>
                  <td>
                    <PatientCell entry={entry} />
                  </td>
                  <td>{entry.userName ?? '—'}</td>
                  <td>{entry.deviceId ?? '—'}</td>
                  <td>{entry.outcome ? <span className={`outcome-tag ${entry.outcome}`}>{entry.outcome.toUpperCase()}</span> : entry.type}</td>
                  <td>{entry.rules.length > 0 ? entry.rules.map((rule) => PROBLEM_LABELS[rule]).join(', ') : '—'}</td>
                  <td>{entry.overrideReason ? reasonText(entry.overrideReason) : '—'}</td>
                  <td>{entry.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
      {data ? (
        <nav className="row" aria-label="Log pages" style={{ marginTop: 8 }}>
          <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Previous
          </button>
          <span>
            Page {page} of {pages} ({data.total} entries)
          </span>
          <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Next
          </button>
        </nav>
      ) : null}
    </section>
  );
}
