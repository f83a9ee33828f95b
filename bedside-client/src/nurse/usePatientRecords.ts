import { useEffect, useState } from 'react';
import type { EquipmentAssignment, PatientSummary, PatientTransfusions } from '@wardscan/shared';
import { errorMessage } from '../api/api-error.js';
import type { Loadable } from '../api/loadable.js';
import { fetchEquipmentAssignments } from '../equipment/equipment.resource.js';
import { useServices } from '../services.js';
import { fetchPatientTransfusions } from '../transfusion/transfusion.resource.js';

export interface PatientRecords {
  transfusions: Loadable<PatientTransfusions>;
  /** The devices with this patient now. */
  devices: Loadable<EquipmentAssignment[]>;
}

const LOADING: PatientRecords = { transfusions: { status: 'loading' }, devices: { status: 'loading' } };

function settle<T>(promise: Promise<T>, apply: (value: Loadable<T>) => void, isCurrent: () => boolean): void {
  promise
    .then((data) => isCurrent() && apply({ status: 'ready', data }))
    .catch((caught: unknown) => isCurrent() && apply({ status: 'error', message: errorMessage(caught) }));
}

/**
 * The identified patient's blood record and devices, fetched when the
 * patient changes and again after every step that changes them
 * (`version`), so a transfusion started on another handheld shows here too.
 */
export function usePatientRecords(patient: PatientSummary | null, version: number): PatientRecords {
  const { http } = useServices();
  const [records, setRecords] = useState<PatientRecords>(LOADING);
  const patientId = patient?.id ?? null;
  const wardId = patient?.wardId ?? null;

  useEffect(() => {
    setRecords(LOADING);
  }, [patientId]);

  useEffect(() => {
    if (!patientId) return;
    let current = true;
    const isCurrent = () => current;
    settle(fetchPatientTransfusions(http, patientId), (transfusions) => setRecords((r) => ({ ...r, transfusions })), isCurrent);
    settle(
      fetchEquipmentAssignments(http, wardId).then((list) => list.filter((a) => a.patientId === patientId)),
      (devices) => setRecords((r) => ({ ...r, devices })),
      isCurrent,
    );
    return () => {
      current = false;
    };
  }, [http, patientId, wardId, version]);

  return records;
}
