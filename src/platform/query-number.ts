/**
 * A number in a query string. Query values are text, and `z.coerce.number()` reads text as
 * JavaScript's `Number()` does: `0x10` is 16, `1e2` is 100, `+5` is 5 and blanks are 0. A user who
 * typed one of those meant something else (or nothing), so only plain decimals are numbers here;
 * anything else is a 400 naming the parameter, never a silently different search.
 */
import { z } from 'zod';

/** `34.66`, `10`, `-1`, and the halves people also type: `.5`, `5.` */
const decimal = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** A query parameter written as a plain decimal (`34.66`, `-1`, `10`), then checked by `rule`. */
export function queryNumber<Rule extends z.ZodType<number, number>>(rule: Rule) {
  return z.string().regex(decimal, '数値は10進数で指定してください（例: 34.66、10）。').transform(Number).pipe(rule);
}
