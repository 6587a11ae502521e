/**
 * Offline address → coordinates for 岡山県, using 大字・町丁目 representative points
 * (Geolonia 住所データ / 国土交通省「位置参照情報」). Pure and dependency-free so the product can
 * copy it as is.
 *
 * Steps: normalise the text (NFKC, hyphens, spaces, leading 岡山県, a few 異体字), find the
 * municipality (岡山市北区…, 倉敷市, 和気郡和気町 or 和気町 …), then the longest town name of that
 * municipality the rest of the address starts with. 丁目 may be written `1丁目`, `一丁目` or as the
 * first number of `1-2-41`. Precision:
 * - `machiaza`: matched a 町丁目 point (or a 大字 point when the address names no 丁目);
 * - `oaza`: matched only the 大字 part (e.g. `青江` when only 青江一丁目… exist → mean of them,
 *   or the 大字 point when the address names a 丁目 missing from the data);
 * - `oaza` too: the address names only the start shared by several town names (`建部町`, `北区御津`
 *   → the mean of 建部町*, 御津*), or only a former municipality (`灘崎町`, GeocoderOptions.formerMunicipalities);
 * - `ward`: only the municipality/ward was recognised → its centroid.
 * A former municipality merged into a city is understood whichever way it is written: with or without
 * its 郡 and its 町 (御津郡御津町金川, 御津町金川 → 御津金川; 建部福渡 → 建部町福渡; 灘崎町片岡 → 片岡).
 * A private-use character (外字 lost in conversion, e.g. `北区\ue3cd園866` for 祇園) matches any one
 * character of a town name.
 */

export interface MachiazaPoint {
  /** 5-digit 全国地方公共団体コード of the municipality or ward, e.g. "33101". */
  readonly lgCode5: string;
  /** Municipality name as in the points file, e.g. "岡山市北区", "和気郡和気町". */
  readonly city: string;
  /** 大字・町丁目 name, e.g. "青江一丁目", "大窪". */
  readonly town: string;
  readonly lat: number;
  readonly lng: number;
}

export interface LatLng {
  readonly lat: number;
  readonly lng: number;
}

export type GeocodePrecision = 'machiaza' | 'oaza' | 'ward';

export interface GeocodeResult {
  readonly lgCode5: string;
  readonly city: string;
  /** The matched 町丁目 or 大字 name; null at `ward` precision. */
  readonly town: string | null;
  readonly lat: number;
  readonly lng: number;
  readonly precision: GeocodePrecision;
  /** Normalised remainder of the address after the matched part (番地, building …). */
  readonly rest: string;
}

export interface GeocodeHint {
  /** Municipality to assume when the address text names none (e.g. "厚生町3丁目8-35"). */
  readonly lgCode5?: string;
}

/** A town or village merged into a city whose 町丁目 names keep all, part or none of its name. */
export interface FormerMunicipality {
  /** Its name before the merger, e.g. "灘崎町", "御津町", "建部町". */
  readonly name: string;
  /** Its 郡 before the merger, e.g. "児島郡" (also accepted in front of the name). */
  readonly county?: string;
  /** The municipality or ward it is part of now. */
  readonly lgCode5: string;
  /** What the official 町丁目 names keep of it: "" (灘崎町片岡 → 片岡), "御津" (御津町金川 → 御津金川), "建部町". */
  readonly townPrefix: string;
  /** Its 大字 when the names keep nothing of it (for the centre of the former municipality named alone). */
  readonly towns?: readonly string[];
}

export interface GeocoderOptions {
  /** Former municipalities (see FormerMunicipality). */
  readonly formerMunicipalities?: readonly FormerMunicipality[];
  /** Centroids used at `ward` precision; defaults to the mean of the municipality's points. */
  readonly cityCentroids?: ReadonlyMap<string, LatLng>;
  /** Extra names for a set of municipalities, e.g. { "岡山市": ["33101", "33102", …] }. */
  readonly cityAliases?: Readonly<Record<string, readonly string[]>>;
}

export interface Geocoder {
  geocode(address: string, hint?: GeocodeHint): GeocodeResult | null;
}

const KANJI_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** 1 → 一, 10 → 十, 11 → 十一, 21 → 二十一 (1–99). */
export function toKanjiNumeral(value: number): string {
  if (!Number.isInteger(value) || value < 1 || value > 99) throw new RangeError(`toKanjiNumeral: ${value}`);
  const tens = Math.floor(value / 10);
  const ones = value % 10;
  const tensPart = tens === 0 ? '' : tens === 1 ? '十' : `${KANJI_DIGITS[tens] ?? ''}十`;
  return tensPart + (ones === 0 ? '' : (KANJI_DIGITS[ones] ?? ''));
}

