/*
 * The workaround radar's detectors (issue 15): pure functions over a ward's
 * scan and dose rows. Each finds one pattern that means the bedside check is
 * being bypassed, and returns flags with the events behind them. The
 * thresholds are the ward's (RadarSettings); the rows come from
 * radar/events.ts.
 *
 * Times are when the handheld read the barcode (scan_events.captured_at,
 * else recorded_at): a scan that waited offline is judged where it happened
 * in the handheld's order, as the positive-ID checks judge it.
 */
import type { RadarEvidence, RadarFlag, RadarPattern, RadarSettings, ScanSource, VerdictOutcome } from '@wardscan/shared';

export interface Person {
  readonly id: string;
  readonly name: string;
}

export interface PatientRef {
  readonly id: string;
  readonly name: string;
  readonly nhsNumber: string;
  readonly bedId: string | null;
  readonly bedLabel: string | null;
}

/** One bedside scan. */
export interface ScanRow {
  readonly eventId: string;
  /** When the handheld read it. */
  readonly at: Date;
  readonly deviceId: string;
  readonly nurse: Person;
  /** 'patient' (a wristband), 'product' (a pack), 'location' (a bed's GLN), …, or 'unreadable'. */
  readonly kind: string;
  readonly source: ScanSource;
  readonly outcome: VerdictOutcome;
  /** The patient identified on the handheld at this scan: for a band, the one it identified (null if refused). */
  readonly patient: PatientRef | null;
  /** A pack: what it is (`key` its product id, else its GTIN). */
  readonly product: { readonly key: string; readonly name: string } | null;
  /** A pack: the ward's patients with an order it fits. */
  readonly fits: readonly PatientRef[];
  /** A location scan: the bed it names (bedId null: a GLN that is no bed on record). */
  readonly location: { readonly gln: string; readonly bedId: string | null; readonly bedLabel: string | null } | null;
}

/** One dose recorded as given. */
export interface DoseRow {
  readonly eventId: string;
  readonly givenAt: Date;
  /** When it reached the server; null for rows from before that was kept. */
  readonly documentedAt: Date | null;
  readonly nurse: Person;
  readonly patient: PatientRef;
  readonly deviceId: string;
  readonly drug: string;
  readonly overrideReason: string | null;
  /** The pack scan the dose was confirmed on. */
  readonly packScan: { readonly eventId: string; readonly at: Date } | null;
}

export interface RadarInput {
  /** The period's scans, and those up to `preScanMaxMinutes` before it (a tray scanned before the period's first band). */
  readonly scans: readonly ScanRow[];
  /** The period's doses. */
  readonly doses: readonly DoseRow[];
  readonly from: Date;
  readonly to: Date;
  readonly settings: RadarSettings;
}

const MINUTE = 60_000;
/** At most this many evidence rows per flag (the first ones, in time order). */
export const EVIDENCE_LIMIT = 100;

const inPeriod = (at: Date, input: RadarInput): boolean => at >= input.from && at < input.to;
const minutes = (ms: number): number => Math.round(ms / MINUTE);
const percent = (x: number): string => `${Math.round(x * 100)}%`;
const patientRef = (p: PatientRef | null) => (p ? { id: p.id, name: p.name, nhsNumber: p.nhsNumber } : null);
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function scanEvidence(row: ScanRow, detail: string): RadarEvidence {
  const what = row.kind === 'patient' ? 'wristband' : row.kind === 'location' ? 'location' : 'pack';
  return {
    eventId: row.eventId,
    at: row.at.toISOString(),
    what,
    nurse: row.nurse,
    patient: patientRef(row.patient),
    bedLabel: row.kind === 'location' ? (row.location?.bedLabel ?? null) : (row.patient?.bedLabel ?? null),
    deviceId: row.deviceId,
    detail,
  };
}

function doseEvidence(row: DoseRow, what: 'dose' | 'override', detail: string): RadarEvidence {
  return {
    eventId: row.eventId,
    at: row.givenAt.toISOString(),
    what,
    nurse: row.nurse,
    patient: patientRef(row.patient),
    bedLabel: row.patient.bedLabel,
    deviceId: row.deviceId,
    detail,
  };
}

