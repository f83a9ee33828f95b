import { randomUUID } from 'node:crypto';
import { PRN_REVIEW_DEFAULT_MINUTES, type MedicationRoute, type PrnReviewRules, type PrnReviewRulesInput, type SessionUser } from '@wardscan/shared';
import type { ServerConfig } from '../config.js';
import { invalid } from '../http/api-error.js';
import type { Repositories } from '../repositories.js';
import { prnReviewRulesLastSet, readPrnReviewRules, replacePrnReviewRules, type NewPrnReviewRule } from './repository.js';

/** The rules in force, the default every other order keeps, and who last set them. */
export function prnReviewRulesView(repos: Repositories): PrnReviewRules {
  const last = prnReviewRulesLastSet(repos.db);
  return { rules: readPrnReviewRules(repos.db), defaults: { ...PRN_REVIEW_DEFAULT_MINUTES }, updatedAt: last?.at ?? null, updatedBy: last?.byName ?? null };
}

/**
 * Each code of each rule as this server's dm+d release names it. A code the
 * release does not hold, or a branded product (AMP), is refused naming it:
 * a rule that matched nothing would leave the ward at the default time
 * while pharmacy believed otherwise.
 */
function resolvedRules(repos: Repositories, input: PrnReviewRulesInput): NewPrnReviewRule[] {
  return input.rules.map((rule, i) => ({
    id: `prn-rule-${randomUUID()}`,
    name: rule.name,
    routes: rule.routes,
    minutes: rule.minutes,
    codes: rule.codes.map((code, j) => {
      const field = `rules.${i}.codes.${j}`;
      const found = repos.dmd.conceptLevel(code);
      if (!found) throw invalid(`${field}: ${code} is not a VTM or VMP in this server's dm+d release. Check the code, or import the current release (npm run dmd:import).`, field);
      if (found.level === 'amp') throw invalid(`${field}: ${code} is a branded product (AMP, ${found.concept.name}); name its generic product (VMP) or its VTM instead.`, field);
      return { code, level: found.level, name: found.concept.name };
    }),
  }));
}

interface RuleSummary {
  readonly name: string;
  readonly minutes: number;
  readonly routes: readonly MedicationRoute[];
  readonly codes: readonly { readonly code: string }[];
}
const described = (r: RuleSummary): string => `${r.name} ${r.minutes} min (${r.routes.length ? r.routes.join(', ') : 'any route'})`;
const forAudit = (rules: readonly RuleSummary[]) =>
  rules.map((r) => ({ name: r.name, minutes: r.minutes, routes: [...r.routes], codes: r.codes.map((c) => c.code) }));

/** Replaces pharmacy's whole list, audited with what it was before and after. */
export function setPrnReviewRules(repos: Repositories, config: ServerConfig, user: SessionUser, input: PrnReviewRulesInput): PrnReviewRules {
  const rules = resolvedRules(repos, input);
  return repos.transaction(() => {
    const now = config.now();
    const before = readPrnReviewRules(repos.db);
    replacePrnReviewRules(repos.db, rules, now, user.id);
    const summary = rules.length
      ? `PRN effect review rules set: ${rules.map(described).join('; ')}`
      : `PRN effect review rules cleared: every as-needed dose is reviewed ${PRN_REVIEW_DEFAULT_MINUTES.injection} min after an injection, ${PRN_REVIEW_DEFAULT_MINUTES.other} min otherwise`;
    repos.audit.append({ type: 'catalogue', userId: user.id, summary, detail: { prnReviewRules: { before: forAudit(before), after: forAudit(rules) } } }, now);
    return prnReviewRulesView(repos);
  });
}
