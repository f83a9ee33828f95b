import type { Practitioner } from '@medplum/fhirtypes';
import type { ImportCommand } from '../commands.js';
import { fail, gs1KeyFrom, identifiersOf, ok, type EntryContext, type Mapped } from '../references.js';
import { GSRN_SYSTEM } from '../systems.js';

/** A member of staff, identified by the GSRN on their badge (AI 8017). */
export function practitionerFromFhir(p: Practitioner, ctx: EntryContext): Mapped<ImportCommand> {
  const at = ctx.at;
  const badge = identifiersOf(p, GSRN_SYSTEM)[0];
  if (!badge) return fail(`Staff are identified by their badge GSRN (${GSRN_SYSTEM}).`, `${at}.identifier`, 'required');
  const gsrn = gs1KeyFrom(badge.value, 'GSRN', `${at}.identifier[${badge.index}].value`);
  if (!gsrn.ok) return gsrn;
  const n = p.name?.find((x) => x.use === 'official') ?? p.name?.[0];
  const name = n?.text?.trim() || [n?.prefix?.join(' '), n?.given?.join(' '), n?.family].filter((s) => s && s.trim()).join(' ').trim();
  if (!name) return fail('The practitioner needs a name.', `${at}.name`, 'required');
  return ok({ kind: 'staff', entry: ctx.index, badgeGsrn: gsrn.value, name });
}
