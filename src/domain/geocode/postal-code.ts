/**
 * Japanese postal codes as people write them in front of an address — 「〒701-0205 岡山市南区妹尾880」,
 * 「701-0205 …」, 「〒7010205 …」, 「〒７０１－０２０５ …」 (full-width) — read apart from the address itself.
 */

/** Hyphen-like characters seen between the 3 and the 4 digits (NFKC leaves most of them alone). */
const HYPHENS = '\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2500\u30fc\uff0d\uff70';
/** Optional 〒 (or 「郵便番号」), 3 digits, an optional hyphen, 4 digits not followed by a digit, then the rest. */
const LEADING_POSTAL_CODE = new RegExp(
  `^(?:〒|郵便番号\\s*[:：]?)?\\s*([0-9]{3})\\s*[${HYPHENS}]?\\s*([0-9]{4})(?![0-9])[\\s,、]*(.*)$`,
  's',
);

export type PostalCodeSplit = {
  /** Seven digits, e.g. "7010205"; null when the text does not start with a postal code. */
  postalCode: string | null;
  /** What follows the postal code (NFKC, trimmed); the whole text (trimmed) when there is none. */
  rest: string;
};

/**
 * Splits a leading postal code off an address: `〒701-0205 岡山市南区妹尾880` → `7010205` and
 * `岡山市南区妹尾880`. Full-width digits, spaces and hyphen variants are accepted; a text that is only a
 * postal code gives an empty rest.
 */
export function splitLeadingPostalCode(text: string): PostalCodeSplit {
  const normalized = text.normalize('NFKC').trim();
  const match = LEADING_POSTAL_CODE.exec(normalized);
  if (!match) return { postalCode: null, rest: normalized };
  const [, head = '', tail = '', rest = ''] = match;
  return { postalCode: `${head}${tail}`, rest: rest.trim() };
}

/** `7010205` → `〒701-0205`. */
export function formatPostalCode(postalCode: string): string {
  return `〒${postalCode.slice(0, 3)}-${postalCode.slice(3)}`;
}
