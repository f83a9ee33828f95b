import { describe, expect, it } from 'vitest';
import { ADA_UNIT, buildCheckResponse, buildTransfusion, OTHER_UNIT, PUMP, SECOND_BADGE, secondChecked, secondCheckerNeeded, wrongPatientStop } from '../test/blood-builders.js';
import { awaitsSecondChecker, transfusionReducer, type TransfusionFlow } from './transfusion-state.js';

const EVENT = '22222222-2222-4222-8222-222222222222';

function collected(...raws: string[]): TransfusionFlow {
  let flow: TransfusionFlow | null = null;
  for (const raw of raws) flow = transfusionReducer(flow, { type: 'label-scanned', raw }, 'p-ada');
  if (!flow) throw new Error('no flow');
  return flow;
}

describe('transfusionReducer', () => {
  it('folds the bag’s labels into one unit and refuses a contradicting one without changing it', () => {
    const flow = collected(ADA_UNIT.din, ADA_UNIT.group, OTHER_UNIT.din);
    expect(flow.step).toBe('collecting');
    if (flow.step !== 'collecting') return;
    expect(flow.unit.raws).toEqual([ADA_UNIT.din, ADA_UNIT.group]);
    expect(flow.refused?.problem).toBe('conflict');
    // The mix-up outlives the next good label: only starting the bag again clears it.
    const after = transfusionReducer(flow, { type: 'label-scanned', raw: ADA_UNIT.product }, 'p-ada');
    expect(after?.step === 'collecting' && after.conflicted).toBe(true);
    const restarted = transfusionReducer(after, { type: 'restarted' }, 'p-ada');
    expect(restarted?.step === 'collecting' && !restarted.conflicted && restarted.unit.raws.length === 0).toBe(true);
  });

  it('shows an unreadable label without blocking the unit', () => {
    const flow = collected(ADA_UNIT.din, '=%ZZ', ADA_UNIT.group);
    expect(flow.step === 'collecting' && !flow.conflicted && flow.unit.raws).toEqual([ADA_UNIT.din, ADA_UNIT.group]);
  });

  it('keeps the bag when a badge is scanned before the check, and says when the badge comes (issue 12)', () => {
    const flow = collected(ADA_UNIT.din, ADA_UNIT.group, SECOND_BADGE);
    expect(flow).toMatchObject({ step: 'collecting', conflicted: false, unit: { raws: [ADA_UNIT.din, ADA_UNIT.group] } });
    expect(flow.step === 'collecting' && flow.refused).toEqual({
      problem: 'out-of-turn',
      message: 'That was a staff badge. Scan all the labels on the bag, then press “Check this unit”; the second checker’s badge comes after.',
    });
    // The next label is taken as before, and the note goes.
    const next = transfusionReducer(flow, { type: 'label-scanned', raw: ADA_UNIT.product }, 'p-ada');
    expect(next?.step === 'collecting' && next.refused).toBeNull();
    expect(next?.unit.raws).toEqual([ADA_UNIT.din, ADA_UNIT.group, ADA_UNIT.product]);
  });

  it('keeps a half-read bag when a pump is scanned, and says to finish the bag first (issue 12)', () => {
    const flow = collected(ADA_UNIT.din, PUMP);
    expect(flow.unit.raws).toEqual([ADA_UNIT.din]);
    expect(flow.step === 'collecting' && flow.refused?.message).toMatch(/^That was a device tag\. Finish this bag first/);
    // With no bag being read, a badge or pump is not this flow's.
    expect(transfusionReducer(null, { type: 'label-scanned', raw: PUMP }, 'p-ada')).toBeNull();
  });

  it('ignores a check answered for another patient or after the nurse moved on', () => {
    const flow = collected(ADA_UNIT.din, ADA_UNIT.group);
    expect(transfusionReducer(flow, { type: 'checked', response: buildCheckResponse(EVENT, secondChecked(), { patientId: 'p-ben' }) }, 'p-ada')).toBeNull();
    expect(transfusionReducer(null, { type: 'checked', response: buildCheckResponse(EVENT, secondChecked()) }, 'p-ada')).toBeNull();
    expect(transfusionReducer(flow, { type: 'checked', response: buildCheckResponse(EVENT, secondChecked()) }, 'p-ben')).toBeNull();
  });

  it('waits for the second checker on a warning, never on a stop', () => {
    const flow = collected(ADA_UNIT.din, ADA_UNIT.group);
    const warning = transfusionReducer(flow, { type: 'checked', response: buildCheckResponse(EVENT, secondCheckerNeeded()) }, 'p-ada');
    const stop = transfusionReducer(flow, { type: 'checked', response: buildCheckResponse(EVENT, wrongPatientStop()) }, 'p-ada');
    expect(warning && awaitsSecondChecker(warning)).toBe(true);
    expect(stop && awaitsSecondChecker(stop)).toBe(false);
  });

  it('takes a second check and a start only for the check on screen', () => {
    const checked = transfusionReducer(collected(ADA_UNIT.din, ADA_UNIT.group), { type: 'checked', response: buildCheckResponse(EVENT, secondCheckerNeeded()) }, 'p-ada');
    const otherEvent = '33333333-3333-4333-8333-333333333333';
    expect(transfusionReducer(checked, { type: 'second-checked', response: buildCheckResponse(otherEvent, secondChecked()) }, 'p-ada')).toBeNull();
    const witnessed = transfusionReducer(checked, { type: 'second-checked', response: buildCheckResponse(EVENT, secondChecked()) }, 'p-ada');
    expect(witnessed?.step === 'checked' && witnessed.check.verdict.outcome).toBe('match');
    const started = { type: 'started', response: { eventId: otherEvent, transfusion: buildTransfusion({ checkEventId: EVENT }), replayed: false } } as const;
    expect(transfusionReducer(witnessed, started, 'p-ada')?.step).toBe('started');
    const wrongStart = { ...started, response: { ...started.response, transfusion: buildTransfusion({ checkEventId: otherEvent }) } };
    expect(transfusionReducer(witnessed, wrongStart, 'p-ada')).toBeNull();
  });

  it('starts a new bag when a label is scanned after a check', () => {
    const checked = transfusionReducer(collected(ADA_UNIT.din, ADA_UNIT.group), { type: 'checked', response: buildCheckResponse(EVENT, secondChecked()) }, 'p-ada');
    const next = transfusionReducer(checked, { type: 'label-scanned', raw: OTHER_UNIT.din }, 'p-ada');
    expect(next?.step).toBe('collecting');
    expect(next?.unit.raws).toEqual([OTHER_UNIT.din]);
  });
});
