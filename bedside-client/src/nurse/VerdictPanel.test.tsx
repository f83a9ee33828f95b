import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildVerdict } from '../test/builders.js';
import { VerdictPanel } from './VerdictPanel.js';
import { toVerdictView } from './verdict.resource.js';

const noop = () => undefined;

function renderVerdict(verdict: Parameters<typeof toVerdictView>[0]) {
  render(<VerdictPanel view={toVerdictView(verdict)} overrideReason={null} onOverrideChosen={noop} block={{ canConfirm: true }} busy={false} onConfirm={noop} onDismiss={noop} />);
}

describe('VerdictPanel dose box (issue 12)', () => {
  it('says the prescribed amount and the route with the volume: "0.5 mL (5 mg) … subcutaneous", not "0.5 mL"', () => {
    renderVerdict(
      buildVerdict({
        title: 'Give 0.5 mL (5 mg) — 1 ampoule Morphine sulfate 10 mg/1 mL solution for injection',
        doseToGive: { quantity: '0.5', unit: 'mL', text: '0.5 mL (5 mg) — 1 ampoule' },
        doseLine: '0.5 mL (5 mg) — 1 ampoule (1 mL) — subcutaneous',
      }),
    );
    expect(screen.getByLabelText('Dose to give')).toHaveTextContent(/^Give: 0\.5 mL \(5 mg\) — 1 ampoule \(1 mL\) — subcutaneous$/);
  });

  it('says how many vials of what size make a volume', () => {
    renderVerdict(
      buildVerdict({
        doseToGive: { quantity: '8', unit: 'mL', text: '8 mL (400 mg) — 2 vials' },
        doseLine: '8 mL (400 mg) — 2 vials (5 mL each) — intravenous',
      }),
    );
    expect(screen.getByLabelText('Dose to give')).toHaveTextContent('Give: 8 mL (400 mg) — 2 vials (5 mL each) — intravenous');
  });

  it('shows no dose on a stop', () => {
    renderVerdict(buildVerdict({ outcome: 'stop', doseLine: '2 tablets (1 g) — oral' }));
    expect(screen.queryByLabelText('Dose to give')).toBeNull();
  });
});
