import type { Bundle, Resource } from '@medplum/fhirtypes';

/** A searchset Bundle of every match (Wardscan searches are small: no paging links beyond self). */
export function searchset(resources: readonly Resource[], selfUrl: string): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: resources.length,
    link: [{ relation: 'self', url: selfUrl }],
    entry: resources.map((resource) => ({ fullUrl: `${resource.resourceType}/${resource.id}`, resource, search: { mode: 'match' } })),
  };
}
