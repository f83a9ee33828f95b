import type { EquipmentAssignResponse } from '@wardscan/shared';

/** What the device runs for this patient; "none" is a deliberate answer, not a default. */
export type DevicePurpose = { kind: 'prescription'; id: string } | { kind: 'transfusion'; id: string } | { kind: 'none' };

/** A device scanned at the bedside, on its way to being associated with the patient. */
export interface DeviceFlow {
  patientId: string;
  /** Made when the device is scanned: a retry after a lost answer is the same association. */
  eventId: string;
  raw: string;
  /** "Equipment 50999987B0001": what was scanned, in words. */
  label: string;
  purpose: DevicePurpose | null;
  result: EquipmentAssignResponse | null;
}

export type DeviceAction =
  | { type: 'scanned'; raw: string; label: string; eventId: string }
  | { type: 'purpose-chosen'; purpose: DevicePurpose }
  | { type: 'assigned'; response: EquipmentAssignResponse };

/** As `transfusionReducer`: null means the action belongs to no device panel on screen, and is ignored. */
export function deviceReducer(flow: DeviceFlow | null, action: DeviceAction, patientId: string): DeviceFlow | null {
  const current = flow?.patientId === patientId ? flow : null;
  switch (action.type) {
    case 'scanned':
      return { patientId, eventId: action.eventId, raw: action.raw, label: action.label, purpose: null, result: null };
    case 'purpose-chosen':
      return current && !current.result ? { ...current, purpose: action.purpose } : null;
    case 'assigned':
      return current && current.eventId === action.response.eventId && !current.result ? { ...current, result: action.response } : null;
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

/** The request fields for a purpose: at most one of prescription and transfusion. */
export function purposeFields(purpose: DevicePurpose): { prescriptionId?: string; transfusionId?: string } {
  switch (purpose.kind) {
    case 'prescription':
      return { prescriptionId: purpose.id };
    case 'transfusion':
      return { transfusionId: purpose.id };
    case 'none':
      return {};
    default: {
      const unreachable: never = purpose;
      return unreachable;
    }
  }
}
