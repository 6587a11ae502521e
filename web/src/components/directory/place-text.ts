/**
 * How a typed place is read. Renkei serves Okayama City, so a place typed without its city (「北区大供1丁目」,
 * 「大供1丁目」, 「西大寺中野」) is read as in Okayama City. Postal codes and text already naming the city are
 * left as they are.
 */

/** The text to try again as an Okayama City address, or null when there is nothing different to try. */
export function asOkayamaCityPlace(text: string): string | null {
  const typed = text
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/^岡山県/, '');
  if (typed === '' || typed.startsWith('岡山市')) return null;
  // Postal codes (〒700-0913, 7000913) are located as such.
  if (/^〒?[0-9-]+$/.test(typed)) return null;
  return `岡山市${typed}`;
}

/** Okayama City as a whole (not one of its wards): a place found only this far was not really found. */
export const okayamaCityCode = '33100';
