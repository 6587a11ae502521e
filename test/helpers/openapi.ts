/** Reads the server's OpenAPI document and turns its operations into callable requests (for walking every route). */
import { randomUUID } from 'node:crypto';

type JsonSchema = {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  default?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  items?: JsonSchema;
};

type Parameter = { in: 'path' | 'query' | 'header' | 'cookie'; name: string; required?: boolean; schema?: JsonSchema };

export type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: unknown } | undefined>>;
};

export type Operation = {
  /** "METHOD /path" with OpenAPI path parameters, as in test/access-matrix.ts. */
  key: string;
  method: string;
  path: string;
  parameters: Parameter[];
  hasBody: boolean;
};

const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!operation || !httpMethods.includes(method)) continue;
      const upper = method.toUpperCase();
      operations.push({
        key: `${upper} ${path}`,
        method: upper,
        path,
        parameters: operation.parameters ?? [],
        hasBody: operation.requestBody !== undefined || ['POST', 'PUT', 'PATCH'].includes(upper),
      });
    }
  }
  return operations;
}

/** Candidates tried, in order, against a string parameter's pattern. */
const stringCandidates = [
  'test',
  '33101',
  '331015',
  '2026-04-01',
  '2026-04-01T09:00:00+09:00',
  '1',
  'a',
  'true',
  'ABCDEFGHIJ',
  '0123456789',
];

/** A value the parameter's schema accepts (as a string for the URL), or null when none is known. */
export function plausibleValue(schema: JsonSchema | undefined): string | null {
  if (!schema) return 'test';
  const scalar = (value: unknown) =>
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
  const fixed = scalar(schema.const) ?? scalar(schema.enum?.[0]) ?? scalar(schema.default);
  if (fixed !== null) return fixed;
  for (const alternative of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) {
    const value = plausibleValue(alternative);
    if (value !== null) return value;
  }
  const type = Array.isArray(schema.type) ? schema.type.find((entry) => entry !== 'null') : schema.type;
  switch (type) {
    case 'integer':
    case 'number': {
      const lowest = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
      return String(Math.max(lowest, Math.min(1, schema.maximum ?? 1)));
    }
    case 'boolean':
      return 'true';
    case 'array':
      return plausibleValue(schema.items);
    case undefined:
    default:
      break;
  }
  if (schema.format === 'uuid') return randomUUID();
  if (schema.format === 'date') return '2026-04-01';
  if (schema.format === 'date-time') return '2026-04-01T09:00:00+09:00';
  if (schema.format === 'email') return 'someone@example.jp';
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    return stringCandidates.find((candidate) => pattern.test(candidate)) ?? null;
  }
  return 'test';
}

/**
 * The URL of an operation with every path parameter filled (a random UUID for ids) and every
 * required query parameter given a plausible value.
 */
export function concreteUrl(operation: Operation): string {
  let path = operation.path;
  const query = new URLSearchParams();
  for (const parameter of operation.parameters) {
    if (parameter.in === 'path') {
      const value = parameter.schema?.format === 'uuid' ? randomUUID() : (plausibleValue(parameter.schema) ?? 'test');
      path = path.replace(`{${parameter.name}}`, encodeURIComponent(value));
    } else if (parameter.in === 'query' && parameter.required) {
      query.set(parameter.name, plausibleValue(parameter.schema) ?? 'test');
    }
  }
  // Path parameters the document did not describe.
  path = path.replace(/\{[^}]+\}/g, () => randomUUID());
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}
