import { randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, BundleLink, Resource } from '@medplum/fhirtypes';
import type { SearchControls } from '../search-params.js';

export interface SearchPage {
  /** This server's FHIR base, absolute (e.g. `https://wardscan.trust.nhs.uk/fhir/r4`). */
  readonly base: string;
  /** The resource type searched, e.g. `MedicationAdministration`. */
  readonly type: string;
  /** The search's own parameters as given, in order (repeats kept); the common ones are written from `controls`. */
  readonly params: readonly (readonly [string, string])[];
  readonly controls: SearchControls;
  readonly total: number;
  readonly resources: readonly Resource[];
  /** Parameters the paging links carry to keep later pages stable (e.g. AuditEvent's `_snapshot`). */
  readonly pin?: readonly (readonly [string, string])[];
}

const COMMON = new Set(['_count', '_offset', '_format', '_pretty', '_total', '_summary']);

/**
 * A page of a search as a searchset Bundle: `total` is every match, not this
 * page; `self` states the parameters actually applied (ignored ones left out)
 * and `first`, `previous`, `next` and `last` page through the rest; every URL
 * is absolute. Parameters ignored under lenient handling are reported in an
 * OperationOutcome entry (search mode `outcome`), as R4 search describes.
 */
export function searchset(p: SearchPage): Bundle {
  const { count, offset, ignored } = p.controls;
  const own = p.params.filter(([k]) => !COMMON.has(k) && !ignored.includes(k));
  const url = (at: number | null): string => {
    const q = new URLSearchParams([...own, ...(p.pin ?? [])].map(([k, v]): [string, string] => [k, v]));
    q.set('_count', String(count));
    if (at !== null && at > 0) q.set('_offset', String(at));
    return `${p.base}/${p.type}?${q.toString()}`;
  };
  const link: BundleLink[] = [{ relation: 'self', url: url(offset) }];
  if (count > 0 && p.total > 0) {
    const last = Math.floor((p.total - 1) / count) * count;
    link.push({ relation: 'first', url: url(0) });
    if (offset > 0) link.push({ relation: 'previous', url: url(Math.max(0, Math.min(offset, p.total) - count)) });
    if (offset + count < p.total) link.push({ relation: 'next', url: url(offset + count) });
    link.push({ relation: 'last', url: url(last) });
  }
  const entry: BundleEntry[] = p.resources.map((resource) => ({ fullUrl: `${p.base}/${resource.resourceType}/${resource.id}`, resource, search: { mode: 'match' } }));
  if (ignored.length) {
    entry.push({
      fullUrl: `urn:uuid:${randomUUID()}`,
      resource: {
        resourceType: 'OperationOutcome',
        issue: ignored.map((name) => ({ severity: 'warning', code: 'not-supported', details: { text: `Search parameter ${name} is not supported here and was ignored.` }, location: [`http.${name}`] })),
      },
      search: { mode: 'outcome' },
    });
  }
  return { resourceType: 'Bundle', type: 'searchset', total: p.total, link, entry };
}
