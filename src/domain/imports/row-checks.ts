/** Checks of single values shared by the import formats; each returns the clean value or a Japanese reason. */
import { distanceKm } from '../directory/geo.js';
import { isInJapan, round6 } from './normalize.js';
import { isPrefectureCode } from './prefectures.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const fail = <T>(reason: string): Checked<T> => ({ ok: false, reason });

/** Quotes a cell in a message, shortened. */
export function quote(value: string): string {
  const text = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return `「${text}」`;
}

/** 介護保険事業所番号: 10 characters, 都道府県番号(2) + 8 more (digits, or a capital letter in 3rd place). */
export function checkCareOfficeNumber(raw: string): Checked<string> {
  const value = raw.normalize('NFKC').trim().toUpperCase();
  if (!/^[0-9]{2}[0-9A-Z]{8}$/.test(value)) return fail(`事業所番号が10桁ではありません（${quote(raw)}）`);
  if (!isPrefectureCode(value.slice(0, 2))) {
    return fail(`事業所番号の先頭2桁が都道府県番号（01〜47）ではありません（${quote(raw)}）`);
  }
  return ok(value);
}

/** 医療機関コード (10 digits): 都道府県番号(2) + 点数表番号(1: 1 医科, 3 歯科, 4 調剤, 6 訪問看護) + 7 digits. */
export function checkMedicalInstitutionCode(raw: string): Checked<string> {
  const value = raw.normalize('NFKC').replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(value)) return fail(`医療機関コードが10桁の数字ではありません（${quote(raw)}）`);
  if (!isPrefectureCode(value.slice(0, 2))) {
    return fail(`医療機関コードの先頭2桁が都道府県番号（01〜47）ではありません（${quote(raw)}）`);
  }
  if (!'1346'.includes(value.charAt(2))) {
    return fail(`医療機関コードの3桁目（点数表番号）は 1・3・4・6 のいずれかです（${quote(raw)}）`);
  }
  return ok(value);
}

export type CoordinateResult = {
  location: { lat: number; lng: number } | null;
  /** The row cannot be used. */
  error?: string;
  /** The row is used without its coordinates. */
  warning?: string;
};

/**
 * Latitude and longitude. Blank, or 0 in both (the sources' "unknown"), is no location. Text that is
 * not a number rejects the row. A point outside Japan rejects the row (`outsideJapan: 'reject'`, for
 * hand-made files) or is dropped with a warning (`'warn'`, for public files that carry a few such
 * upstream geocoding errors): the address is then located instead.
 */
export function checkCoordinates(
  latText: string,
  lngText: string,
  options: { outsideJapan: 'reject' | 'warn' },
): CoordinateResult {
  const latRaw = latText.normalize('NFKC').trim();
  const lngRaw = lngText.normalize('NFKC').trim();
  if (latRaw === '' && lngRaw === '') return { location: null };
  const lat = Number(latRaw);
  const lng = Number(lngRaw);
  const shown = `緯度${quote(latText)}・経度${quote(lngText)}`;
  if ((latRaw !== '' && !Number.isFinite(lat)) || (lngRaw !== '' && !Number.isFinite(lng))) {
    return { location: null, error: `緯度・経度が数値ではありません（${shown}）` };
  }
  const isLatMissing = latRaw === '' || lat === 0;
  const isLngMissing = lngRaw === '' || lng === 0;
  // 0 stands for "not known" in the public files: said (the address is located instead), never used as a point.
  if (isLatMissing && isLngMissing)
    return latRaw === '' && lngRaw === ''
      ? { location: null }
      : options.outsideJapan === 'warn'
        ? { location: null, warning: `緯度・経度が 0 です（${shown}）。座標は使わず、住所から位置を推定します` }
        : { location: null };
  if (isLatMissing || isLngMissing) return { location: null, error: `緯度と経度の片方が空か 0 です（${shown}）` };
  if (!isInJapan(lat, lng)) {
    const message = `緯度・経度が日本の範囲外です（${shown}）`;
    return options.outsideJapan === 'reject'
      ? { location: null, error: message }
      : { location: null, warning: `${message}。座標は使わず、住所から位置を推定します` };
  }
  return { location: { lat: round6(lat), lng: round6(lng) } };
}

/** Farther than this from the centroid of the ward the row's codes name, a point is not believed. */
export const maxDistanceFromAreaKm = 25;

/**
 * The point of a public file checked against the area the row's codes name: returns the point, or
 * null and a warning when it lies too far away (upstream geocoding errors do happen).
 */
export function checkPointInArea(
  location: { lat: number; lng: number } | null,
  areaCode: string | null,
  centroids: ReadonlyMap<string, { lat: number; lng: number }> | undefined,
): { location: { lat: number; lng: number } | null; warning?: string } {
  const centroid = areaCode ? centroids?.get(areaCode) : undefined;
  if (!location || !centroid) return { location };
  const distance = distanceKm(location.lng, location.lat, centroid.lng, centroid.lat);
  if (distance <= maxDistanceFromAreaKm) return { location };
  return {
    location: null,
    warning: `緯度・経度（${location.lat}, ${location.lng}）が地域 ${areaCode ?? ''} から ${Math.round(distance)} km 離れているため使わず、住所から位置を推定します`,
  };
}
