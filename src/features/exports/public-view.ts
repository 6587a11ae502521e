/**
 * What the public exports say about an organisation beyond its columns: the acceptance status as
 * citizens see it (status, when, 要確認 when stale — never free slots or the note), the profile in
 * words, the 出典, and a web address safe to publish.
 */
import type { AvailabilityStatus, OrganizationKind, PatientGroup, Procedure } from '../../domain/codes.js';
import {
  availabilityStatusLabels,
  organizationKindLabels,
  patientGroupLabels,
  procedureLabels,
} from '../../domain/labels.js';
import { isAvailabilityStale } from '../../domain/freshness.js';
import { dataSource } from '../../platform/data-sources.js';
import { jstDate, toJstIso } from '../../platform/time.js';
import type { ExportRow } from './export.repository.js';
import { splitAddress, type AddressParts } from './address-parts.js';

export type ExportOptions = { now: Date; staleAfterDays: number };

export type PublicAvailability = {
  status: AvailabilityStatus;
  label: string;
  updatedAt: string;
  isStale: boolean;
  /** One sentence: 「受入可（2026-11-20 更新）」, with 要確認 when stale. */
  text: string;
};

export function publicAvailability(row: ExportRow, options: ExportOptions): PublicAvailability | null {
  if (!row.availabilityStatus || !row.availabilityUpdatedAt) return null;
  const status = row.availabilityStatus as AvailabilityStatus;
  const isStale = isAvailabilityStale(row.availabilityUpdatedAt, options.now, options.staleAfterDays);
  const label = availabilityStatusLabels[status];
  const when = `${jstDate(row.availabilityUpdatedAt)} 更新`;
  return {
    status,
    label,
    updatedAt: toJstIso(row.availabilityUpdatedAt),
    isStale,
    text: `新規の受入: ${label}（${when}${isStale ? `、${options.staleAfterDays}日以上更新がないため要確認` : ''}）${row.isDemoAvailability ? '（デモ用の値）' : ''}`,
  };
}

export function kindLabel(row: ExportRow): string {
  return organizationKindLabels[row.kind as OrganizationKind] ?? row.kind;
}

/** The 出典 line of the organisation's data set. */
export function attribution(row: ExportRow): string {
  const source = dataSource(row.source);
  return source.license ? `${source.attribution}（${source.license}）` : source.attribution;
}

/** The capability profile in words (Japanese), or null when nothing is declared. */
export function capabilitiesText(row: ExportRow): string | null {
  const parts: string[] = [];
  if (row.groups.length > 0) {
    parts.push(`対象: ${row.groups.map((code) => patientGroupLabels[code as PatientGroup] ?? code).join('、')}`);
  }
  if (row.procedures.length > 0) {
    parts.push(`医療処置: ${row.procedures.map((code) => procedureLabels[code as Procedure] ?? code).join('、')}`);
  }
  if (row.isAvailable24h) parts.push('24時間対応');
  if (row.coverageRadiusKm !== null) parts.push(`訪問範囲: 半径 ${row.coverageRadiusKm} km`);
  if (parts.length === 0) return null;
  return `${parts.join('。')}。${row.isDemoProfile ? '（デモ用の値）' : ''}`;
}

/** The web address in a form that is a valid URI (punycode host, percent-encoded path), or null. */
export function publicUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    // WHATWG URLs keep a few characters RFC 3986 does not allow (e.g. "^"): percent-encode them.
    return parsed.href.replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/g, (character) => encodeURIComponent(character));
  } catch {
    return null;
  }
}

/** The prefecture code behind an organisation (its codes, else its area, else 岡山県). */
export function prefectureCodeOf(row: ExportRow): string {
  return (row.medicalInstitutionCode ?? row.careOfficeNumber ?? row.areaCode ?? '33').slice(0, 2);
}

export function addressOf(row: ExportRow): AddressParts {
  return splitAddress(row.address, prefectureCodeOf(row));
}

export function hasLocation(row: ExportRow): boolean {
  return row.address !== '' || (row.lat !== null && row.lng !== null);
}
