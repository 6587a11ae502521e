/**
 * Which welfare windows the link form offers. 保健所 and 社会福祉協議会 serve the whole city from one
 * office (registered in 北区), as does any kind with a single office: they are always listed. Only kinds
 * with an office per ward (福祉事務所, 地域包括支援センター) are narrowed by ward — the patient's ward by
 * default — and when everything is shown, the patient's ward comes first.
 */
import type { WelfareOrganizationKind } from '../../api/case-codes';

export const cityWideWelfareKinds: readonly WelfareOrganizationKind[] = [
  'public_health_center',
  'social_welfare_council',
];

export type WelfareOffice = { id: string; name: string; areaName: string | null };

export type WelfareOfficeChoices<T extends WelfareOffice> = {
  items: T[];
  /**
   * city: one office for the whole city (no ward filter) · ward: the chosen ward's offices ·
   * all: every office, the patient's ward first · none_in_ward: the chosen ward has none, so all are shown.
   */
  scope: 'city' | 'ward' | 'all' | 'none_in_ward';
};

export function isCityWideWelfareKind(kind: WelfareOrganizationKind, officeCount: number): boolean {
  return cityWideWelfareKinds.includes(kind) || officeCount <= 1;
}

/** `wardName`: the ward chosen in the filter ('' = all); `patientWardName`: the patient's ward, if known. */
export function welfareOfficeChoices<T extends WelfareOffice>(
  kind: WelfareOrganizationKind,
  offices: readonly T[],
  options: { wardName: string; patientWardName: string | null },
): WelfareOfficeChoices<T> {
  const patientWardFirst = [...offices].sort((a, b) => {
    const rank = (office: T) => (options.patientWardName && office.areaName === options.patientWardName ? 0 : 1);
    return (
      rank(a) - rank(b) ||
      (a.areaName ?? '').localeCompare(b.areaName ?? '', 'ja') ||
      a.name.localeCompare(b.name, 'ja')
    );
  });
  if (isCityWideWelfareKind(kind, offices.length)) return { items: patientWardFirst, scope: 'city' };
  if (!options.wardName) return { items: patientWardFirst, scope: 'all' };
  const inWard = patientWardFirst.filter((office) => office.areaName === options.wardName);
  return inWard.length > 0 ? { items: inWard, scope: 'ward' } : { items: patientWardFirst, scope: 'none_in_ward' };
}
