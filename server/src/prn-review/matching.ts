import type { MedicationRoute } from '@wardscan/shared';

/** A PRN effect review rule as the matcher needs it. */
export interface ReviewRule {
  readonly name: string;
  readonly minutes: number;
  /** Empty: any route. */
  readonly routes: readonly MedicationRoute[];
  readonly codes: readonly { readonly code: string; readonly level: 'vtm' | 'vmp' }[];
}

/**
 * An order's medicine as dm+d resolves it: its VMP (for an order of a
 * branded product, the AMP's VMP) and its VTM; null where it has none.
 */
export interface OrderConcepts {
  readonly vmp: string | null;
  readonly vtm: string | null;
  readonly route: MedicationRoute;
}

export type ReviewTime = { readonly kind: 'rule'; readonly rule: string; readonly minutes: number } | { readonly kind: 'default'; readonly minutes: number };

/** How closely a rule fits an order: a code level, then a named route; higher is more specific. */
interface Fit {
  readonly level: 0 | 1; // 1: by the order's VMP, 0: by its VTM
  readonly route: 0 | 1; // 1: the rule names the order's route, 0: any route
}

function fitOf(rule: ReviewRule, order: OrderConcepts): Fit | null {
  if (rule.routes.length > 0 && !rule.routes.includes(order.route)) return null;
  const route = rule.routes.length > 0 ? 1 : 0;
  if (order.vmp !== null && rule.codes.some((c) => c.level === 'vmp' && c.code === order.vmp)) return { level: 1, route };
  if (order.vtm !== null && rule.codes.some((c) => c.level === 'vtm' && c.code === order.vtm)) return { level: 0, route };
  return null;
}

/**
 * When an as-needed dose of `order` is reviewed. The most specific rule
 * wins: one naming the order's VMP beats one naming its VTM, and then one
 * naming the route beats one for any route. Rules that fit equally well:
 * the shortest time, since reviewing sooner is the safe side. No rule, or an
 * order with no dm+d concept (null: free text, never matched by its words):
 * `fallback`.
 */
export function reviewTimeFor(rules: readonly ReviewRule[], order: OrderConcepts | null, fallback: number): ReviewTime {
  if (order === null) return { kind: 'default', minutes: fallback };
  let best: { rule: ReviewRule; fit: Fit } | null = null;
  for (const rule of rules) {
    const fit = fitOf(rule, order);
    if (!fit) continue;
    const better =
      best === null ||
      fit.level > best.fit.level ||
      (fit.level === best.fit.level && (fit.route > best.fit.route || (fit.route === best.fit.route && rule.minutes < best.rule.minutes)));
    if (better) best = { rule, fit };
  }
  return best ? { kind: 'rule', rule: best.rule.name, minutes: best.rule.minutes } : { kind: 'default', minutes: fallback };
}
