import {
  roundTimesInputSchema,
  wardRoundTimesSchema,
  notGivenRequestSchema,
  manualIdRequestSchema,
  manualIdResponseSchema,
  witnessRequestSchema,
  witnessResponseSchema,
  notGivenResponseSchema,
  patientChartSchema,
  prnEffectRequestSchema,
  prnEffectResponseSchema,
  wardRoundSchema,
  ordersNeedingReviewSchema,
  dmdSearchQuerySchema,
  dmdSearchResponseSchema,
  administrationRequestSchema,
  administrationResponseSchema,
  auditPageSchema,
  auditQuerySchema,
  clientConfigSchema,
  createSessionRequestSchema,
  firstAdminRequestSchema,
  metricsQuerySchema,
  patientInputSchema,
  patientListQuerySchema,
  patientRecordSchema,
  patientSummarySchema,
  productInputSchema,
  productSchema,
  productSearchQuerySchema,
  recallInputSchema,
  recallSchema,
  scanRequestSchema,
  scanResponseSchema,
  sessionResponseSchema,
  sessionUserSchema,
  staffInputSchema,
  staffActiveRequestSchema,
  passwordResetRequestSchema,
  pinResetRequestSchema,
  sessionsRevokedSchema,
  passwordChangeRequestSchema,
  pinChangeRequestSchema,
  staffMemberSchema,
  wardInputSchema,
  wardListSchema,
  wardMetricsSchema,
  wardSchema,
  wardScanSettingsInputSchema,
  wardScanSettingsSchema,
  bandListKeySchema,
  signedBandListSchema,
  equipmentAssignmentSchema,
  equipmentAssignmentsQuerySchema,
  equipmentAssignRequestSchema,
  equipmentAssignResponseSchema,
  equipmentReleaseRequestSchema,
  equipmentReleaseResponseSchema,
  eventIdSchema,
  patientTransfusionsSchema,
  secondCheckerRequestSchema,
  transfusionCheckRequestSchema,
  transfusionCheckResponseSchema,
  transfusionEndRequestSchema,
  transfusionPolicySchema,
  transfusionOrderRequestSchema,
  transfusionOrderViewSchema,
  issueUnitRequestSchema,
  issuedUnitViewSchema,
  patientBloodGroupRequestSchema,
  bloodGroupSchema,
  transfusionStartRequestSchema,
  transfusionStepResponseSchema,
  complianceQuerySchema,
  wardComplianceSchema,
  trustComplianceQuerySchema,
  trustComplianceSchema,
  measureReportQuerySchema,
  radarQuerySchema, radarSettingsInputSchema, wardRadarSchema, wardRadarSettingsSchema,
  prnReviewRulesInputSchema, prnReviewRulesSchema,
  type Role,
} from '@wardscan/shared';
import { z } from 'zod';
import { smartClientInputSchema, smartClientSchema, tokenResponseSchema } from '../smart/schemas.js';

/** What a successful call returns: a JSON body, no body, or a file. */
export type OperationResponse =
  | { kind: 'json'; status: 200 | 201; schema: z.ZodType }
  | { kind: 'empty' }
  | { kind: 'file'; mediaType: string };

/**
 * One documented `/api` route. The schemas are the very objects the routes
 * validate with, so the document cannot drift from what the server accepts.
 */
export interface Operation {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Express form, relative to /api: `/patients/:id`. */
  path: string;
  summary: string;
  tag: string;
  /** null: no sign-in needed. Otherwise the roles allowed (further scoped to their ward where it applies). */
  roles: readonly Role[] | 'any-signed-in' | null;
  params?: Record<string, z.ZodType>;
  query?: z.ZodType;
  body?: z.ZodType;
  response: OperationResponse;
}

