import type { DueDose, PatientSummary } from '@wardscan/shared';
import { doseText, type PastDose, type PatientRecord, type PrescriptionRecord } from '../domain/records.js';
import { currentSlot, type TimingContext } from '../domain/right-time.js';

const MINUTE = 60_000;

/** One chart line: the dose a scan now would be for, and whether it is due. */
export function dueDose(p: PrescriptionRecord, given: readonly PastDose[], t: TimingContext, highAlert: boolean): DueDose {
  const base = { prescriptionId: p.id, drugName: p.drug, dose: p.dose, doseText: doseText(p), route: p.route, highAlert };
  if (p.schedule.kind === 'prn') return { ...base, dueAt: null, status: 'prn' };
  const slot = currentSlot(p.schedule.times, given, t, p.holds);
  if (!slot) return { ...base, dueAt: null, status: 'later' };
  const window = t.windowMinutes * MINUTE;
  const now = t.now.getTime();
  const status: DueDose['status'] = given.some((d) => d.slotAt?.getTime() === slot.getTime())
    ? 'given'
    : now > slot.getTime() + window
      ? 'overdue'
      : now >= slot.getTime() - window
        ? 'due'
        : 'later';
  return { ...base, dueAt: slot.toISOString(), status };
}

/** The patient as the bedside banner shows them after a positive ID. */
export function patientSummary(
  patient: PatientRecord,
  prescriptions: readonly PrescriptionRecord[],
  pastDoses: ReadonlyMap<string, readonly PastDose[]>,
  t: TimingContext,
  isHighAlert: (p: PrescriptionRecord) => boolean,
): PatientSummary {
  return {
    id: patient.id,
    nhsNumber: patient.nhsNumber,
    mrn: patient.mrn,
    familyName: patient.familyName,
    givenName: patient.givenName,
    birthDate: patient.birthDate,
    wardId: patient.wardId,
    bedId: patient.bedId,
    bedLabel: patient.bedLabel,
    allergies: [...patient.allergies],
    allergyStatus: patient.allergyStatus,
    doses: prescriptions.map((p) => dueDose(p, pastDoses.get(p.id) ?? [], t, isHighAlert(p))),
  };
}
