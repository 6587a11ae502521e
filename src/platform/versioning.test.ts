import { describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';
import { assertVersion, optionalIfMatch, parseIfMatch, requireIfMatch } from './versioning.js';

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  return undefined;
}

const requestWith = (headers: Record<string, unknown>) => ({ headers }) as unknown as FastifyRequest;

describe('parseIfMatch', () => {
  it.each([
    ['"3"', 3],
    ['3', 3],
    ['W/"3"', 3],
    [' "12" ', 12],
    ['"999999999"', 999_999_999],
  ])('reads %s as version %i', (value, version) => {
    expect(parseIfMatch(value)).toBe(version);
  });

  it.each(['', 'abc', '"v1"', '*', '"1", "2"', '"-1"', '"1.5"', '"1234567890"', 'W/ "3"'])(
    'refuses %j with 400 invalid_if_match',
    (value) => {
      const error = thrown(() => parseIfMatch(value));
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ statusCode: 400, code: 'invalid_if_match' });
    },
  );
});

describe('If-Match on a request', () => {
  it('requires the header: missing or empty → 428 precondition_required', () => {
    for (const headers of [{}, { 'if-match': '' }]) {
      expect(thrown(() => requireIfMatch(requestWith(headers)))).toMatchObject({
        statusCode: 428,
        code: 'precondition_required',
      });
    }
    expect(requireIfMatch(requestWith({ 'if-match': '"7"' }))).toBe(7);
  });

  it('takes the first value of a repeated header', () => {
    expect(requireIfMatch(requestWith({ 'if-match': ['"4"', '"5"'] }))).toBe(4);
  });

  it('treats an optional If-Match as absent or parsed', () => {
    expect(optionalIfMatch(requestWith({}))).toBeNull();
    expect(optionalIfMatch(requestWith({ 'if-match': 'W/"2"' }))).toBe(2);
    expect(thrown(() => optionalIfMatch(requestWith({ 'if-match': 'nope' })))).toMatchObject({ statusCode: 400 });
  });
});

describe('assertVersion', () => {
  it('passes on the current version and answers 412 version_conflict otherwise', () => {
    expect(() => assertVersion(3, 3)).not.toThrow();
    const error = thrown(() => assertVersion(2, 3));
    expect(error).toMatchObject({ statusCode: 412, code: 'version_conflict' });
    // Says to reload, in words; the version number is the ETag's business, not the reader's.
    expect((error as AppError).message).toContain('読み込み直してください');
    expect((error as AppError).message).not.toMatch(/\d/);
  });
});
