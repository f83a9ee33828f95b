import { z } from 'zod';

/*
 * What a barcode means once interpreted. Every identifier in a `Scan` has
 * passed its standard's check (GS1 mod 10, NHS Number mod 11) and every date
 * is a real calendar date, so code that receives a `Scan` can trust it.
 * Dates are YYYY-MM-DD, computed from the digits, never via a time zone.
 */

/** A patient identifier from a wristband (DCB1077) or a bare NHS Number. */
export const patientScanSchema = z.object({
  kind: z.literal('patient'),
  /** 10 digits, no spaces, mod-11 valid. */
  nhsNumber: z.string().optional(),
  /** 18-digit GS1 GSRN (AI 8018) as printed on the wristband. */
  gsrn: z.string().optional(),
  /** Hospital number, from wristband data where present. */
  mrn: z.string().optional(),
  familyName: z.string().optional(),
  givenName: z.string().optional(),
  birthDate: z.string().optional(),
});

/** A staff badge: GS1 GSRN of a service provider (AI 8017). */
export const staffScanSchema = z.object({ kind: z.literal('staff'), gsrn: z.string() });

/** A drug pack or medical device (UDI); the server decides which from the GTIN. */
export const productScanSchema = z.object({
  kind: z.literal('product'),
  /** Always 14 digits: an EAN-13 gains a leading 0. */
  gtin: z.string(),
  /** Day 00 resolved to the month's last day. */
  expiry: z.string().optional(),
  batch: z.string().optional(),
  serial: z.string().optional(),
});

/** A returnable asset such as an infusion pump: GS1 GIAI (AI 8004). */
export const assetScanSchema = z.object({ kind: z.literal('asset'), giai: z.string() });

/** A place such as a bed: GS1 GLN (AI 414). */
export const locationScanSchema = z.object({ kind: z.literal('location'), gln: z.string() });

/** An ISBT 128 blood unit label. */
export const bloodScanSchema = z.object({
  kind: z.literal('blood'),
  /** 13 characters: facility (5) + year (2) + sequence (6). */
  din: z.string(),
  /** ABO/RhD, e.g. 'O+', 'AB-'. */
  bloodGroup: z.string().optional(),
  productCode: z.string().optional(),
  /** YYYY-MM-DD: ISBT 128 `=>` or `&>`. */
  expiry: z.string().optional(),
  /** HH:MM, when the expiry label gives a time (ISBT 128 `&>`, data structure 005). */
  expiryTime: z.string().optional(),
  /** Present when the DIN's flags (60–96) carried its ISO 7064 MOD 37-2 check, which matched. */
  dinCheck: z.literal('verified').optional(),
});

export const scanSchema = z.discriminatedUnion('kind', [
  patientScanSchema,
  staffScanSchema,
  productScanSchema,
  assetScanSchema,
  locationScanSchema,
  bloodScanSchema,
]);

export type PatientScan = z.infer<typeof patientScanSchema>;
export type StaffScan = z.infer<typeof staffScanSchema>;
export type ProductScan = z.infer<typeof productScanSchema>;
export type AssetScan = z.infer<typeof assetScanSchema>;
export type LocationScan = z.infer<typeof locationScanSchema>;
export type BloodScan = z.infer<typeof bloodScanSchema>;
export type Scan = z.infer<typeof scanSchema>;
export type ScanKind = Scan['kind'];

export const SCAN_ERROR_CODES = ['EMPTY', 'UNRECOGNISED', 'SYNTAX', 'CHECK_DIGIT', 'LENGTH', 'DATE'] as const;
/**
 * Why a barcode did not read, where it was not the barcode's fault: 'scanner-left-out-gs', a
 * keyboard-wedge scanner that sends no GS (FNC1), so one field runs into the next. The barcode is
 * most likely fine, and it is the scanner that needs setting up (issue 14).
 */
export const SCAN_ERROR_CAUSES = ['scanner-left-out-gs'] as const;
export const scanErrorSchema = z.object({
  code: z.enum(SCAN_ERROR_CODES),
  cause: z.enum(SCAN_ERROR_CAUSES).optional(),
  /** Plain words a nurse can act on. */
  message: z.string(),
  /**
   * The technical reason, in GS1 terms ("(8018) GSRN - RECIPIENT has a wrong
   * check digit: …"), for whoever prints the bands or sets up the scanner.
   * Absent when the message already says it all.
   */
  detail: z.string().optional(),
});
export type ScanErrorCode = (typeof SCAN_ERROR_CODES)[number];
export type ScanErrorCause = (typeof SCAN_ERROR_CAUSES)[number];
export type ScanError = z.infer<typeof scanErrorSchema>;

export const interpretationSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), scan: scanSchema, symbology: z.string().nullable(), raw: z.string() }),
  z.object({ ok: z.literal(false), error: scanErrorSchema, raw: z.string() }),
]);
export type Interpretation = z.infer<typeof interpretationSchema>;

export interface InterpretOptions {
  /** GS1 company prefixes under which a patient GSRN (8018) carries an NHS Number. */
  nhsCompanyPrefixes?: string[];
  /** A bare 10-digit NHS Number (spaces allowed) is a patient; default true. */
  acceptPlainNhsNumber?: boolean;
  /** Characters a keyboard-wedge scanner sends in place of GS (ASCII 29). */
  gsSubstitutes?: string[];
  /** YYYY-MM-DD, for the GS1 century window; default: today (UTC). */
  today?: string;
}

/** Where a scan came from: a camera decode, a HID scanner burst, or typed by hand. */
export const SCAN_SOURCES = ['camera', 'scanner', 'keyboard'] as const;
export const scanSourceSchema = z.enum(SCAN_SOURCES);
export type ScanSource = z.infer<typeof scanSourceSchema>;
