import { useState } from 'react';
import type { EquipmentAssignment, PatientSummary } from '@wardscan/shared';
import type { Loadable } from '../api/loadable.js';
import { useWardTimeZone } from '../nurse/ward-clock.js';
import { ErrorBox } from '../ui/ErrorBox.js';
import { formatTime } from '../ui/format.js';
import { deviceName, deviceTag } from './equipment.resource.js';

interface Props {
  devices: Loadable<EquipmentAssignment[]>;
  patient: PatientSummary;
  online: boolean;
  onRelease: (assignment: EquipmentAssignment) => Promise<string | null>;
}

function usedFor(assignment: EquipmentAssignment, patient: PatientSummary): string {
  if (assignment.transfusionId) return 'for the blood transfusion';
  const dose = patient.doses.find((d) => d.prescriptionId === assignment.prescriptionId);
  return dose ? `for ${dose.drugName}` : '';
}

/** Devices with this patient now, each releasable once the infusion through it has ended. */
export function PatientDevices({ devices, patient, online, onRelease }: Props) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const timeZone = useWardTimeZone();
  if (devices.status === 'loading') return null;
  if (devices.status === 'error') return <ErrorBox>Devices with this patient could not be loaded: {devices.message}</ErrorBox>;
  if (devices.data.length === 0) return null;

  async function release(assignment: EquipmentAssignment) {
    const failure = await onRelease(assignment);
    setErrors((all) => ({ ...all, [assignment.id]: failure ?? '' }));
  }

  return (
    <section className="card" aria-labelledby="patient-devices-heading">
      <h2 id="patient-devices-heading">Devices with this patient</h2>
      <ul className="devices" aria-label="Devices with this patient">
        {devices.data.map((assignment) => (
          <li key={assignment.id}>
            <div>
              <strong>{deviceName(assignment)}</strong> ({deviceTag(assignment.equipmentKey)}) {usedFor(assignment, patient)}, since{' '}
              {formatTime(assignment.assignedAt, timeZone)}
            </div>
            {errors[assignment.id] ? <p className="field-error">{errors[assignment.id]}</p> : null}
            <button type="button" disabled={!online} onClick={() => void release(assignment)} aria-label={`Release ${deviceName(assignment)}`}>
              Release
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
