/*
 * One barcode on a blood bag, read on its own. A bag carries several: the
 * DIN, the blood group, the component (product) code and the expiry, in
 * ISBT 128 and, on UK packs, partly in Codabar (JPAC Red Book ch. 23). The
 * handheld collects them into one unit (blood-unit.ts); each label here says
 * only what it carries, and where it came from.
 */
import { z } from 'zod';

/** ABO/RhD groups as Wardscan names them; ISBT 128 and Codabar codes map onto these. */
export const BLOOD_GROUPS = ['O+', 'O-', 'A+', 'A-', 'B+', 'B-', 'AB+', 'AB-'] as const;
export const bloodGroupSchema = z.enum(BLOOD_GROUPS);
export type BloodGroup = z.infer<typeof bloodGroupSchema>;

/**
 * ISBT 128 ABO/RhD codes (first two characters of data structure 002), which
 * UK Codabar group labels reuse. Other codes (e.g. with Kell, or "pooled")
 * are refused: the nurse checks those by eye.
 */
export const ISBT_GROUP_CODES: Readonly<Record<string, BloodGroup>> = {
  '51': 'O+',
  '95': 'O-',
  '62': 'A+',
  '06': 'A-',
  '73': 'B+',
  '17': 'B-',
  '84': 'AB+',
  '28': 'AB-',
};

/** The symbology family a label was printed in. */
export type BloodLabelScheme = 'isbt128' | 'codabar';

/** What one blood-bag barcode (or one ISBT 128 data structure) carries. */
export type BloodLabel =
  | {
      readonly label: 'din';
      /** 13 characters: facility (5) + year (2) + sequence (6). */
      readonly din: string;
      /** The two ISBT 128 flag characters, when the barcode carried them. */
      readonly flags: string | null;
      /** Whether an ISO 7064 MOD 37-2 check travelled with the DIN and matched. */
      readonly check: 'verified' | 'not-carried';
      readonly capture: 'barcode' | 'keyed';
    }
  | { readonly label: 'group'; readonly bloodGroup: BloodGroup; readonly scheme: BloodLabelScheme }
  | {
      readonly label: 'product';
      /** ISBT 128: 8 characters (e.g. E0001V00); Codabar: the 5-digit UK component code. */
      readonly code: string;
      readonly scheme: BloodLabelScheme;
    }
  | {
      readonly label: 'expiry';
      /** YYYY-MM-DD. */
      readonly date: string;
      /** HH:MM when the label gives a time (ISBT 128 `&>`); otherwise the unit lasts to the end of `date`. */
      readonly time: string | null;
      readonly scheme: BloodLabelScheme;
    };

export type BloodLabelKind = BloodLabel['label'];
