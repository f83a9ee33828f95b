/**
 * Limits used by server validation and client inputs alike, defined once.
 */
export const LIMITS = {
  /** A scanner or camera payload longer than this is not a barcode we read. */
  rawScanMaxLength: 4096,
  deviceIdMaxLength: 64,
  nameMaxLength: 100,
  freeTextMaxLength: 500,
  /** Sign-in accepts PINs this short: those set before issue 16 keep working until changed. */
  pinMinLength: 4,
  /** A PIN set from issue 16 on (new staff, admin reset). */
  newPinMinLength: 6,
  pinMaxLength: 12,
  passwordMaxLength: 200,
  auditPageSizeMax: 500,
} as const;
