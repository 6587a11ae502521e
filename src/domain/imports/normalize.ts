/**
 * Cleaning of the values found in the public facility lists (names, addresses, phones, URLs,
 * coordinates, local-government codes). Shared by the data build script and the imports, so the
 * demo data set and an imported file of the same office come out the same.
 */
import { formatAddress, normalizeAddress } from '../geocode/address-geocoder.js';

/** Names and kana: NFKC, hyphens after digits/katakana fixed, spaces collapsed (no 岡山県 strip). */
export function cleanName(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/(?<=[0-9])[-\u2010-\u2015\u2212\u30fc\uff0d\uff70]/g, '-')
    .replace(/(?<=[\u30a1-\u30fa\u30fc])[-\u2010-\u2015\u2212\uff0d\uff70]/g, 'ー')
    .replace(/[\s\u3000]+/g, ' ')
    .trim();
}

/** Like cleanName, but an empty result is null. */
export function cleanText(value: string | undefined): string | null {
  const text = cleanName(value ?? '');
  return text === '' ? null : text;
}

/**
 * Web address or null. Repairs the common slips of the source (http//, https//, http:www.,
 * http:/x) and adds http:// to a bare host name; e-mail addresses and non-URLs are dropped.
 */
export function cleanUrl(value: string | undefined): string | null {
  const url = (value ?? '')
    .normalize('NFKC')
    .trim()
    .replace(/^(?:https?:\/\/)+(?=https?:)/i, '')
    .replace(/^(https?):?\/{0,2}(?=[^/])/i, '$1://');
  if (/^https?:\/\/[a-z0-9-]+(\.[a-z0-9-]+)+(?::\d+)?(\/\S*)?$/i.test(url)) return url;
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+(\/\S*)?$/i.test(url) && !url.includes('@')) return `http://${url}`;
  return null;
}

/** Phone or fax number (digits, hyphens, parentheses) or null. */
export function cleanPhone(value: string | undefined): string | null {
  // Full width and dash look-alikes typed with a Japanese IME (０８６ー…, 086－…) read as the number they are.
  const phone = (value ?? '')
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212\u30fc\uff70\ufe63]/g, '-')
    .replace(/\s+/g, '')
    .trim();
  return /^[0-9()-]{6,}$/.test(phone) ? phone : null;
}

/** A coordinate; blank, non-numeric and 0 (the sources' "unknown") are null. */
export function parseCoordinate(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n !== 0 ? n : null;
}

/** Rounds to 6 decimals (about 0.1 m), as the data set stores coordinates. */
export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** A generous box around Japan (including 沖縄 and the outlying islands). */
export const JAPAN_BOUNDS = { minLat: 20, maxLat: 46, minLng: 122, maxLng: 154 } as const;

export function isInJapan(lat: number, lng: number): boolean {
  return (
    lat >= JAPAN_BOUNDS.minLat && lat <= JAPAN_BOUNDS.maxLat && lng >= JAPAN_BOUNDS.minLng && lng <= JAPAN_BOUNDS.maxLng
  );
}

/**
 * Undoes "住所+方書 方書" (the derived 訪問看護 set appends 方書 to a 住所 that already ends with it):
 * "…8-35光生病院 光生病院" → "…8-35 光生病院", "新保771-4201 201" → "新保771-4 201"; the 住所 alone when the
 * 方書 does not follow a house number (joinBuilding).
 */
export function dedupeTrailing(address: string): string {
  const match = /^(.*) (.+)$/.exec(address);
  if (!match?.[1] || !match[2] || !match[1].endsWith(match[2])) return address;
  return joinBuilding(match[1], match[2]);
}

/** The end of a house number: a digit, or 号 / 番 / 番地 (「4番1号」「830番」「676番地」). */
const houseNumberEnd = /(\d|号|番|番地)$/;

/**
 * 住所 + 方書 with one space; a 方書 already contained in the 住所 is not repeated. A 住所 that ends with its 方書
 * glued to the house number (「上中野1丁目19-18101」 + 「101」, which reads as another house number) gets the space
 * back (「上中野1丁目19-18 101」) — only when what precedes the 方書 ends like a house number: otherwise the 住所 is
 * kept as it is, never cut inside a word (「7-107フレグランスアコオ103」 with a 方書 that lacks its first letter).
 */
export function joinBuilding(street: string, building: string): string {
  const s = street.trim();
  const b = building.trim();
  if (b === '') return s;
  if (s.endsWith(b) && s.length > b.length) {
    const before = s.slice(0, -b.length).trimEnd();
    return houseNumberEnd.test(before) ? `${before} ${b}` : s;
  }
  if (s.replace(/ /g, '').includes(b.replace(/ /g, ''))) return s;
  return `${s} ${b}`;
}

/** 全国地方公共団体コード check digit (総務省): c = (11 − Σ wᵢdᵢ mod 11) mod 10, w = 6..2. */
export function lgCheckDigit(code5: string): string {
  let sum = 0;
  for (let i = 0; i < code5.length; i += 1) sum += Number(code5.charAt(i)) * (6 - i);
  return String((11 - (sum % 11)) % 10);
}

