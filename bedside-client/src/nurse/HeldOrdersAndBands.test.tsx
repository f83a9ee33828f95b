import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PatientChart, ScanRequest, ScanResponse, Verdict } from '@wardscan/shared';
import { NO_BLOOD } from '../test/blood-builders.js';
import { buildChart, buildRound, buildVerdict, patientScanResponse, productScanResponse } from '../test/builders.js';
import { fakeServer, json } from '../test/fake-fetch.js';
import { renderSignedIn, scannerBurst } from '../test/render.js';
import { NurseScreen } from './NurseScreen.js';

/*
 * Issue 13 on the handheld: orders on hold and needing review on the round
 * and the chart, and the server's plain-words verdicts for a band of a
 * patient on no ward, an unverified NHS Number and a pack for an order on
 * hold.
 */

const WRISTBAND = '8018509999999900101371';
const PACK = '01050999970000131735123110PA2611A\u001d21SN100001';
const REVIEW = 'Dose in words only: "1 tablet daily". Review by pharmacy or a nurse before it is given.';

afterEach(() => vi.unstubAllGlobals());

const heldChart = (): PatientChart =>
  buildChart({
    held: [
      { prescriptionId: 'rx-ramipril', drugName: 'Ramipril 5mg capsules', route: 'oral', hold: { kind: 'on-hold', review: null } },
      { prescriptionId: 'rx-pred', drugName: 'Prednisolone 5mg tablets', route: 'oral', hold: { kind: 'needs-review', reason: REVIEW, doseRange: { low: '1', high: '2', unit: 'tablet' } } },
    ],
  });

const bandAnswer = (eventId: string, verdict: Verdict, identified: boolean): ScanResponse => {
  const base = patientScanResponse(eventId);
  return { ...base, patient: identified ? base.patient : null, verdict };
};

function ward(answers: { band?: (eventId: string) => ScanResponse; pack?: Verdict } = {}) {
  const round = buildRound();
  round.beds[0]!.patient = { ...round.beds[0]!.patient!, onHold: 1, needsReview: 1 };
  return fakeServer({
    'GET /api/health': () => json({ ok: true }),
    'GET /api/wards/ward-1/round': () => json(round),
    'GET /api/patients/p-ada/chart': () => json(heldChart()),
    'GET /api/patients/p-ada/transfusions': () => json(NO_BLOOD),
    'GET /api/equipment/assignments': () => json([]),
    'POST /api/scans': ({ body }) => {
      const request = body as ScanRequest;
      if (request.raw === WRISTBAND) return json(answers.band ? answers.band(request.eventId) : patientScanResponse(request.eventId));
      return json(productScanResponse(request.eventId, answers.pack ?? buildVerdict()));
    },
  });
}

const scan = async (raw: string) => act(async () => scannerBurst(raw));

