import { formatNhsNumber, interpretScan, type ClientConfig, type InterpretOptions } from '@wardscan/shared';

export function interpretOptions(config: ClientConfig): InterpretOptions {
  return {
    nhsCompanyPrefixes: config.nhsCompanyPrefixes,
    acceptPlainNhsNumber: config.acceptPlainNhsNumber,
    gsSubstitutes: config.gsSubstitutes,
  };
}

/**
 * A short label for a scan waiting in the offline queue, read on the
 * handheld with the same interpreter the server uses. Only a label: the
 * server still decides what the scan means.
 */
export function describeRaw(raw: string, config: ClientConfig): string {
  const interpretation = interpretScan(raw, interpretOptions(config));
  if (!interpretation.ok) return 'Unreadable barcode';
  const scan = interpretation.scan;
  switch (scan.kind) {
    case 'patient':
      return scan.nhsNumber ? `Wristband, NHS No. ${formatNhsNumber(scan.nhsNumber)}` : 'Wristband';
    case 'product':
      return `Pack, GTIN ${scan.gtin}${scan.batch ? `, batch ${scan.batch}` : ''}`;
    case 'staff':
      return 'Staff badge';
    case 'location':
      return `Location ${scan.gln}`;
    case 'asset':
      return `Equipment ${scan.giai}`;
    case 'blood':
      return `Blood unit ${scan.din}`;
    default: {
      const unreachable: never = scan;
      return unreachable;
    }
  }
}
