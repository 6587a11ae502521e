/**
 * Discharge cases and referrals → FHIR R4 Patient, CareTeam, ServiceRequest and Task, showing only
 * what the caller may see. A case is a Patient (id = case id) and its home-care team a CareTeam
 * (same id); a referral is a ServiceRequest (the request for one team role) and a Task (its
 * workflow: requested → accepted | rejected | cancelled), both with the referral's id. The
 * minimum-necessary view (a candidate before it accepts) has no name, birth date, address or
 * phone: an age band, the area and the needs instead, marked REDACTED in meta.security.
 */
import type {
  Address,
  Annotation,
  Bundle,
  BundleLink,
  CareTeam,
  CareTeamParticipant,
  CodeableConcept,
  Extension,
  HumanName,
  Organization,
  Patient,
  PatientContact,
  Reference,
  Resource,
  ServiceRequest,
  Task,
} from '@medplum/fhirtypes';
import type { PatientGroup, Procedure, TeamRole } from '../../domain/codes.js';
import { patientGroupLabels, procedureLabels, teamRoleLabels } from '../../domain/labels.js';
import { ageBand } from '../../domain/cases/minimum-necessary.js';
import { candidateFilters, filledBy } from '../../domain/cases/team-roles.js';
import type { CaseAccessLevel } from '../../domain/policies/case-policy.js';
import { isOpenReferral, referralStatusLabels, type ReferralStatus } from '../../domain/cases/referral-state.js';
import { declineReasonLabels, type DeclineReasonCode } from '../../domain/cases/case-codes.js';
import type { CaseStatus } from '../../domain/cases/case-state.js';
import { toJstIso } from '../../platform/time.js';
import type { CaseRow } from '../cases/case.repository.js';
import { splitAddress } from './address-parts.js';
import { codeSystems } from './export-systems.js';
import type { ClinicalReferralRow, MemberRow } from './fhir-clinical.repository.js';

export const fhirClinicalTypes = ['Patient', 'CareTeam', 'ServiceRequest', 'Task'] as const;
export type FhirClinicalType = (typeof fhirClinicalTypes)[number];

/** Renkei's code systems and extensions of the clinical resources (no public system exists). */
export const clinicalSystems = {
  teamRole: 'urn:renkei:codesystem:team-role',
  referralStatus: 'urn:renkei:codesystem:referral-status',
  declineReason: 'urn:renkei:codesystem:decline-reason',
  referralBatch: 'urn:renkei:id:referral-batch',
  ageBandExtension: 'urn:renkei:fhir:extension:age-band',
} as const;

