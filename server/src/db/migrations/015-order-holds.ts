/**
 * When each order was on hold or waiting for review (issue 13), so that a
 * hold removes only the doses due while it lasted: before, an order on hold
 * today took its earlier missed doses out of every past compliance period.
 * One row per span, `to_at` NULL while it lasts; written by the FHIR import
 * whenever an order's hold changes (fhir/repository.ts). Orders held before
 * this migration get a span from their start: when they were held is not
 * known, and that is what the figures assumed until now.
 */
export const name = 'order-holds';

export const sql = /* sql */ `
CREATE TABLE order_holds (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  prescription_id TEXT NOT NULL REFERENCES prescriptions(id),
  kind TEXT NOT NULL CHECK (kind IN ('on-hold', 'needs-review')),
  from_at TEXT NOT NULL,
  to_at TEXT,
  CHECK (to_at IS NULL OR to_at >= from_at)
);
CREATE INDEX order_holds_prescription ON order_holds(prescription_id, from_at);
CREATE UNIQUE INDEX order_holds_open ON order_holds(prescription_id) WHERE to_at IS NULL;

INSERT INTO order_holds (prescription_id, kind, from_at)
  SELECT id, CASE WHEN status = 'on-hold' THEN 'on-hold' ELSE 'needs-review' END, starts_at
  FROM prescriptions WHERE status = 'on-hold' OR needs_review IS NOT NULL;
`;
