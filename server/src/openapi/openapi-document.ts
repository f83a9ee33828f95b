import { apiErrorBodySchema } from '@wardscan/shared';
import { z } from 'zod';
import { OPERATIONS, type Operation } from './operations.js';

type JsonSchema = Record<string, unknown>;

/** JSON Schema 2020-12 (the dialect OpenAPI 3.1 uses) of what a client may send or will receive. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** `/patients/:id` → `/patients/{id}`. */
export const openApiPath = (expressPath: string): string => expressPath.replace(/:(\w+)/g, '{$1}');

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function parametersOf(op: Operation): unknown[] {
  const path = Object.entries(op.params ?? {}).map(([name, schema]) => ({ name, in: 'path', required: true, schema: schemaOf(schema, 'input') }));
  if (!op.query) return path;
  const query = schemaOf(op.query, 'input');
  const properties = (query.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((query.required ?? []) as string[]);
  return [...path, ...Object.entries(properties).map(([name, schema]) => ({ name, in: 'query', required: required.has(name), schema }))];
}

function responsesOf(op: Operation): Record<string, unknown> {
  const ok =
    op.response.kind === 'json'
      ? { [op.response.status]: { description: 'OK', content: { 'application/json': { schema: schemaOf(op.response.schema, 'output') } } } }
      : op.response.kind === 'empty'
        ? { 204: { description: 'Done; no body' } }
        : { 200: { description: 'OK', content: { [op.response.mediaType]: {} } } };
  const errors: Record<string, unknown> = { 400: errorResponse('Invalid input; `error.field` names the offending field') };
  if (op.roles !== null) {
    errors[401] = errorResponse('Not signed in, or the session has expired');
    errors[403] = errorResponse(`Allowed for: ${op.roles === 'any-signed-in' ? 'any signed-in user' : op.roles.join(', ')}`);
  }
  if (op.params) errors[404] = errorResponse('Not found');
  return { ...ok, ...errors };
}

/** The OpenAPI 3.1 document of every `/api` route, generated from the zod schemas the routes validate with. */
export function buildOpenApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const operation: Record<string, unknown> = {
      operationId: `${op.method}${openApiPath(op.path).replace(/[{}]/g, '').replace(/[/:.-](\w)/g, (_m, c: string) => c.toUpperCase())}`,
      summary: op.summary,
      tags: [op.tag],
      security: op.roles === null ? [] : [{ bearer: [] }],
      'x-roles': op.roles,
      parameters: parametersOf(op),
      responses: responsesOf(op),
    };
    if (op.body) operation.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(op.body, 'input') } } };
    (paths[`/api${openApiPath(op.path)}`] ??= {})[op.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Wardscan API',
      version,
      description:
        'Bedside positive patient identification. Errors always have the shape `{ error: { code, message, field? } }`. ' +
        'The same scan and administration operations are available over socket.io (`scan`, `administer`) with identical payloads.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Token from POST /api/sessions' } },
      schemas: { Error: schemaOf(apiErrorBodySchema, 'output') },
    },
    paths,
  };
}
