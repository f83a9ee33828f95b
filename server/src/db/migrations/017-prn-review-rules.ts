/**
 * Pharmacy's PRN effect review rules (issue 12): per drug class, the dm+d
 * codes it covers, the routes it applies to (none listed: any route) and the
 * minutes after a dose when its effect is reviewed. An order no rule covers
 * keeps the default (30 minutes after a dose by injection, 60 otherwise).
 * The codes keep their dm+d level (VTM or VMP) as resolved when saved: a VMP
 * code is the more specific match. The list is set as a whole; one row says
 * when and by whom it was last set (still there when the list is emptied).
 */
export const name = 'prn-review-rules';

export const sql = /* sql */ `
CREATE TABLE prn_review_rules (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 5 AND 720),
  -- JSON array of route codes; [] applies to any route.
  routes TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE prn_review_rule_codes (
  rule_id TEXT NOT NULL REFERENCES prn_review_rules(id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('vtm', 'vmp')),
  name TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (rule_id, code)
);
CREATE TABLE prn_review_rules_set (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  at TEXT NOT NULL,
  by TEXT REFERENCES staff(id)
);
`;
