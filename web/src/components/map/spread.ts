/** Where markers sharing one point go on the map (pure, so that it is tested without a browser). */

/** Marker size in CSS pixels (the icon's box; the shape inside is 26 px with its border). */
export const markerSize = 30;

/**
 * Pixel offsets for markers that share one point (several organisations in one building, or addresses located at
 * the same 町丁目 point): the first stays in place, the others are set around it on a ring so that each can be seen
 * and clicked. Points are compared to about a metre; the offsets are in screen pixels, so they hold at every zoom.
 */
export function spreadOffsets(points: readonly { lat: number; lng: number }[]): [number, number][] {
  const groups = new Map<string, number[]>();
  points.forEach((point, index) => {
    const key = `${point.lat.toFixed(5)},${point.lng.toFixed(5)}`;
    groups.set(key, [...(groups.get(key) ?? []), index]);
  });
  const offsets: [number, number][] = points.map(() => [0, 0]);
  for (const members of groups.values()) {
    const others = members.slice(1);
    // Each further ring holds more markers; rings are one marker apart so that neighbours do not touch.
    let ring = 1;
    let placed = 0;
    while (placed < others.length) {
      const capacity = 6 * ring;
      const onRing = others.slice(placed, placed + capacity);
      onRing.forEach((index, position) => {
        const angle = -Math.PI / 2 + (2 * Math.PI * position) / onRing.length;
        const radius = ring * (markerSize - 4);
        offsets[index] = [Math.round(Math.cos(angle) * radius), Math.round(Math.sin(angle) * radius)];
      });
      placed += onRing.length;
      ring += 1;
    }
  }
  return offsets;
}
