import { describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';
import { assertVersion, optionalIfMatch, parseIfMatch, requireIfMatch, versionConflict } from './versioning.js';

function thrown(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** A request to a route that declares If-Match as `ifMatch` (config.ifMatch; null: not declared). */
const requestWith = (headers: Record<string, unknown>, ifMatch: 'required' | 'optional' | null = 'required') =>
  ({
    method: 'PATCH',
    headers,
    routeOptions: { url: '/things/:id', config: ifMatch === null ? {} : { ifMatch } },
  }) as unknown as FastifyRequest;

describe('parseIfMatch', () => {
  it.each([
    ['"3"', 3],
    ['3', 3],
    [' "12" ', 12],
    ['"999999999"', 999_999_999],
  ])('reads %s as version %i', (value, version) => {
    expect(parseIfMatch(value)).toBe(version);
  });

  it.each(['', 'abc', '"v1"', '*', '"1", "2"', '"-1"', '"1.5"', '"1234567890"', 'W/ "3"', 'W/"3"', 'w/"3"'])(
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
    expect(optionalIfMatch(requestWith({}, 'optional'))).toBeNull();
    expect(optionalIfMatch(requestWith({ 'if-match': '"2"' }, 'optional'))).toBe(2);
    expect(thrown(() => optionalIfMatch(requestWith({ 'if-match': 'nope' }, 'optional')))).toMatchObject({
      statusCode: 400,
    });
  });

  it('refuses to read If-Match on a route that does not declare it so (the OpenAPI document would not say)', () => {
    const undeclared = thrown(() => requireIfMatch(requestWith({ 'if-match': '"1"' }, null)));
    expect(undeclared).toBeInstanceOf(Error);
    expect(undeclared).not.toBeInstanceOf(AppError);
    expect(String(undeclared)).toMatch(/config\.ifMatch/);
    expect(thrown(() => requireIfMatch(requestWith({ 'if-match': '"1"' }, 'optional')))).toBeInstanceOf(Error);
    expect(thrown(() => optionalIfMatch(requestWith({}, 'required')))).toBeInstanceOf(Error);
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
    // …and the details carry the current version for a client that wants it.
    expect((error as AppError).details).toEqual([
      { path: 'version', message: '現在の版は 3 です', code: 'current_version', params: { current: 3 } },
    ]);
  });

  it('says a version beyond the current one does not exist, not that someone updated the record', () => {
    const error = thrown(() => assertVersion(7, 1)) as AppError;
    expect(error).toMatchObject({ statusCode: 412, code: 'version_conflict' });
    expect(error.message).toBe(
      '指定された版（If-Match: "7"）は存在しません。現在の版は 1 です。最新の内容を読み込み直してください。',
    );
    expect(error.details?.[0]).toMatchObject({
      path: 'version',
      code: 'version_not_found',
      params: { expected: 7, current: 1 },
    });
  });
});

describe('versionConflict', () => {
  it('names who changed the record last and when (JST), where known', () => {
    const error = versionConflict(2, 3, {
      at: new Date('2026-11-27T03:32:00Z'),
      actorName: '連携 太郎',
      actorOrganizationName: '岡山市立市民病院',
    });
    expect(error.message).toBe(
      '連携 太郎（岡山市立市民病院）が 2026年11月27日(金) 12:32 に更新しました。最新の内容を読み込み直してください。',
    );
    expect(error.details?.[0]?.message).toBe('現在の版は 3 です');
  });

  it('never claims an update for a version not given out yet, even with a history', () => {
    const error = versionConflict(9, 3, { at: new Date(), actorName: '誰か', actorOrganizationName: null });
    expect(error.message).not.toContain('更新しました');
  });
});

describe('a weak tag', () => {
  it('is refused with a message saying why (If-Match compares strongly)', () => {
    const error = thrown(() => parseIfMatch('W/"3"')) as AppError;
    expect(error).toMatchObject({ statusCode: 400, code: 'invalid_if_match' });
    expect(error.message).toContain('弱い ETag');
  });
});
