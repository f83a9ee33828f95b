import type { Concept, Ingredient, MedicinalProduct, MedicationRoute, UnitDose } from '@wardscan/shared';
import type { Db } from '../db/database.js';
import { routeFromDmd, unitFromDmd } from './units.js';

interface VmpRow {
  vpid: string;
  name: string;
  vtmid: string | null;
  vtm_name: string | null;
  udfs: string | null;
  udfs_unit: string | null;
  unit_dose_unit: string | null;
}
interface VpiRow {
  isid: string;
  substance: string | null;
  numerator_value: string | null;
  numerator_unit: string | null;
  denominator_value: string | null;
  denominator_unit: string | null;
}
interface PackRow {
  appid: string;
  ampp_name: string;
  apid: string;
  amp_name: string;
  vpid: string;
}

/** A VMP as a product: what its AMPs and packs add is set by the caller. */
type VmpProduct = Omit<MedicinalProduct, 'source' | 'amp' | 'ampp'>;

/** A dm+d code's level in the hierarchy, as an order may name it. */
export type DmdConceptLevel = { readonly level: 'vtm' | 'vmp' | 'amp'; readonly concept: Concept };

const UOM = "(SELECT description FROM dmd_lookup WHERE type = 'UNIT_OF_MEASURE' AND cd = ";

