/*
 * A deterministic generator of ward records with known ground truth (issue 15).
 * Every scheduled dose's fate is chosen here (scanned, overridden, identified
 * by a typed number or a plain NHS Number barcode, product typed, documented
 * late, not given by reason, missed), written through the repositories as the
 * bedside would have written it, and remembered with the ward date and shift
 * the generator itself chose: an oracle independent of the report's own day
 * and shift arithmetic (both share only `wardInstant`).
 */
import type { AdministrationResponse, NotGivenReason, OverrideReason, RuleId, VerdictOutcome } from '@wardscan/shared';
import { NOT_GIVEN_REASONS } from '@wardscan/shared';
import type { IdMethod } from '../../devices/context-repository.js';
import { addDays, wardInstant } from '../../domain/ward-time.js';
import type { Repositories } from '../../repositories.js';
import type { ScanEventRecord } from '../../scans/repository.js';
import { buildPrescription } from '../../test/fixtures.js';

const MINUTE = 60_000;

/** mulberry32: a small seeded PRNG, so a run is the same every time. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    let r = next() * items.reduce((s, [, w]) => s + w, 0);
    for (const [item, w] of items) if ((r -= w) < 0) return item;
    return (items.at(-1) as readonly [T, number])[0];
  };
  return { next, int, pick, weighted };
}

export type Fate = 'scanned' | 'override' | 'manual-keyed' | 'manual-nhs' | 'keyed-product' | 'late' | 'not-given' | 'missed';
const SLOT_FATES: readonly (readonly [Fate, number])[] = [
  ['scanned', 60], ['override', 5], ['manual-keyed', 3], ['manual-nhs', 2], ['keyed-product', 4], ['late', 4], ['not-given', 10], ['missed', 12],
];
const GIVEN_FATES = SLOT_FATES.filter(([f]) => f !== 'not-given' && f !== 'missed');
/** Clock times orders are written for; none in 01:00–02:00, which October repeats and March skips in London. */
const TIMES = ['06:00', '08:00', '10:00', '12:00', '14:00', '16:00', '18:00', '20:00', '22:00'];
const STOP_RULES: readonly RuleId[] = ['allergy', 'expiry', 'right-patient', 'right-drug', 'duplicate'];

/** What the generator decided for one dose, with the ward date and shift it falls in by the generator's own clock times. */
export interface DoseTruth {
  readonly wardId: string;
  readonly dueAt: number;
  readonly date: string;
  readonly shift: 'day' | 'night';
  /** The date the shift began on (a night before 07:00 began the day before). */
  readonly shiftDate: string;
  readonly prn: boolean;
  /** 'open': never documented, still within its window at `now`. */
  readonly fate: Fate | 'open';
  readonly reason: NotGivenReason | null;
  readonly overridden: readonly RuleId[] | null;
  readonly minutesFromDue: number | null;
}
export interface StopTruth {
  readonly wardId: string;
  readonly at: number;
  readonly date: string;
  readonly shift: 'day' | 'night';
  readonly shiftDate: string;
  readonly rule: RuleId;
}

/** Real bedside rows to copy: a wristband scan, a pack scan and its administration, as the server wrote them. */
export interface Templates {
  readonly band: ScanEventRecord;
  readonly product: ScanEventRecord;
  readonly administration: AdministrationResponse;
}

