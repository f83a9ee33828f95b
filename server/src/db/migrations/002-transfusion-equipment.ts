/** Issue 5: blood transfusion (patient groups, orders, issued units, checks, transfusions) and equipment. */
export const name = 'transfusion-equipment';
export const sql = /* sql */ `
CREATE TABLE patient_blood_groups (
  patient_id TEXT PRIMARY KEY REFERENCES patients(id),
  blood_group TEXT NOT NULL CHECK (blood_group IN ('O+','O-','A+','A-','B+','B-','AB+','AB-')),
  recorded_at TEXT NOT NULL
);
CREATE TABLE transfusion_policies (
  ward_id TEXT PRIMARY KEY REFERENCES wards(id),
  second_checker_required INTEGER NOT NULL,
  red_cells_minutes INTEGER NOT NULL,
  plasma_minutes INTEGER NOT NULL,
  platelets_minutes INTEGER NOT NULL,
  minimum_remaining_minutes INTEGER NOT NULL
);
CREATE TABLE transfusion_orders (
  id TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients(id),
  component TEXT NOT NULL CHECK (component IN ('red-cells','plasma','platelets')),
  units INTEGER NOT NULL CHECK (units > 0),
  requirements TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active','complete','cancelled')),
  ordered_at TEXT NOT NULL
);
CREATE INDEX transfusion_orders_patient ON transfusion_orders(patient_id);
CREATE TABLE issued_units (
  id TEXT PRIMARY KEY,
  din TEXT NOT NULL UNIQUE,
  patient_id TEXT NOT NULL REFERENCES patients(id),
  order_id TEXT REFERENCES transfusion_orders(id),
  component TEXT NOT NULL CHECK (component IN ('red-cells','plasma','platelets')),
  blood_group TEXT NOT NULL CHECK (blood_group IN ('O+','O-','A+','A-','B+','B-','AB+','AB-')),
  product_code TEXT,
  expires_on TEXT NOT NULL,
  expires_at_time TEXT,
  issued_at TEXT NOT NULL,
  out_of_storage_at TEXT,
  attributes TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('issued','transfusing','transfused','returned'))
);
CREATE INDEX issued_units_patient ON issued_units(patient_id);
-- Every bedside check, as answered; the second checker is added to the same row.
CREATE TABLE transfusion_checks (
  event_id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  staff_id TEXT NOT NULL REFERENCES staff(id),
  ward_id TEXT,
  patient_id TEXT,
  issued_unit_id TEXT REFERENCES issued_units(id),
  labels TEXT NOT NULL,
  outcome TEXT NOT NULL,
  second_checker_id TEXT REFERENCES staff(id),
  response TEXT NOT NULL,
  recorded_at TEXT NOT NULL
);
CREATE TABLE transfusions (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  check_event_id TEXT NOT NULL UNIQUE REFERENCES transfusion_checks(event_id),
  patient_id TEXT NOT NULL REFERENCES patients(id),
  ward_id TEXT NOT NULL,
  issued_unit_id TEXT NOT NULL UNIQUE REFERENCES issued_units(id),
  din TEXT NOT NULL,
  device_id TEXT NOT NULL,
  started_at TEXT NOT NULL,
  started_by TEXT NOT NULL REFERENCES staff(id),
  second_checker_id TEXT REFERENCES staff(id),
  override_reason TEXT,
  end_event_id TEXT UNIQUE,
  ended_at TEXT,
  ended_by TEXT REFERENCES staff(id),
  end_outcome TEXT CHECK (end_outcome IN ('completed','stopped-reaction','stopped-other'))
);
-- The asset register: pumps and other devices, by GIAI or UDI (equipment_key).
CREATE TABLE assets (
  equipment_key TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  maintenance_due_on TEXT
);
CREATE TABLE equipment_assignments (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  equipment_key TEXT NOT NULL,
  patient_id TEXT NOT NULL REFERENCES patients(id),
  ward_id TEXT NOT NULL,
  prescription_id TEXT REFERENCES prescriptions(id),
  transfusion_id TEXT REFERENCES transfusions(id),
  device_id TEXT NOT NULL,
  assigned_at TEXT NOT NULL,
  assigned_by TEXT NOT NULL REFERENCES staff(id),
  -- The answer given (EquipmentAssignResponse JSON), so a retried event id is answered the same.
  response TEXT,
  released_at TEXT,
  released_by TEXT REFERENCES staff(id),
  release_reason TEXT CHECK (release_reason IN ('ended','claimed')),
  -- The release request's event id, so a retried release answers the same (a claim has none).
  release_event_id TEXT UNIQUE
);
-- A device is with one patient at a time.
CREATE UNIQUE INDEX equipment_in_use ON equipment_assignments(equipment_key) WHERE released_at IS NULL;
CREATE INDEX equipment_ward ON equipment_assignments(ward_id, released_at);
`;
