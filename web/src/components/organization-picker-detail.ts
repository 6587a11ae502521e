/**
 * What tells two organisations of the same name and address apart in the organisation picker: the official code
 * (医療機関コード, else 介護保険事業所番号) when the record has one, else where the record comes from (出典: the public
 * data, or 利用者が登録した情報 for one an admin registered by hand).
 */
import type { Organization } from '../api/types';

export type TellingDetail =
  { kind: 'medicalInstitutionCode' | 'careOfficeNumber'; value: string } | { kind: 'source'; sourceId: string };

export function tellingDetailOf(organization: Pick<Organization, 'codes' | 'source'>): TellingDetail {
  const { medicalInstitutionCode, careOfficeNumber } = organization.codes;
  if (medicalInstitutionCode) return { kind: 'medicalInstitutionCode', value: medicalInstitutionCode };
  if (careOfficeNumber) return { kind: 'careOfficeNumber', value: careOfficeNumber };
  return { kind: 'source', sourceId: organization.source.id };
}
