import { readFileSync } from 'node:fs';
import { Router } from 'express';
import { renderDocsPage } from './docs-page.js';
import { buildOpenApiDocument } from './openapi-document.js';

/** `GET /api/openapi.json` and `GET /api/docs`: public, like any open API's reference. */
export function openApiRoutes(): Router {
  // server/package.json, from src/openapi (tsx) and dist/openapi (node) alike.
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  const router = Router();
  const document = buildOpenApiDocument(version);
  const page = renderDocsPage(version);
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(page);
  });
  return router;
}
