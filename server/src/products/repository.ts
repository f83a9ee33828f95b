import type { DoseForm, DoseUnit, MedicationRoute, Product, ProductInput, Recall, RecallInput } from '@wardscan/shared';
import type { Db } from '../db/database.js';
import type { DmdRepository } from '../dmd/repository.js';

interface ProductRow {
  id: string;
  kind: 'drug' | 'device';
  name: string;
  drug: string | null;
  dmd_code: string | null;
  strength_value: string | null;
  strength_unit: DoseUnit | null;
  strength_per_value: string | null;
  strength_per_unit: DoseUnit | null;
  form: DoseForm;
  routes: string;
  high_alert: number;
  scored: number;
  updated_at: string;
}
interface RecallRow {
  id: string;
  gtin: string;
  batch: string;
  reason: string;
  recorded_at: string;
  recorded_by: string;
  lifted_at: string | null;
  lifted_by: string | null;
}

const toRecall = (r: RecallRow): Recall => ({
  id: r.id,
  gtin: r.gtin,
  batch: r.batch,
  reason: r.reason,
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by,
  liftedAt: r.lifted_at,
  liftedBy: r.lifted_by,
});

export function createProductRepository(db: Db, dmd: DmdRepository) {
  const gtinsOf = db.prepare<[string], string>('SELECT gtin FROM product_gtins WHERE product_id = ? ORDER BY rowid').pluck();
  const toProduct = (r: ProductRow): Product => ({
    id: r.id,
    kind: r.kind,
    gtins: gtinsOf.all(r.id),
    name: r.name,
    drug: r.drug,
    dmdCode: r.dmd_code,
    strength:
      r.strength_value !== null && r.strength_unit !== null && r.strength_per_value !== null && r.strength_per_unit !== null
        ? { numerator: { value: r.strength_value, unit: r.strength_unit }, denominator: { value: r.strength_per_value, unit: r.strength_per_unit } }
        : null,
    form: r.form,
    routes: JSON.parse(r.routes) as MedicationRoute[],
    highAlert: r.high_alert === 1,
    scored: r.scored === 1,
    updatedAt: r.updated_at,
    dmd: r.dmd_code ? (dmdProduct(r.dmd_code) ?? null) : null,
  });
  const dmdProduct = (code: string): Product['dmd'] | undefined => {
    const p = dmd.productByCode(code);
    return p && { ...p, source: 'dmd', amp: null, ampp: null };
  };
  const byId = db.prepare<[string], ProductRow>('SELECT * FROM products WHERE id = ?');
  const byGtin = db.prepare<[string], ProductRow>('SELECT p.* FROM products p JOIN product_gtins g ON g.product_id = p.id WHERE g.gtin = ?');
  const gtinOwner = db.prepare<[string], string>('SELECT product_id FROM product_gtins WHERE gtin = ?').pluck();
  const upsert = db.prepare(
    `INSERT INTO products (id, kind, name, drug, dmd_code, strength_value, strength_unit, strength_per_value, strength_per_unit, form, routes, high_alert, scored, updated_at)
     VALUES (@id, @kind, @name, @drug, @dmdCode, @strengthValue, @strengthUnit, @strengthPerValue, @strengthPerUnit, @form, @routes, @highAlert, @scored, @updatedAt)
     ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, name = excluded.name, drug = excluded.drug,
       dmd_code = excluded.dmd_code, strength_value = excluded.strength_value, strength_unit = excluded.strength_unit,
       strength_per_value = excluded.strength_per_value, strength_per_unit = excluded.strength_per_unit, form = excluded.form,
       routes = excluded.routes, high_alert = excluded.high_alert, scored = excluded.scored, updated_at = excluded.updated_at`,
  );
  const activeRecalls = db.prepare<[string], RecallRow>('SELECT * FROM recalls WHERE gtin = ? AND lifted_at IS NULL');
  const recallById = db.prepare<[string], RecallRow>('SELECT * FROM recalls WHERE id = ?');
  const highAlert = db.prepare<[], { drug: string | null; dmd_code: string | null; vtmid: string | null }>(
    'SELECT p.drug, p.dmd_code, v.vtmid FROM products p LEFT JOIN dmd_vmp v ON v.vpid = p.dmd_code WHERE p.high_alert = 1',
  );
  const byDmdCode = db.prepare<[string], ProductRow>("SELECT * FROM products WHERE dmd_code = ? AND kind = 'drug' ORDER BY id LIMIT 1");
  // Every bedside banner asks for this list (a full scan of the catalogue), and only save() changes
  // it. A save forgets it at once, so its own transaction reads the new list, and again once that
  // transaction has ended, committed or rolled back: transactions here are synchronous, so they end
  // before the next microtask, and a list read inside a rolled-back one is never served after it.
  let highAlertList: ReadonlySet<string> | null = null;
  const forgetHighAlert = (): void => {
    highAlertList = null;
  };
  return {
    /** dm+d codes (VMP and its VTM) and names (lower case) of the catalogue's high-alert products. */
    highAlertKeys: (): ReadonlySet<string> =>
      (highAlertList ??= new Set(highAlert.all().flatMap((r) => [r.drug?.toLowerCase(), r.dmd_code, r.vtmid].filter((k): k is string => !!k)))),
    /** The ward's catalogue entry for a dm+d product (its high-alert and scored flags). */
    byDmdCode: (code: string): Product | undefined => {
      const r = byDmdCode.get(code);
      return r && toProduct(r);
    },
    byId: (id: string): Product | undefined => {
      const r = byId.get(id);
      return r && toProduct(r);
    },
    byGtin: (gtin: string): Product | undefined => {
      const r = byGtin.get(gtin);
      return r && toProduct(r);
    },
    /** The product a GTIN is linked to, if any. */
    gtinOwner: (gtin: string): string | undefined => gtinOwner.get(gtin),
    search: (q: { q?: string | undefined; gtin?: string | undefined }): Product[] => {
      if (q.gtin) {
        const r = byGtin.get(q.gtin);
        return r ? [toProduct(r)] : [];
      }
      const like = `%${(q.q ?? '').toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      return (
        db.prepare("SELECT * FROM products WHERE lower(name) LIKE ? ESCAPE '\\' OR lower(coalesce(drug, '')) LIKE ? ESCAPE '\\' ORDER BY name LIMIT 200").all(like, like) as ProductRow[]
      ).map(toProduct);
    },
    /** Writes a product and replaces its GTIN links. The caller checks GTINs are not another product's. */
    save: (id: string, p: ProductInput, updatedAt: string): Product => {
      forgetHighAlert();
      queueMicrotask(forgetHighAlert);
      upsert.run({
        id,
        kind: p.kind,
        name: p.name,
        drug: p.drug,
        dmdCode: p.dmdCode,
        strengthValue: p.strength?.numerator.value ?? null,
        strengthUnit: p.strength?.numerator.unit ?? null,
        strengthPerValue: p.strength?.denominator.value ?? null,
        strengthPerUnit: p.strength?.denominator.unit ?? null,
        form: p.form,
        routes: JSON.stringify(p.routes),
        highAlert: p.highAlert ? 1 : 0,
        scored: p.scored ? 1 : 0,
        updatedAt,
      });
      db.prepare('DELETE FROM product_gtins WHERE product_id = ?').run(id);
      const link = db.prepare('INSERT INTO product_gtins (gtin, product_id) VALUES (?, ?)');
      for (const g of new Set(p.gtins)) link.run(g, id);
      return toProduct(byId.get(id) as ProductRow);
    },
    activeRecalls: (gtin: string): Recall[] => activeRecalls.all(gtin).map(toRecall),
    recalls: (): Recall[] => (db.prepare('SELECT * FROM recalls ORDER BY recorded_at DESC').all() as RecallRow[]).map(toRecall),
    recallById: (id: string): Recall | undefined => {
      const r = recallById.get(id);
      return r && toRecall(r);
    },
    insertRecall: (id: string, r: RecallInput, at: string, by: string): Recall => {
      db.prepare('INSERT INTO recalls (id, gtin, batch, reason, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?)').run(id, r.gtin, r.batch, r.reason, at, by);
      return toRecall(recallById.get(id) as RecallRow);
    },
    liftRecall: (id: string, at: string, by: string): Recall => {
      db.prepare('UPDATE recalls SET lifted_at = ?, lifted_by = ? WHERE id = ? AND lifted_at IS NULL').run(at, by, id);
      return toRecall(recallById.get(id) as RecallRow);
    },
  };
}
export type ProductRepository = ReturnType<typeof createProductRepository>;
