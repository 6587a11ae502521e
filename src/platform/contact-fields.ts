/**
 * Phone numbers and postal codes as people type or paste them — full-width digits (０８６), the many
 * dash look-alikes (－ ー ‐ − …), 〒 in front of a postal code — read into the one form that is stored
 * and published (086-201-0000, 7010205). Shared by cases and organisations so that both accept the
 * same spellings and store the same form.
 */
import { z } from 'zod';
import { normalizePhoneNumber } from '../domain/phone-number.js';

export { normalizePhoneNumber };

/** Dash look-alikes NFKC leaves alone (U+FF0D becomes '-' already; ー, −, ‐ … do not). */
const DASHES = /[\u2010-\u2015\u2212\u2500\u2501\u30fc\uff70\ufe58\ufe63]/g;

/** NFKC, every dash look-alike as '-', runs of spaces (the ideographic one included) as one, trimmed. */
function fold(value: string): string {
  return value.normalize('NFKC').replace(DASHES, '-').replace(/\s+/g, ' ').trim();
}

/** `〒701-1152`, `701-1152`, `７０１１１５２`, `〒７０１－１１５２` → `7011152`; null when it is not 7 digits. */
export function normalizePostalCode(value: string): string | null {
  const digits = fold(value)
    .replace(/^(?:〒|郵便番号\s*:?)\s*/, '')
    .replace(/[\s-]/g, '');
  return /^\d{7}$/.test(digits) ? digits : null;
}

/**
 * A homepage as people type it: `https://example.jp/` as it is, `www.example.jp` with https:// in front;
 * null when it is not a web address (spaces, another scheme, a host without a dot).
 */
export function normalizeHomepageUrl(value: string): string | null {
  const text = value.trim();
  if (text === '' || /\s/.test(text)) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[^:/]+\.[^:/]+:\d/.test(text) ? text : `https://${text}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (!/^[^.]+(\.[^.]+)+$/.test(url.hostname) || url.username !== '' || url.password !== '') return null;
    return withScheme;
  } catch {
    return null;
  }
}

export const phoneNumberMessage = '電話番号の形式が正しくありません。';
export const homepageUrlMessage = 'ホームページの URL の形式が正しくありません（例: https://www.example.jp/）。';
export const postalCodeMessage = '郵便番号は7桁の数字で指定してください（例: 701-1152、〒701-1152）。';

/**
 * A phone (or fax) number field: accepts the spellings above and gives the normalised form. A string
 * schema still (overwrite, then the check), so the OpenAPI document shows it as one.
 */
export const phoneNumberInput = z
  .string()
  .trim()
  .overwrite((value) => normalizePhoneNumber(value) ?? value)
  .refine((value) => normalizePhoneNumber(value) !== null, phoneNumberMessage);

/** A postal code field: accepts hyphen, 〒 and full width, gives seven digits. */
export const postalCodeInput = z
  .string()
  .trim()
  .overwrite((value) => normalizePostalCode(value) ?? value)
  .regex(/^\d{7}$/, postalCodeMessage);

/** A homepage field: a web address (https:// is added to `www.example.jp`); an empty text stays empty. */
export const homepageUrlInput = z
  .string()
  .trim()
  .max(500)
  .overwrite((value) => (value === '' ? value : (normalizeHomepageUrl(value) ?? value)))
  .refine((value) => value === '' || normalizeHomepageUrl(value) === value, { message: homepageUrlMessage });