export interface WardPlan {
  readonly id: string;
  readonly name: string;
  readonly beds: number;
}
export interface GenerateOptions {
  readonly wards: readonly WardPlan[];
  readonly timeZone: string;
  /** First ward date generated, and how many. Nothing after `now` is generated. */
  readonly from: string;
  readonly days: number;
  readonly now: Date;
  readonly windowMinutes: number;
  readonly seed: number;
  readonly staffId: string;
  readonly templates: Templates;
  /** Regular orders per admission, and clock times per order. */
  readonly ordersPerPatient: readonly [number, number];
  readonly timesPerOrder: readonly [number, number];
  /** Move one patient of the first ward to the second, halfway. */
  readonly transfer?: boolean;
  /** Write a wristband scan before a patient's doses, once per round (for a realistic database size). */
  readonly bandScans?: boolean;
  /** Keep every dose's truth (off for the bench's million doses). */
  readonly keepTruth?: boolean;
}
export interface Generated {
  readonly doses: DoseTruth[];
  readonly stops: StopTruth[];
  /** Per ward, the first instant written. */
  readonly recordsFrom: Map<string, number>;
  readonly administrations: number;
  readonly omissions: number;
  readonly scans: number;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const hhmm = (minutes: number): string => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
function gs1(data: string): string {
  let sum = 0;
  [...data].reverse().forEach((d, i) => (sum += Number(d) * (i % 2 === 0 ? 3 : 1)));
  return data + String((10 - (sum % 10)) % 10);
}
const daysBetween = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
/** The shift a ward clock time falls in: 07:00–19:00 day, else the night that began at 19:00. */
function shiftOf(date: string, time: string): { shift: 'day' | 'night'; shiftDate: string } {
  if (time >= '07:00' && time < '19:00') return { shift: 'day', shiftDate: date };
  return { shift: 'night', shiftDate: time >= '19:00' ? date : addDays(date, -1) };
}

interface Stay {
  readonly wardId: string;
  readonly bedId: string;
  readonly admitDate: string;
  readonly admitTime: string;
  readonly dischargeDate: string | null;
  readonly dischargeTime: string;
}

export function generateTrust(repos: Repositories, o: GenerateOptions): Generated {
  const r = seeded(o.seed);
  const tz = o.timeZone;
  const now = o.now.getTime();
  const at = (date: string, time: string) => wardInstant(date, time, tz).getTime();
  const lastDate = addDays(o.from, o.days - 1);
  const doses: DoseTruth[] = [];
  const stops: StopTruth[] = [];
  const recordsFrom = new Map<string, number>();
  const seen = (wardId: string, t: number) => recordsFrom.set(wardId, Math.min(recordsFrom.get(wardId) ?? Infinity, t));
  let counter = 0;
  const uuid = () => `00000000-0000-4000-8000-${(++counter).toString(16).padStart(12, '0')}`;
  let administrations = 0;
  let omissions = 0;
  let scans = 0;
  const t = o.templates;
  // NHS Numbers in the never-issued 999 range (DOMAIN.md), 9996… so none is a fixture's; valid mod 11.
  let patients = 0;
  let nhs = 0;
  const nextNhsNumber = (): string => {
    for (;;) {
      const stem = `9996${String(++nhs).padStart(5, '0')}`;
      const c = 11 - ([...stem].reduce((sum, d, i) => sum + Number(d) * (10 - i), 0) % 11);
      if (c !== 10) return stem + (c === 11 ? '0' : String(c));
    }
  };

  const scan = (kind: 'band' | 'product' | 'stop', e: { wardId: string; patientId: string; at: number; source: 'scanner' | 'keyboard'; method: IdMethod; rules: readonly RuleId[]; prescriptionId?: string; slotAt?: number | null }) => {
    const eventId = uuid();
    const template = kind === 'band' ? t.band : t.product;
    const iso = new Date(e.at).toISOString();
    const outcome: VerdictOutcome = kind === 'stop' ? 'stop' : e.rules.length ? 'warning' : 'match';
    const verdict = kind === 'band' ? template.response.verdict : {
      ...template.response.verdict,
      outcome,
      checks: [...template.response.verdict.checks.filter((c) => !e.rules.includes(c.rule)), ...e.rules.map((rule) => ({ rule, outcome: kind === 'stop' ? ('stop' as const) : ('warning' as const), message: `Generated ${rule}.` }))],
    };
    repos.scans.insert({
      ...template,
      eventId,
      deviceId: 'handheld-generated',
      staffId: o.staffId,
      wardId: e.wardId,
      patientId: e.patientId,
      source: e.source,
      outcome: kind === 'band' ? template.outcome : outcome,
      failedRules: e.rules,
      prescriptionId: e.prescriptionId ?? null,
      slotAt: e.slotAt == null ? null : new Date(e.slotAt).toISOString(),
      patientIdMethod: e.method,
      witnessStaffId: null,
      response: { ...template.response, eventId, verdict },
      scannedAt: iso,
      capturedAt: iso,
      recordedAt: iso,
    });
    scans++;
    seen(e.wardId, e.at);
    return eventId;
  };

  const lastBand = new Map<string, number>();
  const give = (wardId: string, patientId: string, prescriptionId: string, slotAt: number | null, givenAt: number, fate: Fate): readonly RuleId[] | null => {
    const method: IdMethod = fate === 'manual-keyed' ? 'keyed' : fate === 'manual-nhs' ? 'nhs-number-barcode' : 'wristband';
    // A typed identifier or a plain NHS Number barcode is a warning the nurse overrides; so is an early or late dose ('override').
    const overridden: RuleId[] | null = fate === 'manual-keyed' ? ['keyed-patient-id'] : fate === 'manual-nhs' ? ['right-patient'] : fate === 'override' ? [r.pick(['right-time', 'cumulative-dose', 'allergy-status'] as const)] : null;
    // One band scan serves the doses of a round: a new one only when the last was over 15 minutes before.
    if (o.bandScans && Math.abs(givenAt - (lastBand.get(patientId) ?? -Infinity)) > 15 * MINUTE) {
      lastBand.set(patientId, givenAt);
      scan('band', { wardId, patientId, at: givenAt - 2 * MINUTE, source: method === 'keyed' ? 'keyboard' : 'scanner', method, rules: [] });
    }
    const productScanEventId = scan('product', { wardId, patientId, at: givenAt - MINUTE, source: fate === 'keyed-product' ? 'keyboard' : 'scanner', method, rules: overridden ?? [], prescriptionId, slotAt });
    const late = fate === 'late';
    const administration = {
      ...t.administration.administration,
      id: uuid(),
      eventId: uuid(),
      prescriptionId,
      patientId,
      productScanEventId,
      givenAt: new Date(givenAt).toISOString(),
      documentedAt: new Date(late ? Math.min(now, givenAt + 30 * MINUTE) : givenAt).toISOString(),
      documentedLate: late,
      givenBy: o.staffId,
      witnessedBy: null,
      overrideReason: overridden ? ('time-agreed-clinically' as OverrideReason) : null,
      indication: slotAt === null ? 'pain 5/10' : null,
    };
    repos.administrations.insert({
      administration,
      wardId,
      deviceId: 'handheld-generated',
      slotAt: slotAt === null ? null : new Date(slotAt).toISOString(),
      patientIdMethod: method,
      response: { ...t.administration, eventId: administration.eventId, administration },
    });
    administrations++;
    seen(wardId, givenAt);
    if (slotAt !== null) seen(wardId, slotAt);
    return overridden;
  };

  const keep = (d: DoseTruth) => {
    if (o.keepTruth !== false) doses.push(d);
  };

  for (const ward of o.wards) repos.wards.insertWard({ id: ward.id, name: ward.name, timeZone: tz });
  // One transaction per ward: a commit per row would fsync each one.
  for (const [w, ward] of o.wards.entries()) repos.transaction(() => {
    // Each bed: a run of stays, the first begun before the period, each next admitted the day the last left.
    const stays: Stay[] = [];
    for (let b = 1; b <= ward.beds; b++) {
      const bedId = `${ward.id}-bed-${b}`;
      repos.wards.insertBed({ id: bedId, wardId: ward.id, label: `Bed ${b}`, gln: gs1(`5099${pad(w % 100)}${String(b).padStart(6, '0')}`) });
      let admit = addDays(o.from, -r.int(0, 3));
      for (;;) {
        const leave = addDays(admit, r.int(2, 12));
        const admitTime = hhmm(r.int(9, 16) * 60 + r.pick([0, 15, 30, 45]));
        const dischargeTime = hhmm(r.int(10, 17) * 60 + r.pick([0, 20, 40]));
        const last = leave > lastDate;
        stays.push({ wardId: ward.id, bedId, admitDate: admit, admitTime, dischargeDate: last ? null : leave, dischargeTime });
        if (last) break;
        admit = leave;
      }
    }
    for (const stay of stays) {
      const current = stay.dischargeDate === null;
      // The transferred patient: the one in the first ward's first bed now, to the second ward halfway through their stay.
      const moves = o.transfer === true && w === 0 && current && stay.bedId === `${ward.id}-bed-1` && o.wards.length > 1;
      const admitted = stay.admitDate < o.from ? o.from : stay.admitDate;
      const moveDate = addDays(admitted, Math.ceil(daysBetween(admitted, lastDate) / 2));
      const endDate = stay.dischargeDate ?? addDays(lastDate, 1);
      const transferAt = moves ? at(moveDate, '07:30') : Infinity;
      const secondWard = o.wards[1]?.id ?? ward.id;
      const patient = { id: `patient-gen-${++patients}`, nhsNumber: nextNhsNumber() };
      repos.patients.insert({
        ...patient,
        wristbandGsrn: gs1(`5099999${patient.nhsNumber}`),
        mrn: null,
        familyName: ward.name,
        givenName: `Gen${patients}`,
        birthDate: '1950-01-01',
        wardId: moves && transferAt <= now ? secondWard : ward.id,
        bedId: current && !(moves && transferAt <= now) ? stay.bedId : null,
        allergyStatus: 'nkda',
        allergies: [],
      });
      const startsAt = at(stay.admitDate, stay.admitTime);
      const stopsAt = stay.dischargeDate === null ? null : at(stay.dischargeDate, stay.dischargeTime);
      const wardAt = (instant: number) => (instant >= transferAt ? secondWard : ward.id);
      const orders = r.int(o.ordersPerPatient[0], o.ordersPerPatient[1]);
      const documentedOn = new Set<string>();
      for (let k = 0; k < orders; k++) {
        const times = [...new Set(Array.from({ length: r.int(o.timesPerOrder[0], o.timesPerOrder[1]) }, () => r.pick(TIMES)))].sort();
        // Some orders start a day or two into the stay, some stop before it ends.
        const start = r.next() < 0.2 ? startsAt + r.int(1, 2) * 24 * 60 * MINUTE + r.int(0, 300) * MINUTE : startsAt;
        const stop = r.next() < 0.15 ? Math.min(stopsAt ?? Infinity, start + r.int(24, 72) * 60 * MINUTE) : stopsAt;
        const rx = buildPrescription(repos, {
          patientId: patient.id, drug: `Generated drug ${k}`, schedule: { kind: 'regular', times },
          startsAt: new Date(start).toISOString(), stopsAt: stop === null || stop === Infinity ? null : new Date(stop).toISOString(),
        });
        for (let date = o.from; date <= lastDate && date <= endDate; date = addDays(date, 1)) {
          for (const time of times) {
            const slot = at(date, time);
            if (slot < start || (stop !== null && slot >= stop) || slot > now) continue;
            const wardId = wardAt(slot);
            // Where the patient is is known from their records: the first dose on each ward is documented.
            const first = moves && !documentedOn.has(wardId);
            let fate = first ? 'scanned' : r.weighted(SLOT_FATES);
            documentedOn.add(wardId);
            const sh = shiftOf(date, time);
            const base = { wardId, dueAt: slot, date, ...sh, prn: false, reason: null, overridden: null, minutesFromDue: null };
            if (fate === 'missed') {
              keep({ ...base, fate: now > slot + o.windowMinutes * MINUTE ? 'missed' : 'open' });
              continue;
            }
            if (fate === 'not-given') {
              const reason = r.pick(Object.keys(NOT_GIVEN_REASONS) as NotGivenReason[]);
              const recordedAt = Math.min(now, slot + 30 * MINUTE);
              repos.chart.insertNotGiven(
                { id: uuid(), eventId: uuid(), prescriptionId: rx.id, patientId: patient.id, slotAt: new Date(slot).toISOString(), reason, note: null, recordedBy: o.staffId, recordedByName: 'Generated', recordedAt: new Date(recordedAt).toISOString() },
                wardId,
                'handheld-generated',
              );
              omissions++;
              seen(wardId, slot);
              keep({ ...base, fate, reason });
              continue;
            }
            const minutes = Math.min(r.int(-20, 75), Math.floor((now - slot) / MINUTE));
            if (!GIVEN_FATES.some(([f]) => f === fate)) fate = 'scanned';
            const overridden = give(wardId, patient.id, rx.id, slot, slot + minutes * MINUTE, fate);
            keep({ ...base, fate, overridden, minutesFromDue: minutes });
          }
        }
      }
      // One as-needed order per stay: none to three doses a day, from 02:00 (none in October's repeated hour, and the first record is a morning dose).
      const prn = buildPrescription(repos, { patientId: patient.id, drug: 'Generated analgesic', schedule: { kind: 'prn', minIntervalMinutes: 240, maxDailyDose: null }, startsAt: new Date(startsAt).toISOString(), stopsAt: stopsAt === null ? null : new Date(stopsAt).toISOString() });
      for (let date = o.from; date <= lastDate && date <= endDate; date = addDays(date, 1)) {
        for (let n = r.weighted([[0, 5], [1, 3], [2, 1], [3, 1]] as const); n > 0; n--) {
          const minute = r.int(120, 24 * 60 - 1);
          const time = hhmm(minute);
          const givenAt = at(date, time);
          if (givenAt < startsAt || (stopsAt !== null && givenAt >= stopsAt) || givenAt > now) continue;
          const fate = r.weighted(GIVEN_FATES);
          const wardId = wardAt(givenAt);
          const overridden = give(wardId, patient.id, prn.id, null, givenAt, fate);
          keep({ wardId, dueAt: givenAt, date, ...shiftOf(date, time), prn: true, fate, reason: null, overridden, minutesFromDue: null });
        }
      }
    }
    // Stops at the bedside, none to four a day, between 07:00 and 23:00.
    for (let date = o.from; date <= lastDate; date = addDays(date, 1)) {
      for (let n = r.int(0, 4); n > 0; n--) {
        const time = hhmm(r.int(7 * 60, 23 * 60 - 1));
        const instant = at(date, time);
        if (instant > now) continue;
        const rule = r.pick(STOP_RULES);
        scan('stop', { wardId: ward.id, patientId: 'patient-unknown', at: instant, source: 'scanner', method: 'wristband', rules: [rule] });
        stops.push({ wardId: ward.id, at: instant, date, ...shiftOf(date, time), rule });
      }
    }
  });
  return { doses, stops, recordsFrom, administrations, omissions, scans };
}
