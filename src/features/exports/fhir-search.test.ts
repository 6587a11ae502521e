/** The shared reading of FHIR search parameters: values, references, strict handling and unknown parameters. */
import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { fhirErrors } from '../../../test/fixtures/validators/fhir.js';
import {
  intersection,
  prefersStrictHandling,
  referencedId,
  RepeatableList,
  searchParameterProblem,
} from './fhir-search.js';

function request(url: string, prefer?: string | string[]): FastifyRequest {
  return { url, headers: prefer === undefined ? {} : { prefer } } as unknown as FastifyRequest;
}

const known = ['_count', '_offset', '_id', 'name', 'name:contains'];

describe('FHIR search parameters', () => {
  it('reads a comma as "or" and a repeated parameter as "and"', () => {
    expect(RepeatableList.parse('a, b,,c')).toEqual([['a', 'b', 'c']]);
    expect(RepeatableList.parse(['a,b', 'b'])).toEqual([['a', 'b'], ['b']]);
    expect(
      intersection([
        ['a', 'b', 'a'],
        ['b', 'c'],
      ]),
    ).toEqual(['b']);
    expect(intersection([['a']])).toEqual(['a']);
    expect(intersection([])).toBeUndefined();
    expect(intersection(undefined)).toBeUndefined();
  });

  it('takes a reference as a type/id, an absolute URL or the id alone', () => {
    expect(referencedId('Organization/x1', 'Organization')).toBe('x1');
    expect(referencedId('https://renkei.example.jp/fhir/r4/Organization/x1', 'Organization')).toBe('x1');
    expect(referencedId('x1', 'Organization')).toBe('x1');
    expect(referencedId('Patient/x1', 'Organization')).toBe('Patient/x1');
    expect(referencedId('SubOrganization/x1', 'Organization')).toBe('SubOrganization/x1');
  });

  it('tells strict handling from the Prefer header (RFC 7240), among other preferences', () => {
    expect(prefersStrictHandling(request('/x'))).toBe(false);
    expect(prefersStrictHandling(request('/x', 'handling=lenient'))).toBe(false);
    expect(prefersStrictHandling(request('/x', 'handling=strict'))).toBe(true);
    expect(prefersStrictHandling(request('/x', 'return=minimal, Handling = "strict"'))).toBe(true);
    expect(prefersStrictHandling(request('/x', ['return=minimal', 'handling=strict; x=y']))).toBe(true);
  });

  it('ignores unknown parameters unless strict, and always refuses an unsupported modifier', () => {
    expect(searchParameterProblem(request('/fhir/r4/Organization?_id=a&foo=1&_sort=name'), known)).toBeNull();
    expect(searchParameterProblem(request('/fhir/r4/Organization?name%3Acontains=a'), known)).toBeNull();
    const strict = searchParameterProblem(request('/fhir/r4/Organization?_id=a&foo=1&foo=2', 'handling=strict'), known);
    expect(strict?.status).toBe(400);
    expect(strict?.outcome.issue).toHaveLength(1);
    expect(strict?.outcome.issue[0]).toMatchObject({ severity: 'error', code: 'not-supported' });
    expect(strict?.outcome.issue[0]?.diagnostics).toContain('「foo」');
    expect(fhirErrors(strict?.outcome ?? { resourceType: 'OperationOutcome', issue: [] })).toEqual([]);
    const modifier = searchParameterProblem(request('/fhir/r4/Organization?name:exact=a&foo:bar=1'), known);
    expect(modifier?.outcome.issue.map((issue) => issue.diagnostics)).toEqual([
      expect.stringContaining('「name:exact」'),
    ]);
  });
});
