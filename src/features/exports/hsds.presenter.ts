/**
 * Organisation rows → Open Referral HSDS 3.0 (organization, service, location). One service and one
 * physical location per organisation. Acceptance status and capabilities travel as service
 * `attributes` (taxonomy terms of Renkei's code lists) plus a human-readable `alert`; the 出典 is
 * part of every organisation's and service's `description`.
 */
import type { OrganizationKind, PatientGroup, Procedure } from '../../domain/codes.js';
import { organizationKindLabels, patientGroupLabels, procedureLabels } from '../../domain/labels.js';
import { toJstIso } from '../../platform/time.js';
import type { ExportRow } from './export.repository.js';
import {
  careOfficeNumberSystem,
  corporateNumberScheme,
  derivedId,
  hsdsTaxonomies,
  medicalInstitutionCodeSystem,
} from './export-systems.js';
import {
  addressOf,
  attribution,
  capabilitiesText,
  kindLabel,
  publicAvailability,
  publicUrl,
  type ExportOptions,
} from './public-view.js';

type Json = Record<string, unknown>;

/** HSDS id of the service and the location derived from an organisation. */
export const hsdsServiceId = (organizationId: string): string => derivedId('hsds-service', organizationId);
export const hsdsLocationId = (organizationId: string): string => derivedId('hsds-location', organizationId);

function withoutNulls(object: Json): Json {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== null && value !== undefined));
}

function organizationDescription(row: ExportRow): string {
  const area = row.areaName ? `（${row.areaName}）` : '';
  const corporation = row.corporationName ? `運営法人: ${row.corporationName}。` : '';
  const demo = row.isDemo ? 'デモ用の参考データです（要確認）。' : '';
  return `${kindLabel(row)}${area}。${corporation}${demo}${attribution(row)}`;
}

export function toHsdsOrganization(row: ExportRow): Json {
  const identifiers: Json[] = [];
  const identifier = (type: string, value: string, scheme: string | null): void => {
    identifiers.push(
      withoutNulls({
        id: derivedId('hsds-organization-identifier', row.id, type),
        organization_id: row.id,
        identifier_scheme: scheme,
        identifier_type: type,
        identifier: value,
      }),
    );
  };
  if (row.medicalInstitutionCode)
    identifier('医療機関コード', row.medicalInstitutionCode, medicalInstitutionCodeSystem);
  if (row.careOfficeNumber) identifier('介護保険事業所番号', row.careOfficeNumber, careOfficeNumberSystem);
  if (row.corporationNumber) identifier('法人番号', row.corporationNumber, corporateNumberScheme);
  return withoutNulls({
    id: row.id,
    name: row.name,
    alternate_name: row.nameKana,
    description: organizationDescription(row),
    website: publicUrl(row.url),
    organization_identifiers: identifiers,
  });
}

function term(taxonomy: string, code: string, name: string, description: string): Json {
  return {
    id: derivedId('hsds-taxonomy-term', taxonomy, code),
    code,
    name,
    description,
    taxonomy,
  };
}