function flag(pattern: RadarPattern, parts: { title: string; why: string; nurse?: Person | null; patient?: PatientRef | null; deviceId?: string | null }, evidence: RadarEvidence[]): RadarFlag {
  const sorted = [...evidence].sort((a, b) => a.at.localeCompare(b.at));
  return {
    pattern,
    title: parts.title,
    why: parts.why,
    nurse: parts.nurse ?? null,
    patient: patientRef(parts.patient ?? null),
    deviceId: parts.deviceId ?? null,
    from: sorted[0]?.at ?? new Date(0).toISOString(),
    to: sorted.at(-1)?.at ?? new Date(0).toISOString(),
    evidence: sorted.slice(0, EVIDENCE_LIMIT),
  };
}

/** Each device's scans in the order the handheld read them. */
function byDevice(scans: readonly ScanRow[]): ScanRow[][] {
  const groups = new Map<string, ScanRow[]>();
  for (const s of scans) {
    const list = groups.get(s.deviceId) ?? [];
    list.push(s);
    groups.set(s.deviceId, list);
  }
  return [...groups.values()].map((list) => list.sort((a, b) => a.at.getTime() - b.at.getTime()));
}

const isBand = (s: ScanRow): boolean => s.kind === 'patient';
const identifiedBand = (s: ScanRow): s is ScanRow & { patient: PatientRef } => s.kind === 'patient' && s.patient !== null;
const isPack = (s: ScanRow): boolean => s.kind === 'product' && s.product !== null;
const bedKey = (p: PatientRef): string => p.bedId ?? `patient:${p.id}`;
const bedName = (p: PatientRef): string => p.bedLabel ?? `${p.name} (no bed)`;

/** The beds a pack scanned under `patient`'s band was for: theirs if it fits their orders, else those of the patients it fits. */
function bedsOfPack(pack: ScanRow, patient: PatientRef): PatientRef[] {
  if (pack.fits.some((p) => p.id === patient.id)) return [patient];
  return [...pack.fits];
}

/**
 * band-several-beds: one patient's band scanned `bandReuseScans` times or
 * more on one handheld within `bandReuseMinutes`, with packs scanned under it
 * that are for `bandReuseBeds` beds or more (a pack is for the band's own
 * patient when it fits their orders, else for the patients whose orders it
 * fits). A band kept on the trolley and scanned for everyone's doses.
 */
export function detectBandSeveralBeds(input: RadarInput): RadarFlag[] {
  const s = input.settings;
  const window = s.bandReuseMinutes * MINUTE;
  const flags: RadarFlag[] = [];
  for (const rows of byDevice(input.scans)) {
    const bands = rows.filter(identifiedBand);
    const patients = new Set(bands.map((b) => b.patient.id));
    for (const patientId of patients) {
      const own = bands.filter((b) => b.patient.id === patientId);
      let i = 0;
      while (i < own.length) {
        const first = own[i]!;
        let j = i;
        while (j + 1 < own.length && own[j + 1]!.at.getTime() - first.at.getTime() <= window) j++;
        const burst = own.slice(i, j + 1);
        i = j + 1;
        if (burst.length < s.bandReuseScans || !inPeriod(first.at, input)) continue;
        const patient = first.patient;
        const end = burst.at(-1)!.at.getTime() + window;
        const packs = rows.filter((r) => isPack(r) && r.patient?.id === patientId && r.at >= first.at && r.at.getTime() <= end);
        const beds = new Map<string, PatientRef>();
        for (const pack of packs) for (const p of bedsOfPack(pack, patient)) beds.set(bedKey(p), p);
        if (beds.size < s.bandReuseBeds) continue;
        const span = minutes(burst.at(-1)!.at.getTime() - first.at.getTime());
        flags.push(
          flag(
            'band-several-beds',
            {
              title: `${patient.name}'s wristband scanned ${burst.length} times in ${span} min on one handheld, with packs for ${plural(beds.size, 'bed')} (${[...beds.values()].map(bedName).join(', ')})`,
              why: `A band scanned ${s.bandReuseScans} or more times within ${s.bandReuseMinutes} min with packs for ${s.bandReuseBeds} or more beds suggests one band is being scanned for several patients' doses, away from the patient.`,
              nurse: first.nurse,
              patient,
              deviceId: first.deviceId,
            },
            [
              ...burst.map((b) => scanEvidence(b, `${patient.name}'s wristband`)),
              ...packs.map((p) => {
                const forBeds = bedsOfPack(p, patient);
                return scanEvidence(p, `${p.product?.name ?? 'pack'}: for ${forBeds.length ? forBeds.map(bedName).join(' or ') : 'no order on the ward'}`);
              }),
            ],
          ),
        );
      }
    }
  }
  return flags;
}

