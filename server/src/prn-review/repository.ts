import { medicationRouteSchema, type MedicationRoute, type PrnReviewCode, type PrnReviewRule } from '@wardscan/shared';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { prepared } from '../db/statements.js';
import type { ReviewRule } from './matching.js';

interface RuleRow {
  id: string;
  name: string;
  minutes: number;
  routes: string;
  code: string | null;
  level: 'vtm' | 'vmp' | null;
  code_name: string | null;
}

/** A rule as saved: its codes already resolved to their dm+d level and name. */
export interface NewPrnReviewRule {
  readonly id: string;
  readonly name: string;
  readonly codes: readonly PrnReviewCode[];
  readonly routes: readonly MedicationRoute[];
  readonly minutes: number;
}

const storedRoutes = z.array(medicationRouteSchema);

/*
 * Statements come from prepared() (kept per connection): the chart reads the
 * rules for every chart and every bed of a round.
 */
const READ_RULES = `SELECT r.id, r.name, r.minutes, r.routes, c.code, c.level, c.name AS code_name
  FROM prn_review_rules r LEFT JOIN prn_review_rule_codes c ON c.rule_id = r.id
  ORDER BY r.position, c.position`;
const LAST_SET = 'SELECT p.at, s.name FROM prn_review_rules_set p LEFT JOIN staff s ON s.id = p.by WHERE p.id = 1';

/** Pharmacy's PRN effect review rules, in the order pharmacy listed them. */
export function readPrnReviewRules(db: Db): PrnReviewRule[] {
  const rules = new Map<string, PrnReviewRule & { codes: PrnReviewCode[] }>();
  for (const row of prepared<[], RuleRow>(db, READ_RULES).all()) {
    let rule = rules.get(row.id);
    if (!rule) {
      rule = { id: row.id, name: row.name, minutes: row.minutes, routes: storedRoutes.parse(JSON.parse(row.routes)), codes: [] };
      rules.set(row.id, rule);
    }
    if (row.code !== null && row.level !== null) rule.codes.push({ code: row.code, level: row.level, name: row.code_name ?? row.code });
  }
  return [...rules.values()];
}

/*
 * The chart asks for the rules for every bed of a round. Each replace gives
 * every rule a new random id, so the first rule's id says which list is
 * stored: read and parsed again only when it changes (a rolled-back replace
 * leaves an id that is never seen again).
 */
const FIRST_ID = 'SELECT id FROM prn_review_rules ORDER BY position LIMIT 1';
const remembered = new WeakMap<Db, { readonly key: string; readonly rules: readonly ReviewRule[] }>();

/** The rules as the matcher takes them, read again only after the list was replaced. */
export function reviewRulesNow(db: Db): readonly ReviewRule[] {
  const key = prepared<[], string>(db, FIRST_ID).pluck().get();
  if (key === undefined) return [];
  const cached = remembered.get(db);
  if (cached?.key === key) return cached.rules;
  const rules = Object.freeze(readPrnReviewRules(db).map((r) => Object.freeze({ name: r.name, minutes: r.minutes, routes: Object.freeze(r.routes), codes: Object.freeze(r.codes.map(({ code, level }) => ({ code, level }))) })));
  remembered.set(db, { key, rules });
  return rules;
}

/** When and by whom the list was last set; undefined: never. */
export function prnReviewRulesLastSet(db: Db): { at: string; byName: string | null } | undefined {
  const row = prepared<[], { at: string; name: string | null }>(db, LAST_SET).get();
  return row && { at: row.at, byName: row.name };
}

/** Replaces the whole list. The caller holds the transaction (with its audit row). */
export function replacePrnReviewRules(db: Db, rules: readonly NewPrnReviewRule[], at: Date, by: string): void {
  prepared(db, 'DELETE FROM prn_review_rules').run();
  const insertRule = prepared(db, 'INSERT INTO prn_review_rules (id, position, name, minutes, routes) VALUES (?, ?, ?, ?, ?)');
  const insertCode = prepared(db, 'INSERT INTO prn_review_rule_codes (rule_id, code, level, name, position) VALUES (?, ?, ?, ?, ?)');
  rules.forEach((r, i) => {
    insertRule.run(r.id, i, r.name, r.minutes, JSON.stringify(r.routes));
    r.codes.forEach((c, j) => insertCode.run(r.id, c.code, c.level, c.name, j));
  });
  prepared(db, 'INSERT INTO prn_review_rules_set (id, at, by) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at, by = excluded.by').run(at.toISOString(), by);
}
