import {
  equipmentAssignmentSchema,
  equipmentAssignResponseSchema,
  equipmentReleaseResponseSchema,
  type EquipmentAssignment,
  type EquipmentAssignRequest,
  type EquipmentAssignResponse,
  type EquipmentReleaseRequest,
  type EquipmentReleaseResponse,
} from '@wardscan/shared';
import { z } from 'zod';
import type { HttpClient } from '../api/http.js';

const assignmentListSchema = z.array(equipmentAssignmentSchema);

/** Data access for devices at the bedside and on the ward. */
export function postEquipmentAssign(http: HttpClient, request: EquipmentAssignRequest): Promise<EquipmentAssignResponse> {
  return http.send('POST', '/api/equipment/assign', request, equipmentAssignResponseSchema);
}

export function postEquipmentRelease(http: HttpClient, request: EquipmentReleaseRequest): Promise<EquipmentReleaseResponse> {
  return http.send('POST', '/api/equipment/release', request, equipmentReleaseResponseSchema);
}

/** Devices with patients now; the ward's, or the caller's own ward when none is given. */
export function fetchEquipmentAssignments(http: HttpClient, wardId: string | null): Promise<EquipmentAssignment[]> {
  const query = wardId ? `?wardId=${encodeURIComponent(wardId)}` : '';
  return http.get(`/api/equipment/assignments${query}`, assignmentListSchema);
}

/** "giai:50999987B0001" → "50999987B0001": the tag as printed under its barcode. */
export function deviceTag(equipmentKey: string): string {
  if (equipmentKey.startsWith('giai:')) return equipmentKey.slice('giai:'.length);
  const [, gtin, serial] = equipmentKey.split(':');
  return `GTIN ${gtin ?? ''}, serial ${serial ?? ''}`;
}

/** What the register calls it, or that it is not registered. */
export function deviceName(assignment: Pick<EquipmentAssignment, 'assetName' | 'equipmentKey'>): string {
  return assignment.assetName ?? `Unregistered device ${deviceTag(assignment.equipmentKey)}`;
}
