import { SCANNER_LEFT_OUT_GS } from '@wardscan/shared';
import { describe, expect, it } from 'vitest';
import { buildVerdict } from '../test/builders.js';
import { confirmBlock, toVerdictView } from './verdict.resource.js';

const online = { online: true, hasPrescription: true, overrideChosen: false };

describe('toVerdictView', () => {
  it('lists stops before warnings and keeps passed checks apart', () => {
    const view = toVerdictView(
      buildVerdict({
        outcome: 'stop',
        checks: [
          { rule: 'right-time', outcome: 'warning', message: 'Given 40 minutes early' },
          { rule: 'right-patient', outcome: 'pass', message: 'ok' },
          { rule: 'allergy', outcome: 'stop', message: 'Patient is allergic to penicillins' },
        ],
      }),
    );
    expect(view.heading).toBe('STOP – DO NOT GIVE');
    expect(view.problems.map((p) => p.rule)).toEqual(['allergy', 'right-time']);
    expect(view.passed.map((p) => p.label)).toEqual(['Right patient']);
  });

  it('says what to do about a barcode that did not read, for what was scanned (issue 12)', () => {
    const unreadable = (message: string) =>
      toVerdictView(buildVerdict({ outcome: 'stop', title: `Stop: ${message}`, checks: [{ rule: 'unreadable-barcode', outcome: 'stop', message }] }));
    const pack = unreadable(
      'This pack did not read reliably: the scanner seems to leave out the separators between its numbers, so the batch, serial or expiry may be wrong. Scan the pack with the camera, or ask for the scanner to be set to send GS.',
    );
    expect(pack.noticeInstruction).toBe('Nothing was checked from this scan. Scan it again; if it still fails, do what the message above says.');
    expect(pack.noticeInstruction).not.toMatch(/wristband/);
    const band = unreadable(
      'This wristband did not read correctly, so nobody is identified: scan it again, and if it still fails, reprint or replace the wristband. Detail: (8018) GSRN - RECIPIENT has a wrong check digit: 509999999900101372.',
    );
    expect(band.noticeInstruction).toBe('Nobody is identified. A wristband that will not scan is replaced, never worked around.');
    // A band read by a scanner that sent no GS: the band is most likely fine, so no word of replacing it (issue 14). Known by its rule, not its words.
    const noGs = toVerdictView(
      buildVerdict({ outcome: 'stop', checks: [{ rule: 'scanner-sent-no-gs', outcome: 'stop', message: `${SCANNER_LEFT_OUT_GS} in this wristband, so nobody is identified.` }] }),
    );
    expect(noGs.problems.map((p) => p.label)).toEqual(['Scanner sent no GS']);
    expect(noGs.noticeInstruction).toBe('Nobody is identified. Scan the wristband with the camera, or set up this scanner (Set up scanner, at the top).');
    expect(noGs.noticeInstruction).not.toMatch(/replace/);
  });

  it('names a pack scanned before any wristband as no patient identified, not a wrong patient (issue 12)', () => {
    const view = toVerdictView(
      buildVerdict({ outcome: 'stop', checks: [{ rule: 'patient-not-identified', outcome: 'stop', message: "Scan the patient's wristband first, then the pack." }] }),
    );
    expect(view.problems.map((p) => p.label)).toEqual(['No patient identified']);
  });

  it('tells the nurse the dose to give on a match', () => {
    const view = toVerdictView(buildVerdict());
    expect(view.doseText).toBe('2 tablets');
    expect(view.instruction).toBe('Give the dose above, then press “Confirm given”.');
  });

  it('gives the dose with what it holds, the containers and the route when the server words it so (issue 12)', () => {
    const view = toVerdictView(
      buildVerdict({
        doseToGive: { quantity: '8', unit: 'mL', text: '8 mL (400 mg) — 2 vials' },
        doseLine: '8 mL (400 mg) — 2 vials (5 mL each) — intravenous',
      }),
    );
    expect(view.doseText).toBe('8 mL (400 mg) — 2 vials (5 mL each) — intravenous');
  });
});

describe('confirmBlock', () => {
  it('never lets a stop be confirmed, even online with a prescription', () => {
    const view = toVerdictView(buildVerdict({ outcome: 'stop' }));
    expect(confirmBlock(view, { ...online, overrideChosen: true })).toEqual({ canConfirm: false, reason: 'A stop cannot be given or overridden.' });
  });

  it('blocks every confirmation while offline, because the check is the server’s', () => {
    const block = confirmBlock(toVerdictView(buildVerdict()), { ...online, online: false });
    expect(block.canConfirm).toBe(false);
    expect(block.canConfirm ? '' : block.reason).toMatch(/Offline/);
  });

  it('needs a witness for a high-alert dose before confirming', () => {
    expect(confirmBlock(toVerdictView(buildVerdict({ witness: 'required' })), online).canConfirm).toBe(false);
    expect(confirmBlock(toVerdictView(buildVerdict({ witness: 'done' })), online).canConfirm).toBe(true);
  });

  it('needs a coded reason to proceed past a warning', () => {
    const view = toVerdictView(
      buildVerdict({ outcome: 'warning', checks: [{ rule: 'right-time', outcome: 'warning', message: '50 minutes early' }] }),
    );
    expect(confirmBlock(view, online).canConfirm).toBe(false);
    expect(confirmBlock(view, { ...online, overrideChosen: true }).canConfirm).toBe(true);
  });

  it('asks for a witness, not an override reason, when the only warning is the high-alert witness', () => {
    const view = toVerdictView(
      buildVerdict({
        outcome: 'warning',
        witness: 'required',
        checks: [{ rule: 'high-alert-witness', outcome: 'warning', message: 'High-alert drug: a second nurse must scan their badge as witness.' }],
      }),
    );
    expect(view.needsOverrideReason).toBe(false);
    expect(view.instruction).toBe('Ask a second nurse to scan their badge and enter their PIN here to witness this dose.');
    expect(confirmBlock(view, online)).toEqual({ canConfirm: false, reason: 'High-alert drug: a second nurse witnesses with their badge and PIN.' });
  });

  it('cannot confirm a pack no prescription matches', () => {
    expect(confirmBlock(toVerdictView(buildVerdict()), { ...online, hasPrescription: false }).canConfirm).toBe(false);
  });
});
