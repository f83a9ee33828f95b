/*
 * The identifier and code systems Wardscan reads and writes over FHIR. One name
 * for one thing: these URIs appear in imports, reads and the CapabilityStatement.
 */

/** NHS England: the NHS Number (validated mod 11 before anything is matched on it). */
export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
/**
 * The trust's hospital number (MRN). Each trust has its own; this is Wardscan's
 * documented default until it becomes a per-trust setting.
 */
export const TRUST_MRN_SYSTEM = 'https://fhir.wardscan.example/Id/mrn';
/**
 * The trust's hospital number system: each trust has its own
 * (WARDSCAN_MRN_SYSTEM, e.g. https://fhir.example-trust.nhs.uk/Id/mrn), read
 * when used so that it is one setting for imports, searches and reads alike.
 */
export const mrnSystem = (): string => process.env.WARDSCAN_MRN_SYSTEM?.trim() || TRUST_MRN_SYSTEM;
/** Wardscan's own ward ids (e.g. `ward-7b`), for wards that have no GLN on record. */
export const WARD_ID_SYSTEM = 'https://fhir.wardscan.example/Id/ward';
export const GLN_SYSTEM = 'https://www.gs1.org/gln';
export const GSRN_SYSTEM = 'https://www.gs1.org/gsrn';
export const GTIN_SYSTEM = 'https://www.gs1.org/gtin';
export const DMD_SYSTEM = 'https://dmd.nhs.uk';
export const SNOMED_SYSTEM = 'http://snomed.info/sct';
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';
export const LOCATION_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/location-physical-type';
export const MED_ADMIN_FUNCTION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/med-admin-perform-function';

/** Wardscan extensions: facts the R4 base resources have no element for. */
export const EXT_DRUG_CLASS = 'https://fhir.wardscan.example/StructureDefinition/drug-class';
export const EXT_MEDICATION_ROUTE = 'https://fhir.wardscan.example/StructureDefinition/medication-route';
export const EXT_OVERRIDE_REASON = 'https://fhir.wardscan.example/StructureDefinition/override-reason';
export const OVERRIDE_REASON_SYSTEM = 'https://fhir.wardscan.example/CodeSystem/override-reason';
export const AUDIT_TYPE_SYSTEM = 'https://fhir.wardscan.example/CodeSystem/audit-event-type';
export const RULE_SYSTEM = 'https://fhir.wardscan.example/CodeSystem/rule';
/** Wardscan's not-given reasons (shared NOT_GIVEN_REASONS), beside the SNOMED CT code where one exists. */
export const NOT_GIVEN_REASON_SYSTEM = 'https://fhir.wardscan.example/CodeSystem/not-given-reason';
/** When a dose's record reached the server, for one documented late (the capture time is effectiveDateTime). */
export const EXT_DOCUMENTED_AT = 'https://fhir.wardscan.example/StructureDefinition/documented-at';
/** Wardscan's own staff and prescription ids, for references a receiver resolves by identifier. */
export const STAFF_ID_SYSTEM = 'https://fhir.wardscan.example/Id/staff';
export const PRESCRIPTION_ID_SYSTEM = 'https://fhir.wardscan.example/Id/prescription';
/** A record's event id (a UUID) as an identifier: stable, so a receiver deduplicates a resent resource. */
export const URI_SYSTEM = 'urn:ietf:rfc:3986';

/** Ward ids for wards known only by GLN: deterministic, so a re-import finds the same ward. */
export const wardIdForGln = (gln: string): string => `ward-gln-${gln}`;
