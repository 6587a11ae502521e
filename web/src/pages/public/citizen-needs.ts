/**
 * The citizens' needs in everyday words (the table is the server's src/domain/directory/citizen-needs.ts, which the
 * public search reads for `need=`): which the page offers, how the address bar and the form keep the chosen ones,
 * and the public search for them. Several needs ask for one organisation that meets them all. Labels and
 * explanations are in i18n/<lang>/public.json under `needs.<id>`.
 */
import type { ResourceSearchQuery } from '../../api/directory';
import {
  citizenNeeds,
  filtersForNeeds,
  findNeed,
  type CitizenNeed,
  type CitizenNeedId,
} from '../../../../src/domain/directory/citizen-needs';

export { citizenNeeds, filtersForNeeds, findNeed, type CitizenNeed, type CitizenNeedId };

/**
 * The known needs among `values` (each a need or a comma list: ?need=a&need=b or ?need=a,b), once each, in the
 * order of the table; unknown ones are left out.
 */
export function needsFrom(values: readonly string[]): CitizenNeedId[] {
  const given = new Set(values.flatMap((value) => value.split(',')).map((value) => value.trim()));
  return citizenNeeds.filter((need) => given.has(need.id)).map((need) => need.id);
}

/** The needs after ticking or unticking one, in the order of the table. */
export function toggledNeeds(needs: readonly CitizenNeedId[], id: CitizenNeedId, isChosen: boolean): CitizenNeedId[] {
  return needsFrom(isChosen ? [...needs, id] : needs.filter((need) => need !== id));
}

/** The public search for needs near a typed place (located by the server) or in a whole ward (区). */
export function publicQueryFor(
  needs: readonly CitizenNeedId[],
  where: { place: string } | { areaCode: string },
  options: { isAcceptingOnly: boolean; radiusKm?: number; limit?: number },
): ResourceSearchQuery {
  return {
    ...('areaCode' in where ? { areaCode: where.areaCode } : { near: where.place, radiusKm: options.radiusKm ?? 5 }),
    needs,
    isAcceptingOnly: options.isAcceptingOnly,
    limit: options.limit ?? 30,
  };
}
