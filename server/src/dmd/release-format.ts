/*
 * The dm+d release files Wardscan reads, as the NHSBSA "Technical
 * specification of data files for release 2 of dm+d" lays them out: for each
 * file, the records it holds and where each field lands in our tables.
 */

export type FieldKind = 'code' | 'text' | 'decimal' | 'flag' | 'date' | 'gtin';

export interface FieldSpec {
  readonly element: string;
  readonly column: string;
  readonly kind: FieldKind;
  readonly required?: boolean;
}

export interface RecordSpec {
  /** The record's container element and its own element name (VMPS/VMP); '*' for any container. */
  readonly container: string;
  readonly element: string;
  readonly table: string;
  readonly fields: readonly FieldSpec[];
  /** The GTIN file nests one row per GTINDATA group inside each AMPP. */
  readonly perGroup?: string;
}

export interface FileSpec {
  /** File name prefix in a release: f_vmp2_3011125.xml. */
  readonly prefix: string;
  readonly recordDepth: number;
  readonly records: readonly RecordSpec[];
}

const code = (element: string, column: string, required = false): FieldSpec => ({ element, column, kind: 'code', required });
const text = (element: string, column: string, required = false): FieldSpec => ({ element, column, kind: 'text', required });
const invalid: FieldSpec = { element: 'INVALID', column: 'invalid', kind: 'flag' };

export const RELEASE_FILES: readonly FileSpec[] = [
  { prefix: 'f_lookup2', recordDepth: 3, records: [{ container: '*', element: 'INFO', table: 'dmd_lookup', fields: [text('CD', 'cd', true), text('DESC', 'description', true)] }] },
  { prefix: 'f_vtm2', recordDepth: 2, records: [{ container: '*', element: 'VTM', table: 'dmd_vtm', fields: [code('VTMID', 'vtmid', true), text('NM', 'name', true), invalid] }] },
  { prefix: 'f_ingredient2', recordDepth: 2, records: [{ container: '*', element: 'ING', table: 'dmd_ingredient', fields: [code('ISID', 'isid', true), text('NM', 'name', true), invalid] }] },
  {
    prefix: 'f_vmp2',
    recordDepth: 3,
    records: [
      {
        container: 'VMPS',
        element: 'VMP',
        table: 'dmd_vmp',
        fields: [
          code('VPID', 'vpid', true),
          code('VTMID', 'vtmid'),
          text('NM', 'name', true),
          { element: 'UDFS', column: 'udfs', kind: 'decimal' },
          code('UDFS_UOMCD', 'udfs_uomcd'),
          code('UNIT_DOSE_UOMCD', 'unit_dose_uomcd'),
          invalid,
        ],
      },
      {
        container: 'VIRTUAL_PRODUCT_INGREDIENT',
        element: 'VPI',
        table: 'dmd_vpi',
        fields: [
          code('VPID', 'vpid', true),
          code('ISID', 'isid', true),
          { element: 'STRNT_NMRTR_VAL', column: 'numerator_value', kind: 'decimal' },
          code('STRNT_NMRTR_UOMCD', 'numerator_uomcd'),
          { element: 'STRNT_DNMTR_VAL', column: 'denominator_value', kind: 'decimal' },
          code('STRNT_DNMTR_UOMCD', 'denominator_uomcd'),
        ],
      },
      { container: 'DRUG_FORM', element: 'DFORM', table: 'dmd_vmp_form', fields: [code('VPID', 'vpid', true), code('FORMCD', 'formcd', true)] },
      { container: 'DRUG_ROUTE', element: 'DROUTE', table: 'dmd_vmp_route', fields: [code('VPID', 'vpid', true), code('ROUTECD', 'routecd', true)] },
    ],
  },
  {
    prefix: 'f_amp2',
    recordDepth: 3,
    records: [{ container: 'AMPS', element: 'AMP', table: 'dmd_amp', fields: [code('APID', 'apid', true), code('VPID', 'vpid', true), text('NM', 'name', true), text('DESC', 'description'), code('SUPPCD', 'suppcd'), invalid] }],
  },
  {
    prefix: 'f_vmpp2',
    recordDepth: 3,
    records: [
      {
        container: 'VMPPS',
        element: 'VMPP',
        table: 'dmd_vmpp',
        fields: [code('VPPID', 'vppid', true), code('VPID', 'vpid', true), text('NM', 'name', true), { element: 'QTYVAL', column: 'qty_value', kind: 'decimal' }, code('QTY_UOMCD', 'qty_uomcd'), invalid],
      },
    ],
  },
  {
    prefix: 'f_ampp2',
    recordDepth: 3,
    records: [{ container: 'AMPPS', element: 'AMPP', table: 'dmd_ampp', fields: [code('APPID', 'appid', true), code('APID', 'apid', true), code('VPPID', 'vppid'), text('NM', 'name', true), invalid] }],
  },
  {
    prefix: 'f_gtin2',
    recordDepth: 3,
    records: [
      {
        container: 'AMPPS',
        element: 'AMPP',
        table: 'dmd_gtin',
        perGroup: 'GTINDATA',
        fields: [
          code('AMPPID', 'appid', true),
          { element: 'GTIN', column: 'gtin', kind: 'gtin', required: true },
          { element: 'STARTDT', column: 'start_date', kind: 'date' },
          { element: 'ENDDT', column: 'end_date', kind: 'date' },
        ],
      },
    ],
  },
];

/** The dm+d tables an import replaces as a whole (a release is complete, not a delta). */
export const DMD_TABLES = [...new Set(RELEASE_FILES.flatMap((f) => f.records.map((r) => r.table)))];
