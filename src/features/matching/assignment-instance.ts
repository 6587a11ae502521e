/**
 * Builds the batch-assignment instance from the database and the directory: which of the chosen
 * cases can be assigned at all (and why not, in words), each case's eligible organisations (the
 * same rule as the candidate list: team-roles.ts canFillRole, coverage reaches the home, groups and procedures held,
 * not full, within 30 km — minus organisations with an open referral for this case and role or that
 * declined it), each organisation's free places and current load, and the travel burden.
 */
import type { Tx } from '../../db/client.js';
import type { ActorContext } from '../../platform/context.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { PatientGroup, Procedure, TeamRole } from '../../domain/codes.js';
import { teamRoleLabels } from '../../domain/labels.js';
import { canFillRole, candidateFilters } from '../../domain/cases/team-roles.js';
import { canCoordinateCase } from '../../domain/policies/case-policy.js';
import type { AssignmentInstance, UnassignedReason } from '../../domain/matching/batch-assignment.js';
import type { TextParams, UnassignedReasonCode } from '../../domain/server-text.js';
import { travelBurdenAt, type MatchingSettings } from '../../domain/matching/matching-settings.js';
import { roleVisitsHome } from '../../domain/matching/candidate-ranking.js';
import { consentScopesOf, loadCase, type LoadedCase } from '../cases/case-access.js';
import type { DirectoryIndexService } from '../directory/directory-index.service.js';
import * as repository from './matching.repository.js';

const dayMs = 24 * 60 * 60 * 1000;

export type BuiltInstance = {
  instance: AssignmentInstance;
  /** The loaded cases that can take part, in instance order. */
  cases: LoadedCase[];
  /** Cases that cannot take part, with the reason in words. */
  excluded: ({ caseId: string } & UnassignedReasonText)[];
  /** Per organisation of the instance: capacity facts for presenting and re-validation. */
  organizations: { id: string; name: string; capacity: number; currentLoad: number; declaredCapacity: number | null }[];
};

export const unassignedReasonText: Record<UnassignedReason, string> = {
  no_eligible: 'この患者に対応できる事業所（訪問範囲・対象・医療処置・受入状況）が 30 km 以内にありません',
  no_capacity: '対応できる事業所はありますが、どこも空きがありません（空き 0）',
  capacity_exhausted:
    '対応できる事業所の空きが、同時に割り当てる他の患者で埋まります（同時に受け入れられる人数の上限）',
};

/** An unassigned reason in Japanese words, with its code and values for other languages. */
export type UnassignedReasonText = { reason: string; reasonCode: UnassignedReasonCode; reasonParams: TextParams };

/** The solver's reasons (batch-assignment.ts) in words. */
export function unassignedReason(reason: UnassignedReason): UnassignedReasonText {
  return { reason: unassignedReasonText[reason], reasonCode: reason, reasonParams: {} };
}

const problem = (reasonCode: UnassignedReasonCode, reason: string, reasonParams: TextParams = {}) => ({
  reason,
  reasonCode,
  reasonParams,
});

/** Why a case cannot be assigned this role now; null when it can. */
function caseProblem(
  loaded: LoadedCase,
  role: TeamRole,
  filled: Set<string> | undefined,
  actor: ActorContext['actor'],
): UnassignedReasonText | null {
  const { row } = loaded;
  if (!canCoordinateCase(actor, loaded.facts))
    return problem('not_coordinator', 'このケースを調整する権限がありません（センターに相談されたケースのみ）');
  if (row.status !== 'coordinating') return problem('not_coordinating', 'このケースは調整中ではありません');
  if (!row.neededRoles.includes(role))
    return problem('role_not_needed', `「${teamRoleLabels[role]}」はこのケースの必要な役割に含まれていません`, {
      role,
    });
  if (filled?.has(role)) return problem('role_filled', `「${teamRoleLabels[role]}」は既に決まっています`, { role });
  if (row.lat === null || row.lng === null) return problem('not_located', '患者宅の位置が登録されていません');
  if (!consentScopesOf(row).includes('referral_summary'))
    return problem('no_referral_consent', '紹介先へ最小限の情報を共有する同意が記録されていません');
  return null;
}

