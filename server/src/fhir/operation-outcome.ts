import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { ApiError, isMalformedPath, MALFORMED_PATH_MESSAGE } from '../http/api-error.js';

export type IssueCode = OperationOutcomeIssue['code'];

/** One problem, with the FHIRPath of the element at fault (e.g. `Bundle.entry[3].resource.identifier`). */
export const issue = (code: IssueCode, text: string, expression?: string, severity: OperationOutcomeIssue['severity'] = 'error'): OperationOutcomeIssue => ({
  severity,
  code,
  details: { text },
  ...(expression ? { expression: [expression] } : {}),
});

export const operationOutcome = (issues: OperationOutcomeIssue[]): OperationOutcome => ({ resourceType: 'OperationOutcome', issue: issues });

/** The FHIR endpoint's one error: an HTTP status and the issues that explain it. */
export class FhirError extends Error {
  constructor(
    readonly status: number,
    readonly issues: OperationOutcomeIssue[],
  ) {
    super(issues.map((i) => i.details?.text).join('; '));
  }
}

const API_CODES: Record<ApiError['code'], IssueCode> = {
  VALIDATION: 'invalid',
  UNAUTHENTICATED: 'login',
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'not-found',
  CONFLICT: 'conflict',
  RATE_LIMITED: 'throttled',
  INTERNAL: 'exception',
};

/** Any thrown value as status + OperationOutcome; unknown errors never leak their details. */
export function toOutcome(err: unknown): { status: number; body: OperationOutcome } {
  if (err instanceof FhirError) return { status: err.status, body: operationOutcome(err.issues) };
  if (err instanceof ApiError) return { status: err.status, body: operationOutcome([issue(API_CODES[err.code], err.message, err.field)]) };
  if (isMalformedPath(err)) return { status: 400, body: operationOutcome([issue('invalid', MALFORMED_PATH_MESSAGE)]) };
  const type = (err as { type?: unknown } | null)?.type;
  if (type === 'entity.parse.failed') return { status: 400, body: operationOutcome([issue('structure', 'The request body is not valid JSON.')]) };
  if (type === 'entity.too.large') return { status: 413, body: operationOutcome([issue('too-costly', 'The request body is too large (limit 5 MB).')]) };
  if (typeof type === 'string') return { status: 400, body: operationOutcome([issue('invalid', 'The request body could not be read.')]) };
  return { status: 500, body: operationOutcome([issue('exception', 'Something went wrong on the server; nothing was imported. Try again.')]) };
}

/** Sends a FHIR resource as `application/fhir+json`. */
export function sendFhir(res: Response, status: number, body: object): void {
  res.status(status).type('application/fhir+json').send(JSON.stringify(body));
}

/** Error handler for /fhir/r4: every failure is an OperationOutcome, never a stack trace. */
export function fhirErrorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const { status, body } = toOutcome(err);
    if (status >= 500) logger.error({ err, method: req.method, path: req.path }, 'FHIR request failed');
    if (res.headersSent) return;
    sendFhir(res, status, body);
  };
}
