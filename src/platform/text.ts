/** Text normalisation for Japanese search: full/half width, case, hiragana/katakana. */

/**
 * Variant forms of kanji common in Japanese names (異体字) and the form people type: 髙橋 is found as
 * 高橋, 川﨑 as 川崎. The same pairs fold the stored search text (migration 0008, SQL translate()).
 */
export const variantKanji = {
  from: '髙﨑嵜𠮷邊邉濵濱澤櫻廣國眞冨嶋嶌德惠曾齋齊',
  to: '高崎崎吉辺辺浜浜沢桜広国真富島島徳恵曽斎斉',
} as const;
const variantOf = new Map(
  Array.from(variantKanji.from).map((character, index) => [character, Array.from(variantKanji.to)[index] ?? character]),
);

/** NFKC, lower case, hiragana → katakana, spaces removed, variant kanji folded. */
export function normalizeForSearch(value: string): string {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u3041-\u3096]/g, (character) => String.fromCharCode(character.charCodeAt(0) + 0x60))
    .replace(/[\s\u3000]+/g, '')
    .replace(/\p{Script=Han}/gu, (character) => variantOf.get(character) ?? character);
}

/** Escapes LIKE wildcards so user text matches literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}
