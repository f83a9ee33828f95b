import type { FormEvent } from 'react';
import type { MedicationRoute } from '@wardscan/shared';

/** What pharmacy's draft forms (a product, a PRN review rule) do with their draft: set a field, tick a route, submit. */
export function draftForm<D extends { routes: MedicationRoute[] }>(draft: D, onChange: (draft: D) => void, onSubmit: () => void) {
  const set = <K extends keyof D>(key: K, value: D[K]) => onChange({ ...draft, [key]: value });
  return {
    set,
    submit: (event: FormEvent) => {
      event.preventDefault();
      onSubmit();
    },
    toggleRoute: (route: MedicationRoute) => set('routes', (draft.routes.includes(route) ? draft.routes.filter((r) => r !== route) : [...draft.routes, route]) as D['routes']),
  };
}
