import { interpretScan, looksLikeWristband, readBloodLabels, type ClientConfig, type PatientScan } from '@wardscan/shared';
import { describeRaw, interpretOptions } from '../scanning/describe-raw.js';

/** Where one scan goes: the server's bedside check, or a panel on this handheld. */
type ScanRoute =
  | { to: 'server' }
  /** A blood-bag label: collected on the handheld, checked by the server as one unit. */
  | { to: 'blood' }
  | { to: 'device'; label: string }
  | { to: 'second-checker' }
  /** A badge while a high-alert dose waits for its witness: they enter their PIN next. */
  | { to: 'witness' };

export interface ScanRouteContext {
  /** Blood and devices belong to the identified patient; without one, the server answers as before. */
  hasPatient: boolean;
  /** A bag is being read: a scan nothing else reads is that bag's label, refused in words there. */
  collectingBlood: boolean;
  /** A transfusion check waits for the second checker's badge. */
  awaitingSecondChecker: boolean;
  /** A high-alert dose's verdict waits for a witness. */
  awaitingWitness?: boolean;
}

/**
 * Decides where a scan goes, reading it with the same interpreter as the
 * server. Blood labels never go to `/api/scans`: it only answers "info" for
 * them, and a group or product label alone (no DIN) is not a scan there at all.
 */
export function routeScan(raw: string, config: ClientConfig, context: ScanRouteContext): ScanRoute {
  const interpretation = interpretScan(raw, interpretOptions(config));
  if (interpretation.ok) {
    const kind = interpretation.scan.kind;
    if (kind === 'staff' && context.awaitingSecondChecker) return { to: 'second-checker' };
    if (kind === 'staff' && context.awaitingWitness) return { to: 'witness' };
    if (!context.hasPatient) return { to: 'server' };
    // A badge or a pump's tag while a bag is being read stays with the bag, which keeps its labels
    // and says what comes when (transfusion-state.ts), rather than leaving the bag for the device panel
    // or a server answer nobody sees.
    if (context.collectingBlood && (kind === 'staff' || kind === 'asset')) return { to: 'blood' };
    if (kind === 'blood') return { to: 'blood' };
    if (kind === 'asset') return { to: 'device', label: describeRaw(raw, config) };
    return { to: 'server' };
  }
  if (!context.hasPatient) return { to: 'server' };
  if (context.collectingBlood || readBloodLabels(raw).ok) return { to: 'blood' };
  return { to: 'server' };
}

/**
 * Whether a scan is a wristband (read, or looking like one that failed to
 * read): a band moves the positive ID the moment it is read, before the
 * server answers (shared/src/bedside/positive-id.ts).
 */
export type ScanSubject = { kind: 'band'; scan: PatientScan } | { kind: 'unreadable-band' } | { kind: 'other' };

export function scanSubject(raw: string, config: ClientConfig): ScanSubject {
  const interpretation = interpretScan(raw, { ...interpretOptions(config), acceptPlainNhsNumber: true });
  if (interpretation.ok) return interpretation.scan.kind === 'patient' ? { kind: 'band', scan: interpretation.scan } : { kind: 'other' };
  return looksLikeWristband(raw) ? { kind: 'unreadable-band' } : { kind: 'other' };
}
