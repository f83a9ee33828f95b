import { useState } from 'react';
import { NOT_GIVEN_REASONS, PRN_EFFECTS, type ChartSlot, type HeldOrder, type NotGivenReason, type PatientChart, type PrnLine, type SlotStatus } from '@wardscan/shared';
import { ReasonPicker } from '../ui/ReasonPicker.js';
import { formatDayTime, formatTime } from '../ui/format.js';
import { useLearnWardZone, WardZoneNotice } from './ward-clock.js';

const STATUS_WORDS: Record<SlotStatus, string> = {
  missed: 'Missed',
  due: 'Due now',
  later: 'Later',
  given: 'Given',
  'not-given': 'Not given',
};
// The dose most likely to be forgotten is read first.
const ORDER: Record<SlotStatus, number> = { missed: 0, due: 1, later: 2, 'not-given': 3, given: 4 };
const EFFECT_WORDS: Record<(typeof PRN_EFFECTS)[number], string> = { effective: 'Worked', 'partly-effective': 'Partly', 'not-effective': 'Did not work' };

/** What the chart lets this screen do: the read-only view (round) passes none. */
export interface ChartActions {
  busy: boolean;
  notGiven: (slot: ChartSlot, reason: NotGivenReason, note: string) => Promise<void>;
  recordEffect: (administrationId: string, effect: (typeof PRN_EFFECTS)[number]) => Promise<void>;
}

