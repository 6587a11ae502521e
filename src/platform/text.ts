/** Text normalisation for Japanese search: full/half width, case, hiragana/katakana. */

/** NFKC, lower case, hiragana → katakana, spaces removed. */
export function normalizeForSearch(value: string): string {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u3041-\u3096]/g, (character) => String.fromCharCode(character.charCodeAt(0) + 0x60))
    .replace(/[\s\u3000]+/g, '');
}

/** Escapes LIKE wildcards so user text matches literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}
