/** Cursor pagination (CONTRACT §2): `?limit=` (default 50, max 500) and an opaque `?cursor=`. */
import { z } from 'zod';
import { queryNumber } from './query-number.js';
import { errors } from './errors.js';
import { unstorableCharacter } from './input-rules.js';

export const PageQuery = z.object({
  limit: queryNumber(z.number().int().min(1).max(500)).default(50).describe('件数（最大500）'),
  cursor: z.string().max(500).optional().describe('前のページの nextCursor'),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** A row's sort key: one column, or two when the list sorts by two before the id. */
export type CursorKey = string | number | null | readonly [string, string];
export type Cursor = { key: CursorKey; id: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id]), 'utf8').toString('base64url');
}

/**
 * What a list's cursor may hold. A cursor comes back from the client, so it is checked like any
 * input before it reaches a query: a hand-made one must get a 400, never a database error.
 */
const textKey = z
  .string()
  .max(1000)
  .refine((text) => unstorableCharacter(text) === null);
const timestampKey = z.iso.datetime({ offset: true }).refine((text) => !Number.isNaN(Date.parse(text)));
const cursorKeys = {
  /** A text column (name, e-mail, a date kept as text). */
  text: textKey,
  /** A timestamp, as `toISOString()` wrote it. */
  timestamp: timestampKey,
  /** A timestamp that may be missing (sorted first or last, as the list says). */
  nullableTimestamp: timestampKey.nullable(),
  /** Two text columns (an area code, then a name). */
  textPair: z.tuple([textKey, textKey]),
  /** A text column, then a timestamp (a date, then when the row came in). */
  textThenTimestamp: z.tuple([textKey, timestampKey]),
  /** Lists ordered by id alone. */
  none: z.null(),
} as const;
const cursorIds = {
  uuid: z.guid(),
  /** A bigint identity (the audit log), as a decimal string. */
  integer: z.string().regex(/^\d{1,19}$/),
} as const;

type CursorKeyKind = keyof typeof cursorKeys;

/** Reads `?cursor=` of a list whose rows are ordered by a `keyKind` key, then by an `idKind` id. */
export function decodeCursor<K extends CursorKeyKind>(
  value: string | undefined,
  keyKind: K,
  idKind: keyof typeof cursorIds = 'uuid',
): { key: z.infer<(typeof cursorKeys)[K]>; id: string } | null {
  if (value === undefined || value === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const checked = z.tuple([cursorKeys[keyKind], cursorIds[idKind]]).safeParse(parsed);
  if (!checked.success) {
    throw errors.validation([{ path: 'cursor', message: 'カーソルの形式が正しくありません。' }]);
  }
  const [key, id] = checked.data;
  return { key: key as z.infer<(typeof cursorKeys)[K]>, id };
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
