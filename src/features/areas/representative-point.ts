/**
 * A ward's representative point: where a search "in 北区" starts from (GET resources/search?areaCode=).
 *
 * A ward's geometric centroid can lie far from where people live: 北区's is in the hills of the rural north,
 * 南区's on the reclaimed land of Kojima Bay. There is no population by 町丁目 in the data, but the 町丁目
 * representative points (data/okayama/machiaza.json, from Geolonia 住所データ, CC BY 4.0) are dense where people
 * live — a built-up district has many small 丁目, a rural one a few large 大字. So the representative point is the
 * 町丁目 point nearest to the median latitude and the median longitude of the area's 町丁目 points (the median, not
 * the mean, so that a few remote 大字 do not pull it away): 北区 奉還町四丁目, 中区 国富二丁目, 東区 西大寺,
 * 南区 福成一丁目. Being a 町丁目 point, it always lies in the ward and can be named.
 *
 * Computed when first asked from the file already in the repository (no external data at run time).
 */
import { readFileSync } from 'node:fs';
import { projectPath } from '../../platform/paths.js';

export type TownPoint = { lgCode5: string; town: string; lat: number; lng: number };
export type RepresentativePoint = { lat: number; lng: number; town: string };

/** Okayama City (33100): its wards are 33101–33104, all 331xx. */
const cityCode = '33100';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** The point nearest to the component-wise median of `points` (ties: the first town name); null when none. */
export function representativePoint(points: readonly TownPoint[]): RepresentativePoint | null {
  const usable = points.filter((point) => Number.isFinite(point.lat) && Number.isFinite(point.lng));
  if (usable.length === 0) return null;
  const lat = median(usable.map((point) => point.lat));
  const lng = median(usable.map((point) => point.lng));
  // Equirectangular distance: exact enough to rank points a few km apart.
  const cosLat = Math.cos((lat * Math.PI) / 180);
  const squared = (point: TownPoint) => (point.lat - lat) ** 2 + ((point.lng - lng) * cosLat) ** 2;
  let best: TownPoint | null = null;
  for (const point of usable) {
    if (
      !best ||
      squared(point) < squared(best) ||
      (squared(point) === squared(best) && point.town.localeCompare(best.town, 'ja') < 0)
    ) {
      best = point;
    }
  }
  return best && { lat: best.lat, lng: best.lng, town: best.town };
}

/** The representative point of every Okayama City ward in `points`, and of the city itself (33100). */
export function representativePointsByArea(points: readonly TownPoint[]): Map<string, RepresentativePoint> {
  const inCity = points.filter((point) => point.lgCode5.startsWith(cityCode.slice(0, 3)));
  const byArea = new Map<string, TownPoint[]>();
  for (const point of inCity) byArea.set(point.lgCode5, [...(byArea.get(point.lgCode5) ?? []), point]);
  const result = new Map<string, RepresentativePoint>();
  for (const [code, members] of [...byArea, [cityCode, inCity] as const]) {
    const found = representativePoint(members);
    if (found) result.set(code, found);
  }
  return result;
}

let loaded: Map<string, RepresentativePoint> | null = null;

/**
 * The representative points from data/okayama/machiaza.json, read once. An unreadable file gives none (each
 * area then falls back to its centroid), never an error.
 */
export function loadRepresentativePoints(): ReadonlyMap<string, RepresentativePoint> {
  if (loaded) return loaded;
  try {
    const points = JSON.parse(readFileSync(projectPath('data/okayama/machiaza.json'), 'utf8')) as TownPoint[];
    loaded = representativePointsByArea(Array.isArray(points) ? points : []);
  } catch {
    loaded = new Map();
  }
  return loaded;
}
