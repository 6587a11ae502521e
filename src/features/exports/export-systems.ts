/**
 * Identifier systems, code systems and id derivation of the HSDS and FHIR exports, in one place
 * (documented in docs/renkei-csv.md §エクスポート). JP Core's conventions where it has one
 * (jami-fhir-jp-wg/jp-core-v1x, StructureDefinition-jp-organization-notes and its examples);
 * Renkei's own URNs where no public system exists.
 */
import { v5 as uuidv5 } from 'uuid';

/** JP Core: the 10-digit 医療機関コード (都道府県2 + 点数表1 + 7) as Organization.identifier. */
export const medicalInstitutionCodeSystem = 'http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no';
/** JP Core: the 7-digit 医療機関コード inside the JP_Organization_InsuranceOrganizationNo extension. */
export const medicalInstitutionCode7System = 'urn:oid:1.2.392.100495.20.3.23';
export const jpCoreExtensions = {
  prefectureNo: 'http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Organization_PrefectureNo',
  insuranceOrganizationCategory:
    'http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Organization_InsuranceOrganizationCategory',
  insuranceOrganizationNo:
    'http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Organization_InsuranceOrganizationNo',
} as const;
/** JP Core code systems: 都道府県番号 (2 digits) and 点数表番号 (1 医科, 3 歯科, 4 調剤, 6 訪問看護). */
export const prefectureNoSystem = 'http://jpfhir.jp/fhir/core/mhlw/CodeSystem/PrefectureNo-2digits';
export const medicalFeeScoreTypeSystem = 'http://jpfhir.jp/fhir/core/mhlw/CodeSystem/MedicationFeeScoreType';

/** No public FHIR system is known for the 介護保険事業所番号: Renkei's own URN. */
export const careOfficeNumberSystem = 'urn:renkei:id:kaigo-jigyosho-no';
/** 法人番号 (国税庁, 13 digits). */
export const corporateNumberSystem = 'urn:renkei:id:houjin-bangou';
/** Renkei's code lists (DESIGN.md §3) and the 介護サービス file codes of the MHLW open data. */
export const codeSystems = {
  organizationKind: 'urn:renkei:codesystem:organization-kind',
  patientGroup: 'urn:renkei:codesystem:patient-group',
  procedure: 'urn:renkei:codesystem:procedure',
  availability: 'urn:renkei:codesystem:availability',
  serviceFeature: 'urn:renkei:codesystem:service-feature',
  kaigoService: 'urn:renkei:codesystem:mhlw-kaigo-service',
} as const;

/** HSDS taxonomy names (taxonomy_term.taxonomy) — the same lists as the FHIR code systems. */
export const hsdsTaxonomies = codeSystems;

/** org-id.guide scheme of the 法人番号 (Japan, Corporate Number). */
export const corporateNumberScheme = 'JP-COR';

/** Namespace of the derived HSDS ids (name-based UUID v5, so an export is the same every time). */
const renkeiNamespace = '3f1d1b4e-5b0c-5f5e-9d3a-6b7e1c2a4d10';

/** A stable UUID for a derived HSDS record (service, location, attribute, taxonomy term …). */
export function derivedId(...parts: string[]): string {
  return uuidv5(parts.join('|'), renkeiNamespace);
}