/**
 * band-away-from-bed: while a patient is identified on a handheld, a bed
 * location (GLN) scanned that is not their bed, `awayFromBedScans` times or
 * more per nurse and patient in the period.
 */
export function detectBandAwayFromBed(input: RadarInput): RadarFlag[] {
  const s = input.settings;
  const groups = new Map<string, { nurse: Person; patient: PatientRef; scans: ScanRow[] }>();
  for (const r of input.scans) {
    if (r.kind !== 'location' || !r.location || !r.patient || !inPeriod(r.at, input)) continue;
    if (r.location.bedId !== null && r.location.bedId === r.patient.bedId) continue;
    const key = `${r.nurse.id}|${r.patient.id}`;
    const g = groups.get(key) ?? { nurse: r.nurse, patient: r.patient, scans: [] };
    g.scans.push(r);
    groups.set(key, g);
  }
  const devices = new Map(byDevice(input.scans).map((rows) => [rows[0]!.deviceId, rows]));
  const flags: RadarFlag[] = [];
  for (const g of groups.values()) {
    if (g.scans.length < s.awayFromBedScans) continue;
    const evidence: RadarEvidence[] = [];
    const seen = new Set<string>();
    for (const loc of g.scans) {
      // The band that identified them there, then the location.
      const band = (devices.get(loc.deviceId) ?? []).filter((b) => identifiedBand(b) && b.patient?.id === g.patient.id && b.at <= loc.at).at(-1);
      if (band && !seen.has(band.eventId)) {
        seen.add(band.eventId);
        evidence.push(scanEvidence(band, `${g.patient.name}'s wristband`));
      }
      const where = loc.location?.bedLabel ?? `GLN ${loc.location?.gln ?? '?'} (no bed on record)`;
      evidence.push(scanEvidence(loc, `at ${where}, not ${g.patient.bedLabel ?? 'their bed (they have none)'}`));
    }
    flags.push(
      flag(
        'band-away-from-bed',
        {
          title: `${g.patient.name}'s wristband identified ${plural(g.scans.length, 'time')} at a location that is not ${g.patient.bedLabel ?? 'their bed'}`,
          why: `The band was scanned, then a bed or location that is not the patient's (${s.awayFromBedScans} or more times): the band may be away from the patient (on a trolley, a clipboard, another bed).`,
          nurse: g.nurse,
          patient: g.patient,
        },
        evidence,
      ),
    );
  }
  return flags;
}

/**
 * copied-bands: `copiedBandsPatients` different patients' bands or more
 * scanned on one handheld within `copiedBandsSeconds`: nobody walks between
 * that many bedsides that fast; a sheet of copied bands does.
 */
export function detectCopiedBands(input: RadarInput): RadarFlag[] {
  const s = input.settings;
  const window = s.copiedBandsSeconds * 1000;
  const flags: RadarFlag[] = [];
  for (const rows of byDevice(input.scans)) {
    const bands = rows.filter(identifiedBand);
    let i = 0;
    while (i < bands.length) {
      const first = bands[i]!;
      let j = i;
      while (j + 1 < bands.length && bands[j + 1]!.at.getTime() - first.at.getTime() <= window) j++;
      const burst = bands.slice(i, j + 1);
      const patients = new Map(burst.map((b) => [b.patient.id, b.patient]));
      if (patients.size >= s.copiedBandsPatients && inPeriod(first.at, input)) {
        const seconds = Math.round((burst.at(-1)!.at.getTime() - first.at.getTime()) / 1000);
        flags.push(
          flag(
            'copied-bands',
            {
              title: `${patients.size} patients' wristbands scanned on one handheld in ${seconds} s (${[...patients.values()].map((p) => p.name).join(', ')})`,
              why: `${s.copiedBandsPatients} or more patients' bands within ${s.copiedBandsSeconds} s is faster than walking between their bedsides: the bands may be copies kept together.`,
              nurse: first.nurse,
              deviceId: first.deviceId,
            },
            burst.map((b) => scanEvidence(b, `${b.patient.name}'s wristband${b.patient.bedLabel ? ` (${b.patient.bedLabel})` : ''}`)),
          ),
        );
        i = j + 1;
      } else i++;
    }
  }
  return flags;
}

