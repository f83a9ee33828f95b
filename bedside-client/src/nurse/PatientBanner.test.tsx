import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { buildPatient } from '../test/builders.js';
import { PatientBanner } from './PatientBanner.js';

/* The allergy line: "no known drug allergies" only when someone recorded it (issue 11). */
describe('PatientBanner allergies', () => {
  const banner = (patient: ReturnType<typeof buildPatient>) => render(<PatientBanner patient={patient} secondsLeft={300} onFinish={() => {}} />);

  it('lists recorded allergies with their reaction', () => {
    banner(buildPatient());
    expect(screen.getByLabelText('Allergies')).toHaveTextContent('⚠ ALLERGIES: penicillin (rash)');
  });

  it('says "no known drug allergies" when that is recorded', () => {
    banner(buildPatient({ allergies: [], allergyStatus: 'nkda' }));
    expect(screen.getByText('Allergies: no known drug allergies')).toBeVisible();
  });

  it('tells the nurse to ask when nobody recorded the allergy status, never "none"', () => {
    banner(buildPatient({ allergies: [], allergyStatus: 'unknown' }));
    expect(screen.getByText('⚠ Allergies: not recorded — ask the patient')).toBeVisible();
    expect(screen.queryByText(/no known/)).toBeNull();
  });
});
