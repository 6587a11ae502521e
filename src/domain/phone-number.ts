/**
 * A phone number as people type or paste it, read into the form that is stored and published — the one rule for the
 * server (src/platform/contact-fields.ts) and the browser's checks (pure TypeScript, no Node imports).
 */

/** Dash look-alikes NFKC leaves alone (U+FF0D becomes '-' already; ー, −, ‐ … do not). */
const DASHES = /[\u2010-\u2015\u2212\u2500\u2501\u30fc\uff70\ufe58\ufe63]/g;

/**
 * `０８６－２０１－００００` → `086-201-0000`, `(086)201-0000` → `086-201-0000`; null when it is not a phone number: a
 * number in Japan has 10 digits (11 for mobiles, 050 and the like) and starts with 0, one written with `+` (a
 * country code) 8 to 15 digits.
 */
export function normalizePhoneNumber(value: string): string | null {
  const phone = value
    .normalize('NFKC')
    .replace(DASHES, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\((0\d{1,4})\)\s*/, '$1-');
  if (!/^[0-9+\-() ]{6,20}$/.test(phone)) return null;
  const digits = phone.replace(/\D/g, '').length;
  const isPlausible = phone.startsWith('+')
    ? digits >= 8 && digits <= 15
    : /^0/.test(phone) && digits >= 10 && digits <= 11;
  return isPlausible ? phone : null;
}