/**
 * pre-scanned-tray: before a patient's band, on the same handheld with no
 * band between, `preScanPacks` packs or more that fit that patient's orders
 * but not those of whoever (if anyone) was identified when they were scanned,
 * each read `preScanMinutes` to `preScanMaxMinutes` before the band: a tray
 * scanned at the trolley and carried round.
 */
export function detectPreScannedTrays(input: RadarInput): RadarFlag[] {
  const s = input.settings;
  const flags: RadarFlag[] = [];
  for (const rows of byDevice(input.scans)) {
    let pending: ScanRow[] = [];
    for (const r of rows) {
      if (isPack(r)) {
        // A pack that fits the patient identified when it was read was for them, not for a later band.
        if (!r.patient || !r.fits.some((p) => p.id === r.patient?.id)) pending.push(r);
        continue;
      }
      if (!isBand(r)) continue;
      const before = pending;
      pending = [];
      if (!identifiedBand(r) || !inPeriod(r.at, input)) continue;
      const patient = r.patient;
      const early = before.filter((p) => {
        const gap = r.at.getTime() - p.at.getTime();
        return gap >= s.preScanMinutes * MINUTE && gap <= s.preScanMaxMinutes * MINUTE && p.fits.some((f) => f.id === patient.id);
      });
      if (early.length < s.preScanPacks) continue;
      const longest = minutes(r.at.getTime() - early[0]!.at.getTime());
      flags.push(
        flag(
          'pre-scanned-tray',
          {
            title: `${plural(early.length, 'pack')} for ${patient.name} scanned up to ${longest} min before their wristband`,
            why: `Packs scanned ${s.preScanMinutes}–${s.preScanMaxMinutes} min before the band of the patient they are for (${s.preScanPacks} or more) suggest a tray prepared and scanned away from the bedside.`,
            nurse: r.nurse,
            patient,
            deviceId: r.deviceId,
          },
          [
            ...early.map((p) => scanEvidence(p, `${p.product?.name ?? 'pack'}, ${minutes(r.at.getTime() - p.at.getTime())} min before ${patient.name}'s band${p.patient ? ` (scanned while ${p.patient.name} was identified)` : ' (scanned with nobody identified)'}`)),
            scanEvidence(r, `${patient.name}'s wristband`),
          ],
        ),
      );
    }
  }
  return flags;
}