/** Reads the imported dm+d release. */
export function createDmdRepository(db: Db) {
  const vmp = db.prepare<[string], VmpRow>(
    `SELECT v.vpid, v.name, v.vtmid, t.name AS vtm_name, v.udfs, ${UOM}v.udfs_uomcd) AS udfs_unit, ${UOM}v.unit_dose_uomcd) AS unit_dose_unit
     FROM dmd_vmp v LEFT JOIN dmd_vtm t ON t.vtmid = v.vtmid WHERE v.vpid = ?`,
  );
  const vpis = db.prepare<[string], VpiRow>(
    `SELECT p.isid, i.name AS substance, p.numerator_value, ${UOM}p.numerator_uomcd) AS numerator_unit, p.denominator_value, ${UOM}p.denominator_uomcd) AS denominator_unit
     FROM dmd_vpi p LEFT JOIN dmd_ingredient i ON i.isid = p.isid WHERE p.vpid = ? ORDER BY i.name`,
  );
  const forms = db.prepare<[string], string>("SELECT l.description FROM dmd_vmp_form f JOIN dmd_lookup l ON l.type = 'FORM' AND l.cd = f.formcd WHERE f.vpid = ?").pluck();
  const routes = db.prepare<[string], { routecd: string; description: string | null }>(
    "SELECT r.routecd, l.description FROM dmd_vmp_route r LEFT JOIN dmd_lookup l ON l.type = 'ROUTE' AND l.cd = r.routecd WHERE r.vpid = ?",
  );
  // A GTIN may have been reused: only a mapping in force on the day counts.
  const packByGtin = db.prepare<[string, string, string], PackRow>(
    `SELECT pp.appid, pp.name AS ampp_name, a.apid, a.name AS amp_name, a.vpid
     FROM dmd_gtin g JOIN dmd_ampp pp ON pp.appid = g.appid JOIN dmd_amp a ON a.apid = pp.apid
     WHERE g.gtin = ? AND (g.start_date IS NULL OR g.start_date <= ?) AND (g.end_date IS NULL OR g.end_date >= ?)
     ORDER BY g.start_date DESC LIMIT 1`,
  );
  const level = db.prepare<[string, string, string], { level: 'vtm' | 'vmp' | 'amp'; name: string }>(
    `SELECT 'vmp' AS level, name FROM dmd_vmp WHERE vpid = ?
     UNION ALL SELECT 'vtm', name FROM dmd_vtm WHERE vtmid = ?
     UNION ALL SELECT 'amp', name FROM dmd_amp WHERE apid = ? LIMIT 1`,
  );
  const vmpOfAmp = db.prepare<[string], string>('SELECT vpid FROM dmd_amp WHERE apid = ?').pluck();
  const vtmOfVmp = db.prepare<[string], string | null>('SELECT vtmid FROM dmd_vmp WHERE vpid = ?').pluck();
  const search = db.prepare<[string, number], { vpid: string }>("SELECT vpid FROM dmd_vmp WHERE invalid = 0 AND lower(name) LIKE ? ESCAPE '\\' ORDER BY name LIMIT ?");
  const release = db.prepare<[], { imported_at: string; source: string; counts: string }>('SELECT imported_at, source, counts FROM dmd_releases ORDER BY id DESC LIMIT 1');

  function ingredientOf(r: VpiRow): Ingredient {
    const substance = r.substance ?? `substance ${r.isid}`;
    const nUnit = unitFromDmd(r.numerator_unit);
    const dUnit = unitFromDmd(r.denominator_unit);
    const strength =
      r.numerator_value && nUnit && r.denominator_value && dUnit
        ? { numerator: { value: r.numerator_value, unit: nUnit }, denominator: { value: r.denominator_value, unit: dUnit } }
        : null;
    return { substance: { code: r.isid, name: substance }, substanceName: substance.toLowerCase(), strength };
  }

  /** The VMP as a product; strengths with no denominator are per unit dose (dm+d: per UDFS). */
  /*
   * A pack scan and each order on the chart resolve their VMP (four queries); a release never
   * changes once imported, so they are remembered until the next release is imported (by this
   * server or by the import command in another process: its last release row says which).
   */
  const latestRelease = db.prepare<[], number | null>('SELECT max(id) FROM dmd_releases').pluck();
  const remembered = new Map<string, Readonly<VmpProduct> | undefined>();
  let rememberedRelease: number | null | undefined;
  function productOfVmp(vpid: string): Readonly<VmpProduct> | undefined {
    const release = latestRelease.get() ?? null;
    if (release !== rememberedRelease || remembered.size > 50_000) {
      remembered.clear();
      rememberedRelease = release;
    }
    if (remembered.has(vpid)) return remembered.get(vpid);
    const product = readVmp(vpid);
    remembered.set(vpid, product && Object.freeze(product));
    return product;
  }

  function readVmp(vpid: string): VmpProduct | undefined {
    const v = vmp.get(vpid);
    if (!v) return undefined;
    const sizeUnit = unitFromDmd(v.udfs_unit);
    const container = unitFromDmd(v.unit_dose_unit) ?? sizeUnit;
    const unitDose: UnitDose | null = v.udfs && sizeUnit && container ? { size: { value: v.udfs, unit: sizeUnit }, container } : null;
    const ingredients = vpis.all(vpid).map((r) => {
      const i = ingredientOf(r);
      if (i.strength || !r.numerator_value || r.denominator_value) return i;
      const nUnit = unitFromDmd(r.numerator_unit);
      return nUnit && unitDose ? { ...i, strength: { numerator: { value: r.numerator_value, unit: nUnit }, denominator: unitDose.size } } : i;
    });
    const routeList = routes.all(vpid).map((r) => routeFromDmd(r.routecd, r.description)).filter((r): r is MedicationRoute => r !== undefined);
    return {
      name: v.name,
      vtm: v.vtmid ? { code: v.vtmid, name: v.vtm_name ?? `VTM ${v.vtmid}` } : null,
      vmp: { code: v.vpid, name: v.name },
      ingredients,
      unitDose,
      form: forms.get(vpid) ?? null,
      routes: [...new Set(routeList)],
    };
  }

  return {
    /** The product a pack's GTIN is in dm+d on `day` (YYYY-MM-DD): AMPP → AMP → VMP (→ VTM). */
    productByGtin(gtin: string, day: string): MedicinalProduct | undefined {
      const pack = packByGtin.get(gtin, day, day);
      const base = pack && productOfVmp(pack.vpid);
      return base && { ...base, source: 'dmd', name: pack.amp_name, amp: { code: pack.apid, name: pack.amp_name }, ampp: { code: pack.appid, name: pack.ampp_name } };
    },
    /** A VMP (or the VMP of an AMP code) as a product. */
    productByCode(code: string): Readonly<VmpProduct> | undefined {
      return productOfVmp(code) ?? (vmpOfAmp.get(code) ? productOfVmp(vmpOfAmp.get(code) as string) : undefined);
    },
    /** What a dm+d code names (VTM, VMP or AMP), if this release holds it. */
    conceptLevel(code: string): DmdConceptLevel | undefined {
      const r = level.get(code, code, code);
      return r && { level: r.level, concept: { code, name: r.name } };
    },
    vmpOfAmp: (apid: string): string | undefined => vmpOfAmp.get(apid),
    vtmOfVmp: (vpid: string): string | undefined => vtmOfVmp.get(vpid) ?? undefined,
    /** VMPs whose name contains `q`, for pharmacy's search. */
    searchVmps(q: string, limit = 50): Readonly<VmpProduct>[] {
      const like = `%${q.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      return search.all(like, limit).flatMap((r) => productOfVmp(r.vpid) ?? []);
    },
    release(): { importedAt: string; source: string; counts: Record<string, number> } | undefined {
      const r = release.get();
      return r && { importedAt: r.imported_at, source: r.source, counts: JSON.parse(r.counts) as Record<string, number> };
    },
  };
}
export type DmdRepository = ReturnType<typeof createDmdRepository>;
