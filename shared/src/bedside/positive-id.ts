/*
 * Positive patient identification on one handheld, as one state machine.
 *
 * The rules it keeps (issue 12; DOMAIN.md, positive patient identification):
 * - a wristband scan replaces the current identification before anything
 *   else is shown: the old patient is gone the moment the band is read;
 * - a band that does not identify a patient (unreadable, unknown, another
 *   ward's, refused by policy) ends the identification;
 * - a patient is shown only once identified: by the server, or offline from
 *   the handheld's signed copy of the ward list; until then the screen says
 *   "identifying…" with nobody's name or chart;
 * - every pack scan is bound to the band scan it followed, and the server
 *   checks it only against that identification (`packBinding`).
 */

/** Why there is no identified patient any more. */
export const ID_END_REASONS = ['band-not-identified', 'timeout', 'finished', 'server-ended'] as const;
export type IdEndReason = (typeof ID_END_REASONS)[number];

/** Who confirmed the patient: the ward's server, or (offline) the handheld's signed ward list. */
export type IdentifiedBy = 'server' | 'ward-list';

export type PositiveId =
  | { readonly kind: 'none' }
  /** A band was read; its patient is not known yet (the server has not answered, and the ward list does not hold it). */
  | { readonly kind: 'identifying'; readonly bandEventId: string }
  | { readonly kind: 'identified'; readonly bandEventId: string; readonly patientId: string; readonly by: IdentifiedBy }
  | { readonly kind: 'ended'; readonly reason: IdEndReason };

export type PositiveIdEvent =
  /** A band read well enough to ask who it is; `localPatientId` when the signed ward list identifies it (used offline). */
  | { readonly type: 'band-scanned'; readonly eventId: string; readonly localPatientId: string | null }
  /** A barcode that looked like a band but did not read. */
  | { readonly type: 'band-unreadable'; readonly eventId: string }
  /** The server's answer to a band scan: the patient it identified, or null. */
  | { readonly type: 'band-answered'; readonly eventId: string; readonly patientId: string | null }
  /** The server answered a later scan of this identification without a patient (it timed out or was ended there). */
  | { readonly type: 'server-lost'; readonly bandEventId: string }
  | { readonly type: 'ended'; readonly reason: 'timeout' | 'finished' };

export const NO_POSITIVE_ID: PositiveId = { kind: 'none' };

function currentBand(state: PositiveId): string | null {
  return state.kind === 'identifying' || state.kind === 'identified' ? state.bandEventId : null;
}

export function positiveIdReducer(state: PositiveId, event: PositiveIdEvent): PositiveId {
  switch (event.type) {
    case 'band-scanned':
      return event.localPatientId === null
        ? { kind: 'identifying', bandEventId: event.eventId }
        : { kind: 'identified', bandEventId: event.eventId, patientId: event.localPatientId, by: 'ward-list' };
    case 'band-unreadable':
      return { kind: 'ended', reason: 'band-not-identified' };
    case 'band-answered':
      // An answer to a band that a later band replaced changes nothing.
      if (currentBand(state) !== event.eventId) return state;
      return event.patientId === null
        ? { kind: 'ended', reason: 'band-not-identified' }
        : { kind: 'identified', bandEventId: event.eventId, patientId: event.patientId, by: 'server' };
    case 'server-lost':
      return currentBand(state) === event.bandEventId ? { kind: 'ended', reason: 'server-ended' } : state;
    case 'ended':
      return state.kind === 'none' ? state : { kind: 'ended', reason: event.reason };
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

/** The patient the screen may show: only an identified one. */
export function shownPatientId(state: PositiveId): string | null {
  return state.kind === 'identified' ? state.patientId : null;
}

/** The band scan a pack scanned now belongs to; null when no band was read (the pack cannot be checked). */
export function identificationOf(state: PositiveId): string | null {
  return currentBand(state);
}

/**
 * The server's side of the binding: a pack scan names the band scan it
 * followed (`identificationEventId`); it is checked only if that band is
 * still the device's identification. `null` says the handheld had no
 * identification when the pack was scanned, so nothing is checked; a scan
 * that leaves it out (an API client that does not bind) is checked against
 * the current identification.
 */
export type PackBinding = 'current' | 'superseded' | 'no-identification';

export function packBinding(identifiedByEventId: string | null, identificationEventId: string | null | undefined): PackBinding {
  if (identifiedByEventId === null || identificationEventId === null) return 'no-identification';
  if (identificationEventId === undefined || identificationEventId === identifiedByEventId) return 'current';
  return 'superseded';
}
