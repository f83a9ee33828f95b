/*
 * Who hears a bedside alert, in whose words (issue 15). A stop reaches the
 * scanning nurse's ward manager; where the patient belongs to another ward,
 * that ward's manager too, each worded for their side:
 *   7B's: "Your nurse Nina Demo scanned Kathleen LOWRY, a Ward 8A Surgery patient: stopped."
 *   8A's: "A Ward 7B Acute Medicine nurse scanned your patient Kathleen LOWRY: stopped."
 * and never the nurse's own words ("… is not on your ward") to a manager on
 * whose ward the patient is. Admins hear each alert once, in neutral words.
 *
 * `routeAlert` is pure; `alertSides` looks the facts up for the emitter when
 * the alert's maker did not fill them in.
 */
import type { WardAlert } from '@wardscan/shared';
import { patientName, type PatientRecord } from '../domain/records.js';
import type { Repositories } from '../repositories.js';

export interface WardRef {
  readonly id: string;
  readonly name: string;
}

/** What routing needs beyond the alert. */
export interface AlertSides {
  /** The scanning nurse's ward; null when they have none. */
  readonly nurseWard: WardRef | null;
  /** The patient's ward; null when the alert names no patient. */
  readonly patientWard: WardRef | null;
  /**
   * For an alert that names no patient (a band refused at the nurse's end):
   * the patient the band named, if exactly one, so both sides know whose
   * band it was.
   */
  readonly namedPatient?: { readonly id: string; readonly name: string; readonly bedLabel: string | null } | null;
}

/** What one ward's managers (or the admins) are sent. */
export interface RoutedAlerts {
  /** One per ward room; each alert's `wardId` is its room's ward. */
  readonly rooms: readonly WardAlert[];
  /** The admins' copy: once, whatever rooms they are in. */
  readonly overview: WardAlert;
}

const OUTCOME_WORDS: Record<WardAlert['kind'], string> = { stop: 'stopped', warning: 'a warning', override: 'given past a warning' };

/**
 * The stop a nurse gets for another ward's patient's band names nobody (the
 * positive ID is refused) and fails only the right-patient rule: its words
 * ("… is not on your ward") are for the nurse, so the managers get their own.
 */
const isOtherWardBand = (alert: WardAlert, sides: AlertSides): boolean =>
  alert.patientId === null && !!sides.namedPatient && alert.rules.length === 1 && alert.rules[0] === 'right-patient';

/** Routes one alert: the rooms it goes to and each copy's words. */
export function routeAlert(alert: WardAlert, sides: AlertSides): RoutedAlerts {
  const nurseWardId = sides.nurseWard?.id ?? null;
  const patientWardId = sides.patientWard?.id ?? null;
  const facts = { nurseWardId, patientWardId };
  if (!sides.nurseWard || !sides.patientWard || sides.nurseWard.id === sides.patientWard.id) {
    // One ward, or no patient to speak of: the words as made, to the nurse's ward and to the ward the maker sent it to.
    const one: WardAlert = { ...alert, ...facts, audience: 'ward' };
    const wards = [...new Set([nurseWardId ?? patientWardId ?? alert.wardId, patientWardId ?? alert.wardId])];
    return { rooms: wards.map((wardId) => ({ ...one, wardId })), overview: { ...one, audience: 'overview' } };
  }
  const nurseWard = sides.nurseWard;
  const patientWard = sides.patientWard;
  const named = alert.patientId === null ? (sides.namedPatient ?? null) : null;
  const who = alert.patientName ?? named?.name ?? 'a patient';
  const bed = alert.bedLabel ?? named?.bedLabel ?? null;
  const patient = { patientId: alert.patientId ?? named?.id ?? null, patientName: alert.patientName ?? named?.name ?? null };
  const outcome = OUTCOME_WORDS[alert.kind];
  // The nurse's own words follow, unless they are the other-ward band's "not on your ward".
  const detail = isOtherWardBand(alert, sides) ? '' : ` ${alert.message}`;
  const nurseSide: WardAlert = {
    ...alert,
    ...facts,
    ...patient,
    wardId: nurseWard.id,
    // Their bed numbers are another ward's: say whose.
    bedLabel: bed ? `${bed}, ${patientWard.name}` : null,
    message: `Your nurse ${alert.userName} scanned ${who}, a ${patientWard.name} patient: ${outcome}.${detail}`,
    audience: 'nurse-ward',
  };
  const patientSide: WardAlert = {
    ...alert,
    ...facts,
    ...patient,
    wardId: patientWard.id,
    bedLabel: bed,
    message: `A ${nurseWard.name} nurse scanned your patient ${who}: ${outcome}.${detail}`,
    audience: 'patient-ward',
  };
  const overview: WardAlert = {
    ...nurseSide,
    message: `${nurseWard.name} nurse ${alert.userName} scanned ${who}, a ${patientWard.name} patient: ${outcome}.${detail}`,
    audience: 'overview',
  };
  return { rooms: [nurseSide, patientSide], overview };
}

/**
 * The patient a refused wristband named: the scan's own reading, looked up by
 * GSRN, else NHS Number, as the check did. Nobody when its identifiers name
 * two different patients (that stop says so itself).
 */
function bandNamed(repos: Repositories, eventId: string): PatientRecord | undefined {
  const interpretation = repos.scans.get(eventId)?.response.interpretation;
  if (!interpretation?.ok || interpretation.scan.kind !== 'patient') return undefined;
  const { gsrn, nhsNumber } = interpretation.scan;
  const byGsrn = gsrn ? repos.patients.byWristbandGsrn(gsrn) : undefined;
  const byNhs = nhsNumber ? repos.patients.byNhsNumber(nhsNumber) : undefined;
  if (byGsrn && byNhs && byGsrn.id !== byNhs.id) return undefined;
  return byGsrn ?? byNhs;
}

/** The facts routing needs, from the alert where its maker set them, else from the database. */
export function alertSides(repos: Repositories, alert: WardAlert): AlertSides {
  const ward = (id: string | null | undefined): WardRef | null => {
    if (!id) return null;
    const w = repos.wards.get(id);
    return w ? { id: w.id, name: w.name } : null;
  };
  const nurseWardId = alert.nurseWardId !== undefined ? alert.nurseWardId : (repos.staff.byId(alert.userId)?.wardId ?? null);
  let patientWardId = alert.patientWardId;
  let namedPatient: AlertSides['namedPatient'] = null;
  if (alert.patientId !== null) {
    patientWardId ??= repos.patients.byId(alert.patientId)?.wardId ?? alert.wardId;
  } else if (alert.wardId !== nurseWardId && alert.rules.includes('right-patient')) {
    // A band refused for being another ward's patient: the alert went to the patient's ward but names nobody.
    const named = bandNamed(repos, alert.eventId);
    if (named && named.wardId === alert.wardId) {
      namedPatient = { id: named.id, name: patientName(named), bedLabel: named.bedLabel };
      patientWardId ??= named.wardId;
    }
  }
  return { nurseWard: ward(nurseWardId), patientWard: ward(patientWardId ?? null), namedPatient };
}
