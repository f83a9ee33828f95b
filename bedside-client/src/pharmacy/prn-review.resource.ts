import {
  dmdCodeSchema,
  PRN_REVIEW_MINUTES,
  prnReviewRuleInputSchema,
  prnReviewRulesSchema,
  type MedicationRoute,
  type PrnReviewRule,
  type PrnReviewRuleInput,
  type PrnReviewRules,
} from '@wardscan/shared';
import type { HttpClient } from '../api/http.js';

export function getPrnReviewRules(http: HttpClient): Promise<PrnReviewRules> {
  return http.get('/api/prn-review-rules', prnReviewRulesSchema);
}

/** Sends the whole list: the server replaces what it had with it. */
export function putPrnReviewRules(http: HttpClient, rules: readonly PrnReviewRuleInput[]): Promise<PrnReviewRules> {
  return http.send('PUT', '/api/prn-review-rules', { rules }, prnReviewRulesSchema);
}

/** A code on a rule being edited; its dm+d level and name are null when typed and not yet checked by the server. */
export interface DraftCode {
  code: string;
  level: 'vtm' | 'vmp' | null;
  name: string | null;
}

/** A rule as the form holds it: minutes as typed. */
export interface RuleDraft {
  name: string;
  codes: DraftCode[];
  routes: MedicationRoute[];
  minutes: string;
}

export type RuleField = 'name' | 'codes' | 'routes' | 'minutes';
export type RuleErrors = Partial<Record<RuleField | 'form', string>>;

export const emptyRuleDraft = (): RuleDraft => ({ name: '', codes: [], routes: [], minutes: '' });

export function draftOfRule(rule: PrnReviewRule): RuleDraft {
  return { name: rule.name, codes: rule.codes.map((c) => ({ ...c })), routes: [...rule.routes], minutes: String(rule.minutes) };
}

export const inputOfRule = (rule: PrnReviewRule): PrnReviewRuleInput => ({ name: rule.name, codes: rule.codes.map((c) => c.code), routes: [...rule.routes], minutes: rule.minutes });

/** The server's or zod's field ("rules.2.codes.1", "minutes") → the form field it belongs to. */
export function ruleFieldFor(wireField: string): RuleField | null {
  const parts = wireField.split('.');
  const head = parts[0] === 'rules' ? parts[2] : parts[0];
  return head === 'name' || head === 'codes' || head === 'routes' || head === 'minutes' ? head : null;
}

/** Draft → what the server takes, or the errors to show beside each field. */
export function toRuleInput(draft: RuleDraft): { ok: true; input: PrnReviewRuleInput } | { ok: false; errors: RuleErrors } {
  const errors: RuleErrors = {};
  const minutesText = draft.minutes.trim();
  // Number('') is 0 and Number('1e2') is 100: only plain digits are minutes.
  if (!/^\d+$/.test(minutesText)) errors.minutes = `Whole minutes, from ${PRN_REVIEW_MINUTES.min} to ${PRN_REVIEW_MINUTES.max}`;
  const parsed = prnReviewRuleInputSchema.safeParse({ name: draft.name, codes: draft.codes.map((c) => c.code), routes: draft.routes, minutes: Number(minutesText) });
  if (parsed.success && !errors.minutes) return { ok: true, input: parsed.data };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = ruleFieldFor(issue.path.join('.'));
      if (field && !errors[field]) errors[field] = sentence(issue.message);
    }
  }
  return { ok: false, errors };
}

/** A dm+d code as typed, or why it is not one. */
export function typedCode(text: string): { ok: true; code: string } | { ok: false; error: string } {
  const code = text.replace(/\s/g, '');
  const parsed = dmdCodeSchema.safeParse(code);
  return parsed.success ? { ok: true, code: parsed.data } : { ok: false, error: sentence(parsed.error.issues[0]?.message ?? 'not a dm+d code') };
}

const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** "any route", or the routes named. */
export const routesText = (routes: readonly MedicationRoute[]): string => (routes.length === 0 ? 'any route' : routes.join(', '));
