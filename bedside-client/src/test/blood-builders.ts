import type { Check, EquipmentAssignment, IssuedUnitView, PatientTransfusions, Transfusion, TransfusionCheckResponse, Verdict } from '@wardscan/shared';

/*
 * Blood and devices for component tests: Ada's unit of A+ red cells, as the
 * demo ward's Agnes has, and a pump. Labels are ISBT 128 as scanned.
 */
export const ADA_UNIT = { din: '=G07152610000100', group: '=%6200', product: '=<E0001V00' } as const;
/** Another bag: a different DIN and group. */
export const OTHER_UNIT = { din: '=G07152610000300', group: '=%9500' } as const;
export const SECOND_BADGE = '8017509999800000000054';
export const PUMP = '800450999987B0001';

const PASSED: Check[] = [
  { rule: 'transfusion-patient', outcome: 'pass', message: 'Unit issued for Ada Lovelace.' },
  { rule: 'abo-rhd', outcome: 'pass', message: 'A+ red cells for an A+ patient: compatible.' },
  { rule: 'unit-expiry', outcome: 'pass', message: 'In date (expires 2035-12-31).' },
];

const SECOND_CHECKER_MESSAGE = 'A second member of staff must check the unit and scan their badge.';

export function secondCheckerNeeded(): Verdict {
  return {
    outcome: 'warning',
    title: `Check before starting: ${SECOND_CHECKER_MESSAGE}`,
    checks: [...PASSED, { rule: 'transfusion-second-checker', outcome: 'warning', message: SECOND_CHECKER_MESSAGE }],
    witness: 'required',
  };
}

export function secondChecked(): Verdict {
  return {
    outcome: 'match',
    title: 'Unit checked: ready to start the transfusion.',
    checks: [...PASSED, { rule: 'transfusion-second-checker', outcome: 'pass', message: 'Second check by Wendy Witness.' }],
    witness: 'done',
  };
}

export function wrongPatientStop(): Verdict {
  const message = 'This unit was issued for another patient, not Ada Lovelace. Do not transfuse: return it to the lab.';
  return {
    outcome: 'stop',
    title: message,
    checks: [
      { rule: 'transfusion-patient', outcome: 'stop', message },
      { rule: 'transfusion-second-checker', outcome: 'warning', message: SECOND_CHECKER_MESSAGE },
    ],
    witness: 'required',
  };
}

/** The issued unit the server matched to the scanned DIN: Ada's A+ red cells unless overridden. */
export function buildIssuedUnit(overrides: Partial<IssuedUnitView> = {}): IssuedUnitView {
  return {
    id: 'unit-ada-1',
    din: 'G071526100001',
    component: 'red-cells',
    bloodGroup: 'A+',
    productCode: 'E0001V00',
    expiresOn: '2035-12-31',
    expiresAtTime: null,
    outOfStorageAt: '2026-11-24T09:00:00.000Z',
    attributes: ['irradiated'],
    ...overrides,
  };
}

/** OTHER_UNIT's bag as issued: O- red cells for another patient. */
export const OTHER_ISSUED_UNIT: IssuedUnitView = buildIssuedUnit({ id: 'unit-other-1', din: 'G071526100003', bloodGroup: 'O-', attributes: [] });

/** The server's answer to a check: of Ada's unit unless `overrides.unit` says which unit the labels matched (or null). */
export function buildCheckResponse(eventId: string, verdict: Verdict, overrides: Partial<TransfusionCheckResponse> = {}): TransfusionCheckResponse {
  return {
    eventId,
    patientId: 'p-ada',
    unit: buildIssuedUnit(),
    verdict,
    replayed: false,
    ...overrides,
  };
}

export function buildTransfusion(overrides: Partial<Transfusion> = {}): Transfusion {
  return {
    id: 'transfusion-1',
    patientId: 'p-ada',
    issuedUnitId: 'unit-ada-1',
    din: 'G071526100001',
    checkEventId: '11111111-1111-4111-8111-111111111111',
    startedAt: '2026-11-24T10:00:00.000Z',
    startedBy: 'u-nurse',
    secondCheckerId: 'u-wendy',
    overrideReason: null,
    endedAt: null,
    endedBy: null,
    endOutcome: null,
    ...overrides,
  };
}

export function buildPatientTransfusions(overrides: Partial<PatientTransfusions> = {}): PatientTransfusions {
  return {
    patientId: 'p-ada',
    bloodGroup: 'A+',
    orders: [{ id: 'order-1', component: 'red-cells', units: 2, requirements: ['irradiated'], status: 'active', orderedAt: '2026-11-24T08:00:00.000Z' }],
    units: [],
    running: [],
    ...overrides,
  };
}

export const NO_BLOOD: PatientTransfusions = { patientId: 'p-ada', bloodGroup: null, orders: [], units: [], running: [] };

export function buildAssignment(overrides: Partial<EquipmentAssignment> = {}): EquipmentAssignment {
  return {
    id: 'equipment-1',
    equipmentKey: 'giai:50999987B0001',
    assetName: 'Infusion pump 7B0001',
    maintenanceDueOn: '2035-06-30',
    patientId: 'p-ada',
    patientName: 'Ada Lovelace',
    bedLabel: 'Bay 1 Bed 3',
    prescriptionId: null,
    transfusionId: null,
    assignedAt: '2026-11-24T10:05:00.000Z',
    assignedBy: 'u-nurse',
    ...overrides,
  };
}