/** keyed-product: one product's barcode typed in (source 'keyboard') `keyedProductCount` times or more in the period. */
export function detectKeyedProducts(input: RadarInput): RadarFlag[] {
  const s = input.settings;
  const groups = new Map<string, ScanRow[]>();
  for (const r of input.scans) {
    if (!isPack(r) || r.source !== 'keyboard' || !inPeriod(r.at, input)) continue;
    const key = r.product!.key;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const flags: RadarFlag[] = [];
  for (const rows of groups.values()) {
    if (rows.length < s.keyedProductCount) continue;
    const nurses = new Map(rows.map((r) => [r.nurse.id, r.nurse]));
    const devices = new Set(rows.map((r) => r.deviceId));
    const name = rows[0]!.product!.name;
    flags.push(
      flag(
        'keyed-product',
        {
          title: `${name} typed in instead of scanned ${plural(rows.length, 'time')}${nurses.size === 1 ? ` by ${[...nurses.values()][0]!.name}` : ` by ${nurses.size} nurses`}`,
          why: `A product keyed in ${s.keyedProductCount} or more times is not being scanned: its barcode may be unreadable (tell pharmacy) or the pack may not be at the bedside.`,
          nurse: nurses.size === 1 ? [...nurses.values()][0]! : null,
          deviceId: devices.size === 1 ? [...devices][0]! : null,
        },
        rows.map((r) => scanEvidence(r, `${name}, typed in${r.patient ? ` for ${r.patient.name}` : ''}`)),
      ),
    );
  }
  return flags;
}

/**
 * late-confirmation: doses confirmed `lateConfirmationMinutes` or more after
 * their pack was scanned, or documented that long after they were given;
 * one flag per nurse with each such dose.
 */
export function detectLateConfirmations(input: RadarInput): RadarFlag[] {
  const s = input.settings;
  const limit = s.lateConfirmationMinutes * MINUTE;
  const groups = new Map<string, { nurse: Person; evidence: RadarEvidence[]; doses: number }>();
  for (const d of input.doses) {
    if (!inPeriod(d.givenAt, input)) continue;
    const afterScan = d.packScan ? d.givenAt.getTime() - d.packScan.at.getTime() : 0;
    const documentedAfter = d.documentedAt ? d.documentedAt.getTime() - d.givenAt.getTime() : 0;
    if (afterScan < limit && documentedAfter < limit) continue;
    const g = groups.get(d.nurse.id) ?? { nurse: d.nurse, evidence: [], doses: 0 };
    g.doses++;
    const said = [
      ...(afterScan >= limit ? [`confirmed ${minutes(afterScan)} min after its pack was scanned`] : []),
      ...(documentedAfter >= limit ? [`documented ${minutes(documentedAfter)} min after it was given`] : []),
    ].join('; ');
    g.evidence.push(doseEvidence(d, 'dose', `${d.drug} for ${d.patient.name}: ${said}`));
    const scan = d.packScan ? input.scans.find((r) => r.eventId === d.packScan?.eventId) : undefined;
    if (scan) g.evidence.push(scanEvidence(scan, `${scan.product?.name ?? 'pack'}: the scan the dose was confirmed on`));
    groups.set(d.nurse.id, g);
  }
  return [...groups.values()].map((g) =>
    flag(
      'late-confirmation',
      {
        title: `${g.nurse.name}: ${plural(g.doses, 'dose')} confirmed or documented ${s.lateConfirmationMinutes} min or more after the scan`,
        why: `A confirmation long after the pack scan (or a record long after the dose) means the check and the giving were apart: the dose may have been given unchecked, or documented from memory.`,
        nurse: g.nurse,
      },
      g.evidence,
    ),
  );
}

/**
 * override-outlier: a nurse with `overrideMinDoses` doses or more whose
 * override rate is at least `overrideRateFactor` times the rest of the
 * ward's, and `overrideRateMinGapPercent` points above it.
 */
export function detectOverrideOutliers(input: RadarInput): RadarFlag[] {
  const s = input.settings;
  const doses = input.doses.filter((d) => inPeriod(d.givenAt, input));
  const total = doses.length;
  const overrides = doses.filter((d) => d.overrideReason !== null).length;
  const nurses = new Map<string, { nurse: Person; doses: DoseRow[] }>();
  for (const d of doses) {
    const g = nurses.get(d.nurse.id) ?? { nurse: d.nurse, doses: [] };
    g.doses.push(d);
    nurses.set(d.nurse.id, g);
  }
  const flags: RadarFlag[] = [];
  for (const g of nurses.values()) {
    const mine = g.doses.filter((d) => d.overrideReason !== null);
    const restDoses = total - g.doses.length;
    if (g.doses.length < s.overrideMinDoses || restDoses === 0 || mine.length === 0) continue;
    const rate = mine.length / g.doses.length;
    const restOverrides = overrides - mine.length;
    const restRate = restOverrides / restDoses;
    if (rate < s.overrideRateFactor * restRate || (rate - restRate) * 100 < s.overrideRateMinGapPercent) continue;
    flags.push(
      flag(
        'override-outlier',
        {
          title: `${g.nurse.name} overrode warnings on ${mine.length} of ${g.doses.length} doses (${percent(rate)}); the rest of the ward ${restOverrides} of ${restDoses} (${percent(restRate)})`,
          why: `An override rate ${s.overrideRateFactor} times the ward's or more, and ${s.overrideRateMinGapPercent} points above it, over ${s.overrideMinDoses} or more doses, suggests warnings are being passed by habit (or that this nurse's patients need a look).`,
          nurse: g.nurse,
        },
        mine.map((d) => doseEvidence(d, 'override', `${d.drug} for ${d.patient.name}: reason ${d.overrideReason}`)),
      ),
    );
  }
  return flags;
}

const DETECTORS: readonly ((input: RadarInput) => RadarFlag[])[] = [
  detectBandSeveralBeds,
  detectBandAwayFromBed,
  detectCopiedBands,
  detectPreScannedTrays,
  detectKeyedProducts,
  detectLateConfirmations,
  detectOverrideOutliers,
];

/** Every pattern's flags, in the patterns' order, each pattern's oldest first. */
export function detectWorkarounds(input: RadarInput): RadarFlag[] {
  return DETECTORS.flatMap((detect) => detect(input).sort((a, b) => a.from.localeCompare(b.from)));
}
