/**
 * The professional search's filters and their place in the URL (/directory/search?place=…&group=…), so that a
 * search can be bookmarked, shared with a colleague and reached again with the browser's back button.
 */
import type { HomeCareSupportClinicFilter, ResourceSearchQuery } from '../../api/directory';
import {
  organizationKinds,
  patientGroups,
  procedures,
  type OrganizationKind,
  type PatientGroup,
  type Procedure,
} from '../../codes';

export type SearchFilters = {
  /** What the user typed: 住所, 郵便番号 or 区名 (located with GET public/geocode). */
  place: string;
  /** A point picked on the map (takes the place of `place`). */
  point: { lat: number; lng: number } | null;
  /** A whole ward (区): every organisation in it, nearest to its centre first (no radius). */
  areaCode: string | null;
  radiusKm: number;
  kind: OrganizationKind | null;
  groups: PatientGroup[];
  procedures: Procedure[];
  isAvailable24hOnly: boolean;
  /** 在宅療養支援診療所 (of any type, 機能強化型, or one type); null = no condition. */
  homeCareSupportClinic: HomeCareSupportClinicFilter | null;
  /** 往診専門 only. */
  isHomeVisitOnly: boolean;
  isAcceptingOnly: boolean;
};

export const radiusChoices = [1, 2, 3, 5, 10, 15, 20, 30, 50] as const;
export const defaultRadiusKm = 10;

/**
 * The kinds a coordinator looks for when building a home-care team (the select's options, in this order). Each finds
 * the organisations that provide it (src/domain/directory/search-kinds.ts): 訪問リハビリテーション also the stations,
 * clinics, hospitals and 介護サービス事業所 that visit for rehabilitation; 介護サービス事業所 the other kaigo offices
 * (通所・入所・小規模多機能 …).
 */
export const searchableKinds: readonly OrganizationKind[] = [
  'clinic',
  'visiting_nursing',
  'care_management',
  'visiting_rehab',
  'home_dental',
  'home_pharmacy',
  'community_support_center',
  'hospital',
  'care_service',
];

/** The choices of the 在宅療養支援診療所 filter, in the select's order. */
export const homeCareSupportClinicChoices: readonly HomeCareSupportClinicFilter[] = [
  'any',
  'enhanced',
  'enhanced_single',
  'enhanced_network',
  'standard',
];

export const emptyFilters: SearchFilters = {
  place: '',
  point: null,
  areaCode: null,
  radiusKm: defaultRadiusKm,
  kind: null,
  groups: [],
  procedures: [],
  isAvailable24hOnly: false,
  homeCareSupportClinic: null,
  isHomeVisitOnly: false,
  isAcceptingOnly: false,
};

function oneOf<Code extends string>(list: readonly Code[], value: string | null): Code | null {
  return list.find((code) => code === value) ?? null;
}

/** Codes from repeated parameters, in the list's order, unknown values dropped. */
function codesFrom<Code extends string>(list: readonly Code[], values: string[]): Code[] {
  return list.filter((code) => values.includes(code));
}

function coordinate(value: string | null, low: number, high: number): number | null {
  if (value === null || value.trim() === '') return null;
  const number = Number(value);
  return Number.isFinite(number) && number >= low && number <= high ? number : null;
}

export function filtersFromParams(params: URLSearchParams): SearchFilters {
  const lat = coordinate(params.get('lat'), 20, 46);
  const lng = coordinate(params.get('lng'), 122, 154);
  const radius = Number(params.get('radius'));
  return {
    place: params.get('place')?.trim() ?? '',
    point: lat !== null && lng !== null ? { lat, lng } : null,
    areaCode: /^\d{5}$/.test(params.get('area') ?? '') ? params.get('area') : null,
    radiusKm: radiusChoices.find((choice) => choice === radius) ?? defaultRadiusKm,
    kind: oneOf(organizationKinds, params.get('kind')),
    groups: codesFrom(patientGroups, params.getAll('group')),
    procedures: codesFrom(procedures, params.getAll('procedure')),
    isAvailable24hOnly: params.get('h24') === '1',
    homeCareSupportClinic: oneOf(homeCareSupportClinicChoices, params.get('homeCareSupportClinic')),
    isHomeVisitOnly: params.get('homeVisitOnly') === '1',
    isAcceptingOnly: params.get('accepting') === '1',
  };
}

export function paramsFromFilters(filters: SearchFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.point) {
    params.set('lat', filters.point.lat.toFixed(6));
    params.set('lng', filters.point.lng.toFixed(6));
  } else {
    if (filters.areaCode) params.set('area', filters.areaCode);
    if (filters.place.trim()) params.set('place', filters.place.trim());
  }
  if (filters.radiusKm !== defaultRadiusKm) params.set('radius', String(filters.radiusKm));
  if (filters.kind) params.set('kind', filters.kind);
  for (const group of filters.groups) params.append('group', group);
  for (const procedure of filters.procedures) params.append('procedure', procedure);
  if (filters.isAvailable24hOnly) params.set('h24', '1');
  if (filters.homeCareSupportClinic) params.set('homeCareSupportClinic', filters.homeCareSupportClinic);
  if (filters.isHomeVisitOnly) params.set('homeVisitOnly', '1');
  if (filters.isAcceptingOnly) params.set('accepting', '1');
  return params;
}

type Ward = { code: string; name: string; fullName: string };

/** 「北区」「岡山市北区」「岡山県岡山市北区」 typed as the place mean the whole ward. */
export function wardNamed(text: string, wards: readonly Ward[]): Ward | undefined {
  const typed = text.replace(/\s/g, '').replace(/^岡山県/, '');
  if (!typed) return undefined;
  return wards.find((ward) => typed === ward.name || typed === ward.fullName);
}

/**
 * The API query once the place is known: a point picked on the map, a whole ward, or the located `place`
 * (`point`, from GET public/geocode); null while it is not known yet.
 */
export function searchQueryFor(
  filters: SearchFilters,
  point: { lat: number; lng: number } | null,
  limit = 100,
): ResourceSearchQuery | null {
  const where = filters.point
    ? { ...filters.point, radiusKm: filters.radiusKm }
    : filters.areaCode
      ? { areaCode: filters.areaCode }
      : point
        ? { ...point, radiusKm: filters.radiusKm }
        : null;
  if (!where) return null;
  return {
    ...where,
    kinds: filters.kind ? [filters.kind] : [],
    groups: filters.groups,
    procedures: filters.procedures,
    isAvailable24hOnly: filters.isAvailable24hOnly,
    homeCareSupportClinic: filters.homeCareSupportClinic ? [filters.homeCareSupportClinic] : [],
    isHomeVisitOnly: filters.isHomeVisitOnly,
    isAcceptingOnly: filters.isAcceptingOnly,
    limit,
  };
}
