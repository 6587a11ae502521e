/**
 * Which clinics of a ward do home care, for choosing the members of a rotation group (a night and holiday rotation
 * of home-care doctors): a 在宅療養支援診療所 (any type), a clinic that only visits (往診専門), or one whose profile
 * declares home patients it takes (the same test as the doctor pairs' 「在宅患者を受け入れる診療所」).
 */
import type { HomeCareSupportClinicType } from '../../codes';
import type { Organization } from '../../api/types';

export type HomeCareMark =
  | { kind: 'home_care_support'; type: HomeCareSupportClinicType }
  | { kind: 'home_visit_only' }
  | { kind: 'home_care_profile' };

export function homeCareMarks(
  clinic: Pick<Organization, 'homeCareSupportClinic' | 'isHomeVisitOnly'> & {
    capabilities: Pick<Organization['capabilities'], 'groups'>;
  },
): HomeCareMark[] {
  const marks: HomeCareMark[] = [];
  if (clinic.homeCareSupportClinic) marks.push({ kind: 'home_care_support', type: clinic.homeCareSupportClinic });
  if (clinic.isHomeVisitOnly) marks.push({ kind: 'home_visit_only' });
  if (clinic.capabilities.groups.length > 0) marks.push({ kind: 'home_care_profile' });
  return marks;
}

export const doesHomeCare = (clinic: Parameters<typeof homeCareMarks>[0]) => homeCareMarks(clinic).length > 0;
