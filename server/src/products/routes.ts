import { randomUUID } from 'node:crypto';
import { dmdSearchQuerySchema, idSchema, isValidGs1CheckDigit, productInputSchema, productSearchQuerySchema, recallInputSchema, type ProductInput } from '@wardscan/shared';
import { Router } from 'express';
import { requireRole } from '../auth/service.js';
import { conflict, invalid, notFound } from '../http/api-error.js';
import type { AppDeps } from '../http/deps.js';
import { userOf } from '../http/middleware.js';
import { parseInput } from '../http/validate.js';
import { wardDate } from '../domain/ward-time.js';

/** The pharmacy catalogue (which GTIN is which product) and recalled batches. */
export function productRoutes({ repos, config }: AppDeps): Router {
  const router = Router();

  const checkGtins = (input: ProductInput, productId: string | null): void => {
    for (const g of input.gtins) {
      if (!isValidGs1CheckDigit(g)) throw invalid(`gtins: ${g} has a wrong check digit.`, 'gtins');
      const owner = repos.products.gtinOwner(g);
      if (owner && owner !== productId) {
        const other = repos.products.byId(owner);
        throw conflict(`GTIN ${g} is already linked to ${other ? other.name : 'another product'}.`, 'gtins');
      }
    }
    if (input.kind !== 'drug') return;
    if (input.dmdCode) {
      // A code this release does not hold would leave the pack with no ingredients or strength: refuse it, saying why.
      if (!repos.dmd.productByCode(input.dmdCode)) {
        throw invalid(`dmdCode: ${input.dmdCode} is not a VMP or AMP in this server's dm+d release. Import the current release (npm run dmd:import) or leave it empty.`, 'dmdCode');
      }
      if (input.strength) throw invalid('strength: a product with a dm+d code takes its strength from dm+d; leave it empty.', 'strength');
      return;
    }
    if (!input.drug) throw invalid('drug: a drug product without a dm+d code needs its generic drug name.', 'drug');
    if (!input.strength) throw invalid('strength: a drug product without a dm+d code needs its strength, with what it is per (500 mg per 1 tablet).', 'strength');
  };

  const save = (id: string, input: ProductInput, userId: string, created: boolean) =>
    repos.db.transaction(() => {
      const now = config.now();
      const product = repos.products.save(id, input, now.toISOString());
      repos.audit.append(
        { type: 'catalogue', userId, summary: `${created ? 'Added' : 'Changed'} product ${product.name}`, detail: { productId: id, product: input } },
        now,
      );
      return product;
    })();

  // The ward's view of dm+d: pharmacy searches by name or scans a pack to see its AMPP and VMP.
  router.get('/dmd/products', (req, res) => {
    const user = userOf(res);
    requireRole(user, 'pharmacist', 'admin');
    const query = parseInput(dmdSearchQuerySchema, req.query, 'query');
    // A GTIN mapping is in force on a calendar day: the user's ward's, else the NHS's.
    const today = wardDate(config.now(), (user.wardId && repos.wards.timeZone(user.wardId)) || 'Europe/London');
    const products = query.gtin
      ? [repos.dmd.productByGtin(query.gtin, today)].filter((p) => p !== undefined)
      : query.q
        ? repos.dmd.searchVmps(query.q).map((p) => ({ ...p, source: 'dmd' as const, amp: null, ampp: null }))
        : [];
    res.json({ products });
  });
  router.get('/products', (req, res) => {
    res.json(repos.products.search(parseInput(productSearchQuerySchema, req.query, 'query')));
  });
  router.post('/products', (req, res) => {
    const user = userOf(res);
    requireRole(user, 'pharmacist', 'admin');
    const input = parseInput(productInputSchema, req.body, 'product');
    checkGtins(input, null);
    res.status(201).json(save(`product-${randomUUID()}`, input, user.id, true));
  });
  router.put('/products/:id', (req, res) => {
    const user = userOf(res);
    requireRole(user, 'pharmacist', 'admin');
    const id = parseInput(idSchema, req.params.id, 'product id');
    if (!repos.products.byId(id)) throw notFound('Product');
    const input = parseInput(productInputSchema, req.body, 'product');
    checkGtins(input, id);
    res.json(save(id, input, user.id, false));
  });

  router.get('/recalls', (_req, res) => {
    res.json(repos.products.recalls());
  });
  router.post('/recalls', (req, res) => {
    const user = userOf(res);
    requireRole(user, 'pharmacist', 'admin');
    const input = parseInput(recallInputSchema, req.body, 'recall');
    const recall = repos.db.transaction(() => {
      const now = config.now();
      const r = repos.products.insertRecall(`recall-${randomUUID()}`, input, now.toISOString(), user.id);
      repos.audit.append({ type: 'recall', userId: user.id, summary: `Recalled batch ${input.batch} of ${input.gtin}: ${input.reason}`, detail: { recallId: r.id, ...input } }, now);
      return r;
    })();
    res.status(201).json(recall);
  });
  router.post('/recalls/:id/lift', (req, res) => {
    const user = userOf(res);
    requireRole(user, 'pharmacist', 'admin');
    const id = parseInput(idSchema, req.params.id, 'recall id');
    const existing = repos.products.recallById(id);
    if (!existing) throw notFound('Recall');
    if (existing.liftedAt) throw conflict('This recall was already lifted.');
    const recall = repos.db.transaction(() => {
      const now = config.now();
      const r = repos.products.liftRecall(id, now.toISOString(), user.id);
      repos.audit.append({ type: 'recall', userId: user.id, summary: `Lifted recall of batch ${r.batch} of ${r.gtin}`, detail: { recallId: id, lifted: true } }, now);
      return r;
    })();
    res.json(recall);
  });
  return router;
}
