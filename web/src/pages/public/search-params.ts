/**
 * The citizen search's form as the address bar holds it (/public/search?place=…&area=…&need=…&radius=…&accepting=1):
 * a link, a bookmark or the back button restores the whole form. The distance is `radius`; `radiusKm`, the API's
 * name for it, is read too (a link written after the API). A distance that is not one of the choices becomes the
 * nearest choice, so the form never shows a distance other than the one searched.
 */
import { needsFrom, type CitizenNeedId } from './citizen-needs';

export const radiusChoices = [3, 5, 10, 20] as const;
export const defaultRadiusKm = 5;

export type Draft = {
  place: string;
  areaCode: string | null;
  needs: CitizenNeedId[];
  radiusKm: number;
  isAcceptingOnly: boolean;
};

/** The choice nearest to a distance given in the address bar (the larger one on a tie); the default otherwise. */
export function radiusFrom(value: string | null): number {
  if (value === null || value.trim() === '') return defaultRadiusKm;
  const km = Number(value);
  if (!Number.isFinite(km) || km <= 0) return defaultRadiusKm;
  let best: number = radiusChoices[0];
  for (const choice of radiusChoices) if (Math.abs(choice - km) <= Math.abs(best - km)) best = choice;
  return best;
}

export function draftFrom(params: URLSearchParams): Draft {
  return {
    place: params.get('place') ?? '',
    areaCode: /^\d{5}$/.test(params.get('area') ?? '') ? params.get('area') : null,
    needs: needsFrom(params.getAll('need')),
    radiusKm: radiusFrom(params.get('radius') ?? params.get('radiusKm')),
    isAcceptingOnly: params.get('accepting') === '1',
  };
}

export function paramsFrom(draft: Draft): URLSearchParams {
  const params = new URLSearchParams();
  if (draft.place.trim()) params.set('place', draft.place.trim());
  if (draft.areaCode) params.set('area', draft.areaCode);
  for (const need of draft.needs) params.append('need', need);
  if (draft.radiusKm !== defaultRadiusKm) params.set('radius', String(draft.radiusKm));
  if (draft.isAcceptingOnly) params.set('accepting', '1');
  return params;
}
