import { describe, expect, it } from 'vitest';
import { deviceChecks, equipmentKeyOf } from './domain.js';

const outcomes = (checks: ReturnType<typeof deviceChecks>) => Object.fromEntries(checks.map((c) => [c.rule, c.outcome]));

describe('equipment identifiers', () => {
  it('names a device by GIAI or by GTIN + serial, and refuses a GTIN alone or a patient', () => {
    expect(equipmentKeyOf({ kind: 'asset', giai: '5099998PUMP0001' })).toEqual({ ok: true, key: 'giai:5099998PUMP0001' });
    expect(equipmentKeyOf({ kind: 'product', gtin: '05099997000016', serial: 'SN42' })).toEqual({ ok: true, key: 'udi:05099997000016:SN42' });
    expect(equipmentKeyOf({ kind: 'product', gtin: '05099997000016' })).toMatchObject({ ok: false });
    expect(equipmentKeyOf({ kind: 'patient', nhsNumber: '9990010137' })).toMatchObject({ ok: false });
  });
});

describe('device checks', () => {
  const pump = { equipmentKey: 'giai:P1', name: 'Pump 1', maintenanceDueOn: '2026-12-01' };
  it('passes a registered device in service', () => {
    expect(outcomes(deviceChecks(pump, '2026-11-30'))).toEqual({ 'device-unknown': 'pass', 'device-maintenance': 'pass' });
  });
  it('warns on the day maintenance falls due and after', () => {
    expect(outcomes(deviceChecks(pump, '2026-12-01'))).toEqual({ 'device-unknown': 'pass', 'device-maintenance': 'warning' });
  });
  it('warns for a device unknown to the register', () => {
    expect(outcomes(deviceChecks(undefined, '2026-11-30'))).toEqual({ 'device-unknown': 'warning', 'device-maintenance': 'warning' });
  });
});
