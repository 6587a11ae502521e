/**
 * Batch-assignment instances shaped from the real Okayama data (benchmark W2 and the unit tests):
 * organisations at the real coordinates of the city's clinics and visiting-nursing stations
 * (data/okayama/organizations.json), cases at real 町丁目 points (data/okayama/machiaza.json) of
 * the four wards. Capabilities, coverage radii, free slots, current loads and declared capacities
 * are synthetic but deterministic (seeded), in the ranges the demo profiles use.
 */
import { readFileSync } from 'node:fs';
import { projectPath } from '../../src/platform/paths.js';
import { distanceKm } from '../../src/domain/directory/geo.js';
import { defaultMatchingSettings, travelBurdenAt } from '../../src/domain/matching/matching-settings.js';
import type { AssignmentInstance } from '../../src/domain/matching/batch-assignment.js';

type SourceOrganization = {
  sourceKey: string;
  kind: string;
  lat: number | null;
  lng: number | null;
  areaCode: string | null;
};
type Machiaza = { lgCode5: string; town: string; lat: number; lng: number };

const cityWards = new Set(['33101', '33102', '33103', '33104']);

/** mulberry32: a small seeded generator, so every run builds the same instance. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (low: number, high: number) => low + Math.floor(next() * (high - low + 1)),
    chance: (probability: number) => next() < probability,
  };
}

let cached: { organizations: SourceOrganization[]; points: Machiaza[] } | null = null;

function loadOkayama() {
  cached ??= {
    organizations: (
      JSON.parse(readFileSync(projectPath('data/okayama/organizations.json'), 'utf8')) as SourceOrganization[]
    )
      .filter((organization) => organization.kind === 'clinic' || organization.kind === 'visiting_nursing')
      .filter(
        (organization) =>
          organization.lat !== null && organization.lng !== null && cityWards.has(organization.areaCode ?? ''),
      ),
    points: (JSON.parse(readFileSync(projectPath('data/okayama/machiaza.json'), 'utf8')) as Machiaza[]).filter(
      (point) => cityWards.has(point.lgCode5),
    ),
  };
  return cached;
}

export type ShapedInstance = AssignmentInstance & {
  /** Where each case lives (for the ranking benchmark). */
  homes: { lat: number; lng: number; areaCode: string }[];
  /** Where each organisation is. */
  places: { lat: number; lng: number; areaCode: string | null }[];
};

/**
 * `caseCount` cases × `organizationCount` organisations. Each case needs 0–2 of four capability
 * bits (e.g. opioids, ventilator); each organisation holds each bit with probability 0.6 and
 * covers a radius of 4–16 km; a case is eligible for an organisation that covers its home within
 * 30 km and holds its bits.
 */
export function okayamaInstance(caseCount: number, organizationCount: number, seed = 20_261_125): ShapedInstance {
  const { organizations: source, points } = loadOkayama();
  const random = seededRandom(seed);
  // A deterministic sample of organisations: sort by a seeded key.
  const keyed = source.map((organization) => ({ organization, key: random.next() }));
  keyed.sort((a, b) => a.key - b.key || (a.organization.sourceKey < b.organization.sourceKey ? -1 : 1));
  const chosen = keyed.slice(0, organizationCount).map((entry) => entry.organization);
  const organizationBits = chosen.map(() => [0, 1, 2, 3].filter(() => random.chance(0.6)));
  const radius = chosen.map(() => random.between(4, 16));
  const organizations = chosen.map((organization, index) => {
    const declared = random.chance(0.8) ? random.between(10, 60) : null;
    const currentLoad = random.between(0, declared === null ? 30 : Math.round(declared * 1.1));
    const capacity = random.chance(0.15) ? 0 : random.between(1, 6);
    return {
      id: `org-${String(index).padStart(4, '0')}-${organization.sourceKey}`,
      capacity,
      currentLoad,
      declaredCapacity: declared,
    };
  });
  const cases: { id: string }[] = [];
  const homes: ShapedInstance['homes'] = [];
  const arcs: AssignmentInstance['arcs'][number][] = [];
  for (let index = 0; index < caseCount; index += 1) {
    const point = points[random.between(0, points.length - 1)] as Machiaza;
    // Scatter within ~300 m of the 町丁目 point.
    const home = {
      lat: point.lat + (random.next() - 0.5) * 0.005,
      lng: point.lng + (random.next() - 0.5) * 0.006,
      areaCode: point.lgCode5,
    };
    const needs = [0, 1, 2, 3].filter(() => random.chance(0.2));
    cases.push({ id: `case-${String(index).padStart(5, '0')}` });
    homes.push(home);
    const travel = travelBurdenAt(defaultMatchingSettings.travel, home);
    chosen.forEach((organization, organizationIndex) => {
      const km = distanceKm(home.lng, home.lat, organization.lng ?? 0, organization.lat ?? 0);
      if (km > (radius[organizationIndex] ?? 0) || km > 30) return;
      const bits = organizationBits[organizationIndex] ?? [];
      if (!needs.every((bit) => bits.includes(bit))) return;
      arcs.push({
        caseIndex: index,
        organizationIndex,
        distanceKm: Math.round(km * 1000) / 1000,
        travelFactor: travel.factor,
      });
    });
  }
  const places = chosen.map((organization) => ({
    lat: organization.lat ?? 0,
    lng: organization.lng ?? 0,
    areaCode: organization.areaCode,
  }));
  return { cases, organizations, arcs, homes, places };
}
