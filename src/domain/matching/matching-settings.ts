/**
 * The tunable numbers of matching: ranking weights, the travel burden of each area, the costs of
 * the Center's batch assignment, the pair-suggestion defaults and the suppression threshold of the
 * reliance view. Validated with zod; the defaults below are explained in README.md ("Matching").
 */
import { z } from 'zod';

const weight = z.number().min(0).max(10);

/** A part of a ward where travel is harder than the ward's default (e.g. the hills of 北区北部). */
export const TravelZone = z.strictObject({
  label: z.string().min(1).describe('表示名（理由に表示）'),
  areaCode: z.string().min(1),
  minLat: z.number().optional(),
  maxLat: z.number().optional(),
  minLng: z.number().optional(),
  maxLng: z.number().optional(),
  factor: z.number().min(1).max(5),
});
export type TravelZone = z.infer<typeof TravelZone>;

export const MatchingSettings = z.strictObject({
  ranking: z.strictObject({
    /** Relative weights of the factors (each factor scores 0…1; the score is the weighted mean). */
    weights: z.strictObject({
      capability: weight,
      distance: weight,
      availability: weight,
      freshness: weight,
      load: weight,
      availability24h: weight,
      continuity: weight,
    }),
    /** Effective distance (km × travel factor) at which the distance score halves. */
    distanceHalfKm: z.number().positive().max(100),
  }),
  travel: z.strictObject({
    defaultFactor: z.number().min(1).max(5),
    /** By the patient's ward (area code). */
    areaFactors: z.record(z.string(), z.number().min(1).max(5)),
    /** Sub-ward zones by latitude/longitude box; the largest matching factor wins. */
    zones: z.array(TravelZone),
  }),
  assignment: z.strictObject({
    /** Cost points per effective km from the patient's home (1 km ×1.0 = 10 points). */
    distancePointsPerKm: z.number().int().min(0).max(1000),
    /** Marginal cost of the t-th home patient of an organisation: t × this (strictly increasing: convex). */
    loadPointsPerPatient: z.number().int().min(1).max(10_000),
    /** Extra marginal cost for each patient above the declared capacity: (t − capacity) × this. */
    overCapacityPointsPerPatient: z.number().int().min(0).max(100_000),
    /** Capacity assumed for an organisation that declared neither free slots nor a capacity. */
    unknownFreeSlots: z.number().int().min(0).max(50),
    /** Cap every organisation at the bottleneck optimum (the smallest possible maximum load). */
    enforceBottleneck: z.boolean(),
    /** The same radius the candidate list uses. */
    maxDistanceKm: z.number().positive().max(100),
  }),
  pairs: z.strictObject({
    defaultMaxDistanceKm: z.number().positive().max(50),
    defaultMaxPairsPerClinic: z.number().int().min(1).max(5),
  }),
  reliance: z.strictObject({
    /** Groups of fewer patients than this are never shown (neither counts nor shares). */
    suppressBelow: z.number().int().min(1).max(100),
    trendMonths: z.number().int().min(1).max(60),
  }),
});
export type MatchingSettings = z.infer<typeof MatchingSettings>;
export type RankingWeights = MatchingSettings['ranking']['weights'];
export type TravelSettings = MatchingSettings['travel'];
export type AssignmentSettings = MatchingSettings['assignment'];

/** Defaults; README.md ("Matching") gives the reasons for each number. */
export const defaultMatchingSettings: MatchingSettings = {
  ranking: {
    weights: {
      capability: 0.1,
      distance: 0.25,
      availability: 0.15,
      freshness: 0.1,
      load: 0.2,
      availability24h: 0.1,
      continuity: 0.1,
    },
    distanceHalfKm: 4,
  },
  travel: {
    defaultFactor: 1,
    areaFactors: { '33101': 1, '33102': 1, '33103': 1.15, '33104': 1.1 },
    zones: [
      { label: '北区北部（御津・建部・足守北部）', areaCode: '33101', minLat: 34.73, factor: 1.5 },
      { label: '東区東部（瀬戸町・上道）', areaCode: '33103', minLng: 134.06, factor: 1.3 },
    ],
  },
  assignment: {
    distancePointsPerKm: 10,
    loadPointsPerPatient: 5,
    overCapacityPointsPerPatient: 50,
    unknownFreeSlots: 1,
    enforceBottleneck: true,
    maxDistanceKm: 30,
  },
  pairs: { defaultMaxDistanceKm: 8, defaultMaxPairsPerClinic: 2 },
  reliance: { suppressBelow: 10, trendMonths: 12 },
};

/** Deep-merges a partial settings object over the defaults and validates the result. */
export function parseMatchingSettings(input: unknown): MatchingSettings {
  const merged = mergeDeep(defaultMatchingSettings, input);
  return MatchingSettings.parse(merged);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeDeep(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) result[key] = mergeDeep(base[key], value);
  return result;
}

export type TravelBurden = { factor: number; label: string | null };

/** How much harder travel to this home is than in the city centre (1 = no extra burden). */
export function travelBurdenAt(
  travel: TravelSettings,
  place: { lat: number; lng: number; areaCode: string | null },
): TravelBurden {
  let best: TravelBurden = {
    factor: (place.areaCode ? travel.areaFactors[place.areaCode] : undefined) ?? travel.defaultFactor,
    label: null,
  };
  for (const zone of travel.zones) {
    if (zone.areaCode !== place.areaCode) continue;
    if (zone.minLat !== undefined && place.lat < zone.minLat) continue;
    if (zone.maxLat !== undefined && place.lat > zone.maxLat) continue;
    if (zone.minLng !== undefined && place.lng < zone.minLng) continue;
    if (zone.maxLng !== undefined && place.lng > zone.maxLng) continue;
    if (zone.factor > best.factor) best = { factor: zone.factor, label: zone.label };
  }
  return best;
}
