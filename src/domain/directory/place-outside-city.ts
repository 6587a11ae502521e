/**
 * Whether a typed place names somewhere other than Okayama City (「東京都千代田区…」, 「倉敷市阿知1丁目」), so that a
 * place that could not be located is answered with "Renkei covers Okayama City only" instead of advice to add a
 * ward or town name the text already has.
 */

/** The municipalities of Japan as the postal code master names them (「倉敷市」, 「岡山市北区」, 「加賀郡吉備中央町」). */
export type PlaceNames = {
  prefectures: readonly string[];
  municipalities: readonly string[];
};

export const okayamaPrefecture = '岡山県';
export const okayamaCity = '岡山市';

/**
 * The head a municipality is typed with: a city up to 「市」 (「札幌市」 for 「札幌市中央区」), a town or village by its
 * 郡 (「加賀郡」 for 「加賀郡吉備中央町」). Tokyo's special wards (「北区」, 「中央区」) and bare town names are left out on
 * purpose: people in Okayama type their own wards and towns (「北区表町」, 「建部町…」) without the city.
 */
function headOf(municipality: string): string | null {
  if (municipality.endsWith('市')) return municipality; // 「四日市市」, 「市川市」: 市 may occur inside the name
  const designatedCity = /^(.+?市)[^市]+区$/.exec(municipality); // 「札幌市中央区」
  if (designatedCity?.[1]) return designatedCity[1];
  return /^[^郡]+郡(?=.+[町村]$)/.exec(municipality)?.[0] ?? null;
}

/** Compiled once per list of names: the heads to look for, longest first. */
export function compilePlaceNames(names: PlaceNames): { prefectures: string[]; heads: string[] } {
  const heads = new Set<string>();
  for (const municipality of names.municipalities) {
    const head = headOf(municipality);
    if (head) heads.add(head);
  }
  heads.delete(okayamaCity);
  return {
    prefectures: [...names.prefectures],
    heads: [...heads].sort((a, b) => b.length - a.length),
  };
}

/**
 * The prefecture or municipality other than Okayama City that the text starts with (after a postal code and
 * 岡山県, if typed), or null when it names none (then it may well be an Okayama City address).
 */
export function namedPlaceOutsideCity(text: string, names: ReturnType<typeof compilePlaceNames>): string | null {
  let rest = text
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/^〒?\d{3}-?\d{4}/, '');
  const prefecture = names.prefectures.find((name) => rest.startsWith(name));
  if (prefecture && prefecture !== okayamaPrefecture) return prefecture;
  if (prefecture) rest = rest.slice(prefecture.length);
  if (rest.startsWith(okayamaCity)) return null;
  return names.heads.find((head) => rest.startsWith(head)) ?? null;
}
