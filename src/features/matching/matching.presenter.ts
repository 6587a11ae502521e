/** Proposal row → API object, explicitly (never the Drizzle row). */
import type { TeamRole } from '../../domain/codes.js';
import { toJstIso, toJstIsoOrNull } from '../../platform/time.js';
import type { ProposalRow } from './matching.repository.js';
import type { ProposalResponse } from './matching.schema.js';

export type StoredMetrics = {
  maxLoad: number;
  gini: number;
  totalDistanceKm: number;
  assignedCount: number;
  maxServable?: number;
  bottleneck?: number | null;
  /** Referrals created by sending the proposal (kept here: the table has no column for them). */
  referrals?: { caseId: string; organizationId: string; referralId: string }[];
  /** Cases whose secondary doctor defaulted to the pair partner of their primary. */
  pairDefaults?: string[];
  /** Who made it: the Center, or the waiting list when an organisation freed room. */
  source?: 'center' | 'waitlist';
  triggerOrganizationId?: string;
};

export type StoredBaseline = {
  name: 'greedy_nearest';
  metrics: StoredMetrics;
  assignments: { caseId: string; organizationId: string; distanceKm: number }[];
};

export type PresentContext = {
  organizationName: (id: string) => string;
  caseInfo: (id: string) => ProposalResponse['assignments'][number]['case'];
  loadOf: (organizationId: string) => { currentLoad: number; declaredCapacity: number | null };
};

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export function presentProposal(row: ProposalRow, context: PresentContext): ProposalResponse {
  const metrics = row.metrics as StoredMetrics;
  const baseline = row.baseline as StoredBaseline;
  return {
    id: row.id,
    role: row.role as TeamRole,
    status: row.status === 'sent' ? 'sent' : 'draft',
    source: metrics.source ?? 'center',
    trigger: metrics.triggerOrganizationId
      ? {
          organizationId: metrics.triggerOrganizationId,
          organizationName: context.organizationName(metrics.triggerOrganizationId),
        }
      : null,
    caseIds: row.caseIds,
    assignments: row.assignments.map((assignment) => ({
      caseId: assignment.caseId,
      organizationId: assignment.organizationId,
      distanceKm: assignment.distanceKm,
      organizationName: context.organizationName(assignment.organizationId),
      case: context.caseInfo(assignment.caseId),
      ...context.loadOf(assignment.organizationId),
      isPairDefault: (metrics.pairDefaults ?? []).includes(assignment.caseId),
    })),
    unassigned: row.unassigned.map((entry) => ({ ...entry, case: context.caseInfo(entry.caseId) })),
    metrics: {
      maxLoad: metrics.maxLoad,
      gini: metrics.gini,
      totalDistanceKm: metrics.totalDistanceKm,
      assignedCount: metrics.assignedCount,
      maxServable: metrics.maxServable ?? metrics.assignedCount,
      bottleneck: metrics.bottleneck ?? null,
    },
    baseline: {
      name: 'greedy_nearest',
      metrics: {
        maxLoad: baseline.metrics.maxLoad,
        gini: baseline.metrics.gini,
        totalDistanceKm: baseline.metrics.totalDistanceKm,
        assignedCount: baseline.metrics.assignedCount,
      },
      assignments: baseline.assignments.map((assignment) => ({
        caseId: assignment.caseId,
        organizationId: assignment.organizationId,
        distanceKm: assignment.distanceKm,
        organizationName: context.organizationName(assignment.organizationId),
      })),
    },
    difference: {
      maxLoad: metrics.maxLoad - baseline.metrics.maxLoad,
      gini: round(metrics.gini - baseline.metrics.gini, 3),
      totalDistanceKm: round(metrics.totalDistanceKm - baseline.metrics.totalDistanceKm, 2),
    },
    referrals: metrics.referrals ?? [],
    createdAt: toJstIso(row.createdAt),
    sentAt: toJstIsoOrNull(row.sentAt),
    version: row.version,
  };
}

export function presentProposalSummary(row: ProposalRow, organizationName: (id: string) => string) {
  const metrics = row.metrics as StoredMetrics;
  return {
    id: row.id,
    role: row.role as TeamRole,
    status: row.status === 'sent' ? ('sent' as const) : ('draft' as const),
    source: metrics.source ?? 'center',
    trigger: metrics.triggerOrganizationId
      ? {
          organizationId: metrics.triggerOrganizationId,
          organizationName: organizationName(metrics.triggerOrganizationId),
        }
      : null,
    caseCount: row.caseIds.length,
    assignedCount: row.assignments.length,
    createdAt: toJstIso(row.createdAt),
    sentAt: toJstIsoOrNull(row.sentAt),
  };
}