const json = (schema: z.ZodType, status: 200 | 201 = 200): OperationResponse => ({ kind: 'json', status, schema });
const EMPTY: OperationResponse = { kind: 'empty' };
const id = z.string().min(1).max(64);
const ALL_STAFF = 'any-signed-in' as const;
const PHARMACY: readonly Role[] = ['pharmacist', 'admin'];
const BEDSIDE_BLOOD: readonly Role[] = ['nurse', 'ward-manager'];

/** Every `/api` route the server serves. A test fails if a route is missing here. */
export const OPERATIONS: readonly Operation[] = [
  { method: 'get', path: '/health', summary: 'Liveness check', tag: 'system', roles: null, response: json(z.object({ ok: z.literal(true) })) },
  { method: 'get', path: '/config', summary: "The ward's scanning settings for handhelds", tag: 'system', roles: null, response: json(clientConfigSchema) },
  { method: 'get', path: '/openapi.json', summary: 'This document', tag: 'system', roles: null, response: { kind: 'file', mediaType: 'application/json' } },
  { method: 'get', path: '/docs', summary: 'Readable API reference', tag: 'system', roles: null, response: { kind: 'file', mediaType: 'text/html' } },
  { method: 'post', path: '/sessions', summary: 'Sign in by badge + PIN or username + password', tag: 'sessions', roles: null, body: createSessionRequestSchema, response: json(sessionResponseSchema) },
  { method: 'post', path: '/setup/first-admin', summary: 'Create the first admin account with the single-use set-up token the server prints at start while no admin exists (refused once any admin exists)', tag: 'system', roles: null, body: firstAdminRequestSchema, response: json(staffMemberSchema, 201) },
  { method: 'delete', path: '/sessions/current', summary: 'Sign out', tag: 'sessions', roles: ALL_STAFF, response: EMPTY },
  { method: 'get', path: '/me', summary: 'The signed-in user', tag: 'sessions', roles: ALL_STAFF, response: json(sessionUserSchema) },
  { method: 'post', path: '/scans', summary: 'Check one barcode read at the bedside', tag: 'bedside', roles: ['nurse'], body: scanRequestSchema, response: json(scanResponseSchema) },
  { method: 'post', path: '/administrations', summary: 'Record a dose given after its check', tag: 'bedside', roles: ['nurse'], body: administrationRequestSchema, response: json(administrationResponseSchema) },
  { method: 'delete', path: '/devices/:deviceId/context', summary: 'End your positive patient ID on this device', tag: 'bedside', roles: ['nurse'], params: { deviceId: id }, response: EMPTY },
  { method: 'get', path: '/patients/:id', summary: 'A patient as the bedside banner shows them', tag: 'patients', roles: ['nurse', 'ward-manager', 'admin'], params: { id }, response: json(patientSummarySchema) },
  { method: 'get', path: '/patients/:id/wristband.pdf', summary: 'Reprint a worn wristband (DCB1077 GS1 DataMatrix, audited)', tag: 'patients', roles: ['nurse', 'admin'], params: { id }, response: { kind: 'file', mediaType: 'application/pdf' } },
  { method: 'get', path: '/labels/demo-ward.pdf', summary: "The demo ward's barcodes as printable labels", tag: 'pharmacy', roles: PHARMACY, response: { kind: 'file', mediaType: 'application/pdf' } },
  { method: 'get', path: '/patients', summary: 'Patients, by ward', tag: 'admin', roles: ['admin'], query: patientListQuerySchema, response: json(z.array(patientRecordSchema)) },
  { method: 'post', path: '/patients', summary: 'Admit a patient', tag: 'admin', roles: ['admin'], body: patientInputSchema, response: json(patientRecordSchema, 201) },
  { method: 'get', path: '/wards', summary: 'Wards and their beds', tag: 'wards', roles: ALL_STAFF, response: json(wardListSchema) },
  { method: 'post', path: '/wards', summary: 'Add a ward', tag: 'admin', roles: ['admin'], body: wardInputSchema, response: json(wardSchema, 201) },
  { method: 'get', path: '/staff', summary: 'Staff', tag: 'admin', roles: ['admin'], response: json(z.array(staffMemberSchema)) },
  { method: 'post', path: '/staff', summary: 'Add a staff member', tag: 'admin', roles: ['admin'], body: staffInputSchema, response: json(staffMemberSchema, 201) },
  { method: 'put', path: '/staff/:id/active', summary: 'Deactivate (ending their sessions) or reactivate a staff member', tag: 'admin', roles: ['admin'], params: { id }, body: staffActiveRequestSchema, response: json(staffMemberSchema) },
  { method: 'put', path: '/staff/:id/password', summary: "Set a staff member's password (lifts a sign-in lock)", tag: 'admin', roles: ['admin'], params: { id }, body: passwordResetRequestSchema, response: json(staffMemberSchema) },
  { method: 'put', path: '/staff/:id/pin', summary: "Set a staff member's PIN, at least 6 digits (lifts a sign-in lock)", tag: 'admin', roles: ['admin'], params: { id }, body: pinResetRequestSchema, response: json(staffMemberSchema) },
  { method: 'delete', path: '/staff/:id/sessions', summary: "End every session of a staff member and close their sockets", tag: 'admin', roles: ['admin'], params: { id }, response: json(sessionsRevokedSchema) },
  { method: 'put', path: '/me/password', summary: 'Change your own password (with the current one)', tag: 'sessions', roles: ALL_STAFF, body: passwordChangeRequestSchema, response: EMPTY },
  { method: 'put', path: '/me/pin', summary: 'Change your own PIN, at least 6 digits (with your current password)', tag: 'sessions', roles: ALL_STAFF, body: pinChangeRequestSchema, response: EMPTY },
  { method: 'get', path: '/dmd/products', summary: 'Search dm+d by name, or find the pack a GTIN is (AMPP → AMP → VMP → VTM)', tag: 'pharmacy', roles: PHARMACY, query: dmdSearchQuerySchema, response: json(dmdSearchResponseSchema) },
  { method: 'get', path: '/products', summary: 'Search the product catalogue', tag: 'pharmacy', roles: ALL_STAFF, query: productSearchQuerySchema, response: json(z.array(productSchema)) },
  { method: 'post', path: '/products', summary: 'Add a product and link its GTINs', tag: 'pharmacy', roles: PHARMACY, body: productInputSchema, response: json(productSchema, 201) },
  { method: 'put', path: '/products/:id', summary: 'Change a product', tag: 'pharmacy', roles: PHARMACY, params: { id }, body: productInputSchema, response: json(productSchema) },
  { method: 'get', path: '/recalls', summary: 'Recalled batches', tag: 'pharmacy', roles: ALL_STAFF, response: json(z.array(recallSchema)) },
  { method: 'post', path: '/recalls', summary: 'Record a batch recall', tag: 'pharmacy', roles: PHARMACY, body: recallInputSchema, response: json(recallSchema, 201) },
  { method: 'post', path: '/recalls/:id/lift', summary: 'Lift a recall', tag: 'pharmacy', roles: PHARMACY, params: { id }, response: json(recallSchema) },
  { method: 'get', path: '/prn-review-rules', summary: "Pharmacy's PRN effect review rules: per drug class (dm+d VTM/VMP codes, routes or any), the minutes after an as-needed dose when its effect is reviewed; orders no rule covers keep the default (30 min after an injection, 60 otherwise)", tag: 'pharmacy', roles: ALL_STAFF, response: json(prnReviewRulesSchema) },
  { method: 'put', path: '/prn-review-rules', summary: 'Replace the PRN effect review rules (pharmacist or admin; audited). Every code must be a VTM or VMP in this server\'s dm+d release (400 naming it). The most specific rule wins: VMP over VTM, then a named route over any; ties the shortest time', tag: 'pharmacy', roles: PHARMACY, body: prnReviewRulesInputSchema, response: json(prnReviewRulesSchema) },
  { method: 'get', path: '/audit', summary: 'Audit log: filter, page, or export CSV (format=csv)', tag: 'audit', roles: ['ward-manager', 'admin'], query: auditQuerySchema, response: json(auditPageSchema) },
  { method: 'get', path: '/metrics/ward/:id', summary: 'Scan compliance, override rate and stops by rule, per day', tag: 'audit', roles: ['ward-manager', 'admin'], params: { id }, query: metricsQuerySchema, response: json(wardMetricsSchema) },
  { method: 'get', path: '/wards/:id/radar', summary: 'Workaround radar: patterns in the ward’s scans and doses that mean the bedside check is being bypassed, each flag with its events (from/to; default the last 7 days, at most 92)', tag: 'audit', roles: ['ward-manager', 'admin'], params: { id }, query: radarQuerySchema, response: json(wardRadarSchema) },
  { method: 'get', path: '/wards/:id/radar-settings', summary: "The ward's workaround radar thresholds (its own, the defaults, and those in force)", tag: 'audit', roles: ['ward-manager', 'admin'], params: { id }, response: json(wardRadarSettingsSchema) },
  { method: 'put', path: '/wards/:id/radar-settings', summary: "Set the ward's workaround radar thresholds (any left out take the default; audited)", tag: 'audit', roles: ['ward-manager', 'admin'], params: { id }, body: radarSettingsInputSchema, response: json(wardRadarSettingsSchema) },
  { method: 'get', path: '/metrics/ward/:id/compliance', summary: "Scan compliance from the chart: every dose due (given, how the patient and pack were identified, not given by reason, missed, documented late), Leapfrog patient and medication scan compliance, missed-dose, override and manual-identification rates, stops per 100 doses, minutes from due to given; in all, per ward day and per shift, with partial days said so (the ward's manager, or an admin)", tag: 'audit', roles: ['ward-manager', 'admin'], params: { id }, query: complianceQuerySchema, response: json(wardComplianceSchema) },
  { method: 'get', path: '/metrics/trust/compliance', summary: 'Every ward’s compliance figures side by side, ranked, with a daily trend over the last 14, 28 or 90 days (ward level only); format=csv for a formula-safe CSV', tag: 'audit', roles: ['admin'], query: trustComplianceQuerySchema, response: json(trustComplianceSchema) },
  { method: 'get', path: '/metrics/trust/measure-report', summary: 'The same figures as FHIR R4: a collection Bundle of the Measure (a group per figure) and one summary MeasureReport per ward for the period', tag: 'audit', roles: ['admin'], query: measureReportQuerySchema, response: { kind: 'file', mediaType: 'application/fhir+json' } },
  { method: 'post', path: '/transfusions/check', summary: 'Check one blood bag (its scanned labels) against the wristband-identified patient', tag: 'transfusion', roles: BEDSIDE_BLOOD, body: transfusionCheckRequestSchema, response: json(transfusionCheckResponseSchema, 201) },
  { method: 'post', path: '/transfusions/checks/:eventId/second-checker', summary: "Add the second checker's badge to a transfusion check", tag: 'transfusion', roles: BEDSIDE_BLOOD, params: { eventId: eventIdSchema }, body: secondCheckerRequestSchema, response: json(transfusionCheckResponseSchema) },
  { method: 'post', path: '/transfusions/start', summary: 'Start the transfusion of a checked unit', tag: 'transfusion', roles: BEDSIDE_BLOOD, body: transfusionStartRequestSchema, response: json(transfusionStepResponseSchema, 201) },
  { method: 'post', path: '/transfusions/:id/end', summary: 'End a transfusion (completed, or stopped)', tag: 'transfusion', roles: BEDSIDE_BLOOD, params: { id }, body: transfusionEndRequestSchema, response: json(transfusionStepResponseSchema) },
  { method: 'get', path: '/patients/:id/transfusions', summary: "A patient's blood group, transfusion orders, issued units and running transfusions", tag: 'transfusion', roles: ['nurse', 'ward-manager', 'admin'], params: { id }, response: json(patientTransfusionsSchema) },
  { method: 'get', path: '/wards/:id/transfusion-policy', summary: "The ward's bedside transfusion policy", tag: 'transfusion', roles: ['nurse', 'ward-manager', 'admin'], params: { id }, response: json(transfusionPolicySchema) },
  { method: 'get', path: '/wards/:id/round-times', summary: "The ward's standard administration times (per count a day, every 6/8/12 hours, timing.when codes) that imported orders without clock times are charted at; own: false when the trust defaults apply", tag: 'wards', roles: ['nurse', 'ward-manager', 'admin'], params: { id }, response: json(wardRoundTimesSchema) },
  { method: 'put', path: '/wards/:id/round-times', summary: "Set the ward's standard administration times (admin, or that ward's manager; audited): the parts given replace those parts, reset: true starts from the trust defaults; every 6/8/12 hours must be evenly spaced. Orders imported from then on chart at them", tag: 'wards', roles: ['ward-manager', 'admin'], params: { id }, body: roundTimesInputSchema, response: json(wardRoundTimesSchema) },
  { method: 'get', path: '/wards/:id/scan-settings', summary: "The ward's barcode settings: whether a plain NHS Number barcode identifies a patient", tag: 'wards', roles: ['nurse', 'ward-manager', 'admin'], params: { id }, response: json(wardScanSettingsSchema) },
  { method: 'get', path: '/wards/:id/band-list', summary: "The ward's patients, signed (ECDSA P-256 / SHA-256, IEEE P1363, base64url) for the handheld to identify wristbands by while offline; valid 12 hours; the ward's own nurses only", tag: 'wards', roles: ['nurse'], params: { id }, response: json(signedBandListSchema) },
  { method: 'get', path: '/patients/:id/chart', summary: "The eMAR chart: today's scheduled doses (given, not given, missed, due, later; missed doses stay until documented) and as-needed orders with last given, next allowed, 24-hour total and reviews due", tag: 'patients', roles: ['nurse', 'ward-manager', 'admin'], params: { id }, response: json(patientChartSchema) },
  { method: 'get', path: '/wards/:id/round', summary: "The ward round: every bed with its patient's missed and due doses, as-needed orders, reviews due, running transfusions and devices", tag: 'wards', roles: ['nurse', 'ward-manager', 'admin'], params: { id }, response: json(wardRoundSchema) },
  { method: 'get', path: '/wards/:id/orders-needing-review', summary: "Orders on the ward's patients that the bedside cannot check until pharmacy or the prescriber reviews them (a dose range, a dose in words, an unknown unit), with why", tag: 'wards', roles: ['ward-manager', 'admin'], params: { id }, response: json(ordersNeedingReviewSchema) },
  { method: 'post', path: '/witnesses', summary: "A second clinician witnesses a high-alert dose with their badge and PIN (wrong PINs count toward the witness's own lockout)", tag: 'bedside', roles: ['nurse'], body: witnessRequestSchema, response: json(witnessResponseSchema) },
  { method: 'post', path: '/manual-identifications', summary: "When a wristband will not scan: choose the patient from the ward list with a coded reason, as the ward's policy allows (blocked, a second nurse's badge and PIN, or allowed); recorded as a manual identification and alerted", tag: 'bedside', roles: ['nurse'], body: manualIdRequestSchema, response: json(manualIdResponseSchema, 201) },
  { method: 'post', path: '/not-given', summary: 'Document a scheduled dose as not given, with a coded reason (UK drug chart omission codes)', tag: 'bedside', roles: ['nurse'], body: notGivenRequestSchema, response: json(notGivenResponseSchema, 201) },
  { method: 'post', path: '/administrations/:id/effect', summary: "Record an as-needed dose's effect at its review", tag: 'bedside', roles: ['nurse'], params: { id }, body: prnEffectRequestSchema, response: json(prnEffectResponseSchema, 201) },
  { method: 'get', path: '/band-list-key', summary: 'The public key band lists are signed with, as a JWK with its RFC 7638 thumbprint (keyId)', tag: 'wards', roles: ALL_STAFF, response: json(bandListKeySchema) },
  { method: 'put', path: '/wards/:id/scan-settings', summary: "Set whether a plain NHS Number barcode identifies a patient on a ward ('identifies', with a warning on each product check; 'refused'; null: the server default)", tag: 'admin', roles: ['admin'], params: { id }, body: wardScanSettingsInputSchema, response: json(wardScanSettingsSchema) },
  { method: 'put', path: '/wards/:id/transfusion-policy', summary: 'Set the second-checker rule and cold-chain limits of a ward', tag: 'admin', roles: ['admin'], params: { id }, body: transfusionPolicySchema, response: json(transfusionPolicySchema) },
  { method: 'put', path: '/patients/:id/blood-group', summary: "Record the patient's ABO/RhD group (transfusion laboratory)", tag: 'transfusion lab', roles: ['admin'], params: { id }, body: patientBloodGroupRequestSchema, response: json(z.object({ patientId: id, bloodGroup: bloodGroupSchema })) },
  { method: 'post', path: '/transfusions/orders', summary: 'Order blood components for a patient (transfusion laboratory)', tag: 'transfusion lab', roles: ['admin'], body: transfusionOrderRequestSchema, response: json(transfusionOrderViewSchema, 201) },
  { method: 'post', path: '/transfusions/issued-units', summary: 'Issue a unit against an order (transfusion laboratory)', tag: 'transfusion lab', roles: ['admin'], body: issueUnitRequestSchema, response: json(issuedUnitViewSchema, 201) },
  { method: 'post', path: '/equipment/assign', summary: 'Associate a scanned device (GIAI or UDI) with the identified patient and infusion', tag: 'equipment', roles: BEDSIDE_BLOOD, body: equipmentAssignRequestSchema, response: json(equipmentAssignResponseSchema, 201) },
  { method: 'post', path: '/equipment/release', summary: 'Release a device when its infusion ends', tag: 'equipment', roles: BEDSIDE_BLOOD, body: equipmentReleaseRequestSchema, response: json(equipmentReleaseResponseSchema) },
  { method: 'get', path: '/equipment/assignments', summary: 'Which device is with which patient now', tag: 'equipment', roles: ['nurse', 'ward-manager', 'admin'], query: equipmentAssignmentsQuerySchema, response: json(z.array(equipmentAssignmentSchema)) },
  { method: 'post', path: '/oauth/token', summary: 'SMART Backend Services token endpoint (OAuth 2.0 client credentials): an application/x-www-form-urlencoded body of grant_type=client_credentials, scope (system scopes, SMART v1 or v2), client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer and client_assertion (a JWT signed RS384 or ES384 by a registered key; iss = sub = client_id, aud = this URL, exp at most 5 minutes ahead, jti never reused); answers a bearer token for /fhir/r4 valid 5 minutes, or an OAuth error', tag: 'system', roles: null, response: json(tokenResponseSchema) },
  { method: 'get', path: '/smart-clients', summary: 'Registered system clients (SMART Backend Services): their keys, allowed scopes and whether active', tag: 'admin', roles: ['admin'], response: json(z.array(smartClientSchema)) },
  { method: 'post', path: '/smart-clients', summary: "Register a system client by its public JWK Set (or one JWK; RS384 or EC P-384) and the system scopes it may be granted; registering a client again replaces its keys and scopes and ends its tokens (audited)", tag: 'admin', roles: ['admin'], body: smartClientInputSchema, response: json(smartClientSchema, 201) },
  { method: 'delete', path: '/smart-clients/:clientId', summary: 'Deactivate a system client: its access tokens end at once (audited)', tag: 'admin', roles: ['admin'], params: { clientId: id }, response: json(smartClientSchema) },
];
