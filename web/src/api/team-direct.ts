/**
 * Adding an organisation to a case's team directly (src/features/teams): what the server sees of its fit first
 * (GET cases/:id/team/fit), then the addition (POST cases/:id/team, with an Idempotency-Key per attempt) — with the
 * reason it is added directly (「電話で受諾を確認」), and, for one that does not meet the patient's conditions, the
 * caller's acceptance of them.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { request, type ApiError } from './client';
import { caseKeys } from './cases';
import type { OrganizationKind, PatientGroup, Procedure } from '../codes';
import type { TeamRole } from './case-codes';

/** Why an organisation does not fit (the server's eligibility): `refuses` ones can never be accepted. */
export type FitProblem = {
  code: 'not_located' | 'kind' | 'groups' | 'procedures' | 'profile' | 'coverage' | 'full';
  message: string;
  refuses: boolean;
  kind?: OrganizationKind;
  groups?: PatientGroup[];
  procedures?: Procedure[];
  distanceKm?: number;
  radiusKm?: number | null;
};

export type TeamFit = {
  role: TeamRole;
  organization: {
    id: string;
    name: string;
    kind: OrganizationKind | null;
    address: string | null;
    phone: string | null;
  };
  roleFilled: boolean;
  fits: boolean;
  canAdd: boolean;
  problems: FitProblem[];
};

export type AddTeamMemberRequest = {
  role: TeamRole;
  organizationId: string;
  note?: string;
  acceptProblems?: boolean;
};

const path = (id: string) => encodeURIComponent(id);

export const teamDirectApi = {
  fit: (caseId: string, role: TeamRole, organizationId: string) =>
    request<TeamFit>('GET', `cases/${path(caseId)}/team/fit`, { query: { role, organizationId } }),
  add: (caseId: string, body: AddTeamMemberRequest, key: string) =>
    request<{ role: TeamRole; organizationId: string }>('POST', `cases/${path(caseId)}/team`, {
      body,
      headers: { 'Idempotency-Key': key },
    }),
};

export function useTeamFit(caseId: string, role: TeamRole, organizationId: string | null) {
  return useQuery({
    queryKey: [...caseKeys.team(caseId), 'fit', role, organizationId] as const,
    queryFn: () => teamDirectApi.fit(caseId, role, organizationId ?? ''),
    enabled: organizationId !== null,
  });
}

export function useAddTeamMember(caseId: string) {
  const client = useQueryClient();
  return useMutation<{ role: TeamRole; organizationId: string }, ApiError, { body: AddTeamMemberRequest; key: string }>(
    {
      mutationFn: (input) => teamDirectApi.add(caseId, input.body, input.key),
      onSuccess: () => {
        void client.invalidateQueries({ queryKey: caseKeys.scope(caseId) });
        void client.invalidateQueries({ queryKey: caseKeys.all });
      },
    },
  );
}
