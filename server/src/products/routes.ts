import { randomUUID } from 'node:crypto';
import { idSchema, isValidGs1CheckDigit, productInputSchema, productSearchQuerySchema, recallInputSchema, type ProductInput } from '@wardscan/shared';
import { Router } from 'express';
import { requireRole } from '../auth/service.js';
import { conflict, invalid, notFound } from '../http/api-error.js';
import type { AppDeps } from '../http/deps.js';
import { userOf } from '../http/middleware.js';
import { parseInput } from '../http/validate.js';

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
    if (input.kind === 'drug' && !input.drug) throw invalid('drug: a drug product needs its generic drug name.', 'drug');
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
