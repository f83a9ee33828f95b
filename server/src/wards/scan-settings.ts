import type { PlainNhsNumberPolicy, WardScanSettings } from '@wardscan/shared';
import type { ServerConfig } from '../config.js';
import type { Repositories } from '../repositories.js';

/**
 * The plain NHS Number policy in force on a ward: its own setting, else the
 * server's WARDSCAN_ACCEPT_PLAIN_NHS_NUMBER (DCB1077: a trust must be able to
 * switch such barcode forms on or off).
 */
export function plainNhsNumberPolicy(repos: Repositories, config: ServerConfig, wardId: string | null): PlainNhsNumberPolicy {
  const own = wardId ? repos.wards.plainNhsNumber(wardId) : null;
  return own ?? (config.acceptPlainNhsNumber ? 'identifies' : 'refused');
}

export function wardScanSettings(repos: Repositories, config: ServerConfig, wardId: string): WardScanSettings {
  return { wardId, plainNhsNumber: repos.wards.plainNhsNumber(wardId), effective: { plainNhsNumber: plainNhsNumberPolicy(repos, config, wardId) } };
}
