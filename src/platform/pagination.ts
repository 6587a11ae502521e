/** Cursor pagination (CONTRACT §2): `?limit=` (default 50, max 500) and an opaque `?cursor=`. */
import { z } from 'zod';
import { errors } from './errors.js';

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('件数（最大500）'),
  cursor: z.string().max(500).optional().describe('前のページの nextCursor'),
});

export type Cursor = { key: string | number | null; id: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id]), 'utf8').toString('base64url');
}

export function decodeCursor(value: string | undefined): Cursor | null {
  if (value === undefined || value === '') return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      (typeof parsed[0] === 'string' || typeof parsed[0] === 'number' || parsed[0] === null) &&
      typeof parsed[1] === 'string'
    ) {
      return { key: parsed[0] as Cursor['key'], id: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw errors.validation([{ path: 'cursor', message: 'カーソルの形式が正しくありません。' }]);
}

/** Cuts one extra row off and derives the next cursor from the last row kept. */
export function pageOf<Row>(
  rows: Row[],
  limit: number,
  cursorOf: (row: Row) => Cursor,
): { items: Row[]; nextCursor: string | null } {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: last === undefined ? null : encodeCursor(cursorOf(last)) };
}
