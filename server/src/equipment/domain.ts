/*
 * Equipment at the bedside, pure: which identifier names a device, and what
 * the asset register says about it. An unknown device or one past its
 * maintenance date is a warning, not a stop: the infusion may be urgent, and
 * the ward manager sees every such warning.
 */
import type { Check, Scan } from '@wardscan/shared';

/** A device in the asset register. */
export interface Asset {
  readonly equipmentKey: string;
  readonly name: string;
  /** YYYY-MM-DD; the device must be serviced by this day. */
  readonly maintenanceDueOn: string | null;
}

/** The one name of a device: `giai:<GIAI>` (AI 8004) or `udi:<GTIN>:<serial>` (AI 01 + 21). */
export function equipmentKeyOf(scan: Scan): { ok: true; key: string } | { ok: false; message: string } {
  switch (scan.kind) {
    case 'asset':
      return { ok: true, key: `giai:${scan.giai}` };
    case 'product':
      // A UDI names one device only with its serial number; a GTIN alone names a model.
      return scan.serial ? { ok: true, key: `udi:${scan.gtin}:${scan.serial}` } : { ok: false, message: 'This barcode names a model, not one device: scan the barcode with the serial number (21).' };
    default:
      return { ok: false, message: 'This is not a device barcode. Scan the asset tag (8004) or the device’s UDI.' };
  }
}

/** The register checks for a device scanned on `today` (ward date). */
export function deviceChecks(asset: Asset | undefined, today: string): Check[] {
  if (!asset) {
    return [
      { rule: 'device-unknown', outcome: 'warning', message: 'This device is not in the asset register. Tell the ward manager; use a registered device if one is at hand.' },
      { rule: 'device-maintenance', outcome: 'warning', message: 'Maintenance cannot be confirmed for an unregistered device.' },
    ];
  }
  const due = asset.maintenanceDueOn;
  return [
    { rule: 'device-unknown', outcome: 'pass', message: `${asset.name} is in the asset register.` },
    due !== null && due <= today
      ? { rule: 'device-maintenance', outcome: 'warning', message: `${asset.name} was due for maintenance on ${due}. Use another device if one is at hand, and report it.` }
      : { rule: 'device-maintenance', outcome: 'pass', message: due === null ? 'No maintenance date recorded.' : `Serviced; next due ${due}.` },
  ];
}