function serviceAttributes(row: ExportRow, serviceId: string, options: ExportOptions): Json[] {
  const attributes: Json[] = [];
  const add = (taxonomyTerm: Json, value: string | null): void => {
    attributes.push(
      withoutNulls({
        id: derivedId('hsds-attribute', serviceId, String(taxonomyTerm.taxonomy), String(taxonomyTerm.code)),
        link_id: serviceId,
        link_type: 'service',
        link_entity: 'service',
        taxonomy_term_id: taxonomyTerm.id,
        taxonomy_term: taxonomyTerm,
        value,
      }),
    );
  };
  const kind = row.kind as OrganizationKind;
  add(term(hsdsTaxonomies.organizationKind, kind, organizationKindLabels[kind] ?? kind, '事業所の種別'), null);
  const availability = publicAvailability(row, options);
  if (availability) {
    // value: when the status was declared; `alert` says it in words, with 要確認 when stale.
    add(
      term(hsdsTaxonomies.availability, availability.status, availability.label, '新規の受入状況（事業所が自ら更新）'),
      availability.updatedAt,
    );
  }
  for (const group of row.groups) {
    add(term(hsdsTaxonomies.patientGroup, group, patientGroupLabels[group as PatientGroup] ?? group, '対象者'), null);
  }
  for (const procedure of row.procedures) {
    const label = procedureLabels[procedure as Procedure] ?? procedure;
    add(term(hsdsTaxonomies.procedure, procedure, label, '対応できる医療処置'), null);
  }
  if (row.isAvailable24h)
    add(term(hsdsTaxonomies.serviceFeature, 'available_24h', '24時間対応', '24時間の連絡・訪問に対応'), 'true');
  if (row.coverageRadiusKm !== null) {
    add(
      term(hsdsTaxonomies.serviceFeature, 'coverage_radius_km', '訪問範囲（半径 km）', '訪問できる範囲'),
      String(row.coverageRadiusKm),
    );
  }
  for (const service of row.kaigoServices) {
    add(
      term(
        hsdsTaxonomies.kaigoService,
        service.code,
        service.name,
        '介護保険サービスの種類（介護サービス情報公表システムのファイル番号）',
      ),
      null,
    );
  }
  return attributes;
}

export function toHsdsService(row: ExportRow, options: ExportOptions): Json {
  const id = hsdsServiceId(row.id);
  const availability = publicAvailability(row, options);
  const services = row.kaigoServices.map((service) => service.name).join('、');
  const lastModified =
    row.availabilityUpdatedAt && row.availabilityUpdatedAt > row.updatedAt ? row.availabilityUpdatedAt : row.updatedAt;
  const description = [
    `${kindLabel(row)}「${row.name}」のサービス。`,
    services ? `介護保険サービス: ${services}。` : '',
    capabilitiesText(row) ?? '',
    availability ? `${availability.text}。` : '受入状況は未登録です。',
    attribution(row),
  ].join('');
  return withoutNulls({
    id,
    organization_id: row.id,
    name: `${kindLabel(row)}（${row.name}）`,
    alternate_name: row.nameKana,
    description,
    url: publicUrl(row.url),
    status: 'active',
    alert: availability?.text ?? null,
    last_modified: toJstIso(lastModified),
    attributes: serviceAttributes(row, id, options),
  });
}

export function toHsdsLocation(row: ExportRow): Json {
  const id = hsdsLocationId(row.id);
  const address = addressOf(row);
  const hasPoint = row.lat !== null && row.lng !== null;
  return withoutNulls({
    id,
    location_type: 'physical',
    organization_id: row.id,
    name: row.name,
    alternate_name: row.nameKana,
    latitude: hasPoint ? row.lat : null,
    longitude: hasPoint ? row.lng : null,
    addresses:
      row.address === ''
        ? []
        : [
            {
              id: derivedId('hsds-address', row.id),
              location_id: id,
              address_1: address.street || address.text,
              city: address.municipality ?? '',
              state_province: address.prefecture ?? '',
              // HSDS requires the field; the 介護 open data carries no postal codes.
              postal_code: row.postalCode ? `${row.postalCode.slice(0, 3)}-${row.postalCode.slice(3)}` : '',
              country: 'JP',
              address_type: 'physical',
            },
          ],
    phones: [
      ...(row.phone
        ? [{ id: derivedId('hsds-phone', row.id), location_id: id, number: row.phone, type: 'voice' }]
        : []),
      ...(row.fax ? [{ id: derivedId('hsds-fax', row.id), location_id: id, number: row.fax, type: 'fax' }] : []),
    ],
  });
}

/** The HSDS paging envelope (openapi.json components.schemas.Page) around one page of contents. */
export type HsdsPage = {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: Json[];
};

/**
 * `empty` tells whether this page has no contents (as Spring's Page, which HSDS's Page follows):
 * a page past the end is empty even though the result set is not.
 */
export function hsdsPage(contents: Json[], total: number, page: number, perPage: number): HsdsPage {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}
