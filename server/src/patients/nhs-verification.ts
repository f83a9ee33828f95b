/*
 * UK Core NHSNumberVerificationStatusEngland (the code the EPR sends with the
 * NHS Number): only '01' means the number was traced and verified against the
 * national record. Anything else is a weaker identity, which the nurse is told
 * at identification (issue 13).
 */
const STATUS_WORDS: Readonly<Record<string, string>> = {
  '01': 'present and verified',
  '02': 'present but not traced against the national record',
  '03': 'waiting for a trace',
  '04': 'traced without a match (no match or several)',
  '05': 'in conflict with the national record (trace to be resolved)',
  '06': 'being traced',
  '07': 'not present, and no trace needed',
  '08': 'not yet traced (trace postponed: a baby under six weeks old)',
};

export const VERIFIED = '01';

/**
 * The verification status in plain words, or null when the number is
 * verified or no status was ever sent (a patient admitted here, not by an EPR).
 */
export function unverifiedNhsNumberWords(status: string | null | undefined): string | null {
  if (status === null || status === undefined || status === VERIFIED) return null;
  return STATUS_WORDS[status] ?? `of unknown verification status (code ${status})`;
}
