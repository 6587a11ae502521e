/** The FHIR presenter against the R4 definitions (@medplum/core validateResource, offline). */
import { describe, expect, it } from 'vitest';
import { fhirErrors } from '../../../test/fixtures/validators/fhir.js';
import { exportRow } from '../../../test/fixtures/exports/export-row.js';
import {
  collectionBundle,
  operationOutcome,
  searchsetBundle,
  toFhirHealthcareService,
  toFhirLocation,
  toFhirOrganization,
} from './fhir.presenter.js';

const options = { now: new Date('2026-11-25T03:00:00Z'), staleAfterDays: 14 };

describe('the FHIR validator', () => {
  it('refuses an invalid resource (proof that it checks)', () => {
    expect(fhirErrors({ resourceType: 'Organization', name: 3 } as never)).not.toEqual([]);
    expect(fhirErrors({ resourceType: 'Location', position: { latitude: 34 } } as never)).not.toEqual([]);
  });
});

describe('the FHIR presenter', () => {
  const clinic = exportRow({
    id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    kind: 'clinic',
    name: 'テスト在宅クリニック',
    medicalInstitutionCode: '3310105683',
    careOfficeNumber: '3310105683',
    kaigoServices: [{ code: '140', name: '訪問リハビリテーション' }],
  });
  const bare = exportRow({
    nameKana: null,
    careOfficeNumber: null,
    corporationNumber: null,
    postalCode: null,
    address: '',
    url: null,
    phone: null,
    fax: null,
    lat: null,
    lng: null,
    groups: [],
    procedures: [],
    isAvailable24h: false,
    availabilityStatus: null,
    availabilityUpdatedAt: null,
    kaigoServices: [],
  });

  it('produces valid Organization, Location and HealthcareService resources, with or without optional data', () => {
    for (const row of [exportRow(), clinic, bare]) {
      expect(fhirErrors(toFhirOrganization(row))).toEqual([]);
      expect(fhirErrors(toFhirLocation(row))).toEqual([]);
      expect(fhirErrors(toFhirHealthcareService(row, options))).toEqual([]);
    }
  });

  it('writes the 医療機関コード as JP Core does: 10-digit identifier and the prefecture / 点数表 / 7-digit extensions', () => {
    const organization = toFhirOrganization(clinic);
    expect(organization.identifier).toEqual([
      { system: 'http://jpfhir.jp/fhir/core/IdSystem/insurance-medical-institution-no', value: '3310105683' },
      { system: 'urn:renkei:id:kaigo-jigyosho-no', value: '3310105683' },
      { system: 'urn:renkei:id:houjin-bangou', value: '1234567890123' },
    ]);
    expect(organization.extension).toEqual([
      {
        url: 'http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Organization_PrefectureNo',
        valueCoding: { system: 'http://jpfhir.jp/fhir/core/mhlw/CodeSystem/PrefectureNo-2digits', code: '33' },
      },
      {
        url: 'http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Organization_InsuranceOrganizationCategory',
        valueCoding: { system: 'http://jpfhir.jp/fhir/core/mhlw/CodeSystem/MedicationFeeScoreType', code: '1' },
      },
      {
        url: 'http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Organization_InsuranceOrganizationNo',
        valueIdentifier: { system: 'urn:oid:1.2.392.100495.20.3.23', value: '0105683' },
      },
    ]);
    expect(organization.address?.[0]).toMatchObject({
      state: '岡山県',
      city: '岡山市北区',
      line: ['大供1-1-1 テストビル2階'],
      postalCode: '700-0913',
      country: 'JP',
    });
  });

  it('tells acceptance and capabilities as HealthcareService characteristics, and the 出典 in extraDetails', () => {
    const service = toFhirHealthcareService(exportRow(), options);
    expect(service.characteristic?.map((concept) => concept.coding?.[0]?.code)).toEqual([
      'accepting',
      'cancer',
      'elderly',
      'ventilator',
      'available_24h',
    ]);
    expect(service.availableTime).toEqual([
      { daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], allDay: true },
    ]);
    expect(service.extraDetails).toContain('出典：');
  });

  it('wraps resources in valid searchset and collection bundles, and errors in an OperationOutcome', () => {
    const resources = [toFhirOrganization(exportRow()), toFhirOrganization(clinic)];
    const bundle = searchsetBundle({
      resources,
      total: 5,
      baseUrl: 'http://127.0.0.1:3000',
      type: 'Organization',
      count: 2,
      offset: 2,
    });
    expect(fhirErrors(bundle)).toEqual([]);
    expect(bundle.link?.map((link) => link.relation)).toEqual(['self', 'next', 'previous']);
    expect(bundle.link?.[1]?.url).toBe('http://127.0.0.1:3000/fhir/r4/Organization?_count=2&_offset=4');
    expect(fhirErrors(collectionBundle(resources, 'http://127.0.0.1:3000', options.now))).toEqual([]);
    expect(fhirErrors(operationOutcome('not-found', 'Organization/x は見つかりません。'))).toEqual([]);
  });

  it('keeps the search parameters in the links, and has no entry for an empty page', () => {
    const bundle = searchsetBundle({
      resources: [],
      total: 3,
      baseUrl: 'http://127.0.0.1:3000',
      type: 'HealthcareService',
      parameters: [
        ['organization', 'a,b'],
        ['name', '高橋'],
        ['name:contains', 'ｸﾘﾆｯｸ'],
      ],
      count: 2,
      offset: 4,
    });
    expect(bundle.entry).toBeUndefined();
    expect(fhirErrors(bundle)).toEqual([]);
    const self = new URL(bundle.link?.[0]?.url ?? '');
    expect([...self.searchParams]).toEqual([
      ['organization', 'a,b'],
      ['name', '高橋'],
      ['name:contains', 'ｸﾘﾆｯｸ'],
      ['_count', '2'],
      ['_offset', '4'],
    ]);
  });
});
