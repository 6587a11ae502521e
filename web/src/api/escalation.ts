/**
 * The emergency chain on the web side: types mirroring src/features/escalation/escalation.schema.ts (a case's
 * calling order at a moment, acute events) and the organisation's backup-hospital fields of
 * organizations/organization.schema.ts, the calls over the one typed client and their TanStack Query hooks.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request, type ApiError } from './client';
import { caseKeys, useIdempotencyKey } from './cases';
import { queryKeys } from './queries';
import type { Organization, Page } from './types';
import type { HospitalFunction } from '../codes';

export const escalationRoles = [
  'primary_doctor',
  'secondary_doctor',
  'on_duty',
  'backup_hospital',
  'emergency_119',
] as const;
export type EscalationRole = (typeof escalationRoles)[number];

export type Condition = 'acute' | 'non_acute';

type ContactOrganization = { id: string; name: string; kind: string; phone: string | null };

export type EscalationStep = {
  order: number;
  role: EscalationRole;
  roleLabel: string;
  organization: ContactOrganization | null;
  phone: string | null;
  reason: string;
  reasonCode?: string;
  reasonParams?: Record<string, unknown>;
  waitMinutes: number | null;
  source: 'team' | 'pair' | 'roster' | 'area_backup' | 'emergency';
  /** No phone number registered: the step keeps its place (the clinical order), marked, for the number to be entered. */
  phoneMissing?: boolean;
  duty: {
    groupId: string;
    groupName: string;
    rosterId: string;
    date: string;
    shift: string;
    shiftLabel: string;
    startsAt: string;
    endsAt: string;
  } | null;
  hospitalFunction: string | null;
  /** The backup hospital's function and designation are the demo's invented values (デモ値). */
  isDemoProfile?: boolean;
};

export type Escalation = {
  caseId: string;
  at: string;
  condition: Condition;
  areaCode: string | null;
  areaName: string | null;
  dayKind: 'working_day' | 'saturday' | 'sunday' | 'national_holiday' | 'year_end';
  holidayName: string | null;
  steps: EscalationStep[];
  skipped: {
    role: EscalationRole;
    organization: ContactOrganization;
    reason: string;
    reasonCode?: string;
    reasonParams?: Record<string, unknown>;
  }[];
  notes: string[];
  /** The same notes with their codes and values (English); absent from older servers. */
  noteDetails?: { code: string; params: Record<string, unknown>; text: string }[];
  generatedAt: string;
};

export const acuteCallOutcomes = [
  'advice',
  'home_visit',
  'admission_arranged',
  'referred_next',
  'no_answer',
  'other',
] as const;
export type AcuteCallOutcome = (typeof acuteCallOutcomes)[number];

export type AcuteCallInput = {
  order: number;
  role: EscalationRole;
  organizationId?: string | null;
  calledAt?: string;
  answered: boolean;
  answeredAfterMinutes?: number;
  outcome?: AcuteCallOutcome;
  note?: string;
};

export type CreateAcuteEventRequest = {
  occurredAt: string;
  calls: AcuteCallInput[];
  admitted: boolean;
  admittedHospitalId?: string | null;
  note?: string;
};

export type AcuteEvent = {
  id: string;
  caseId: string;
  occurredAt: string;
  calls: {
    order: number;
    role: EscalationRole;
    roleLabel: string;
    organization: { id: string; name: string } | null;
    calledAt: string | null;
    answered: boolean;
    answeredAfterMinutes: number | null;
    outcome: string | null;
    note: string | null;
  }[];
  respondedBy: {
    role: EscalationRole;
    roleLabel: string;
    organizationId: string | null;
    answeredAfterMinutes: number | null;
  } | null;
  admitted: boolean;
  admittedHospital: { id: string; name: string } | null;
  reached119: boolean;
  note: string | null;
  areaCode: string | null;
  recordedByOrganizationId: string | null;
  createdAt: string;
};

/** The backup-hospital part of an organisation (GET organizations/:id `backup`). */
export type BackupFields = {
  areaCodes: string[];
  unavailableUntil: string | null;
  unavailableNote: string | null;
};

export type OrganizationWithBackup = Organization & { backup?: BackupFields };

export type UpdateBackupRequest = {
  isBackupHospital?: boolean;
  hospitalFunction?: HospitalFunction | null;
  backup: { areaCodes?: string[]; unavailableUntil?: string | null; unavailableNote?: string | null };
};

// ---------- calls ----------

const path = (id: string) => encodeURIComponent(id);

export const escalationApi = {
  escalation: (caseId: string, query: { at?: string | undefined; condition: Condition }) =>
    request<Escalation>('GET', `cases/${path(caseId)}/escalation`, { query }),
  acuteEvents: (caseId: string) =>
    request<Page<AcuteEvent>>('GET', `cases/${path(caseId)}/acute-events`, { query: { limit: 50 } }),
  recordAcuteEvent: (caseId: string, body: CreateAcuteEventRequest, key: string) =>
    request<AcuteEvent>('POST', `cases/${path(caseId)}/acute-events`, {
      body,
      headers: { 'Idempotency-Key': key },
    }),
  updateBackup: (organizationId: string, version: number, body: UpdateBackupRequest) =>
    request<OrganizationWithBackup>('PATCH', `organizations/${path(organizationId)}`, {
      body,
      headers: { 'If-Match': `"${version}"` },
    }),
};

/** The emergency contact card (PDF) of a case: A4 for the wall, or card size for the wallet. */
export function emergencyCardUrl(caseId: string, size: 'a4' | 'card', condition: Condition = 'acute'): string {
  return `/api/v1/cases/${path(caseId)}/emergency-card.pdf?size=${size}&condition=${condition}`;
}

// ---------- hooks ----------

export const escalationKeys = {
  escalation: (caseId: string, at: string, condition: Condition) =>
    [...caseKeys.scope(caseId), 'escalation', at, condition] as const,
  acuteEvents: (caseId: string) => [...caseKeys.scope(caseId), 'acute-events'] as const,
};

export function useEscalation(caseId: string, at: string | undefined, condition: Condition) {
  return useQuery({
    queryKey: escalationKeys.escalation(caseId, at ?? 'now', condition),
    queryFn: () => escalationApi.escalation(caseId, { at, condition }),
  });
}

export function useAcuteEvents(caseId: string) {
  return useQuery({ queryKey: escalationKeys.acuteEvents(caseId), queryFn: () => escalationApi.acuteEvents(caseId) });
}

export function useRecordAcuteEvent(caseId: string) {
  const client = useQueryClient();
  const key = useIdempotencyKey();
  return useMutation<AcuteEvent, ApiError, CreateAcuteEventRequest>({
    mutationFn: (body) => escalationApi.recordAcuteEvent(caseId, body, key.keyFor(body)),
    onSuccess: () => {
      key.reset();
      void client.invalidateQueries({ queryKey: escalationKeys.acuteEvents(caseId) });
      void client.invalidateQueries({ queryKey: caseKeys.timeline(caseId) });
    },
  });
}

export function useUpdateBackup(organizationId: string) {
  const client = useQueryClient();
  return useMutation<OrganizationWithBackup, ApiError, { version: number; body: UpdateBackupRequest }>({
    mutationFn: (input) => escalationApi.updateBackup(organizationId, input.version, input.body),
    onSuccess: (organization) => {
      client.setQueryData(queryKeys.organization(organizationId), organization);
      void client.invalidateQueries({ queryKey: ['organizations', 'list'] });
    },
  });
}
