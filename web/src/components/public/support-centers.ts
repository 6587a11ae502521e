/**
 * The 地域包括支援センター the public search adds for a consultation (GET public/resources/search with
 * kind=community_support_center answers `supportCenters`): the centres serving the place's ward, or the nearest
 * ones, whatever the distance chosen — so that a citizen who asks where to consult first always gets a desk to call.
 */
import type { PublicSearchResult } from '../../api/directory';

export type SupportCenters = {
  /** `area`: the centres serving the place's ward; `nearest`: none serves it, the nearest ones. */
  basis: 'area' | 'nearest';
  areaCode: string | null;
  items: PublicSearchResult[];
};

function isSupportCenters(value: unknown): value is SupportCenters {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<SupportCenters>;
  return (candidate.basis === 'area' || candidate.basis === 'nearest') && Array.isArray(candidate.items);
}

/** The answer's `supportCenters`, or null (another need, or an answer without them). */
export function supportCentersOf(answer: unknown): SupportCenters | null {
  if (typeof answer !== 'object' || answer === null || !('supportCenters' in answer)) return null;
  const { supportCenters } = answer;
  return isSupportCenters(supportCenters) ? supportCenters : null;
}

/**
 * The centres to show besides the results: those not already listed. `isBeyondRadius` when one of them is farther
 * than the distance the citizen chose (said on the page, so that the list does not look like a mistake).
 */
export function extraSupportCenters(
  centers: SupportCenters | null,
  listed: readonly PublicSearchResult[],
  radiusKm: number | null,
): { items: PublicSearchResult[]; isBeyondRadius: boolean } {
  if (!centers) return { items: [], isBeyondRadius: false };
  const listedIds = new Set(listed.map((item) => item.organization.id));
  const items = centers.items.filter((item) => !listedIds.has(item.organization.id));
  return { items, isBeyondRadius: radiusKm !== null && items.some((item) => item.distanceKm > radiusKm) };
}