/** 一 → 1, 十 → 10, 十一 → 11, 二十一 → 21; null when not a numeral of that form. */
export function fromKanjiNumeral(text: string): number | null {
  const match = /^([一二三四五六七八九]?)(十?)([一二三四五六七八九]?)$/.exec(text);
  if (!match || text === '') return null;
  const [, a = '', ten = '', b = ''] = match;
  const digit = (c: string): number => KANJI_DIGITS.indexOf(c as (typeof KANJI_DIGITS)[number]);
  if (ten === '') return a !== '' && b === '' ? digit(a) : null;
  return (a === '' ? 1 : digit(a)) * 10 + (b === '' ? 0 : digit(b));
}

const HYPHENS = '\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2500\u30fc\uff0d\uff70';
const HYPHEN_AFTER_DIGIT = new RegExp(`(?<=[0-9])[${HYPHENS}]`, 'g');
const HYPHEN_AFTER_KATAKANA = new RegExp(`(?<=[\u30a1-\u30fa\u30fc])[${HYPHENS}]`, 'g');

/**
 * Display form of an address: NFKC (full-width digits/letters/spaces → half-width), hyphen-like
 * characters after a digit → "-", after a katakana → "ー" (タ－ミナル → ターミナル), spaces
 * collapsed, leading 岡山県 removed.
 */
export function formatAddress(address: string): string {
  return address
    .normalize('NFKC')
    .replace(HYPHEN_AFTER_DIGIT, '-')
    .replace(HYPHEN_AFTER_KATAKANA, 'ー')
    .replace(/[\s\u3000]+/g, ' ')
    .trim()
    .replace(/^岡山県\s*/, '');
}

/** Variant characters unified on both sides of the comparison (matching only). */
const VARIANTS: Readonly<Record<string, string>> = {
  榮: '栄',
  﨑: '崎',
  嵜: '崎',
  髙: '高',
  邊: '辺',
  邉: '辺',
  濱: '浜',
  澤: '沢',
  齋: '斎',
  齊: '斉',
  曾: '曽',
  衹: '祇',
  ヶ: 'ケ',
  ヵ: 'カ',
  // 巿 (U+5DFF, 「ふつ」) looks like 市 and is a common slip of input methods and OCR: 岡山巿北区 is 岡山市北区.
  巿: '市',
};
const VARIANT_PATTERN = new RegExp(`[${Object.keys(VARIANTS).join('')}]`, 'g');