/** JP Core: kanji and kana names are told apart by the ISO 21090 representation (IDE / SYL). */
const nameRepresentation = 'http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation';
const geolocation = 'http://hl7.org/fhir/StructureDefinition/geolocation';
const redacted = {
  system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue',
  code: 'REDACTED',
  display: 'redacted',
};
const referralCategory = {
  coding: [{ system: 'http://snomed.info/sct', code: '3457005', display: 'Patient referral' }],
  text: '紹介',
};
const careCoordinationTeam = {
  coding: [
    { system: 'http://loinc.org', code: 'LA28865-6', display: 'Longitudinal care-coordination focused care team' },
  ],
  text: '在宅療養の支援チーム',
};
const fulfillTask = {
  coding: [
    { system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill', display: 'Fulfill the focal request' },
  ],
};

function concept(system: string, code: string, display: string): CodeableConcept {
  return { coding: [{ system, code, display }], text: display };
}

function roleConcept(role: string): CodeableConcept {
  return concept(clinicalSystems.teamRole, role, teamRoleLabels[role as TeamRole] ?? role);
}

function organization(id: string, name: string): Reference<Organization> {
  return { reference: `Organization/${id}`, display: name };
}

/** Patient/<case id>, with the name only for those who may see it. */
function patientReference(caseId: string, name: string | null): Reference<Patient> {
  return { reference: `Patient/${caseId}`, ...(name ? { display: name } : {}) };
}

/** "岡山 花子" → family 岡山, given 花子 (a name without a space stays whole, as text). */
function humanName(text: string, representation: 'IDE' | 'SYL'): HumanName {
  const [family, ...given] = text.trim().split(/[\s\u3000]+/);
  return {
    extension: [{ url: nameRepresentation, valueCode: representation }],
    use: 'official',
    text,
    ...(family && given.length > 0 ? { family, given } : {}),
  };
}

function homeAddress(row: CaseRow): Address {
  const parts = splitAddress(row.address, row.areaCode ? row.areaCode.slice(0, 2) : null);
  const hasPoint = row.lat !== null && row.lng !== null;
  return {
    ...(hasPoint
      ? {
          extension: [
            {
              url: geolocation,
              extension: [
                { url: 'latitude', valueDecimal: row.lat ?? 0 },
                { url: 'longitude', valueDecimal: row.lng ?? 0 },
              ],
            },
          ],
        }
      : {}),
    use: 'home',
    type: 'physical',
    text: parts.text,
    ...(parts.street ? { line: [parts.street] } : {}),
    ...(parts.municipality ? { city: parts.municipality } : {}),
    ...(parts.prefecture ? { state: parts.prefecture } : {}),
    country: 'JP',
  };
}

/** The area only (e.g. 岡山市北区): what a candidate sees instead of the address. */
function areaAddress(areaName: string | null): Address[] {
  if (!areaName) return [];
  const parts = splitAddress(areaName, '33');
  return [
    {
      use: 'home',
      text: parts.text,
      ...(parts.municipality ? { city: parts.municipality } : {}),
      ...(parts.prefecture ? { state: parts.prefecture } : {}),
      country: 'JP',
    },
  ];
}

function keyPersonContact(row: CaseRow): PatientContact[] {
  const person = row.keyPerson;
  if (!person?.name) return [];
  return [
    {
      ...(person.relationship ? { relationship: [{ text: person.relationship }] } : {}),
      name: { text: person.name },
      ...(person.phone ? { telecom: [{ system: 'phone', value: person.phone }] } : {}),
    },
  ];
}

function meta(updatedAt: Date, version: number, level: CaseAccessLevel = 'full') {
  return {
    versionId: String(version),
    lastUpdated: toJstIso(updatedAt),
    ...(level === 'summary' ? { security: [redacted] } : {}),
  };
}

export type PatientInput = { row: CaseRow; level: CaseAccessLevel; today: string; areaName: string | null };

/** The patient of a case: the record, or the minimum necessary (age band, sex, area). */
export function toFhirPatient({ row, level, today, areaName }: PatientInput): Patient {
  const base = {
    resourceType: 'Patient' as const,
    id: row.id,
    meta: meta(row.updatedAt, row.version, level),
    active: row.status !== 'cancelled',
    gender: row.sex as Patient['gender'],
    managingOrganization: organization(row.hospitalOrganizationId, row.hospitalName),
  };
  if (level !== 'full') {
    const band: Extension = { url: clinicalSystems.ageBandExtension, valueString: ageBand(row.birthDate, today) };
    const area = areaAddress(areaName);
    return { ...base, extension: [band], ...(area.length > 0 ? { address: area } : {}) };
  }
  const contact = keyPersonContact(row);
  return {
    ...base,
    name: [humanName(row.patientName, 'IDE'), humanName(row.patientNameKana, 'SYL')],
    ...(row.phone ? { telecom: [{ system: 'phone', value: row.phone, use: 'home' }] } : {}),
    birthDate: row.birthDate,
    // The outcome recorded a death (at home or in hospital): its date, as FHIR says a patient died.
    ...((row.outcome === 'died_home' || row.outcome === 'died_hospital') && row.outcomeOn
      ? { deceasedDateTime: row.outcomeOn }
      : {}),
    address: [homeAddress(row)],
    ...(contact.length > 0 ? { contact } : {}),
  };
}

function careTeamStatus(row: CaseRow, hasMembers: boolean): CareTeam['status'] {
  switch (row.status as CaseStatus) {
    case 'planning':
    case 'coordinating':
      return hasMembers ? 'active' : 'proposed';
    case 'discharged':
      return 'active';
    case 'closed':
      return row.outcome === 'home' ? 'active' : 'inactive';
    case 'cancelled':
      return 'inactive';
  }
}

export type CareTeamInput = {
  row: CaseRow;
  level: CaseAccessLevel;
  members: MemberRow[];
  /** The case's open welfare links: 福祉窓口 is filled once a window acknowledged one (as on the team view). */
  welfareLinks?: readonly { status: string }[];
};

/** The home-care team of a case: one participant per filled role; the roles still open as a note. */
export function toFhirCareTeam({ row, level, members, welfareLinks = [] }: CareTeamInput): CareTeam {
  const participant = members.map((member): CareTeamParticipant => ({
    role: [roleConcept(member.role)],
    member: organization(member.organizationId, member.organizationName),
    period: { start: toJstIso(member.since) },
  }));
  const filled = new Set(filledBy(members, welfareLinks));
  const open = row.neededRoles.filter((role) => !filled.has(role));
  const note: Annotation[] =
    open.length > 0
      ? [{ text: `未決定の役割: ${open.map((role) => teamRoleLabels[role as TeamRole] ?? role).join('、')}` }]
      : [];
  return {
    resourceType: 'CareTeam',
    id: row.id,
    meta: meta(row.updatedAt, row.version, level),
    status: careTeamStatus(row, members.length > 0),
    category: [careCoordinationTeam],
    name: `在宅チーム（${row.hospitalName}、退院予定 ${row.plannedDischargeDate}）`,
    subject: patientReference(row.id, level === 'full' ? row.patientName : null),
    period: { start: toJstIso(members[0]?.since ?? row.createdAt) },
    ...(participant.length > 0 ? { participant } : {}),
    managingOrganization: [organization(row.hospitalOrganizationId, row.hospitalName)],
    ...(note.length > 0 ? { note } : {}),
  };
}

export type ReferralView = {
  row: ClinicalReferralRow;
  /** The patient's name, for those who may see it (the sender; the receiver once accepted with consent). */
  patientName: string | null;
  /**
   * Whether the caller still sees the case's summary (needs, planned discharge, the sender's note):
   * false for a receiver whose referral was declined, withdrawn or expired (receiverSeesCaseSummary).
   * Absent: true.
   */
  showsCase?: boolean;
};

/**
 * Whether the receiver of a referral in this state still sees the case's summary — the REST rule
 * (referral.service.ts present(): `case` is null for the receiver otherwise): it needs the summary
 * to decide and keeps it once it accepted; after it declined, or the referral was withdrawn or
 * expired, it has no need left (minimum necessary).
 */
export function receiverSeesCaseSummary(status: ReferralStatus): boolean {
  return status === 'accepted' || isOpenReferral(status);
}

const isDischarged = (status: string) => status === 'discharged' || status === 'closed';

function serviceRequestStatus(status: ReferralStatus, caseStatus: string): ServiceRequest['status'] {
  switch (status) {
    case 'sent':
    case 'viewed':
      return 'active';
    case 'needs_info':
      return 'on-hold';
    case 'accepted':
      return isDischarged(caseStatus) ? 'completed' : 'active';
    case 'declined':
    case 'expired':
    case 'withdrawn':
      return 'revoked';
  }
}

/** pending → requested, needs_info → on-hold, accepted → accepted (completed once discharged), … */
export function taskStatus(status: ReferralStatus, caseStatus: string): Task['status'] {
  switch (status) {
    case 'sent':
    case 'viewed':
      return 'requested';
    case 'needs_info':
      return 'on-hold';
    case 'accepted':
      return isDischarged(caseStatus) ? 'completed' : 'accepted';
    case 'declined':
      return 'rejected';
    case 'expired':
    case 'withdrawn':
      return 'cancelled';
  }
}

/**
 * A referral as the request for one team role: requester the hospital, performer the receiver.
 * Without the case (`showsCase` false) it keeps what the receiver answered — role, status, when,
 * the sender as requester (as REST's `sender`) and itself as performer — but not the patient's
 * needs, the planned discharge, the patient's hospital or the sender's note, and is marked REDACTED.
 */
export function toFhirServiceRequest({ row, patientName, showsCase = true }: ReferralView): ServiceRequest {
  const referral = row.referral;
  const role = referral.role as TeamRole;
  if (!showsCase) {
    return {
      resourceType: 'ServiceRequest',
      id: referral.id,
      meta: meta(referral.updatedAt, referral.version, 'summary'),
      requisition: { system: clinicalSystems.referralBatch, value: referral.batchId },
      status: serviceRequestStatus(referral.status as ReferralStatus, row.caseStatus),
      intent: 'order',
      category: [referralCategory],
      priority: 'routine',
      code: roleConcept(role),
      subject: patientReference(referral.caseId, null),
      authoredOn: toJstIso(referral.createdAt),
      requester: organization(referral.senderOrganizationId, row.senderOrganizationName),
      performer: [organization(referral.organizationId, row.organizationName)],
    };
  }
  const needs = candidateFilters(role, {
    groups: row.groups as PatientGroup[],
    procedures: row.procedures as Procedure[],
  });
  const orderDetail = needs.procedures.map((code) =>
    concept(codeSystems.procedure, code, procedureLabels[code] ?? code),
  );
  const reasonCode = (row.groups as PatientGroup[]).map((code) =>
    concept(codeSystems.patientGroup, code, patientGroupLabels[code] ?? code),
  );
  return {
    resourceType: 'ServiceRequest',
    id: referral.id,
    meta: meta(referral.updatedAt, referral.version),
    requisition: { system: clinicalSystems.referralBatch, value: referral.batchId },
    status: serviceRequestStatus(referral.status as ReferralStatus, row.caseStatus),
    intent: 'order',
    category: [referralCategory],
    priority: 'routine',
    code: roleConcept(role),
    ...(orderDetail.length > 0 ? { orderDetail } : {}),
    subject: patientReference(referral.caseId, patientName),
    occurrenceDateTime: row.plannedDischargeDate,
    authoredOn: toJstIso(referral.createdAt),
    requester: organization(row.hospitalOrganizationId, row.hospitalName),
    performer: [organization(referral.organizationId, row.organizationName)],
    ...(reasonCode.length > 0 ? { reasonCode } : {}),
    ...(referral.message ? { note: [{ text: referral.message }] } : {}),
  };
}

/**
 * The referral's workflow: our state as businessStatus, the deadline as restriction.period.end. It
 * holds nothing of the case beyond the Patient reference, so it reads the same with or without
 * `showsCase` (the name is `patientName`'s decision).
 */
export function toFhirTask({ row, patientName, showsCase = true }: ReferralView): Task {
  const referral = row.referral;
  const status = referral.status as ReferralStatus;
  const reasonCode = referral.declineReasonCode as DeclineReasonCode | null;
  const statusReason: CodeableConcept | null = reasonCode
    ? {
        ...concept(clinicalSystems.declineReason, reasonCode, declineReasonLabels[reasonCode] ?? reasonCode),
        text: referral.declineReason
          ? `${declineReasonLabels[reasonCode] ?? reasonCode}: ${referral.declineReason}`
          : (declineReasonLabels[reasonCode] ?? reasonCode),
      }
    : null;
  const serviceRequest: Reference<ServiceRequest> = { reference: `ServiceRequest/${referral.id}` };
  return {
    resourceType: 'Task',
    id: referral.id,
    meta: meta(referral.updatedAt, referral.version),
    groupIdentifier: { system: clinicalSystems.referralBatch, value: referral.batchId },
    basedOn: [serviceRequest],
    status: taskStatus(status, row.caseStatus),
    ...(statusReason ? { statusReason } : {}),
    businessStatus: concept(clinicalSystems.referralStatus, status, referralStatusLabels[status]),
    intent: 'order',
    priority: 'routine',
    code: fulfillTask,
    description: `「${teamRoleLabels[referral.role as TeamRole] ?? referral.role}」の紹介`,
    focus: serviceRequest,
    for: patientReference(referral.caseId, showsCase ? patientName : null),
    authoredOn: toJstIso(referral.createdAt),
    lastModified: toJstIso(referral.updatedAt),
    requester: organization(referral.senderOrganizationId, row.senderOrganizationName),
    owner: organization(referral.organizationId, row.organizationName),
    restriction: { period: { end: toJstIso(referral.respondBy) } },
  };
}

/** A searchset Bundle; the paging links keep the search's own parameters. */
export function clinicalSearchset(input: {
  resources: Resource[];
  total: number;
  baseUrl: string;
  type: FhirClinicalType;
  parameters: Record<string, string>;
  count: number;
  offset: number;
}): Bundle {
  const pageUrl = (offset: number): string => {
    const query = new URLSearchParams({ ...input.parameters, _count: String(input.count), _offset: String(offset) });
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
    ...(input.resources.length > 0
      ? {
          entry: input.resources.map((resource) => ({
            fullUrl: `${input.baseUrl}/fhir/r4/${resource.resourceType}/${resource.id ?? ''}`,
            resource,
            search: { mode: 'match' as const },
          })),
        }
      : {}),
  };
}
