import type { PrescriptionRecord } from '../domain/records.js';

/** An order as the domain reads it, for pure tests: paracetamol 1 g at 08:00 and 22:00 since 1 Jan 2026; change what the test is about. */
export const orderRecord = (overrides: Partial<PrescriptionRecord> = {}): PrescriptionRecord => ({
  id: 'rx',
  patientId: 'p',
  drug: 'Paracetamol',
  medication: { level: 'free-text', name: 'Paracetamol' },
  productId: null,
  dose: { kind: 'fixed', value: '1', unit: 'g' },
  route: 'oral',
  schedule: { kind: 'regular', times: ['08:00', '22:00'] },
  startsAt: '2026-01-01T00:00:00.000Z',
  stopsAt: null,
  ...overrides,
});
