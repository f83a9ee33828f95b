import { afterAll, describe, expect, it } from 'vitest';
import { classifyAlone, publishedOrders, type OrderClass } from './test/published-orders.js';

/*
 * Issue 13, "the published examples themselves": every MedicationRequest in
 * fixtures/fhir/published/ (HL7 R4, NHS England UK Core, EPS secondary care;
 * sources and licences in each README) imported as published, each alone in a
 * batch into a fresh demo ward, and read back from the nurse's chart. Only
 * what points outside an example changes (its subject, a Medication it names
 * outside itself: test/published-orders.ts, asImported). The table pins what
 * becomes of each, and why, so any change in behaviour fails here; the counts
 * are printed by `npm run report:fhir-published`.
 */

type Expected =
  | { readonly class: 'charted'; readonly chart: string }
  | { readonly class: 'needs-review'; readonly reason: string }
  | { readonly class: 'on-hold' }
  | { readonly class: 'not-charted'; readonly why: string }
  /** Each distinct issue the OperationOutcome gives, as its words begin (and no other). */
  | { readonly class: 'refused'; readonly issues: readonly string[] };
const charted = (chart: string): Expected => ({ class: 'charted', chart });
const review = (reason: string): Expected => ({ class: 'needs-review', reason });
const notCharted = (why: string): Expected => ({ class: 'not-charted', why });
const refused = (...issues: string[]): Expected => ({ class: 'refused', issues });

