import type { DueDose } from '@wardscan/shared';
import { formatTime } from '../ui/format.js';

const STATUS_WORDS: Record<DueDose['status'], string> = {
  overdue: 'Overdue',
  due: 'Due now',
  later: 'Later',
  prn: 'When needed',
  given: 'Given',
};

// Overdue first: the dose most likely to be missed is read first.
const ORDER: Record<DueDose['status'], number> = { overdue: 0, due: 1, prn: 2, later: 3, given: 4 };

/** The patient's due and overdue doses, then the rest of today's chart. */
export function DoseList({ doses }: { doses: DueDose[] }) {
  if (doses.length === 0) return <p className="card">No doses on this patient’s chart.</p>;
  const sorted = [...doses].sort((a, b) => ORDER[a.status] - ORDER[b.status] || (a.dueAt ?? '').localeCompare(b.dueAt ?? ''));
  return (
    <section aria-labelledby="doses-heading">
      <h2 id="doses-heading" style={{ fontSize: 18, margin: '12px 0 4px' }}>
        Doses
      </h2>
      <ul className="doses">
        {sorted.map((dose) => (
          <li key={dose.prescriptionId + (dose.dueAt ?? '')} className={dose.status}>
            <span className="status">
              {STATUS_WORDS[dose.status]}
              {dose.dueAt ? ` · ${formatTime(dose.dueAt)}` : ''}
            </span>
            <div className="drug">
              {dose.drugName} {dose.highAlert ? <span aria-label="high-alert drug">⚠ HIGH-ALERT</span> : null}
            </div>
            <div>{dose.doseText}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}
