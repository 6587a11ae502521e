import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AppError } from './errors.js';
import { PageQuery, decodeCursor, encodeCursor, pageOf } from './pagination.js';

describe('cursor encoding', () => {
  it('round-trips string, number and null keys', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme' }),
          fc.integer(),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          fc.constant(null),
        ),
        fc.uuid(),
        (key, id) => {
          const cursor = encodeCursor({ key, id });
          expect(cursor).toMatch(/^[A-Za-z0-9_-]*$/);
          expect(decodeCursor(cursor)).toEqual({ key: Object.is(key, -0) ? 0 : key, id });
        },
      ),
    );
  });

  it('reads an absent or empty cursor as the first page', () => {
    expect(decodeCursor(undefined)).toBeNull();
    expect(decodeCursor('')).toBeNull();
  });

  it.each([
    ['not base64 JSON', 'garbage!'],
    ['JSON of another shape', Buffer.from('{"key":"a","id":"b"}').toString('base64url')],
    ['an array of the wrong length', Buffer.from('["a"]').toString('base64url')],
    ['an id that is not a string', Buffer.from('["a",1]').toString('base64url')],
    ['a key that is an object', Buffer.from('[{},"id"]').toString('base64url')],
  ])('refuses %s with a 400 validation error', (_label, value) => {
    let caught: unknown;
    try {
      decodeCursor(value);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect(caught).toMatchObject({ statusCode: 400, code: 'validation_failed', details: [{ path: 'cursor' }] });
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
    expect(decodeCursor(page.nextCursor ?? undefined)).toEqual({ key: 'name-2', id: 'id-2' });
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
