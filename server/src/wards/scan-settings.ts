import { DEFAULT_MANUAL_ID_POLICY, type ManualIdPolicy, type PlainNhsNumberPolicy, type WardScanSettings } from '@wardscan/shared';
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

/** Whether a patient may be chosen from the ward list when the band will not scan, on this ward. */
export function manualIdPolicy(repos: Repositories, wardId: string): ManualIdPolicy {
  return repos.wards.manualIdentification(wardId) ?? DEFAULT_MANUAL_ID_POLICY;
}

export function wardScanSettings(repos: Repositories, config: ServerConfig, wardId: string): WardScanSettings {
  return {
    wardId,
    plainNhsNumber: repos.wards.plainNhsNumber(wardId),
    manualIdentification: repos.wards.manualIdentification(wardId),
    effective: { plainNhsNumber: plainNhsNumberPolicy(repos, config, wardId), manualIdentification: manualIdPolicy(repos, wardId) },
  };
}
