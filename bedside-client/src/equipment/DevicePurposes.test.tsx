import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildTransfusion } from '../test/blood-builders.js';
import { buildPatient } from '../test/builders.js';
import { DevicePanel } from './DevicePanel.js';

const noop = () => undefined;

describe('DevicePanel “What is it for?” (issue 12)', () => {
  it('offers the running transfusion and the orders a pump gives, not the oral ones', () => {
    const patient = buildPatient({
      doses: [
        { prescriptionId: 'rx-para', drugName: 'Paracetamol', dose: { kind: 'fixed', value: '1', unit: 'g' }, doseText: '1 g oral', route: 'oral', dueAt: null, status: 'due', highAlert: false },
        { prescriptionId: 'rx-gent', drugName: 'Gentamicin', dose: { kind: 'fixed', value: '320', unit: 'mg' }, doseText: '320 mg iv', route: 'iv', dueAt: null, status: 'due', highAlert: false },
      ],
    });
    render(
      <DevicePanel
        device={{ patientId: patient.id, eventId: 'e-1', raw: 'pump', label: 'Equipment 50999987B0001', purpose: null, result: null }}
        patient={patient}
        running={[buildTransfusion()]}
        online
        busy={false}
        error={null}
        onPurposeChosen={noop}
        onAssign={noop}
        onDismiss={noop}
      />,
    );
    expect(screen.getAllByRole('radio').map((radio) => radio.closest('label')?.textContent)).toEqual([
      'Blood transfusion · unit G0715 26 100001',
      'Gentamicin · 320 mg iv',
      'None of these',
    ]);
  });
});
