/**
 * Organisation rows → FHIR R4 Organization, Location and HealthcareService (public fields only).
 * The three resources of one organisation share its id. 医療機関コード as JP Core does it (10-digit
 * identifier + 都道府県番号 / 点数表番号 / 7-digit code extensions); acceptance status and
 * capabilities as HealthcareService.characteristic; the 出典 in HealthcareService.extraDetails.
 */
import type {
  Address,
  Bundle,
  BundleEntry,
  BundleLink,
  CodeableConcept,
  ContactPoint,
  Extension,
  HealthcareService,
  Identifier,
  Location,
  OperationOutcome,
  Organization,
  Resource,
} from '@medplum/fhirtypes';
import type { OrganizationKind, PatientGroup, Procedure } from '../../domain/codes.js';
import { organizationKindLabels, patientGroupLabels, procedureLabels } from '../../domain/labels.js';
import { toJstIso } from '../../platform/time.js';
import type { ExportRow } from './export.repository.js';
import {
  careOfficeNumberSystem,
  codeSystems,
  corporateNumberSystem,
  jpCoreExtensions,
  medicalFeeScoreTypeSystem,
  medicalInstitutionCode7System,
  medicalInstitutionCodeSystem,
  prefectureNoSystem,
} from './export-systems.js';
import {
  addressOf,
  attribution,
  capabilitiesText,
  hasLocation,
  kindLabel,
  publicAvailability,
  publicUrl,
  type ExportOptions,
} from './public-view.js';

export const fhirTypes = ['Organization', 'Location', 'HealthcareService'] as const;
export type FhirType = (typeof fhirTypes)[number];

const organizationTypeSystem = 'http://terminology.hl7.org/CodeSystem/organization-type';
const governmentKinds: readonly string[] = ['welfare_office', 'public_health_center', 'city'];
const otherKinds: readonly string[] = ['social_welfare_council', 'coordination_center', 'medical_association'];

function concept(system: string, code: string, display: string): CodeableConcept {
  return { coding: [{ system, code, display }], text: display };
}

function meta(row: ExportRow) {
  return { lastUpdated: toJstIso(row.updatedAt) };
}

function telecom(row: ExportRow, withUrl: boolean): ContactPoint[] {
  const url = withUrl ? publicUrl(row.url) : null;
  return [
    ...(row.phone ? [{ system: 'phone' as const, value: row.phone, use: 'work' as const }] : []),
    ...(row.fax ? [{ system: 'fax' as const, value: row.fax, use: 'work' as const }] : []),
    ...(url ? [{ system: 'url' as const, value: url }] : []),
  ];
}

function address(row: ExportRow): Address | undefined {
  if (row.address === '') return undefined;
  const parts = addressOf(row);
  return {
    use: 'work',
    type: 'physical',
    text: parts.text,
    ...(parts.street ? { line: [parts.street] } : {}),
    ...(parts.municipality ? { city: parts.municipality } : {}),
    ...(parts.prefecture ? { state: parts.prefecture } : {}),
    ...(row.postalCode ? { postalCode: `${row.postalCode.slice(0, 3)}-${row.postalCode.slice(3)}` } : {}),
    country: 'JP',
  };
}

/** JP Core's split of the 10-digit 医療機関コード into its three parts. */
function medicalCodeExtensions(code: string): Extension[] {
  return [
    { url: jpCoreExtensions.prefectureNo, valueCoding: { system: prefectureNoSystem, code: code.slice(0, 2) } },
    {
      url: jpCoreExtensions.insuranceOrganizationCategory,
      valueCoding: { system: medicalFeeScoreTypeSystem, code: code.slice(2, 3) },
    },
    {
      url: jpCoreExtensions.insuranceOrganizationNo,
      valueIdentifier: { system: medicalInstitutionCode7System, value: code.slice(3) },
    },
  ];
}

export function toFhirOrganization(row: ExportRow): Organization {
  const identifier: Identifier[] = [
    ...(row.medicalInstitutionCode
      ? [{ system: medicalInstitutionCodeSystem, value: row.medicalInstitutionCode }]
      : []),
    ...(row.careOfficeNumber ? [{ system: careOfficeNumberSystem, value: row.careOfficeNumber }] : []),
    ...(row.corporationNumber ? [{ system: corporateNumberSystem, value: row.corporationNumber }] : []),
  ];
  const kind = row.kind as OrganizationKind;
  const hl7Type = governmentKinds.includes(kind)
    ? concept(organizationTypeSystem, 'govt', 'Government')
    : otherKinds.includes(kind)
      ? concept(organizationTypeSystem, 'other', 'Other')
      : concept(organizationTypeSystem, 'prov', 'Healthcare Provider');
  const addressValue = address(row);
  const contacts = telecom(row, true);
  return {
    resourceType: 'Organization',
    id: row.id,
    meta: meta(row),
    ...(row.medicalInstitutionCode ? { extension: medicalCodeExtensions(row.medicalInstitutionCode) } : {}),
    ...(identifier.length > 0 ? { identifier } : {}),
    active: true,
    type: [hl7Type, concept(codeSystems.organizationKind, kind, organizationKindLabels[kind] ?? kind)],
    name: row.name,
    ...(row.nameKana ? { alias: [row.nameKana] } : {}),
    ...(contacts.length > 0 ? { telecom: contacts } : {}),
    ...(addressValue ? { address: [addressValue] } : {}),
  };
}

