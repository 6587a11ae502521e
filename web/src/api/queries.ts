/** TanStack Query hooks over the typed client: the only way components read and change server data. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ApiError } from './client';
import type {
  AuditQuery,
  CreateOrganizationRequest,
  CreateUserRequest,
  Organization,
  OrganizationQuery,
  UpdateAvailabilityRequest,
  UpdateOrganizationRequest,
  UpdateUserRequest,
} from './types';

export const queryKeys = {
  publicConfig: ['public-config'] as const,
  me: ['me'] as const,
  areas: ['areas'] as const,
  organizations: (query: OrganizationQuery) => ['organizations', 'list', query] as const,
  organization: (id: string) => ['organizations', 'one', id] as const,
  users: (q: string) => ['users', q] as const,
  audit: (query: AuditQuery) => ['audit', query] as const,
};

const pageSize = 50;

export function usePublicConfig() {
  return useQuery({ queryKey: queryKeys.publicConfig, queryFn: api.publicConfig, staleTime: Infinity });
}

export function useMe() {
  return useQuery({ queryKey: queryKeys.me, queryFn: api.me, retry: false, staleTime: 60_000 });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: api.login,
    onSuccess: (result) => {
      if (!('mfaRequired' in result)) client.setQueryData(queryKeys.me, result.user);
    },
  });
}

export function useCompleteMfa() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: api.completeMfa,
    onSuccess: (result) => client.setQueryData(queryKeys.me, result.user),
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: api.logout,
    // Whatever the answer, nothing of the previous session may stay on screen.
    onSettled: () => client.clear(),
  });
}

export function useEnrollMfa() {
  return useMutation({ mutationFn: api.enrollMfa });
}

export function useConfirmMfa() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: api.confirmMfa,
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.me }),
  });
}

export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: api.changePassword,
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.me }),
  });
}

export function useAreas() {
  return useQuery({ queryKey: queryKeys.areas, queryFn: api.areas, staleTime: 60 * 60_000 });
}

/** The four wards of Okayama City (区), in code order. */
export function useWards() {
  return useQuery({
    queryKey: queryKeys.areas,
    queryFn: api.areas,
    staleTime: 60 * 60_000,
    select: (data) => data.items.filter((area) => area.kind === 'ward'),
  });
}

export function useOrganizations(query: OrganizationQuery, options: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: queryKeys.organizations(query),
    queryFn: ({ pageParam }) => api.organizations({ limit: pageSize, ...query, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled: options.enabled ?? true,
  });
}

export function useOrganization(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.organization(id ?? ''),
    queryFn: () => api.organization(id ?? ''),
    enabled: Boolean(id),
  });
}

function useStoreOrganization() {
  const client = useQueryClient();
  return (organization: Organization) => {
    client.setQueryData(queryKeys.organization(organization.id), organization);
    void client.invalidateQueries({ queryKey: ['organizations', 'list'] });
  };
}

export function useCreateOrganization() {
  const store = useStoreOrganization();
  return useMutation({
    mutationFn: (input: { body: CreateOrganizationRequest; idempotencyKey: string }) =>
      api.createOrganization(input.body, input.idempotencyKey),
    onSuccess: store,
  });
}

export function useUpdateOrganization(id: string) {
  const store = useStoreOrganization();
  return useMutation<Organization, ApiError, { version: number; body: UpdateOrganizationRequest }>({
    mutationFn: (input) => api.updateOrganization(id, input.version, input.body),
    onSuccess: store,
  });
}

export function useUpdateAvailability(id: string) {
  const store = useStoreOrganization();
  return useMutation<Organization, ApiError, { version: number; body: UpdateAvailabilityRequest }>({
    mutationFn: (input) => api.updateAvailability(id, input.version, input.body),
    onSuccess: store,
  });
}

export function useUsers(q: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.users(q),
    queryFn: ({ pageParam }) => api.users({ q: q || undefined, cursor: pageParam, limit: pageSize }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { body: CreateUserRequest; idempotencyKey: string }) =>
      api.createUser(input.body, input.idempotencyKey),
    onSuccess: () => client.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; version: number; body: UpdateUserRequest }) =>
      api.updateUser(input.id, input.version, input.body),
    // After a change, or a refusal because another administrator changed the account first (412: the error says
    // who and when), the list is read again so that the next action holds the current version.
    onSettled: () => client.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useAuditEvents(query: AuditQuery) {
  return useInfiniteQuery({
    queryKey: queryKeys.audit(query),
    queryFn: ({ pageParam }) => api.audit({ ...query, cursor: pageParam, limit: pageSize }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
