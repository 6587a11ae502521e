import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AppError } from './errors.js';
import { PageQuery, decodeCursor, encodeCursor, pageOf } from './pagination.js';

const asCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('cursor encoding', () => {
  it('round-trips text, timestamp and id-only cursors', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.uuid(), (key, id) => {
        const cursor = encodeCursor({ key, id });
        expect(cursor).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(decodeCursor(cursor, 'text')).toEqual({ key, id });
      }),
    );
    fc.assert(
      fc.property(
        fc.date({ noInvalidDate: true, min: new Date(0), max: new Date('2999-12-31') }),
        fc.uuid(),
        (at, id) => {
          expect(decodeCursor(encodeCursor({ key: at.toISOString(), id }), 'timestamp')).toEqual({
            key: at.toISOString(),
            id,
          });
        },
      ),
    );
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 2n ** 62n }), (id) => {
        expect(decodeCursor(encodeCursor({ key: null, id: String(id) }), 'none', 'integer')).toEqual({
          key: null,
          id: String(id),
        });
      }),
    );
  });

  it('round-trips two-column keys', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 100 }),
        fc.string({ unit: 'grapheme', maxLength: 100 }),
        fc.date({ noInvalidDate: true, min: new Date(0), max: new Date('2999-12-31') }),
        fc.uuid(),
        (first, second, at, id) => {
          expect(decodeCursor(encodeCursor({ key: [first, second], id }), 'textPair')).toEqual({
            key: [first, second],
            id,
          });
          expect(decodeCursor(encodeCursor({ key: [first, at.toISOString()], id }), 'textThenTimestamp')).toEqual({
            key: [first, at.toISOString()],
            id,
          });
        },
      ),
    );
  });

  it('round-trips a timestamp that may be missing, and refuses text in its place', () => {
    const id = '6f1c2c5e-9b7a-4d3e-8f00-1a2b3c4d5e6f';
    const at = new Date('2026-10-18T10:49:00Z').toISOString();
    expect(decodeCursor(encodeCursor({ key: at, id }), 'nullableTimestamp')).toEqual({ key: at, id });
    expect(decodeCursor(encodeCursor({ key: null, id }), 'nullableTimestamp')).toEqual({ key: null, id });
    expect(
      refusal(() => decodeCursor(encodeCursor({ key: 'あけぼのクリニック', id }), 'nullableTimestamp')),
    ).toBeInstanceOf(AppError);
  });

  it('reads an absent or empty cursor as the first page', () => {
    expect(decodeCursor(undefined, 'text')).toBeNull();
    expect(decodeCursor('', 'timestamp')).toBeNull();
  });

  const uuid = '6f1c2c5e-9b7a-4d3e-8f00-1a2b3c4d5e6f';
  it.each([
    ['not base64 JSON', 'garbage!', 'text'],
    ['JSON of another shape', asCursor({ key: 'a', id: uuid }), 'text'],
    ['an array of the wrong length', asCursor(['a']), 'text'],
    ['an id that is not a string', asCursor(['a', 1]), 'text'],
    ['a key that is an object', asCursor([{}, uuid]), 'text'],
    ['an id that is not a UUID', asCursor(['a', 'not-a-uuid']), 'text'],
    ['a key holding NUL', asCursor(['\u0000', uuid]), 'text'],
    ['a key holding a lone surrogate', asCursor(['a\ud800', uuid]), 'text'],
    ['a timestamp that is not one', asCursor(['2026-13-45T99:99:99Z', uuid]), 'timestamp'],
    ['a number for a text key', asCursor([3, uuid]), 'text'],
    ['a key where the list has none', asCursor(['a', '12']), 'none'],
    ['one column where the list sorts by two', asCursor(['a', uuid]), 'textPair'],
    ['three columns where the list sorts by two', asCursor([['a', 'b', 'c'], uuid]), 'textPair'],
    ['a number in a two-column key', asCursor([['a', 1], uuid]), 'textPair'],
    ['a second column that is no timestamp', asCursor([['2026-01-01', 'x'], uuid]), 'textThenTimestamp'],
  ] as const)('refuses %s with a 400 validation error', (_label, value, keyKind) => {
    expect(refusal(() => decodeCursor(value, keyKind))).toMatchObject({
      statusCode: 400,
      code: 'validation_failed',
      details: [{ path: 'cursor' }],
    });
  });

  it('refuses an integer id that is not a decimal bigint', () => {
    for (const id of ['x', '-1', '1e3', '1'.repeat(20), uuid]) {
      const caught = refusal(() => decodeCursor(asCursor([null, id]), 'none', 'integer'));
      expect(caught).toBeInstanceOf(AppError);
      expect(caught).toMatchObject({ statusCode: 400 });
    }
  });
});

describe('pageOf', () => {
  const rows = Array.from({ length: 5 }, (_, index) => ({ id: `id-${index}`, name: `name-${index}` }));
  const cursorOf = (row: { id: string; name: string }) => ({ key: row.name, id: row.id });

  it('gives no next cursor when the rows fit the page', () => {
    expect(pageOf(rows.slice(0, 3), 3, cursorOf)).toEqual({ items: rows.slice(0, 3), nextCursor: null });
    expect(pageOf([], 3, cursorOf)).toEqual({ items: [], nextCursor: null });
  });

  it('cuts the extra row and points the next cursor at the last row kept', () => {
    const page = pageOf(rows.slice(0, 4), 3, cursorOf);
    expect(page.items).toEqual(rows.slice(0, 3));
    expect(page.nextCursor).toBe(encodeCursor({ key: 'name-2', id: 'id-2' }));
  });
});

describe('PageQuery', () => {
  it('defaults the limit to 50 and coerces query strings', () => {
    expect(PageQuery.parse({})).toEqual({ limit: 50 });
    expect(PageQuery.parse({ limit: '500', cursor: 'abc' })).toEqual({ limit: 500, cursor: 'abc' });
  });

  it.each(['0', '501', '-1', '1.5', 'abc'])('refuses limit=%s', (limit) => {
    expect(PageQuery.safeParse({ limit }).success).toBe(false);
  });
});
