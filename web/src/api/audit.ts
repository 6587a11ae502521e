/**
 * The audit log (GET /api/v1/audit, src/features/audit/audit.routes.ts): the rows with their actor and the record
 * they are about named, the filters, and the paged TanStack Query hook AuditPage uses.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { request } from './client';
import type { Page } from './types';

/** The record a row is about, named — a user, an organisation or a case (never the patient). */
export type AuditTarget = {
  kind: 'user' | 'organization' | 'case';
  name: string | null;
  email: string | null;
  role: string | null;
  /** A user's organisation; a case's responsible hospital. */
  organizationName: string | null;
  /** The viewer may open the case. */
  canOpen: boolean;
};

export type AuditLogEvent = {
  id: number;
  at: string;
  actorUserId: string | null;
  actorName: string | null;
  actorOrganizationId: string | null;
  actorOrganizationName: string | null;
  actorRole: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  target: AuditTarget | null;
  ip: string | null;
  requestId: string | null;
  details: Record<string, unknown> | null;
};

export type AuditLogQuery = {
  entity?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  actorUserId?: string | undefined;
  /** Part of the actor's name or e-mail. */
  actor?: string | undefined;
  /** YYYY-MM-DD, Asia/Tokyo, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
};

const pageSize = 50;

export function fetchAuditLog(query: AuditLogQuery & { cursor?: string | undefined; limit?: number }) {
  return request<Page<AuditLogEvent>>('GET', 'audit', { query });
}

export function useAuditLog(query: AuditLogQuery) {
  return useInfiniteQuery({
    queryKey: ['audit', 'log', query] as const,
    queryFn: ({ pageParam }) => fetchAuditLog({ ...query, cursor: pageParam, limit: pageSize }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
