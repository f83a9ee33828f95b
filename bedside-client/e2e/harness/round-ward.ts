import { isValidNhsNumber, nhsCheckDigit, patientGsrn, withGs1CheckDigit } from '@wardscan/shared';
import { apiSignIn } from './api.js';

/*
 * A ward of any size for the round figures (issue 12), made the way a trust
 * would: the ward, its beds and its nurses through the admin API, the
 * patients admitted to the beds, and one regular paracetamol order each,
 * due now, through the FHIR import (POST /fhir/r4, a transaction Bundle).
 */
export interface RoundWard {
  wardId: string;
  wardName: string;
  /** Usernames of the ward's nurses; their password is the demo one. */
  nurses: string[];
  patients: { nhsNumber: string; bedLabel: string; familyName: string; givenName: string; wristbandRaw: string }[];
  /** The dose time every order has, on the ward's clock ("HH:MM"): now when the ward was made. */
  doseTime: string;
}

const NHS_PREFIX = '5099999'; // the demo trust's NHS GS1 company prefix (fixtures/demo-ward/ward.json)
const BED_GLN_PREFIX = '509999809'; // the demo trust's prefix; 09 is no demo ward
const FAMILY_NAMES = ['Abbott', 'Barker', 'Carver', 'Dunmore', 'Ellery', 'Fairlie', 'Garside', 'Hollins', 'Ingram', 'Jolley'];
const GIVEN_NAMES = ['Alma', 'Basil', 'Cora', 'Dennis', 'Elsie', 'Frederick', 'Gladys', 'Herbert', 'Ivy', 'Jack'];

async function call(origin: string, token: string, method: string, path: string, body: unknown, contentType = 'application/json'): Promise<unknown> {
  const response = await fetch(`${origin}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': contentType, Accept: contentType },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} failed: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** NHS Numbers from the never-issued 999 range, valid mod 11, none of them the demo ward's (999 00…, 999 01…). */
function nhsNumbers(count: number): string[] {
  const numbers: string[] = [];
  for (let n = 0; numbers.length < count; n++) {
    const firstNine = `99950${String(n).padStart(4, '0')}`;
    const check = nhsCheckDigit(firstNine);
    if (check === null) continue;
    const number = `${firstNine}${check}`;
    if (isValidNhsNumber(number)) numbers.push(number);
  }
  return numbers;
}

/** The ward's clock now, "HH:MM". */
function wardClock(timeZone: string, at = new Date()): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

function paracetamolOrder(nhsNumber: string, index: number, doseTime: string, authoredOn: string) {
  const id = `EP-ROUND-${index + 1}`;
  return {
    fullUrl: `urn:uuid:7d3f0a52-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
    resource: {
      resourceType: 'MedicationRequest',
      identifier: [{ system: 'https://fhir.wardscan.example/Id/eprescribing', value: id }],
      status: 'active',
      intent: 'order',
      medicationCodeableConcept: { coding: [{ system: 'https://dmd.nhs.uk', code: '777067000', display: 'Paracetamol' }], text: 'Paracetamol' },
      subject: { reference: `Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|${nhsNumber}` },
      authoredOn,
      dosageInstruction: [
        {
          text: `1 g orally once a day at ${doseTime}`,
          timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd', timeOfDay: [`${doseTime}:00`] } },
          route: { coding: [{ system: 'http://snomed.info/sct', code: '26643006', display: 'Oral' }] },
          doseAndRate: [{ doseQuantity: { value: 1, unit: 'g', system: 'http://unitsofmeasure.org', code: 'g' } }],
        },
      ],
    },
    request: { method: 'PUT', url: `MedicationRequest?identifier=https://fhir.wardscan.example/Id/eprescribing|${id}` },
  };
}

/** Makes a ward of `beds` beds, every bed with a patient whose paracetamol is due now, and two nurses on it. */
export async function makeRoundWard(origin: string, beds: number): Promise<RoundWard> {
  const admin = await apiSignIn(origin, 'demo-admin');
  const wardId = `ward-round-${beds}`;
  const wardName = `Ward R${beds} Round`;
  const timeZone = 'Europe/London';
  const bedList = Array.from({ length: beds }, (_, i) => ({ id: `${wardId}-bed-${i + 1}`, label: `Bed ${i + 1}`, gln: withGs1CheckDigit(`${BED_GLN_PREFIX}${String(i + 1).padStart(3, '0')}`) }));
  await call(origin, admin, 'POST', '/api/wards', { id: wardId, name: wardName, timeZone, beds: bedList });

  const nurses = ['round-nurse-a', 'round-nurse-b'];
  for (const [i, username] of nurses.entries()) {
    await call(origin, admin, 'POST', '/api/staff', { username, name: `Round Nurse ${'AB'[i]}`, role: 'nurse', wardId, badgeGsrn: null, password: 'demo-password', pin: null });
  }

  const patients = nhsNumbers(beds).map((nhsNumber, i) => ({
    nhsNumber,
    bedId: bedList[i]!.id,
    bedLabel: bedList[i]!.label,
    familyName: `${FAMILY_NAMES[i % FAMILY_NAMES.length]}${i >= FAMILY_NAMES.length ? `-${Math.floor(i / FAMILY_NAMES.length) + 1}` : ''}`,
    givenName: GIVEN_NAMES[(i * 3) % GIVEN_NAMES.length]!,
    wristbandRaw: `8018${patientGsrn(NHS_PREFIX, nhsNumber)}`,
  }));
  for (const p of patients) {
    await call(origin, admin, 'POST', '/api/patients', {
      nhsNumber: p.nhsNumber,
      wristbandGsrn: null,
      mrn: null,
      familyName: p.familyName,
      givenName: p.givenName,
      birthDate: '1950-01-01',
      wardId,
      bedId: p.bedId,
      allergies: [],
      allergyStatus: 'nkda',
    });
  }

  const doseTime = wardClock(timeZone);
  const authoredOn = new Date(Date.now() - 24 * 3600_000).toISOString();
  await call(
    origin,
    admin,
    'POST',
    '/fhir/r4',
    { resourceType: 'Bundle', type: 'transaction', entry: patients.map((p, i) => paracetamolOrder(p.nhsNumber, i, doseTime, authoredOn)) },
    'application/fhir+json',
  );
  return { wardId, wardName, nurses, patients: patients.map(({ bedId: _bedId, ...p }) => p), doseTime };
}
