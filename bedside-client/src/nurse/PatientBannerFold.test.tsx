import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PatientSummary, Verdict } from '@wardscan/shared';
import { describe, expect, it } from 'vitest';
import { buildPatient, buildVerdict } from '../test/builders.js';
import { PatientBanner } from './PatientBanner.js';
import { toVerdictView } from './verdict.resource.js';
import { VerdictPanel } from './VerdictPanel.js';

/*
 * Issue 12, one hand: the banner is shown in full when the patient is
 * identified and folds to one line (name · NHS No. · bed, allergies still
 * shown) once a verdict is on screen; "More" opens it again.
 */
function Bedside({ patient, verdict }: { patient: PatientSummary | null; verdict: Verdict | null }) {
  return (
    <>
      <PatientBanner patient={patient} secondsLeft={300} onFinish={() => undefined} />
      {verdict ? (
        <VerdictPanel
          view={toVerdictView(verdict)}
          overrideReason={null}
          onOverrideChosen={() => undefined}
          block={{ canConfirm: true }}
          busy={false}
          onConfirm={() => undefined}
          onDismiss={() => undefined}
        />
      ) : null}
    </>
  );
}

const banner = () => screen.getByRole('region', { name: 'Patient' });
const isFull = () => within(banner()).queryByText('Born') !== null;

describe('PatientBanner folds once a verdict is on screen (issue 12)', () => {
  it('is in full at identification, folds with the verdict keeping name, NHS No., bed and allergies, and opens with "More"', async () => {
    const ada = buildPatient();
    const { rerender } = render(<Bedside patient={ada} verdict={null} />);
    expect(isFull()).toBe(true);
    expect(within(banner()).getByRole('button', { name: 'Finish patient' })).toBeVisible();
    expect(within(banner()).queryByRole('button', { name: /about the patient/ })).toBeNull();

    rerender(<Bedside patient={ada} verdict={buildVerdict()} />);
    expect(isFull()).toBe(false);
    expect(within(banner()).getByRole('heading', { name: 'LOVELACE, Ada' })).toBeVisible();
    expect(within(banner()).getByText('999 000 0018')).toBeVisible();
    expect(banner()).toHaveTextContent('NHS No. 999 000 0018 · Bay 1 Bed 3');
    expect(within(banner()).getByLabelText('Allergies')).toHaveTextContent('⚠ ALLERGIES: penicillin (rash)');

    const user = userEvent.setup({ delay: 120 });
    const more = within(banner()).getByRole('button', { name: 'More about the patient' });
    expect(more).toHaveAttribute('aria-expanded', 'false');
    await user.click(more);
    expect(isFull()).toBe(true);
    expect(within(banner()).getByRole('button', { name: 'Less about the patient' })).toHaveAttribute('aria-expanded', 'true');
    await user.click(within(banner()).getByRole('button', { name: 'Less about the patient' }));
    expect(isFull()).toBe(false);
  });

  it('stays folded for the same patient after the verdict is dismissed, and folds again on the next verdict after it was opened', async () => {
    const ada = buildPatient();
    const { rerender } = render(<Bedside patient={ada} verdict={null} />);
    rerender(<Bedside patient={ada} verdict={buildVerdict()} />);
    rerender(<Bedside patient={ada} verdict={null} />);
    expect(isFull()).toBe(false);
    await userEvent.setup({ delay: 120 }).click(within(banner()).getByRole('button', { name: 'More about the patient' }));
    expect(isFull()).toBe(true);
    rerender(<Bedside patient={ada} verdict={buildVerdict({ title: 'Another pack', outcome: 'warning', checks: [{ rule: 'right-time', outcome: 'warning', message: 'Late.' }] })} />);
    expect(isFull()).toBe(false);
  });

  it('shows the next patient, or the same patient identified again, in full', () => {
    const ada = buildPatient();
    const ben = buildPatient({ id: 'p-ben', givenName: 'Ben', familyName: 'Nevis', nhsNumber: '9990000026' });
    const { rerender } = render(<Bedside patient={ada} verdict={buildVerdict()} />);
    expect(isFull()).toBe(false);
    rerender(<Bedside patient={ben} verdict={null} />);
    expect(isFull()).toBe(true);
    rerender(<Bedside patient={ben} verdict={buildVerdict()} />);
    expect(isFull()).toBe(false);
    // A wristband scan takes the patient off the screen before they are shown again.
    rerender(<Bedside patient={null} verdict={null} />);
    rerender(<Bedside patient={ben} verdict={null} />);
    expect(isFull()).toBe(true);
  });

  it('keeps an unrecorded allergy status in words when folded', () => {
    const ada = buildPatient({ allergies: [], allergyStatus: 'unknown' });
    render(<Bedside patient={ada} verdict={buildVerdict()} />);
    expect(isFull()).toBe(false);
    expect(within(banner()).getByText('⚠ Allergies: not recorded — ask the patient')).toBeVisible();
  });
});