/** The eMAR for one patient: scheduled doses by state, then as-needed orders with their history. */
export function ChartView({ chart, now, actions }: { chart: PatientChart; now: Date; actions?: ChartActions }) {
  const slots = [...chart.slots].sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.slotAt.localeCompare(b.slotAt));
  const { timeZone } = chart;
  useLearnWardZone(timeZone);
  return (
    <section aria-labelledby="chart-heading">
      <h2 id="chart-heading" style={{ fontSize: 18, margin: '12px 0 4px' }}>
        Today’s doses
      </h2>
      <WardZoneNotice timeZone={timeZone} />
      {slots.length === 0 ? <p className="card">No scheduled doses today.</p> : null}
      <ul className="doses">
        {slots.map((slot) => (
          <SlotLine key={`${slot.prescriptionId}-${slot.slotAt}`} slot={slot} now={now} timeZone={timeZone} actions={actions} />
        ))}
      </ul>
      {chart.held.length > 0 ? (
        <>
          <h2 style={{ fontSize: 18, margin: '12px 0 4px' }}>No dose due: on hold or needs review</h2>
          <ul className="doses" aria-label="Orders on hold or needing review">
            {chart.held.map((order) => (
              <HeldLine key={order.prescriptionId} order={order} />
            ))}
          </ul>
        </>
      ) : null}
      {chart.prn.length > 0 ? (
        <>
          <h2 style={{ fontSize: 18, margin: '12px 0 4px' }}>When needed (PRN)</h2>
          <ul className="doses">
            {chart.prn.map((line) => (
              <PrnItem key={line.prescriptionId} line={line} now={now} timeZone={timeZone} actions={actions} />
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/**
 * An order with no dose due (issue 13): on hold, or not checkable as one dose
 * until reviewed. Said in words, never with a dose to give: a scan of its pack
 * is a stop.
 */
function HeldLine({ order }: { order: HeldOrder }) {
  const { hold } = order;
  return (
    <li className="later" aria-label={`${order.drugName}: ${hold.kind === 'on-hold' ? 'on hold' : 'needs review'}`}>
      <span className="status">{hold.kind === 'on-hold' ? 'On hold' : 'Needs review'}</span>
      <div className="drug">{order.drugName}</div>
      {hold.kind === 'on-hold' ? (
        <div>No dose is due while the order is on hold.{hold.review ? ` It also needs review: ${hold.review}` : ''}</div>
      ) : (
        <>
          <div>{hold.reason}</div>
          {hold.doseRange ? (
            <div>
              Dose range on the order: {hold.doseRange.low} to {hold.doseRange.high} {hold.doseRange.unit}
            </div>
          ) : null}
          <div>Not checked by a scan until pharmacy or the prescriber reviews it.</div>
        </>
      )}
    </li>
  );
}

function SlotLine({ slot, now, timeZone, actions }: { slot: ChartSlot; now: Date; timeZone: string; actions: ChartActions | undefined }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<NotGivenReason | null>(null);
  const [note, setNote] = useState('');
  const canDocument = actions && (slot.status === 'missed' || slot.status === 'due' || slot.status === 'later');
  const noteNeeded = reason === 'other' && note.trim() === '';
  return (
    <li className={slot.status === 'missed' ? 'overdue' : slot.status}>
      <span className="status">
        {STATUS_WORDS[slot.status]} · {formatDayTime(slot.slotAt, now, timeZone)}
      </span>
      <div className="drug">
        {slot.drugName} {slot.highAlert ? <span aria-label="high-alert drug">⚠ HIGH-ALERT</span> : null}
      </div>
      <div>{slot.doseText}</div>
      {slot.given ? (
        <div>
          Given {formatDayTime(slot.given.at, now, timeZone) === formatTime(slot.given.at, timeZone) ? `at ${formatTime(slot.given.at, timeZone)}` : formatDayTime(slot.given.at, now, timeZone)} by {slot.given.byName}
          {slot.given.witnessedByName ? `, witnessed by ${slot.given.witnessedByName}` : ''}
          {slot.given.documentedLate ? ' (documented late)' : ''}
          {slot.given.dose ? `: ${slot.given.dose.value} ${slot.given.dose.unit}` : ''}
        </div>
      ) : null}
      {slot.notGiven ? <div>{NOT_GIVEN_REASONS[slot.notGiven.reason]}{slot.notGiven.note ? `: ${slot.notGiven.note}` : ''} ({slot.notGiven.byName})</div> : null}
      {canDocument && !open ? (
        <button type="button" onClick={() => setOpen(true)}>
          Not given…
        </button>
      ) : null}
      {canDocument && open ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (reason && !noteNeeded) void actions.notGiven(slot, reason, note.trim()).then(() => setOpen(false));
          }}
        >
          <ReasonPicker id={`not-given-${slot.prescriptionId}-${slot.slotAt}`} label={`Why was the ${formatDayTime(slot.slotAt, now, timeZone)} dose not given?`} reasons={NOT_GIVEN_REASONS} value={reason} onChange={setReason} />
          <label htmlFor={`note-${slot.prescriptionId}-${slot.slotAt}`}>Note{reason === 'other' ? ' (required)' : ' (optional)'}</label>
          <input id={`note-${slot.prescriptionId}-${slot.slotAt}`} value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
          <div className="verdict-actions">
            <button type="submit" className="primary" disabled={!reason || noteNeeded || actions.busy}>
              Record not given
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </li>
  );
}

function PrnItem({ line, now, timeZone, actions }: { line: PrnLine; now: Date; timeZone: string; actions: ChartActions | undefined }) {
  const due = line.reviewsDue.filter((r) => Date.parse(r.reviewAt) <= now.getTime());
  return (
    <li className="prn">
      <div className="drug">
        {line.drugName} {line.highAlert ? <span aria-label="high-alert drug">⚠ HIGH-ALERT</span> : null}
      </div>
      <div>{line.doseText}, at least {line.minIntervalMinutes / 60} h apart</div>
      <div>
        {line.lastGivenAt ? `Last given ${formatDayTime(line.lastGivenAt, now, timeZone)}` : 'Not given in the last 2 days'}
        {line.nextAllowedAt ? ` · next allowed from ${formatDayTime(line.nextAllowedAt, now, timeZone)}` : ' · can be given now'}
      </div>
      <div>
        24 hours: {line.given24h} {line.dose.unit}
        {line.max24h ? ` of at most ${line.max24h} ${line.dose.unit}` : ' (no maximum on the order)'}
      </div>
      {due.map((review) => (
        <div key={review.administrationId} className="card" role="group" aria-label={`Review of the ${formatTime(review.givenAt, timeZone)} dose`}>
          <strong>Review due</strong>: the {formatTime(review.givenAt, timeZone)} dose{review.indication ? ` (for ${review.indication})` : ''}. Did it work?
          {actions ? (
            <div className="verdict-actions">
              {PRN_EFFECTS.map((effect) => (
                <button key={effect} type="button" disabled={actions.busy} onClick={() => void actions.recordEffect(review.administrationId, effect)}>
                  {EFFECT_WORDS[effect]}
                </button>
              ))}
            </div>
          ) : null}
        </div>
      ))}
    </li>
  );
}