export async function buildAssignmentInstance(
  tx: Tx,
  options: {
    context: ActorContext;
    clock: Clock;
    directory: DirectoryIndexService;
    settings: MatchingSettings;
    staleAvailabilityDays: number;
    role: TeamRole;
    caseIds: readonly string[];
  },
): Promise<BuiltInstance> {
  const { context, directory, settings, role } = options;
  const uniqueIds = [...new Set(options.caseIds)];
  const excluded: BuiltInstance['excluded'] = [];
  const loadedCases: LoadedCase[] = [];
  for (const caseId of uniqueIds) {
    try {
      loadedCases.push(await loadCase(tx, context, caseId));
    } catch (error) {
      // Not visible to the caller: reported as a reason, never revealing whether it exists.
      if (!(error instanceof AppError) || error.code !== 'not_found') throw error;
      excluded.push({
        caseId,
        ...problem('case_not_found', 'ケースが見つかりません（センターに相談されていないか、閲覧できません）'),
      });
    }
  }
  const filled = await repository.filledRolesOf(
    tx,
    loadedCases.map((loaded) => loaded.row.id),
  );
  const usable: LoadedCase[] = [];
  for (const loaded of loadedCases) {
    const found = caseProblem(loaded, role, filled.get(loaded.row.id), context.actor);
    if (found) excluded.push({ caseId: loaded.row.id, ...found });
    else usable.push(loaded);
  }
  // The greedy baseline serves the earliest discharge first.
  usable.sort(
    (a, b) =>
      a.row.plannedDischargeDate.localeCompare(b.row.plannedDischargeDate) ||
      (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0),
  );
  const index = await directory.current();
  const now = options.clock.now();
  const exclusions = await repository.excludedForRole(
    tx,
    usable.map((loaded) => loaded.row.id),
    role,
  );
  const organizationIndex = new Map<string, number>();
  const organizationIds: string[] = [];
  const arcs: AssignmentInstance['arcs'][number][] = [];
  usable.forEach((loaded, caseIndex) => {
    const { row } = loaded;
    const patient = { groups: row.groups as PatientGroup[], procedures: row.procedures as Procedure[] };
    const filters = candidateFilters(role, patient);
    const home = { lat: row.lat ?? 0, lng: row.lng ?? 0, areaCode: row.areaCode };
    // The same rule as the candidate list: the area's burden for the roles that visit the home only.
    const travel = roleVisitsHome(role) ? travelBurdenAt(settings.travel, home) : { factor: 1, label: null };
    const hits = index.search({
      lat: home.lat,
      lng: home.lng,
      radiusKm: settings.assignment.maxDistanceKm,
      pointAreaCode: row.areaCode,
      kinds: filters.kinds,
      groups: filters.groups,
      procedures: filters.procedures,
      acceptingOnly: false,
      excludeFull: true,
      limit: 2000,
      nowMs: now.getTime(),
      staleAfterMs: options.staleAvailabilityDays * dayMs,
    });
    const skip = exclusions.get(row.id);
    for (const hit of hits) {
      if (skip?.has(hit.id)) continue;
      // The search checked the patient's needs; the role's own rule (a declared profile for a doctor) is checked here.
      const entry = directory.entry(hit.id);
      if (!entry || !canFillRole(role, entry)) continue;
      let position = organizationIndex.get(hit.id);
      if (position === undefined) {
        position = organizationIds.length;
        organizationIndex.set(hit.id, position);
        organizationIds.push(hit.id);
      }
      arcs.push({
        caseIndex,
        organizationIndex: position,
        distanceKm: Math.round(hit.distanceKm * 100) / 100,
        travelFactor: travel.factor,
      });
    }
  });
  const loads = await repository.loadsOf(tx, organizationIds);
  const facts = await repository.capacitiesOf(tx, organizationIds);
  const organizations = organizationIds.map((id) => {
    const fact = facts.get(id);
    const currentLoad = loads.get(id) ?? 0;
    const declaredCapacity = fact?.declaredCapacity ?? null;
    // Free places: what the organisation declared, less the patients it took on since and the
    // referrals still waiting for its answer (each may take a place — earlier batches included);
    // else its declared capacity minus its load and those referrals; else a default.
    const claimed = fact?.pendingReferrals ?? 0;
    const capacity =
      fact?.freeSlots !== null && fact?.freeSlots !== undefined
        ? Math.max(0, fact.freeSlots - fact.joinedSinceDeclared - claimed)
        : declaredCapacity !== null
          ? Math.max(0, declaredCapacity - currentLoad - claimed)
          : Math.max(0, settings.assignment.unknownFreeSlots - claimed);
    return { id, name: fact?.name ?? '', capacity, currentLoad, declaredCapacity };
  });
  return {
    instance: {
      cases: usable.map((loaded) => ({ id: loaded.row.id })),
      organizations: organizations.map(({ id, capacity, currentLoad, declaredCapacity }) => ({
        id,
        capacity,
        currentLoad,
        declaredCapacity,
      })),
      arcs,
    },
    cases: usable,
    excluded,
    organizations,
  };
}
