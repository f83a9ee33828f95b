import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ChartSlot } from '@wardscan/shared';
import { buildChart } from '../test/builders.js';
import { ChartView } from './ChartView.js';

const morphine = {
  prescriptionId: 'rx-morphine',
  drugName: 'Morphine sulfate 10mg/1ml solution for injection',
  dose: { kind: 'fixed' as const, value: '5', unit: 'mg' as const },
  doseText: '5 mg sc',
  route: 'sc' as const,
  highAlert: true,
};
const given = (slotAt: string, witnessedByName: string | null): ChartSlot => ({
  ...morphine,
  slotAt,
  status: 'given',
  given: { at: slotAt, byName: 'Nia Nurse', witnessedByName, documentedLate: false, dose: null },
  notGiven: null,
});

describe('a given dose on the chart', () => {
  it('names the nurse who gave it and the clinician who witnessed it', () => {
    const at = new Date().toISOString();
    render(<ChartView chart={buildChart({ slots: [given(at, 'Wyn Witness')] })} now={new Date()} />);
    const line = screen.getByText(/by Nia Nurse/);
    expect(line).toHaveTextContent(/by Nia Nurse, witnessed by Wyn Witness$/);
  });

  it('says no witness when none was needed', () => {
    const at = new Date().toISOString();
    render(<ChartView chart={buildChart({ slots: [given(at, null)] })} now={new Date()} />);
    expect(screen.getByText(/by Nia Nurse/)).not.toHaveTextContent(/witnessed/);
  });
});
