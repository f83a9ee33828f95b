import { describe, expect, it } from 'vitest';
import { ADA_UNIT, PUMP, SECOND_BADGE } from '../test/blood-builders.js';
import { buildConfig } from '../test/builders.js';
import { routeScan, type ScanRouteContext } from './scan-route.js';

const WRISTBAND = '8018509999999900101371';
const PACK = '01050999970000131735123110PA2611A\u001d21SN100001';
const config = buildConfig();
const atBedside: ScanRouteContext = { hasPatient: true, collectingBlood: false, awaitingSecondChecker: false };

describe('routeScan', () => {
  it('keeps every bag label on the handheld, including a group or product label with no DIN', () => {
    for (const raw of [ADA_UNIT.din, ADA_UNIT.group, ADA_UNIT.product]) expect(routeScan(raw, config, atBedside)).toEqual({ to: 'blood' });
  });

  it('sends blood and devices to the server as before when no patient is identified', () => {
    const noPatient = { ...atBedside, hasPatient: false };
    expect(routeScan(ADA_UNIT.din, config, noPatient)).toEqual({ to: 'server' });
    expect(routeScan(PUMP, config, noPatient)).toEqual({ to: 'server' });
  });

  it('opens the device panel for an asset tag, named as the queue would name it', () => {
    expect(routeScan(PUMP, config, atBedside)).toEqual({ to: 'device', label: 'Equipment 50999987B0001' });
  });

  it('takes a badge as the second checker only while a check waits for one', () => {
    expect(routeScan(SECOND_BADGE, config, { ...atBedside, awaitingSecondChecker: true })).toEqual({ to: 'second-checker' });
    expect(routeScan(SECOND_BADGE, config, atBedside)).toEqual({ to: 'server' });
  });

  it('while a bag is read, keeps a badge and a pump tag with the bag, which says what comes when (issue 12)', () => {
    const collecting = { ...atBedside, collectingBlood: true };
    expect(routeScan(SECOND_BADGE, config, collecting)).toEqual({ to: 'blood' });
    expect(routeScan(PUMP, config, collecting)).toEqual({ to: 'blood' });
    // Once checked and waiting for one, the badge is the second checker's.
    expect(routeScan(SECOND_BADGE, config, { ...atBedside, awaitingSecondChecker: true })).toEqual({ to: 'second-checker' });
  });

  it('while a bag is read, gives unreadable scans to the bag (refused there) but wristbands and packs to the server', () => {
    const collecting = { ...atBedside, collectingBlood: true };
    expect(routeScan('=%ZZ', config, collecting)).toEqual({ to: 'blood' });
    expect(routeScan('=%ZZ', config, atBedside)).toEqual({ to: 'server' });
    expect(routeScan(WRISTBAND, config, collecting)).toEqual({ to: 'server' });
    expect(routeScan(PACK, config, collecting)).toEqual({ to: 'server' });
  });
});
