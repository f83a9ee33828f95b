import type { SessionUser } from '@wardscan/shared';
import type { StaffRecord } from '../auth/staff-repository.js';

/** Why this badge's holder cannot witness a dose given by `giver`, or null when they can. */
export function witnessProblem(witness: StaffRecord | undefined, giver: SessionUser): string | null {
  if (!witness || !witness.active) return 'Witness badge not recognised: the witness must be a registered member of staff.';
  if (witness.id === giver.id) return 'The witness must be a second person, not the nurse giving the dose.';
  if (witness.role === 'admin') return `${witness.name} cannot witness a dose: the witness must be a nurse, pharmacist or ward manager.`;
  return null;
}