describe('orders on hold and needing review', () => {
  it('the round says how many of a patient’s orders are on hold and need review', async () => {
    ward();
    renderSignedIn(<NurseScreen />);
    const round = await screen.findByRole('region', { name: 'Ward 1: the round' });
    const ada = within(round).getByRole('button', { name: /LOVELACE, Ada/ });
    expect(ada).toHaveTextContent('1 order on hold');
    expect(ada).toHaveTextContent('1 order needs review');
  });

  it('the chart lists them with no dose and no "Not given…", the review with its reason and range', async () => {
    ward();
    renderSignedIn(<NurseScreen />);
    await scan(WRISTBAND);
    const held = await screen.findByRole('list', { name: 'Orders on hold or needing review' });
    const onHold = within(held).getByRole('listitem', { name: 'Ramipril 5mg capsules: on hold' });
    expect(onHold).toHaveTextContent('On hold');
    expect(onHold).toHaveTextContent('No dose is due while the order is on hold.');
    const review = within(held).getByRole('listitem', { name: 'Prednisolone 5mg tablets: needs review' });
    expect(review).toHaveTextContent(REVIEW);
    expect(review).toHaveTextContent('Dose range on the order: 1 to 2 tablet');
    expect(review).toHaveTextContent('Not checked by a scan until pharmacy or the prescriber reviews it.');
    expect(within(held).queryByRole('button', { name: 'Not given…' })).toBeNull();
    // The scheduled doses of the chart still offer it.
    expect(screen.getAllByRole('button', { name: 'Not given…' }).length).toBeGreaterThan(0);
  });

  it('a pack for an order on hold is a STOP that says so, with nothing to confirm', async () => {
    const message = 'The order for Ramipril 5mg capsules is on hold: no dose is due while it is held. Do not give; it can be given again only when the prescriber makes the order active.';
    ward({
      pack: {
        outcome: 'stop',
        title: `Stop: ${message}`,
        checks: [
          { rule: 'right-patient', outcome: 'pass', message: 'Ada LOVELACE, identified by wristband.' },
          { rule: 'right-drug', outcome: 'pass', message: 'Ramipril 5mg capsules, as prescribed.' },
          { rule: 'order-on-hold', outcome: 'stop', message },
        ],
      },
    });
    renderSignedIn(<NurseScreen />);
    await scan(WRISTBAND);
    await screen.findByRole('list', { name: 'Orders on hold or needing review' });
    await scan(PACK);
    expect(await screen.findByText(`Stop: ${message}`)).toBeVisible();
    expect(within(screen.getByRole('list', { name: 'Problems found' })).getByText(/✕ STOP · Order on hold/)).toBeVisible();
    expect(screen.queryByRole('button', { name: '✓ Confirm given' })).toBeNull();
  });
});

describe('a band whose patient cannot be identified, and an unverified NHS Number', () => {
  it('a discharged patient’s band: the STOP in plain words, and nobody identified', async () => {
    const message = 'Ada LOVELACE was discharged from Ward 1 on 24 Nov 2026 at 09:15, so they are on no ward now: do not give anything. If they are back, ask the ward clerk to readmit them.';
    ward({ band: (id) => bandAnswer(id, { outcome: 'stop', title: `Stop: ${message}`, checks: [{ rule: 'patient-discharged', outcome: 'stop', message }] }, false) });
    renderSignedIn(<NurseScreen />);
    await scan(WRISTBAND);
    expect(await screen.findByText(`Stop: ${message}`)).toBeVisible();
    expect(within(screen.getByRole('alert')).getByText('Patient discharged')).toBeVisible();
    expect(within(screen.getByRole('region', { name: 'Patient' })).getByText('No patient identified')).toBeVisible();
  });

  it('an unverified NHS Number: the patient is identified, with the warning in words', async () => {
    const message = 'NHS Number 999 000 0018 is not verified: it is present but not traced against the national record. Confirm name and date of birth with the patient before giving anything.';
    ward({
      band: (id) =>
        bandAnswer(
          id,
          {
            outcome: 'warning',
            title: 'Ada LOVELACE identified (NHS Number not verified)',
            checks: [
              { rule: 'right-patient', outcome: 'pass', message: 'Ada LOVELACE, born 1948-03-07, NHS Number 999 000 0018.' },
              { rule: 'nhs-number-unverified', outcome: 'warning', message },
            ],
          },
          true,
        ),
    });
    renderSignedIn(<NurseScreen />);
    await scan(WRISTBAND);
    const banner = await screen.findByRole('region', { name: 'Patient' });
    expect(await within(banner).findByRole('heading', { name: 'LOVELACE, Ada' })).toBeVisible();
    expect(screen.getByText('Ada LOVELACE identified (NHS Number not verified)')).toBeVisible();
    const problem = within(screen.getByRole('alert')).getByText('NHS Number not verified');
    expect(problem.closest('li')).toHaveTextContent(message);
  });
});

// Keep the round's chart view honest too: opening it read-only shows the same held orders.
describe('the read-only chart from the round', () => {
  it('shows the held orders', async () => {
    ward();
    renderSignedIn(<NurseScreen />);
    await userEvent.click(await screen.findByRole('button', { name: /LOVELACE, Ada/ }));
    expect(await screen.findByRole('listitem', { name: 'Ramipril 5mg capsules: on hold' })).toBeVisible();
  });
});
