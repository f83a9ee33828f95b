import { describe, expect, it } from 'vitest';
import { secondChecked, secondCheckerNeeded, wrongPatientStop } from '../test/blood-builders.js';
import { startBlock, toTransfusionView } from './transfusion-verdict.js';

const ready = { online: true, overrideChosen: false, unitIssued: true };

describe('toTransfusionView and startBlock', () => {
  it('names a warning that only waits for the second checker as such, needing no override reason', () => {
    const view = toTransfusionView(secondCheckerNeeded());
    expect(view.heading).toBe('SECOND CHECK NEEDED');
    expect(view.needsOverrideReason).toBe(false);
    expect(view.awaitingSecondChecker).toBe(true);
    expect(startBlock(view, ready)).toEqual({ canStart: false, reason: 'The second checker must scan their badge first.' });
    const checked = toTransfusionView(secondChecked());
    expect(checked).toMatchObject({ awaitingSecondChecker: false, secondCheck: 'Second check by Wendy Witness.' });
    expect(startBlock(checked, ready)).toEqual({ canStart: true });
  });

  it('never offers a start past a stop, and does not list the second checker as a problem there', () => {
    const view = toTransfusionView(wrongPatientStop());
    expect(view.heading).toBe('STOP – DO NOT TRANSFUSE');
    expect(view.problems.map((p) => p.rule)).toEqual(['transfusion-patient']);
    // Even were the server to send witness 'required' with a stop (the builder does), no badge is asked for.
    expect(view.awaitingSecondChecker).toBe(false);
    expect(startBlock(view, { ...ready, overrideChosen: true }).canStart).toBe(false);
  });

  it('needs a reason for any other warning, and the server while offline', () => {
    const view = toTransfusionView({ outcome: 'warning', title: 'Check before starting', checks: [{ rule: 'abo-rhd', outcome: 'warning', message: 'RhD positive for an RhD negative patient' }] });
    expect(view.heading).toBe('WARNING');
    expect(view.needsOverrideReason).toBe(true);
    expect(startBlock(view, ready).canStart).toBe(false);
    expect(startBlock(view, { ...ready, overrideChosen: true }).canStart).toBe(true);
    expect(startBlock(view, { ...ready, overrideChosen: true, online: false })).toMatchObject({ canStart: false, reason: expect.stringMatching(/^Offline/) });
  });
});