/** 6-digit code with check digit → 5-digit code, or null when malformed or the check digit is wrong. */
export function lgCode6to5(code6: string): string | null {
  if (!/^\d{6}$/.test(code6)) return null;
  const code5 = code6.slice(0, 5);
  return lgCheckDigit(code5) === code6.slice(5) ? code5 : null;
}

export type MedicalKindDecision = { kind: 'hospital' | 'clinic'; reason: string };

/** 病院 vs 診療所 from the name alone (the 医療機関コード lists have no type column). */
export function classifyMedical(name: string): MedicalKindDecision {
  const n = cleanName(name).replace(/ /g, '');
  if (/病院$/.test(n)) return { kind: 'hospital', reason: 'name ends with 病院' };
  if (/(医療センター|療護センター)$/.test(n)) {
    return { kind: 'hospital', reason: 'name ends with 医療センター/療護センター (no 病院 in facility name: verify)' };
  }
  if (n.includes('病院'))
    return { kind: 'clinic', reason: 'contains 病院 but not as the facility type (附属/分院/法人名): verify' };
  return { kind: 'clinic', reason: 'no 病院 in name' };
}

/** Address key for matching: normalised address up to the end of its first number run. */
export function addressKey(address: string): string {
  const text = normalizeAddress(address)
    .replace(/([一二三四五六七八九十]+)丁目/g, (_m, k: string) => `${'一二三四五六七八九'.indexOf(k) + 1 || k}-`)
    .replace(/([0-9]+)丁目/g, '$1-')
    .replace(/(?<=[0-9])(?:番地の|番地|番の|番|号|の)(?=[0-9])/g, '-');
  return /^(.*?[0-9]+(?:-[0-9]+)*)/.exec(text)?.[1] ?? text;
}

/** The facility part of a name: last space-separated token, without service suffixes. */
export function facilityToken(name: string): string {
  const tokens = cleanName(name).split(' ');
  const last = tokens[tokens.length - 1] ?? '';
  return last.replace(
    /(訪問看護ステーション|訪問看護|訪問リハビリテーション|訪問リハビリセンター|リハビリテーション部|通所リハビリテーション|デイケア)$/,
    '',
  );
}

const OKAYAMA_CITY = '岡山市';
const OKAYAMA_WARDS: Readonly<Record<string, string>> = { 北: '33101', 中: '33102', 東: '33103', 南: '33104' };

/** Ward code (33101–33104) from an address that starts with 岡山市X区, else null. */
export function okayamaWardFromAddress(address: string): string | null {
  const ward = /^岡山市(北|中|東|南)区/.exec(normalizeAddress(address))?.[1];
  return ward ? (OKAYAMA_WARDS[ward] ?? null) : null;
}

/**
 * Display address of a 介護 office row, starting with the municipality: repairs a leading hyphen,
 * text before 岡山市, a missing 岡山市 before the ward, a segment repeated after the ward, and adds
 * the municipality when the 住所 omits it (normal in the open data). Returns the repairs made.
 */
export function officeAddress(raw: string, cityName: string | null): { address: string; repairs: string[] } {
  const repairs: string[] = [];
  let address = dedupeTrailing(formatAddress(raw));
  if (/^[-\s]/.test(address)) {
    address = address.replace(/^[-\s]+/, '').replace(/^岡山県/, '');
    repairs.push('leading hyphen');
  }
  if (!address.startsWith(OKAYAMA_CITY)) {
    const at = address.indexOf(OKAYAMA_CITY);
    const ward = cityName?.startsWith(OKAYAMA_CITY) ? cityName.slice(OKAYAMA_CITY.length) : null;
    if (at > 0 && /^岡山市(北|中|東|南)区/.test(address.slice(at))) {
      address = address.slice(at);
      repairs.push('text before the city');
    } else if (ward && address.startsWith(ward)) {
      address = `${OKAYAMA_CITY}${address}`; // "北区厚生町…" (prefecture given, city missing)
      repairs.push('city missing before the ward');
    } else if (cityName && !address.startsWith(cityName)) {
      address = `${cityName}${address}`; // 住所 without the municipality: normal in the open data
    }
  }
  // A segment repeated right after the ward ("岡山市東区瀬戸町瀬戸町瀬戸36-1").
  const deduped = address.replace(/^(岡山市[北中東南]区)(.{2,}?)\2/, '$1$2');
  if (deduped !== address) repairs.push('repeated segment');
  address = deduped;
  return { address, repairs };
}

/** 7-digit postal code (〒, hyphens and full-width digits accepted) or null. */
export function cleanPostalCode(value: string | undefined): string | null {
  const digits = (value ?? '')
    .normalize('NFKC')
    .replace(/^〒/, '')
    .replace(/[\s\-ー−‐]/g, '');
  return /^\d{7}$/.test(digits) ? digits : null;
}