export function toFhirLocation(row: ExportRow): Location {
  const addressValue = address(row);
  const contacts = telecom(row, false);
  return {
    resourceType: 'Location',
    id: row.id,
    meta: meta(row),
    status: 'active',
    name: row.name,
    ...(row.nameKana ? { alias: [row.nameKana] } : {}),
    mode: 'instance',
    ...(contacts.length > 0 ? { telecom: contacts } : {}),
    ...(addressValue ? { address: addressValue } : {}),
    physicalType: concept('http://terminology.hl7.org/CodeSystem/location-physical-type', 'bu', 'Building'),
    ...(row.lat !== null && row.lng !== null ? { position: { latitude: row.lat, longitude: row.lng } } : {}),
    managingOrganization: { reference: `Organization/${row.id}`, display: row.name },
  };
}

export function toFhirHealthcareService(row: ExportRow, options: ExportOptions): HealthcareService {
  const kind = row.kind as OrganizationKind;
  const availability = publicAvailability(row, options);
  const characteristic: CodeableConcept[] = [
    ...(availability
      ? [{ ...concept(codeSystems.availability, availability.status, availability.label), text: availability.text }]
      : []),
    ...row.groups.map((code) =>
      concept(codeSystems.patientGroup, code, patientGroupLabels[code as PatientGroup] ?? code),
    ),
    ...row.procedures.map((code) => concept(codeSystems.procedure, code, procedureLabels[code as Procedure] ?? code)),
    ...(row.isAvailable24h ? [concept(codeSystems.serviceFeature, 'available_24h', '24時間対応')] : []),
  ];
  const comment = [capabilitiesText(row), availability?.text ?? '受入状況は未登録です'].filter(Boolean).join(' ');
  const contacts = telecom(row, false);
  const url = publicUrl(row.url);
  return {
    resourceType: 'HealthcareService',
    id: row.id,
    meta: meta(row),
    active: true,
    providedBy: { reference: `Organization/${row.id}`, display: row.name },
    category: [concept(codeSystems.organizationKind, kind, organizationKindLabels[kind] ?? kind)],
    ...(row.kaigoServices.length > 0
      ? { type: row.kaigoServices.map((service) => concept(codeSystems.kaigoService, service.code, service.name)) }
      : {}),
    ...(hasLocation(row) ? { location: [{ reference: `Location/${row.id}`, display: row.name }] } : {}),
    name: `${kindLabel(row)}（${row.name}）`,
    comment,
    extraDetails: `${row.isDemo || row.isDemoProfile || row.isDemoAvailability ? 'デモ用の値を含みます（要確認）。' : ''}${attribution(row)}`,
    ...(contacts.length > 0 || url
      ? { telecom: [...contacts, ...(url ? [{ system: 'url' as const, value: url }] : [])] }
      : {}),
    ...(characteristic.length > 0 ? { characteristic } : {}),
    ...(row.isAvailable24h
      ? { availableTime: [{ daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], allDay: true }] }
      : {}),
  };
}

export function toFhirResource(type: FhirType, row: ExportRow, options: ExportOptions): Resource {
  switch (type) {
    case 'Organization':
      return toFhirOrganization(row);
    case 'Location':
      return toFhirLocation(row);
    case 'HealthcareService':
      return toFhirHealthcareService(row, options);
  }
}

/**
 * A searchset Bundle with `self`, `next` and `previous` links (`_count` / `_offset` paging) that keep
 * the search's parameters (those it used: the ignored ones are left out, as FHIR asks).
 */
export function searchsetBundle(input: {
  resources: Resource[];
  total: number;
  baseUrl: string;
  type: FhirType;
  parameters?: [string, string][];
  count: number;
  offset: number;
}): Bundle {
  const pageUrl = (offset: number): string => {
    const query = new URLSearchParams([
      ...(input.parameters ?? []),
      ['_count', String(input.count)],
      ['_offset', String(offset)],
    ]);
    return `${input.baseUrl}/fhir/r4/${input.type}?${query.toString()}`;
  };
  const link: BundleLink[] = [{ relation: 'self', url: pageUrl(input.offset) }];
  // `_count=0` asks for the total only (FHIR R4 search): no page to go to.
  if (input.count > 0 && input.offset + input.count < input.total)
    link.push({ relation: 'next', url: pageUrl(input.offset + input.count) });
  if (input.count > 0 && input.offset > 0)
    link.push({ relation: 'previous', url: pageUrl(Math.max(0, input.offset - input.count)) });
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: input.total,
    link,
    // FHIR JSON has no empty arrays: a page without matches has no `entry`.
    ...(input.resources.length > 0
      ? {
          entry: input.resources.map((resource): BundleEntry => ({
            fullUrl: `${input.baseUrl}/fhir/r4/${resource.resourceType}/${resource.id ?? ''}`,
            resource,
            search: { mode: 'match' },
          })),
        }
      : {}),
  };
}

/** A collection Bundle (the exported files), entries addressed where the server serves them. */
export function collectionBundle(resources: Resource[], baseUrl: string, timestamp: Date): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: toJstIso(timestamp),
    entry: resources.map((resource) => ({
      fullUrl: `${baseUrl}/fhir/r4/${resource.resourceType}/${resource.id ?? ''}`,
      resource,
    })),
  };
}

export function operationOutcome(
  code: 'not-found' | 'invalid' | 'not-supported',
  diagnostics: string,
): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics }] };
}
