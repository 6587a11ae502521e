/**
 * Where an organisation is: the point its administrator gives, else its address located with the
 * product's offline geocoder (the one case registration and the directory imports use). Only
 * organisations with a point are in the directory index, so one that cannot be located is saved
 * with a warning that 資源検索 will not show it; an address located outside Okayama City is refused
 * (400 `location_outside_city` on `address`), and so is a ward (区) other than the one the address is in. A
 * point placed on the map must lie in the city (`location_outside_city` on `lat`) and not in another ward far
 * from the address (`point_differs_from_address`).
 */
import type { DbExecutor } from '../../db/client.js';
import { AppError, errors, type ErrorDetail } from '../../platform/errors.js';
import { createGeocodeService, okayamaCityCode, type AreaShape } from '../geocode/geocode.service.js';
import { outsideCityError } from '../geocode/outside-city.js';
import { placeOutsideCity } from '../directory/place-not-found.js';
import * as repository from './organization.repository.js';

export type OrganizationLocation = {
  lat: number | null;
  lng: number | null;
  /** 'source' for a point given with the record, else the geocoder's precision; null when unknown. */
  geocodePrecision: string | null;
};

export type LocationWarning = {
  path: 'address';
  code: 'address_not_located' | 'address_located_to_ward';
  message: string;
};

export const locationWarnings = {
  address_not_located: '住所から位置を特定できませんでした。資源検索に表示されません。',
  address_located_to_ward: '住所から区までしか特定できませんでした。資源検索の距離は区の中心からの概算になります。',
} as const satisfies Record<LocationWarning['code'], string>;

type PointInput = { lat?: number | null | undefined; lng?: number | null | undefined };

/** A point is given whole or not at all (400 naming the missing half). */
export function pointProblems(input: PointInput): ErrorDetail[] {
  const hasLat = input.lat !== undefined && input.lat !== null;
  const hasLng = input.lng !== undefined && input.lng !== null;
  if (hasLat === hasLng) return [];
  return [
    hasLat
      ? { path: 'lng', message: '緯度（lat）と経度（lng）は両方を指定してください。' }
      : { path: 'lat', message: '緯度（lat）と経度（lng）は両方を指定してください。' },
  ];
}

export function createOrganizationLocator() {
  // The areas are read once, through the first caller's executor (its transaction): on PGlite a
  // query on the outer database from inside a transaction would wait for that transaction forever.
  let areaList: AreaShape[] | null = null;
  const geocoder = createGeocodeService(async () => {
    if (!areaList) throw new Error('areas read before they were loaded');
    return areaList;
  });

  async function loadAreas(executor: DbExecutor): Promise<AreaShape[]> {
    areaList ??= await repository.loadAreaShapes(executor);
    return areaList;
  }

  /**
   * The address located by the geocoder; outside Okayama City, 400 naming the address field — also when the offline
   * data cannot locate it but it names another prefecture or city (「東京都千代田区千代田1-1」) or is a postal code
   * outside the city: saved, it would only be an organisation 資源検索 never shows.
   */
  async function locateAddress(address: string) {
    try {
      const place = await geocoder.locate(address);
      const outside = place ? null : placeOutsideCity(address);
      if (outside) throw outsideCityError(address.trim(), outside, 400);
      return place;
    } catch (error) {
      if (error instanceof AppError && error.code === 'location_outside_city') {
        throw new AppError(error.code, 400, error.message, [
          { path: 'address', message: error.message, code: 'address_outside_city' },
        ]);
      }
      throw error;
    }
  }

  /**
   * Refuses a ward (区) that is not the one the address was located in (400 `validation_failed` on
   * `areaCode`, naming both): saved as given, 区で探す would list the organisation in the wrong ward.
   * Nothing to compare when the address was not located, names only the city (「岡山市」), or the point
   * was given with the record.
   */
  async function assertWardOfAddress(
    executor: DbExecutor,
    given: string | null | undefined,
    located: { location: OrganizationLocation; areaCode: string | null },
    address: string,
  ): Promise<void> {
    if (!given || !located.areaCode || located.areaCode === okayamaCityCode || given === located.areaCode) return;
    if (located.location.geocodePrecision === null || located.location.geocodePrecision === 'source') return;
    const areas = await loadAreas(executor);
    const nameOf = (code: string) => areas.find((area) => area.code === code)?.name ?? code;
    const [givenName, locatedName] = [nameOf(given), nameOf(located.areaCode)];
    throw errors.validation([
      {
        path: 'areaCode',
        message: `所在地「${address.trim()}」は${locatedName}にあります（選ばれた区は${givenName}）。区に${locatedName}を選ぶか「未設定」にするか、所在地を確かめてください。`,
        code: 'area_differs_from_address',
        params: { address: address.trim(), given, located: located.areaCode, givenName, locatedName },
      },
    ]);
  }

  /** The ward (area code) a point lies in, when it is a registered area. */
  async function knownArea(executor: DbExecutor, code: string | null): Promise<string | null> {
    if (code === null) return null;
    return (await loadAreas(executor)).some((area) => area.code === code) ? code : null;
  }

  /**
   * The location of an organisation at `address`, or at the point given (which wins), with the
   * area the point lies in and what the answer should warn about.
   */
  async function locate(
    executor: DbExecutor,
    input: { address: string; lat?: number | null | undefined; lng?: number | null | undefined },
  ): Promise<{ location: OrganizationLocation; areaCode: string | null; warnings: LocationWarning[] }> {
    await loadAreas(executor);
    if (input.lat !== undefined && input.lat !== null && input.lng !== undefined && input.lng !== null) {
      const checked = await geocoder.pointWithAddress(input.address, input.lat, input.lng, {
        point: 'lat',
        address: 'address',
      });
      if (checked.mismatch) {
        const { addressAreaName, pointAreaName } = checked.mismatch;
        throw errors.validation([
          {
            path: 'lat',
            message: `地図の位置は${pointAreaName}ですが、所在地「${input.address.trim()}」は${addressAreaName}にあります。地図の位置か所在地を確かめてください。`,
            code: 'point_differs_from_address',
            params: {
              address: input.address.trim(),
              addressArea: checked.mismatch.addressArea,
              pointArea: checked.mismatch.pointArea,
            },
          },
        ]);
      }
      const areaCode = await knownArea(executor, checked.areaCode);
      return { location: { lat: input.lat, lng: input.lng, geocodePrecision: 'source' }, areaCode, warnings: [] };
    }
    const place = input.address.trim() === '' ? null : await locateAddress(input.address);
    if (!place) {
      return {
        location: { lat: null, lng: null, geocodePrecision: null },
        areaCode: null,
        warnings: [{ path: 'address', code: 'address_not_located', message: locationWarnings.address_not_located }],
      };
    }
    return {
      location: { lat: place.lat, lng: place.lng, geocodePrecision: place.precision },
      areaCode: await knownArea(executor, place.areaCode),
      warnings:
        place.precision === 'ward'
          ? [{ path: 'address', code: 'address_located_to_ward', message: locationWarnings.address_located_to_ward }]
          : [],
    };
  }

  return { locate, assertWardOfAddress };
}

export type OrganizationLocator = ReturnType<typeof createOrganizationLocator>;
