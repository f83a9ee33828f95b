import type { Express } from 'express';

interface Layer {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/**
 * Lists `METHOD /path` of every route registered under /api by walking the
 * app's router. Our routers are mounted without paths under the one `/api`
 * mount, so a route's path is `/api` + its own path.
 */
export function listApiRoutes(app: Express): string[] {
  const found = new Set<string>();
  const walk = (stack: Layer[], depth: number): void => {
    for (const layer of stack) {
      if (layer.route && typeof layer.route.path === 'string') {
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (on && method !== '_all' && depth > 0) found.add(`${method.toUpperCase()} ${layer.route.path}`);
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, depth + 1);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, 0);
  return [...found].sort();
}
