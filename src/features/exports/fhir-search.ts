/**
 * FHIR search parameters shared by the public directory and the clinical resources: how their
 * values are read (a comma is "or", a repeated parameter "and"), which parameters a search takes,
 * and what happens to the others — ignored and left out of the self link, unless the client asks
 * `Prefer: handling=strict`, then a 400 OperationOutcome. A known parameter with a modifier this
 * server does not support is always refused (FHIR R4 search: servers SHALL reject it).
 */
import type { OperationOutcome } from '@medplum/fhirtypes';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';

/** `a,b` → ['a', 'b']: one value of a parameter, its alternatives ("or"). */
function alternatives(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * A parameter that may be repeated: each occurrence a comma-separated list. The result is "and" of
 * "or"s: `?_id=a,b&_id=b` → [['a', 'b'], ['b']].
 */
export const RepeatableList = z
  .union([z.string().max(2000), z.array(z.string().max(2000)).max(20)])
  .transform((value) => (Array.isArray(value) ? value : [value]).map(alternatives));

/** `Organization/<id>`, an absolute URL ending so, or the id alone → the id. */
export function referencedId(value: string, type: string): string {
  const marker = `${type}/`;
  const at = value.lastIndexOf(marker);
  return at >= 0 && (at === 0 || value[at - 1] === '/') ? value.slice(at + marker.length) : value;
}

/** The ids every group allows ("and" of "or"s); undefined when there is no group. */
export function intersection(groups: string[][] | undefined): string[] | undefined {
  if (!groups || groups.length === 0) return undefined;
  const [first = [], ...rest] = groups;
  return [...new Set(first)].filter((id) => rest.every((group) => group.includes(id)));
}

/** Whether the client asked for strict handling of the search (RFC 7240 Prefer: handling=strict). */
export function prefersStrictHandling(request: FastifyRequest): boolean {
  const header = request.headers.prefer;
  const values = Array.isArray(header) ? header : header ? [header] : [];
  return values
    .flatMap((value) => value.split(/[,;]/))
    .some((preference) => /^handling\s*=\s*"?strict"?$/i.test(preference.trim()));
}

/** The names of the query string's parameters, as the client wrote them (modifiers included). */
function parameterNames(request: FastifyRequest): string[] {
  const at = request.url.indexOf('?');
  if (at < 0) return [];
  return [...new Set(new URLSearchParams(request.url.slice(at + 1)).keys())].filter(Boolean);
}

export type SearchParameterProblem = { status: 400; outcome: OperationOutcome };

/**
 * Checks the query string's parameters against those a search takes (`known`, modifiers written
 * out: `name:contains`). An unsupported modifier of a known parameter is refused; an unknown
 * parameter is ignored, or refused when the client prefers strict handling. Null when the search
 * may go on.
 */
export function searchParameterProblem(
  request: FastifyRequest,
  known: readonly string[],
): SearchParameterProblem | null {
  // `_format` is understood on every interaction (fhirFormatProblem): never an unknown parameter.
  const names = parameterNames(request).filter((name) => !known.includes(name) && name !== '_format');
  const bases = new Set(known.map((name) => name.split(':')[0]));
  const badModifiers = names.filter((name) => name.includes(':') && bases.has(name.split(':')[0]));
  const unknown = names.filter((name) => !badModifiers.includes(name));
  const issues: OperationOutcome['issue'] = [
    ...badModifiers.map((name) => ({
      severity: 'error' as const,
      code: 'not-supported' as const,
      diagnostics: `検索パラメータ「${name}」の修飾子には対応していません（対応: ${known.join(', ')}）。`,
    })),
    ...(prefersStrictHandling(request)
      ? unknown.map((name) => ({
          severity: 'error' as const,
          code: 'not-supported' as const,
          diagnostics: `検索パラメータ「${name}」には対応していません（Prefer: handling=strict。対応: ${known.join(', ')}）。`,
        }))
      : []),
  ];
  return issues.length > 0 ? { status: 400, outcome: { resourceType: 'OperationOutcome', issue: issues } } : null;
}

const jsonFormats = new Set(['json', 'application/json', 'application/fhir+json', 'application/fhir json']);

/** Whether one Accept header's media ranges take JSON (any type, any application type, any `…json`), ignoring q=0. */
function acceptsJson(accept: string): boolean {
  return accept.split(',').some((range) => {
    const [type = '', ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    if (parameters.some((parameter) => /^q\s*=\s*0(?:\.0*)?$/.test(parameter))) return false;
    return type === '*/*' || type === 'application/*' || type.endsWith('json');
  });
}

/**
 * The FHIR server answers JSON only (application/fhir+json): a client that asks for another format — `_format=xml`,
 * `Accept: application/fhir+xml` — is told so with 406 and an OperationOutcome, rather than sent JSON it cannot read.
 * Null when JSON is fine (no `_format`, no Accept, or one that takes JSON).
 */
export function fhirFormatProblem(request: FastifyRequest): { status: 406; outcome: OperationOutcome } | null {
  const at = request.url.indexOf('?');
  const formats = at < 0 ? [] : new URLSearchParams(request.url.slice(at + 1)).getAll('_format');
  const accept = request.headers.accept;
  const isJsonFormat = formats.every((format) => jsonFormats.has(format.trim().toLowerCase()));
  const isJsonAccepted = accept === undefined || accept.trim() === '' || acceptsJson(accept);
  if (isJsonFormat && isJsonAccepted) return null;
  return {
    status: 406,
    outcome: {
      resourceType: 'OperationOutcome',
      issue: [
        {
          severity: 'error',
          code: 'not-supported',
          diagnostics: `このサーバーは JSON（application/fhir+json）だけで答えます（指定: ${
            isJsonFormat ? `Accept: ${accept ?? ''}` : `_format=${formats.join(',')}`
          }）。`,
        },
      ],
    },
  };
}
