import { useEffect, useState } from 'react';
import type { EquipmentAssignment } from '@wardscan/shared';
import { errorMessage } from '../api/api-error.js';
import type { Loadable } from '../api/loadable.js';
import { daysAgo } from '../manager/dashboard.resource.js';
import { useServices } from '../services.js';
import { formatDate, formatDateTime } from '../ui/format.js';
import { deviceName, deviceTag, fetchEquipmentAssignments } from './equipment.resource.js';
import { ErrorBox } from '../ui/ErrorBox.js';

/** Ward manager: which device is with which patient now, and which are past their maintenance date. */
export function DevicesTable({ wardId, refreshKey }: { wardId: string | null; refreshKey: number }) {
  const { http } = useServices();
  const [devices, setDevices] = useState<Loadable<EquipmentAssignment[]>>({ status: 'loading' });
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let current = true;
    fetchEquipmentAssignments(http, wardId)
      .then((data) => current && setDevices({ status: 'ready', data }))
      .catch((caught: unknown) => current && setDevices({ status: 'error', message: errorMessage(caught) }));
    return () => {
      current = false;
    };
  }, [http, wardId, refreshKey, reload]);

  const today = daysAgo(0);
  return (
    <section className="card" aria-labelledby="devices-heading">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="devices-heading" style={{ fontSize: 20, margin: 0 }}>
          Devices with patients now
        </h2>
        <button type="button" onClick={() => setReload((n) => n + 1)}>
          Refresh
        </button>
      </div>
      {devices.status === 'loading' ? <p role="status">Loading devices…</p> : null}
      {devices.status === 'error' ? <ErrorBox>Devices could not be loaded: {devices.message}</ErrorBox> : null}
      {devices.status === 'ready' && devices.data.length === 0 ? <p>No devices are with patients now.</p> : null}
      {devices.status === 'ready' && devices.data.length > 0 ? (
        <table aria-label="Devices with patients now">
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">Patient</th>
              <th scope="col">Bed</th>
              <th scope="col">Since</th>
              <th scope="col">Maintenance due</th>
            </tr>
          </thead>
          <tbody>
            {devices.data.map((assignment) => (
              <tr key={assignment.id}>
                <td>
                  {deviceName(assignment)}
                  <div className="hint">{deviceTag(assignment.equipmentKey)}</div>
                </td>
                <td>{assignment.patientName}</td>
                <td>{assignment.bedLabel ?? 'No bed'}</td>
                <td>{formatDateTime(assignment.assignedAt)}</td>
                <td>
                  <MaintenanceDue due={assignment.maintenanceDueOn} today={today} registered={assignment.assetName !== null} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function MaintenanceDue({ due, today, registered }: { due: string | null; today: string; registered: boolean }) {
  if (!registered) return <span className="outcome-tag warning">⚠ NOT REGISTERED</span>;
  if (due === null) return <>Not recorded</>;
  // Same rule as the server's check: due on or before today is overdue.
  if (due <= today) return <span className="outcome-tag warning">⚠ OVERDUE {formatDate(due)}</span>;
  return <>{formatDate(due)}</>;
}