/** Matching form: display form without any spaces and with variant characters unified. */
export function normalizeAddress(address: string): string {
  return formatAddress(address)
    .replace(/ /g, '')
    .replace(VARIANT_PATTERN, (c) => VARIANTS[c] ?? c);
}

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function distanceMeters(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function mean(points: readonly LatLng[]): LatLng {
  let lat = 0;
  let lng = 0;
  for (const p of points) {
    lat += p.lat;
    lng += p.lng;
  }
  return { lat: lat / points.length, lng: lng / points.length };
}

/** A town key: a 大字/町 name with its own point and/or 丁目 points (青江 → 青江一丁目 …). */
interface TownEntry {
  readonly lgCode5: string;
  readonly city: string;
  readonly base: string;
  bare: LatLng | null;
  readonly chome: Map<number, LatLng>;
}

interface CityEntry {
  readonly lgCode5: string;
  readonly city: string;
  /** Town entries, longest base first (ties by name for determinism). */
  readonly towns: TownEntry[];
  readonly centroid: LatLng;
}

const CHOME_NAME = /^(.+?)([一二三四五六七八九十]+)丁目$/;
const CHOME_IN_ADDRESS = /^([0-9]+|[一二三四五六七八九十]+)丁目/;
const TOWN_END = /^(?:$|[0-9一二三四五六七八九十]|字|大字|番|-|の)/;
const CHOME_AS_NUMBER = /^([0-9]+)(?:-|の|$)/;

/** Private-use characters are gaiji lost in conversion (e.g. U+E3CD for 祇): they match any one character. */
const isGaiji = (c: string | undefined): boolean => c !== undefined && c >= '\ue000' && c <= '\uf8ff';
function startsWithLoose(text: string, prefix: string): boolean {
  if (prefix.length > text.length) return false;
  for (let i = 0; i < prefix.length; i += 1) {
    if (text[i] !== prefix[i] && !isGaiji(text[i])) return false;
  }
  return true;
}

function sortTowns(towns: TownEntry[]): TownEntry[] {
  return towns.sort(
    (a, b) =>
      b.base.length - a.base.length ||
      (a.base < b.base ? -1 : a.base > b.base ? 1 : 0) ||
      (a.lgCode5 < b.lgCode5 ? -1 : 1),
  );
}

export function createGeocoder(points: readonly MachiazaPoint[], options: GeocoderOptions = {}): Geocoder {
  // Group the points per municipality and town key; average duplicates (e.g. 小字 rows).
  const byCity = new Map<
    string,
    { city: string; points: LatLng[]; towns: Map<string, TownEntry>; dup: Map<string, LatLng[]> }
  >();
  for (const point of points) {
    let cityGroup = byCity.get(point.lgCode5);
    if (!cityGroup) {
      cityGroup = { city: point.city, points: [], towns: new Map(), dup: new Map() };
      byCity.set(point.lgCode5, cityGroup);
    }
    cityGroup.points.push(point);
    const town = normalizeAddress(point.town);
    const list = cityGroup.dup.get(town) ?? [];
    list.push({ lat: point.lat, lng: point.lng });
    cityGroup.dup.set(town, list);
  }
  const cities = new Map<string, CityEntry>();
  for (const [lgCode5, group] of byCity) {
    for (const [town, list] of group.dup) {
      const location = mean(list);
      const chome = CHOME_NAME.exec(town);
      const number = chome?.[2] ? fromKanjiNumeral(chome[2]) : null;
      const base = chome?.[1] && number !== null ? chome[1] : town;
      let entry = group.towns.get(base);
      if (!entry) {
        entry = { lgCode5, city: group.city, base, bare: null, chome: new Map() };
        group.towns.set(base, entry);
      }
      if (number !== null && base !== town) entry.chome.set(number, location);
      else entry.bare = location;
    }
    cities.set(lgCode5, {
      lgCode5,
      city: group.city,
      towns: sortTowns([...group.towns.values()]),
      centroid: options.cityCentroids?.get(lgCode5) ?? mean(group.points),
    });
  }

  // Names under which a municipality can appear at the start of an address.
  const cityNames: { name: string; codes: string[] }[] = [];
  for (const entry of cities.values()) {
    const name = normalizeAddress(entry.city);
    cityNames.push({ name, codes: [entry.lgCode5] });
    const withoutGun = /^.+?郡(.+[町村])$/.exec(name)?.[1];
    if (withoutGun) cityNames.push({ name: withoutGun, codes: [entry.lgCode5] });
  }
  for (const [alias, codes] of Object.entries(options.cityAliases ?? {})) {
    cityNames.push({ name: normalizeAddress(alias), codes: codes.filter((c) => cities.has(c)) });
  }
  cityNames.sort((a, b) => b.name.length - a.name.length || (a.name < b.name ? -1 : 1));

  function matchTown(codes: readonly string[], rest: string, preferred?: string): GeocodeResult | null {
    const candidates = sortTowns(codes.flatMap((code) => cities.get(code)?.towns ?? []));
    const text = rest.replace(/^大字/, '');
    // The town name must be followed by a number, 字, a hyphen or the end: this keeps a short town
    // (吉) from matching the start of a longer name missing from the data (吉備…).
    const matches = candidates.filter((t) => startsWithLoose(text, t.base) && TOWN_END.test(text.slice(t.base.length)));
    if (matches.length === 0) return null;
    const longest = matches[0]?.base.length ?? 0;
    const best = matches.filter((t) => t.base.length === longest);
    const entry = best.find((t) => t.lgCode5 === preferred) ?? best[0];
    if (!entry) return null;
    const after = text.slice(entry.base.length);
    const explicit = CHOME_IN_ADDRESS.exec(after);
    let chomeNumber: number | null = null;
    let consumed = 0;
    if (explicit?.[1]) {
      chomeNumber = /^[0-9]+$/.test(explicit[1]) ? Number(explicit[1]) : fromKanjiNumeral(explicit[1]);
      consumed = explicit[0].length;
    } else if (entry.chome.size > 0) {
      const implicit = CHOME_AS_NUMBER.exec(after);
      if (implicit?.[1] && entry.chome.has(Number(implicit[1]))) {
        chomeNumber = Number(implicit[1]);
        consumed = implicit[1].length + (after[implicit[1].length] === '-' ? 1 : 0);
      }
    }
    const base = { lgCode5: entry.lgCode5, city: entry.city };
    if (chomeNumber !== null) {
      const point = entry.chome.get(chomeNumber);
      if (point) {
        return {
          ...base,
          town: `${entry.base}${toKanjiNumeral(chomeNumber)}丁目`,
          ...point,
          precision: 'machiaza',
          rest: after.slice(consumed),
        };
      }
    }
    if (entry.bare) {
      return {
        ...base,
        town: entry.base,
        ...entry.bare,
        precision: chomeNumber === null ? 'machiaza' : 'oaza',
        rest: after.slice(consumed),
      };
    }
    const location = mean([...entry.chome.values()]);
    return { ...base, town: entry.base, ...location, precision: 'oaza', rest: after.slice(consumed) };
  }

  /** A town entry's one point: its own, else the mean of its 丁目. */
  const townPoint = (entry: TownEntry): LatLng => entry.bare ?? mean([...entry.chome.values()]);

  /**
   * The text names only the start of several town names (`建部町`, `御津`, `瀬戸町12`): the mean of those towns,
   * in the preferred municipality or else the one with the most of them.
   */
  function matchTownPrefix(codes: readonly string[], rest: string, preferred?: string): GeocodeResult | null {
    const text = rest.replace(/^大字/, '');
    const head = /^[^0-9-]*/.exec(text)?.[0] ?? '';
    if (head.length < 2) return null;
    const byCode = new Map<string, TownEntry[]>();
    for (const code of codes) {
      const towns = (cities.get(code)?.towns ?? []).filter(
        (t) => t.base.length > head.length && startsWithLoose(t.base, head),
      );
      if (towns.length >= 2) byCode.set(code, towns);
    }
    const chosen =
      (preferred ? byCode.get(preferred) : undefined) ??
      [...byCode.values()].sort(
        (a, b) => b.length - a.length || ((a[0]?.lgCode5 ?? '') < (b[0]?.lgCode5 ?? '') ? -1 : 1),
      )[0];
    const first = chosen?.[0];
    if (!chosen || !first) return null;
    return {
      lgCode5: first.lgCode5,
      city: first.city,
      town: head,
      ...mean(chosen.map(townPoint)),
      precision: 'oaza',
      rest: text.slice(head.length),
    };
  }

  // Former municipalities: every way of writing each, longest first.
  const formerForms = (options.formerMunicipalities ?? [])
    .flatMap((former) => {
      const name = normalizeAddress(former.name);
      const short = /^(.{2,})[町村]$/.exec(name)?.[1];
      const names = [name, ...(short ? [short] : [])];
      const county = former.county ? normalizeAddress(former.county) : null;
      return [...names, ...(county ? names.map((n) => `${county}${n}`) : [])].map((form) => ({ form, former }));
    })
    .sort((a, b) => b.form.length - a.form.length || (a.form < b.form ? -1 : 1));

  function matchFormer(codes: readonly string[], rest: string, preferred?: string): GeocodeResult | null {
    const text = rest.replace(/^大字/, '');
    for (const { form, former } of formerForms) {
      if (!codes.includes(former.lgCode5) || !text.startsWith(form)) continue;
      const after = text.slice(form.length).replace(/^大字/, '');
      const prefix = normalizeAddress(former.townPrefix);
      const written = `${prefix}${after}`;
      const found = matchTown([former.lgCode5], written, preferred);
      if (found) return found;
      if (prefix !== '') {
        const around = matchTownPrefix([former.lgCode5], prefix, former.lgCode5);
        if (around) return { ...around, rest: after };
      }
      const city = cities.get(former.lgCode5);
      const towns = (former.towns ?? [])
        .map((name) => city?.towns.find((t) => t.base === normalizeAddress(name)))
        .filter((t): t is TownEntry => t !== undefined);
      if (!city || towns.length === 0) continue;
      return {
        lgCode5: city.lgCode5,
        city: city.city,
        town: normalizeAddress(former.name),
        ...mean(towns.map(townPoint)),
        precision: 'oaza',
        rest: after,
      };
    }
    return null;
  }

  function geocode(address: string, hint: GeocodeHint = {}): GeocodeResult | null {
    const text = normalizeAddress(address);
    const named = cityNames.find((c) => text.startsWith(c.name));
    let codes: readonly string[];
    let rest: string;
    if (named) {
      codes = named.codes;
      rest = text.slice(named.name.length);
    } else if (hint.lgCode5 && cities.has(hint.lgCode5)) {
      codes = [hint.lgCode5];
      rest = text;
    } else {
      return null;
    }
    const town =
      matchTown(codes, rest, hint.lgCode5) ??
      matchFormer(codes, rest, hint.lgCode5) ??
      matchTownPrefix(codes, rest, hint.lgCode5);
    if (town) return town;
    const code =
      hint.lgCode5 && codes.includes(hint.lgCode5) ? hint.lgCode5 : codes.length === 1 ? codes[0] : undefined;
    const city = code ? cities.get(code) : undefined;
    if (!city) return null;
    return { lgCode5: city.lgCode5, city: city.city, town: null, ...city.centroid, precision: 'ward', rest };
  }

  return { geocode };
}
