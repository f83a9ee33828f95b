import type { Encounter, Location, Reference } from '@medplum/fhirtypes';
import type { ImportCommand, PlaceRef } from '../commands.js';
import { all, fail, gs1KeyFrom, identifiersOf, ok, parseReference, type EntryContext, type Mapped } from '../references.js';
import { GLN_SYSTEM, LOCATION_TYPE_SYSTEM, WARD_ID_SYSTEM, wardIdForGln } from '../systems.js';
import { patientRefFrom } from './patient.js';

type LocationKind = 'ward' | 'bed';

function kindOf(l: Location): LocationKind | undefined {
  const code = l.physicalType?.coding?.find((c) => c.system === LOCATION_TYPE_SYSTEM)?.code;
  return code === 'wa' ? 'ward' : code === 'bd' ? 'bed' : undefined;
}

/** A ward's id: Wardscan's own ward id if given, else one derived from its GLN. */
function wardIdOf(l: Location, at: string): Mapped<string> {
  const own = identifiersOf(l, WARD_ID_SYSTEM)[0];
  if (own) return /^[A-Za-z0-9-]{1,64}$/.test(own.value) ? ok(own.value) : fail('A ward id is letters, digits and hyphens.', `${at}.identifier[${own.index}].value`, 'invalid');
  const gln = identifiersOf(l, GLN_SYSTEM)[0];
  if (!gln) return fail(`A ward needs a GLN (${GLN_SYSTEM}) or a Wardscan ward id (${WARD_ID_SYSTEM}).`, `${at}.identifier`, 'required');
  const key = gs1KeyFrom(gln.value, 'GLN', `${at}.identifier[${gln.index}].value`);
  return key.ok ? ok(wardIdForGln(key.value)) : key;
}

/** The ward a reference names (a bed's partOf). */
function wardRefFrom(ref: Reference | undefined, ctx: EntryContext, where: string): Mapped<string> {
  const parsed = parseReference(ref, ctx, `${where}.reference`, 'Location');
  if (!parsed.ok) return parsed;
  const r = parsed.value;
  if (r.kind === 'entry') {
    const target = r.resource as Location;
    if (kindOf(target) !== 'ward') return fail('A bed must be partOf a ward (physicalType wa).', `${where}.reference`, 'invalid');
    return wardIdOf(target, `Bundle.entry[${r.index}].resource`);
  }
  if (r.kind === 'literal') return ok(r.id);
  if (r.kind === 'conditional' && r.system === WARD_ID_SYSTEM) return ok(r.value);
  if (r.kind === 'conditional' && r.system === GLN_SYSTEM) {
    const key = gs1KeyFrom(r.value, 'GLN', `${where}.reference`);
    return key.ok ? ok(wardIdForGln(key.value)) : key;
  }
  return fail(`Name the ward by fullUrl, Location/<ward id>, or its ${GLN_SYSTEM} or ${WARD_ID_SYSTEM} identifier.`, `${where}.reference`, 'not-supported');
}

export function locationFromFhir(l: Location, ctx: EntryContext): Mapped<ImportCommand> {
  const at = ctx.at;
  const kind = kindOf(l);
  const name = l.name?.trim();
  if (!kind) return fail(`Wardscan imports wards and beds only: physicalType ${LOCATION_TYPE_SYSTEM} wa or bd.`, `${at}.physicalType`, 'not-supported');
  if (!name) return fail(`A ${kind} needs a name (it is shown on the ward screens).`, `${at}.name`, 'required');
  if (kind === 'ward') {
    const wardId = wardIdOf(l, at);
    return wardId.ok ? ok({ kind: 'ward', entry: ctx.index, wardId: wardId.value, name }) : wardId;
  }
  const glnId = identifiersOf(l, GLN_SYSTEM)[0];
  const steps = all(
    glnId ? gs1KeyFrom(glnId.value, 'GLN', `${at}.identifier[${glnId.index}].value`) : fail(`A bed needs its GLN (${GLN_SYSTEM}): the bed label barcode carries it.`, `${at}.identifier`, 'required'),
    wardRefFrom(l.partOf, ctx, `${at}.partOf`),
  );
  return steps.ok ? ok({ kind: 'bed', entry: ctx.index, gln: steps.value[0], label: name, wardId: steps.value[1] }) : steps;
}

function placeRefFrom(ref: Reference | undefined, ctx: EntryContext, where: string): Mapped<PlaceRef> {
  const parsed = parseReference(ref, ctx, `${where}.reference`, 'Location');
  if (!parsed.ok) return parsed;
  const r = parsed.value;
  if (r.kind === 'entry') {
    const target = r.resource as Location;
    const targetAt = `Bundle.entry[${r.index}].resource`;
    if (kindOf(target) === 'ward') {
      const wardId = wardIdOf(target, targetAt);
      return wardId.ok ? ok({ by: 'ward', wardId: wardId.value }) : wardId;
    }
    const gln = identifiersOf(target, GLN_SYSTEM)[0];
    return gln ? ok({ by: 'bed-gln', gln: gln.value }) : fail('The bed has no GLN.', `${where}.reference`, 'invalid');
  }
  if (r.kind === 'literal') return ok({ by: 'id', id: r.id });
  if (r.kind === 'conditional' && r.system === WARD_ID_SYSTEM) return ok({ by: 'ward', wardId: r.value });
  if (r.kind === 'conditional' && r.system === GLN_SYSTEM) {
    const key = gs1KeyFrom(r.value, 'GLN', `${where}.reference`);
    return key.ok ? ok({ by: 'gln', gln: key.value }) : key;
  }
  return fail('Name the location by fullUrl, Location/<id>, or its GLN.', `${where}.reference`, 'not-supported');
}

/**
 * An in-progress Encounter places its patient on a ward or in a bed. Wardscan
 * keeps only the current place, not the encounter itself.
 */
export function encounterFromFhir(e: Encounter, ctx: EntryContext): Mapped<ImportCommand> {
  const at = ctx.at;
  if (e.status === 'finished') {
    const patient = patientRefFrom(e.subject, ctx, `${at}.subject`);
    return patient.ok ? ok({ kind: 'discharge', entry: ctx.index, patient: patient.value, at: e.period?.end ?? null }) : patient;
  }
  if (e.status !== 'in-progress' && e.status !== 'arrived') {
    return fail(`Wardscan records where a patient is now: in-progress or arrived encounters admit or transfer, finished ones discharge (this one is ${e.status}).`, `${at}.status`, 'not-supported');
  }
  const current = (e.location ?? []).map((l, i) => ({ l, i })).filter(({ l }) => !l.status || l.status === 'active');
  // A bed is more exact than its ward: take it when both are listed.
  const chosen = current.find(({ l }) => l.physicalType?.coding?.some((c) => c.code === 'bd')) ?? current[current.length - 1];
  const steps = all(
    patientRefFrom(e.subject, ctx, `${at}.subject`),
    chosen ? placeRefFrom(chosen.l.location, ctx, `${at}.location[${chosen.i}].location`) : fail('The encounter needs an active location (ward or bed).', `${at}.location`, 'required'),
  );
  return steps.ok ? ok({ kind: 'placement', entry: ctx.index, patient: steps.value[0], place: steps.value[1] }) : steps;
}