/** key → what the nurse's chart shows (or the answer), and why that is right or what it would take. */
const EXPECTED: readonly (readonly [string, Expected, string])[] = [
  ["hl7-r4/medicationrequest0301", notCharted("status completed: the order has ended"), "status completed: the order has ended; nothing is due"],
  ["hl7-r4/medicationrequest0302", review("Step 1 of 2 gives no length (boundsDuration or an end), so when step 2 starts is not known"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["hl7-r4/medicationrequest0303", notCharted("course ended 2015-01-20"), "its course (boundsPeriod) ended before today: stored, nothing is due"],
  ["hl7-r4/medicationrequest0304", notCharted("status \"completed\": no order http://www.bmc.nl/portal/prescriptions|12345689 on record to end: nothing is written."), "completed, and its content cannot be charted: only its identifier is read, to end an order on record (none here); never refused (issue 13)"],
  ["hl7-r4/medicationrequest0305", notCharted("status completed: the order has ended"), "status completed: the order has ended; nothing is due"],
  ["hl7-r4/medicationrequest0306", charted("6 mg oral at 08:00"), "an active order in units, routes and timing Wardscan reads"],
  ["hl7-r4/medicationrequest0307", notCharted("status completed: the order has ended"), "status completed: the order has ended; nothing is due"],
  ["hl7-r4/medicationrequest0308", notCharted("status completed: the order has ended"), "status completed: the order has ended; nothing is due"],
  ["hl7-r4/medicationrequest0309", notCharted("course ended 2016-02-04"), "its course (boundsPeriod) ended before today: stored, nothing is due"],
  ["hl7-r4/medicationrequest0310", charted("1–2 tablets, nurse chooses oral as needed, 1440 min apart"), "an active order in units, routes and timing Wardscan reads"],
  ["hl7-r4/medicationrequest0312", charted("100 mg oral at 08:00, 14:00, 22:00"), "an active order in units, routes and timing Wardscan reads"],
  ["hl7-r4/medicationrequest0313", notCharted("status completed: the order has ended"), "status completed: the order has ended; nothing is due"],
  ["hl7-r4/medicationrequest0314", notCharted("status \"completed\": no order http://www.bmc.nl/portal/prescriptions|12345689 on record to end: nothing is written."), "completed, and its content cannot be charted: only its identifier is read, to end an order on record (none here); never refused (issue 13)"],
  ["hl7-r4/medicationrequest0315", review("Dose range 0.05 mg/kg to 0.1 mg/kg depends on the patient's weight: a nurse or pharmacist must work out the dose"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["hl7-r4/medicationrequest0316", notCharted("status \"completed\": no order http://www.bmc.nl/portal/prescriptions|12345689 on record to end: nothing is written."), "completed, and its content cannot be charted: only its identifier is read, to end an order on record (none here); never refused (issue 13)"],
  ["hl7-r4/medicationrequest0317", notCharted("status \"completed\": no order http://www.bmc.nl/portal/prescriptions|12345689 on record to end: nothing is written."), "completed, and its content cannot be charted: only its identifier is read, to end an order on record (none here); never refused (issue 13)"],
  ["hl7-r4/medicationrequest0318", charted("500 mg iv at 00:00, 06:00, 12:00, 18:00"), "every 6 hours: the ward's evenly spaced every-6-hours times, not the QID round (fixed: was refused)"],
  ["hl7-r4/medicationrequest0319", notCharted("status completed: the order has ended"), "status completed: the order has ended; nothing is due"],
  ["hl7-r4/medicationrequest0320", notCharted("status completed: the order has ended"), "status completed: the order has ended; nothing is due"],
  ["hl7-r4/medicationrequest0321", review("3 dosage instructions are to be given together (not one after another, by sequence): the bedside checks one dose at a time; no route is stated"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["hl7-r4/medicationrequest0322", notCharted("status \"completed\": no order http://www.bmc.nl/portal/prescriptions|12345689 on record to end: nothing is written."), "completed, and its content cannot be charted: only its identifier is read, to end an order on record (none here); never refused (issue 13)"],
  ["hl7-r4/medicationrequest0323", notCharted("status \"completed\": no order http://www.bmc.nl/portal/prescriptions|12345689 on record to end: nothing is written."), "completed, and its content cannot be charted: only its identifier is read, to end an order on record (none here); never refused (issue 13)"],
  ["hl7-r4/medicationrequest0324", notCharted("status \"completed\": no order http://www.bmc.nl/portal/prescriptions|12345689 on record to end: nothing is written."), "completed, and its content cannot be charted: only its identifier is read, to end an order on record (none here); never refused (issue 13)"],
  ["hl7-r4/medicationrequest0325", { class: 'on-hold' }, "status on-hold: on the chart as on hold, no dose due"],
  ["hl7-r4/medicationrequest0326", { class: 'on-hold' }, "status on-hold: on the chart as on hold, no dose due"],
  ["hl7-r4/medicationrequest0327", review("Dose 1 patch: \"patch\" is not a unit Wardscan knows; no route is stated; given 3 times a week: the ward's daily drug rounds cannot hold that pattern"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["hl7-r4/medicationrequest0328", review("Dose 1 ea: \"ea\" is not a unit Wardscan knows; no route is stated"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["hl7-r4/medicationrequest0329", { class: 'on-hold' }, "status on-hold: on the chart as on hold, no dose due"],
  ["hl7-r4/medicationrequest0330", review("Dose 1 OPDROP: \"OPDROP\" is not a unit Wardscan knows"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["hl7-r4/medicationrequest0331", review("No route is stated"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["hl7-r4/medicationrequest0332", review("Given once only: the ward's daily drug rounds cannot hold that pattern"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["hl7-r4/medicationrequest0333", charted("1–2 tablets, nurse chooses oral at 08:00"), "an active order in units, routes and timing Wardscan reads"],
  ["hl7-r4/medicationrequest0334", { class: 'on-hold' }, "status on-hold: on the chart as on hold, no dose due"],
  ["hl7-r4/medicationrequest0335", { class: 'on-hold' }, "status on-hold: on the chart as on hold, no dose due"],
  ["hl7-r4/medicationrequest0336", notCharted("status \"completed\": no order http://www.bmc.nl/portal/prescriptions|12345689 on record to end: nothing is written."), "completed, and its content cannot be charted: only its identifier is read, to end an order on record (none here); never refused (issue 13)"],
  ["hl7-r4/medicationrequest0337", notCharted("status \"completed\": no order http://www.bmc.nl/portal/prescriptions|12345689 on record to end: nothing is written."), "completed, and its content cannot be charted: only its identifier is read, to end an order on record (none here); never refused (issue 13)"],
  ["hl7-r4/medicationrequest0338", notCharted("status \"completed\": no order http://www.bmc.nl/portal/prescriptions|12345689 on record to end: nothing is written."), "completed, and its content cannot be charted: only its identifier is read, to end an order on record (none here); never refused (issue 13)"],
  ["hl7-r4/medicationrequest0339", notCharted("course ended 2015-01-18"), "its course (boundsPeriod) ended before today: stored, nothing is due"],
  ["hl7-r4/medicationrequestexample1", charted("1 tablet oral at 08:00"), "an active order in units, routes and timing Wardscan reads"],
  ["hl7-r4/medicationrequestexample2", review("Dose given in words only (\"Take one tablet daily as directed\"); no route is stated"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["uk-core/MedicationRequest-Amoxicillin", notCharted("intent \"option\" is not an order to give: not charted."), "UK Core publishes these as options (one of several routes to choose from), not orders"],
  ["uk-core/MedicationRequest-CiprofloxacinIV", notCharted("intent \"option\" is not an order to give: not charted."), "UK Core publishes these as options (one of several routes to choose from), not orders"],
  ["uk-core/MedicationRequest-CiprofloxacinOral", notCharted("intent \"option\" is not an order to give: not charted."), "UK Core publishes these as options (one of several routes to choose from), not orders"],
  ["uk-core/MedicationRequest-Clarithromycin", notCharted("intent \"option\" is not an order to give: not charted."), "UK Core publishes these as options (one of several routes to choose from), not orders"],
  ["uk-core/MedicationRequest-Doxycycline", notCharted("intent \"option\" is not an order to give: not charted."), "UK Core publishes these as options (one of several routes to choose from), not orders"],
  ["uk-core/MedicationRequest-EyeDrops", notCharted("status \"completed\" and no identifier: no order on record to end, and nothing to chart."), "completed, and with no identifier nothing on record to end (fixed: was refused)"],
  ["uk-core/MedicationRequest-ParacetamolIV", notCharted("intent \"option\" is not an order to give: not charted."), "UK Core publishes these as options (one of several routes to choose from), not orders"],
  ["uk-core/MedicationRequest-ParacetamolOral", notCharted("intent \"option\" is not an order to give: not charted."), "UK Core publishes these as options (one of several routes to choose from), not orders"],
  ["eps-secondary-care/community-acute-nominated-pharmacy-clinical-practitioner-1#1", review("Given 5 times a day: the ward's drug rounds have no standard times for that"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["eps-secondary-care/community-acute-nominated-pharmacy-clinical-practitioner-controlled-drugs-1#1", review("Dose given in words only (\"1 tablet, daily\"); no route is stated"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["eps-secondary-care/community-acute-nominated-pharmacy-clinical-practitioner-controlled-drugs-1#2", review("Dose given in words only (\"1 tablet, at NIGHT\"); no route is stated"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["eps-secondary-care/community-acute-nominated-pharmacy-clinical-practitioner-multiple-drugs-1#1", charted("1 tablet oral at 08:00, 14:00, 22:00"), "no authoredOn or boundsPeriod.start (EPS orders carry the date on the message): starts when received; three times a day at the ward's round times (fixed: was refused)"],
  ["eps-secondary-care/community-acute-nominated-pharmacy-clinical-practitioner-multiple-drugs-1#2", review("Dose given in words only (\"4 times a day - Oral route - One or two, four times daily\")"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["eps-secondary-care/community-acute-nominated-pharmacy-clinical-practitioner-multiple-drugs-1#3", review("Dose given in words only (\"twice a day - Oral route - One twice daily\")"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["eps-secondary-care/community-acute-nominated-pharmacy-clinical-practitioner-multiple-drugs-1#4", review("No route is stated; given every 72 hours: the ward's drug rounds have no standard times for that"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["eps-secondary-care/community-acute-nominated-pharmacy-clinical-practitioner-multiple-drugs-2#1", review("Dose given in words only (\"Follow directions\"); no route is stated"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["eps-secondary-care/community-acute-nominated-pharmacy-health-professional-6#1", review("Dose given in words only (\"Follow directions\"); no route is stated"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["eps-secondary-care/community-acute-nominated-pharmacy-nurse-medication-reference-1#1", review("Dose given in words only (\"Follow directions\"); no route is stated"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["eps-secondary-care/community-acute-nominated-pharmacy-nurse-medication-reference-1#2", review("Dose given in words only (\"Follow directions\"); no route is stated"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["eps-secondary-care/community-acute-nominated-pharmacy-nurse-medication-reference-1#3", review("Dose given in words only (\"Follow directions\"); no route is stated"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["eps-secondary-care/community-acute-nominated-pharmacy-nurse-medication-reference-1#4", review("Dose given in words only (\"Follow directions\"); no route is stated"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["eps-secondary-care/community-acute-nominated-pharmacy-nurse-multiple-medications-1#4", review("Dose given in words only (\"Follow directions\"); no route is stated"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["eps-secondary-care/community-acute-nominated-pharmacy-paramedic-1#1", review("Dose given in words only (\"Follow directions\"); no route is stated"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["eps-secondary-care/community-acute-nominated-pharmacy-paramedic-1#2", review("Dose given in words only (\"Follow directions\"); no route is stated"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["eps-secondary-care/community-acute-nominated-pharmacy-paramedic-1#3", review("Dose given in words only (\"Follow directions\"); no route is stated"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["eps-secondary-care/community-acute-nominated-pharmacy-paramedic-1#4", review("Dose given in words only (\"Follow directions\"); no route is stated"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["eps-secondary-care/community-acute-nominated-pharmacy-pharmacist-prescriber-endorsed-1#1", review("Given 5 times a day: the ward's drug rounds have no standard times for that"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["eps-secondary-care/community-acute-nominated-pharmacy-pharmacist-prescriber-endorsed-2#1", review("Given 5 times a day: the ward's drug rounds have no standard times for that"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["eps-secondary-care/community-repeat-dispensing-nominated-pharmacy-clinical-practitioner-single-medication-request-1#1", review("Given 5 times a day: the ward's drug rounds have no standard times for that"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["eps-secondary-care/homecare-acute-nominated-pharmacy-clinical-practitioner-1#1", review("Given 5 times a day: the ward's drug rounds have no standard times for that"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["eps-secondary-care/homecare-acute-nominated-pharmacy-clinical-practitioner-1#2", review("Dose given in words only (\"5 times a day - Oral - for 10 days\"); given 5 times a day: the ward's drug rounds have no standard times for that"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["eps-secondary-care/homecare-acute-nominated-pharmacy-concurrent-dosage-instructions-1#1", review("3 dosage instructions are to be given together (not one after another, by sequence): the bedside checks one dose at a time; no route is stated"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["eps-secondary-care/homecare-acute-nominated-pharmacy-consecutive-and-concurrent-dosage-instructions-1#1", review("3 dosage instructions are to be given together (not one after another, by sequence): the bedside checks one dose at a time; no route is stated"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
  ["eps-secondary-care/homecare-acute-nominated-pharmacy-consecutive-dosage-instructions-1#1", review("No route is stated; given 8 times a day: the ward's drug rounds have no standard times for that"), "held for review, not refused (issue 13): on the chart, the round and the ward manager's list with why; no dose checked"],
];

const orders = publishedOrders();
const seen = new Set<string>();
afterAll(() => {
  // Every example is pinned, and the table names no example that is not in the corpus.
  expect([...seen].sort()).toEqual(EXPECTED.map(([k]) => k).sort());
});

function matches(actual: OrderClass, expected: Expected): void {
  if (expected.class !== 'refused' || actual.class !== 'refused') {
    if (expected.class === 'needs-review' && actual.class === 'needs-review') expect(actual.reason.startsWith(expected.reason)).toBe(true);
    else expect(actual).toEqual(expected);
    return;
  }
  const issues = [...new Set(actual.words.split(' | ').map((w) => w.replace(/ \[Bundle\..*\]$/, '')))];
  expect(issues.length).toBe(expected.issues.length);
  expected.issues.forEach((start, i) => expect(issues[i]?.startsWith(start), `${issues[i]} should begin "${start}"`).toBe(true));
}

describe('published MedicationRequests, each imported as published', () => {
  it('holds at least 30 published orders from the three sources', () => {
    expect(orders.length).toBeGreaterThanOrEqual(30);
    expect(new Set(orders.map((o) => o.source))).toEqual(new Set(['hl7-r4', 'uk-core', 'eps-secondary-care']));
  });

  it.each(EXPECTED.map(([key, expected, why]) => ({ key, expected, why })))('$key: $expected.class ($why)', async ({ key, expected }) => {
    const order = orders.find((o) => o.key === key);
    expect(order, `${key} is in the corpus`).toBeDefined();
    seen.add(key);
    matches(await classifyAlone(order!), expected);
  });
});
