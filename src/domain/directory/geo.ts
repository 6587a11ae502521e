/**
 * Great-circle geometry on the haversine ("haverSin") scale used by the directory search.
 * The formulas follow geokdbush (MIT, © Vladimir Agafonkin), so distances agree with it exactly.
 */

const earthRadiusKm = 6371;
const rad = Math.PI / 180;

export function haverSin(theta: number): number {
  const s = Math.sin(theta / 2);
  return s * s;
}

function haverSinDistPartial(haverSinDLng: number, cosLat1: number, lat1: number, lat2: number): number {
  return cosLat1 * Math.cos(lat2 * rad) * haverSinDLng + haverSin((lat1 - lat2) * rad);
}

/** Monotonic in the great-circle distance: compare these instead of kilometres in hot loops. */
export function haverSinDist(lng1: number, lat1: number, lng2: number, lat2: number, cosLat1: number): number {
  return haverSinDistPartial(haverSin((lng1 - lng2) * rad), cosLat1, lat1, lat2);
}

export function haverSinToKm(h: number): number {
  return 2 * earthRadiusKm * Math.asin(Math.sqrt(h));
}

export function kmToHaverSin(km: number): number {
  return haverSin(km / earthRadiusKm);
}

export function cosLatOf(lat: number): number {
  return Math.cos(lat * rad);
}

/** Great-circle distance in kilometres. */
export function distanceKm(lng1: number, lat1: number, lng2: number, lat2: number): number {
  return haverSinToKm(haverSinDist(lng1, lat1, lng2, lat2, Math.cos(lat1 * rad)));
}

function vertexLat(lat: number, haverSinDLng: number): number {
  const cosDLng = 1 - 2 * haverSinDLng;
  if (cosDLng <= 0) return lat > 0 ? 90 : -90;
  return Math.atan(Math.tan(lat * rad) / cosDLng) / rad;
}

/** Lower bound of the haverSin distance from a point to any point of a lng/lat box. */
export function boxHaverSinDist(
  lng: number,
  lat: number,
  cosLat: number,
  minLng: number,
  minLat: number,
  maxLng: number,
  maxLat: number,
): number {
  if (lng >= minLng && lng <= maxLng) {
    if (lat < minLat) return haverSin((lat - minLat) * rad);
    if (lat > maxLat) return haverSin((lat - maxLat) * rad);
    return 0;
  }
  const haverSinDLng = Math.min(haverSin((lng - minLng) * rad), haverSin((lng - maxLng) * rad));
  const extremumLat = vertexLat(lat, haverSinDLng);
  if (extremumLat > minLat && extremumLat < maxLat) {
    return haverSinDistPartial(haverSinDLng, cosLat, lat, extremumLat);
  }
  return Math.min(
    haverSinDistPartial(haverSinDLng, cosLat, lat, minLat),
    haverSinDistPartial(haverSinDLng, cosLat, lat, maxLat),
  );
}

/** A lng/lat box that contains every point within `radiusKm` of the centre (for grid estimates). */
export function boundingBox(lng: number, lat: number, radiusKm: number) {
  const dLat = radiusKm / 111.0;
  const cos = Math.max(0.01, Math.cos(lat * rad));
  const dLng = radiusKm / (111.32 * cos);
  return { minLng: lng - dLng, minLat: lat - dLat, maxLng: lng + dLng, maxLat: lat + dLat };
}
