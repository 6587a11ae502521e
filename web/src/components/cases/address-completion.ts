/**
 * An address typed without its city or ward (「建部町福渡1000」, 「〒709-3111 建部町福渡1000」, 「北区鹿田町2丁目5-1」)
 * is located all the same, but the team, the welfare window and the discharge summary then read an address without
 * its municipality. Once the home is located in a ward, the form offers the address completed with it — only the
 * missing leading parts are added; what the user typed is kept as typed (the postal code in front included).
 */

const postalCodePattern = /^(〒?\s*[0-9０-９]{3}[-－ー]?[0-9０-９]{4}\s*)/;

/**
 * `wardFullName` is the ward the home was located in, as 「岡山市北区」. Null when nothing is missing, or when the
 * typed text names another city or ward (then it is not ours to change).
 */
export function completedAddress(address: string, wardFullName: string): string | null {
  const trimmed = address.trim();
  const [, postal = ''] = postalCodePattern.exec(trimmed) ?? [];
  const rest = trimmed.slice(postal.length).trim();
  if (!rest) return null;
  const city = '岡山市';
  if (!wardFullName.startsWith(city)) return null;
  const ward = wardFullName.slice(city.length);
  const withoutPrefecture = rest.startsWith('岡山県') ? rest.slice('岡山県'.length) : rest;
  if (withoutPrefecture.startsWith(wardFullName)) return null;
  let completed: string;
  if (withoutPrefecture.startsWith(city)) {
    const afterCity = withoutPrefecture.slice(city.length);
    // 岡山市南区 typed for a home located in 北区: leave it to the user and the map.
    if (/^[^\s]{1,3}区/.test(afterCity)) return null;
    completed = `${wardFullName}${afterCity}`;
  } else if (withoutPrefecture.startsWith(ward)) {
    completed = `${city}${withoutPrefecture}`;
  } else {
    // Another municipality or ward named first (倉敷市…, 南区… for a home in 北区) is not completed.
    if (/^[^\s\d０-９]{1,4}[市区郡]/.test(withoutPrefecture) && !/^[^\s]{1,6}町/.test(withoutPrefecture)) return null;
    completed = `${wardFullName}${withoutPrefecture}`;
  }
  return postal ? `${postal.trim()} ${completed}` : completed;
}
