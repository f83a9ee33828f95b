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
 * Records are kept with the patient they were fetched for: after a
 * wristband change they read as loading from the very first render, never
 * as the previous patient's.
 */
export function usePatientRecords(patient: PatientSummary | null, version: number): PatientRecords {
  const { http } = useServices();
  const [loaded, setLoaded] = useState<{ patientId: string; records: PatientRecords } | null>(null);
  const patientId = patient?.id ?? null;
  const wardId = patient?.wardId ?? null;

  useEffect(() => {
    if (!patientId) {
      // Finished: the same wristband later starts from loading, not from records kept since.
      setLoaded(null);
      return;
    }
    let current = true;
    const isCurrent = () => current;
    // An answer for another patient (or none yet) starts from loading, never from their records.
    const apply = (change: Partial<PatientRecords>) =>
      setLoaded((was) => ({ patientId, records: { ...(was?.patientId === patientId ? was.records : LOADING), ...change } }));
    settle(fetchPatientTransfusions(http, patientId), (transfusions) => apply({ transfusions }), isCurrent);
    settle(
      fetchEquipmentAssignments(http, wardId).then((list) => list.filter((a) => a.patientId === patientId)),
      (devices) => apply({ devices }),
      isCurrent,
    );
    return () => {
      current = false;
    };
  }, [http, patientId, wardId, version]);

  return loaded !== null && loaded.patientId === patientId ? loaded.records : LOADING;
}
