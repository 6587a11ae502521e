/**
 * Walking a cursor-paginated list (CONTRACT §2: `?limit=` default 50, max 500, `?cursor=`,
 * `{items, nextCursor}`) and checking that it refuses what it must refuse with a 400.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { api, type ApiResponse } from './http.js';
import { detailPaths, expectError } from './errors.js';

/** `path` with `values` added to (or replacing those of) its query string. */
export function withQuery(path: string, values: Record<string, string>): string {
  const url = new URL(path, 'http://renkei.test');
  for (const [key, value] of Object.entries(values)) url.searchParams.set(key, value);
  return `${url.pathname}${url.search}`;
}

/**
 * Follows `nextCursor` from the first page until it is null, `limit` items at a time; every page
 * but the last must be full. Returns every item in the order the pages gave them, and the pages.
 */
export async function walkPages<Item>(
  baseUrl: string,
  path: string,
  options: { token: string; limit: number },
): Promise<{ items: Item[]; pages: ApiResponse<{ items: Item[]; nextCursor: string | null }>[] }> {
  const pages: ApiResponse<{ items: Item[]; nextCursor: string | null }>[] = [];
  let cursor: string | null = null;
  do {
    const query: Record<string, string> = { limit: String(options.limit) };
    if (cursor !== null) query.cursor = cursor;
    const page = await api<{ items: Item[]; nextCursor: string | null }>(baseUrl, 'GET', withQuery(path, query), {
      token: options.token,
    });
    expect(page.status, page.text).toBe(200);
    expect(page.body).toHaveProperty('nextCursor');
    expect(page.body.items.length).toBeLessThanOrEqual(options.limit);
    if (page.body.nextCursor !== null) expect(page.body.items).toHaveLength(options.limit);
    pages.push(page);
    cursor = page.body.nextCursor;
    expect(pages.length, 'the walk never ends').toBeLessThan(1000);
  } while (cursor !== null);
  return { items: pages.flatMap((page) => page.body.items), pages };
}

/** Asserts each id appears once only. */
export function expectNoRepeats(ids: readonly string[]): void {
  expect(new Set(ids).size, `repeated: ${ids.filter((id, index) => ids.indexOf(id) !== index).join(', ')}`).toBe(
    ids.length,
  );
}

const asCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Cursors no page ever gave: garbage, another shape, a key of the wrong type, an id that is none. */
export const garbledCursors = [
  'garbage!',
  asCursor({ key: 'a', id: randomUUID() }),
  asCursor([{ nested: true }, randomUUID()]),
  asCursor(['2026-13-45T99:99:99Z', 'not-an-id']),
  asCursor([['a', 'b', 'c'], randomUUID()]),
] as const;

/** limit=501 and limit=0 are 400 validation_failed naming `limit`; a garbled cursor is a 400 naming `cursor`. */
export async function expectPagingRefusals(baseUrl: string, path: string, token: string): Promise<void> {
  for (const limit of ['501', '0']) {
    const response = await api(baseUrl, 'GET', withQuery(path, { limit }), { token });
    expectError(response, 400, 'validation_failed');
    expect(detailPaths(response)).toContain('limit');
  }
  const atMost = await api(baseUrl, 'GET', withQuery(path, { limit: '500' }), { token });
  expect(atMost.status, atMost.text).toBe(200);
  for (const cursor of garbledCursors) {
    const response = await api(baseUrl, 'GET', withQuery(path, { limit: '1', cursor }), { token });
    expectError(response, 400, 'validation_failed');
    expect(detailPaths(response)).toContain('cursor');
  }
}
