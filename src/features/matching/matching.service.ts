/**
 * The Center's batch assignment: propose (min-cost flow beside the greedy baseline), read, adjust
 * row by row (each change re-validated against eligibility and capacity), and send — one referral
 * per assignment through the referral service, all in one transaction. Also the list of the
 * Center's open cases that still need a role.
 */
import { randomUUID } from 'node:crypto';
import type { AppDeps, ActorContext } from '../../platform/context.js';
import type { Tx } from '../../db/client.js';
import { AppError, errors, type ErrorDetail } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit.js';
import { assertVersion, optionalVersion } from '../../platform/versioning.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import type { PatientGroup, Procedure, TeamRole } from '../../domain/codes.js';
import { teamRoleLabels } from '../../domain/labels.js';
import { roleRequirements } from '../../domain/cases/team-roles.js';
import { eligibilityProblems } from '../../domain/matching/eligibility.js';
import {
  assignmentMetrics,
  greedyNearestWithFixed,
  solveAssignmentWithFixed,
  type Assignment,
  type AssignmentInstance,
} from '../../domain/matching/batch-assignment.js';
import type { MatchingSettings } from '../../domain/matching/matching-settings.js';
import { auditCaseRead, consentScopesOf, loadCase } from '../cases/case-access.js';
import type { DirectoryIndexService } from '../directory/directory-index.service.js';
import type { ReferralService } from '../referrals/referral.service.js';
import { buildAssignmentInstance, unassignedReason, type BuiltInstance } from './assignment-instance.js';
import {
  presentProposal,
  presentProposalSummary,
  type StoredBaseline,
  type StoredMetrics,
} from './matching.presenter.js';
import * as repository from './matching.repository.js';
import type {
  AdjustProposalRequest,
  CreateProposalRequest,
  ListProposalsQuery,
  SendProposalRequest,
} from './matching.schema.js';

const removedByCenter = {
  reason: 'センターが割り当てを外しました',
  reasonCode: 'removed_by_center',
  reasonParams: {},
} as const;

export function createMatchingService(
  deps: AppDeps,
  directory: DirectoryIndexService,
  referrals: ReferralService,
  settings: MatchingSettings,
) {
  const { database, clock, config } = deps;

  const build = (tx: Tx, context: ActorContext, role: TeamRole, caseIds: readonly string[]) =>
    buildAssignmentInstance(tx, {
      context,
      clock,
      directory,
      settings,
      staleAvailabilityDays: config.staleAvailabilityDays,
      role,
      caseIds,
    });

  function stored(
    instance: AssignmentInstance,
    pairs: readonly { caseIndex: number; organizationIndex: number; arcIndex: number }[],
  ) {
    return pairs.map((pair) => ({
      caseId: instance.cases[pair.caseIndex]?.id ?? '',
      organizationId: instance.organizations[pair.organizationIndex]?.id ?? '',
      distanceKm: instance.arcs[pair.arcIndex]?.distanceKm ?? 0,
    }));
  }

  /** Metrics of stored assignments measured on a (fresh) instance. */
  function metricsOf(built: BuiltInstance, assignments: readonly { caseId: string; organizationId: string }[]) {
    const { instance } = built;
    const caseIndex = new Map(instance.cases.map((entry, index) => [entry.id, index]));
    const organizationIndex = new Map(instance.organizations.map((entry, index) => [entry.id, index]));
    const pairs = assignments.flatMap((assignment) => {
      const i = caseIndex.get(assignment.caseId);
      const j = organizationIndex.get(assignment.organizationId);
      const arcIndex = instance.arcs.findIndex((arc) => arc.caseIndex === i && arc.organizationIndex === j);
      return i === undefined || j === undefined || arcIndex < 0 ? [] : [{ organizationIndex: j, arcIndex }];
    });
    return assignmentMetrics(instance, pairs);
  }

  async function present(tx: Tx, context: ActorContext, row: repository.ProposalRow) {
    const organizationIds = [
      ...new Set([
        ...row.assignments.map((assignment) => assignment.organizationId),
        ...((row.baseline as StoredBaseline).assignments ?? []).map((assignment) => assignment.organizationId),
      ]),
    ];
    const names = await repository.organizationNames(tx, organizationIds);
    const loads = await repository.loadsOf(tx, organizationIds);
    const capacities = await repository.capacitiesOf(tx, organizationIds);
    const areaNames = await repository.areaNames(tx);
    const caseInfo = new Map<
      string,
      { id: string; patientName: string | null; areaName: string | null; plannedDischargeDate: string | null }
    >();
    for (const caseId of row.caseIds) {
      try {
        const loaded = await loadCase(tx, context, caseId);
        await auditCaseRead(tx, clock, context, loaded, 'matching_proposal');
        caseInfo.set(caseId, {
          id: caseId,
          patientName: loaded.level === 'full' ? loaded.row.patientName : null,
          areaName: loaded.row.areaCode ? (areaNames.get(loaded.row.areaCode) ?? null) : null,
          plannedDischargeDate: loaded.row.plannedDischargeDate,
        });
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'not_found') throw error;
      }
    }
    return presentProposal(row, {
      organizationName: (id) => names.get(id) ?? '',
      caseInfo: (id) => caseInfo.get(id) ?? { id, patientName: null, areaName: null, plannedDischargeDate: null },
      loadOf: (id) => ({
        currentLoad: loads.get(id) ?? 0,
        declaredCapacity: capacities.get(id)?.declaredCapacity ?? null,
      }),
    });
  }

  /**
   * The secondary doctor defaults from the pair of the primary (issue 7): a case whose primary
   * doctor has a standing pair partner able to serve it is given that partner first (the nearest
   * when several, in the batch's order while the partner has room); the optimisation places the rest.
   */
  async function pairDefaults(tx: Tx, instance: AssignmentInstance): Promise<Assignment[]> {
    const primaries = await repository.primaryDoctorsOf(
      tx,
      instance.cases.map((entry) => entry.id),
    );
    if (primaries.size === 0) return [];
    const partners = new Map<string, Set<string>>();
    for (const { organizationId, partnerId } of await repository.pairPartnersOf(tx, [...new Set(primaries.values())])) {
      let set = partners.get(organizationId);
      if (!set) partners.set(organizationId, (set = new Set()));
      set.add(partnerId);
    }
    const remaining = instance.organizations.map((organization) => organization.capacity);
    const arcsOfCase = instance.cases.map((): number[] => []);
    instance.arcs.forEach((arc, index) => arcsOfCase[arc.caseIndex]?.push(index));
    const fixed: Assignment[] = [];
    instance.cases.forEach((entry, caseIndex) => {
      const primary = primaries.get(entry.id);
      const partnerIds = primary ? partners.get(primary) : undefined;
      if (!partnerIds) return;
      let best: number | null = null;
      for (const arcIndex of arcsOfCase[caseIndex] ?? []) {
        const arc = instance.arcs[arcIndex];
        const organization = arc ? instance.organizations[arc.organizationIndex] : undefined;
        if (!arc || !organization || !partnerIds.has(organization.id)) continue;
        if ((remaining[arc.organizationIndex] ?? 0) <= 0) continue;
        const current = best === null ? undefined : instance.arcs[best];
        if (!current || arc.distanceKm < current.distanceKm) best = arcIndex;
      }
      const chosen = best === null ? undefined : instance.arcs[best];
      if (best === null || !chosen) return;
      remaining[chosen.organizationIndex] = (remaining[chosen.organizationIndex] ?? 0) - 1;
      fixed.push({ caseIndex, organizationIndex: chosen.organizationIndex, arcIndex: best });
    });
    return fixed;
  }

  async function create(context: ActorContext, input: CreateProposalRequest, tx: Tx) {
    if (!roleRequirements[input.role].isReferable)
      throw errors.validation([
        { path: 'role', message: `「${teamRoleLabels[input.role]}」は紹介で依頼する役割ではありません。` },
      ]);
    const built = await build(tx, context, input.role, input.caseIds);
    for (const loaded of built.cases) await auditCaseRead(tx, clock, context, loaded, 'matching');
    const { instance } = built;
    const fixed = input.role === 'secondary_doctor' ? await pairDefaults(tx, instance) : [];
    const result = solveAssignmentWithFixed(instance, fixed, settings.assignment);
    const greedy = greedyNearestWithFixed(instance, fixed);
    const id = randomUUID();
    const ours: StoredMetrics = {
      ...assignmentMetrics(instance, result.assignments),
      maxServable: result.maxServable,
      bottleneck: result.bottleneck,
      source: 'center',
      ...(fixed.length > 0
        ? { pairDefaults: fixed.map((assignment) => instance.cases[assignment.caseIndex]?.id ?? '') }
        : {}),
    };
    const baseline: StoredBaseline = {
      name: 'greedy_nearest',
      metrics: assignmentMetrics(instance, greedy.assignments),
      assignments: stored(instance, greedy.assignments),
    };
    await repository.insertProposal(tx, {
      id,
      role: input.role,
      caseIds: [...new Set(input.caseIds)],
      assignments: stored(instance, result.assignments),
      unassigned: [
        ...built.excluded,
        ...result.unassigned.map((entry) => ({
          caseId: instance.cases[entry.caseIndex]?.id ?? '',
          ...unassignedReason(entry.reason),
        })),
      ],
      metrics: ours,
      baseline,
      status: 'draft',
      createdByUserId: context.actor.userId,
      createdByOrganizationId: context.actor.organizationId,
      createdAt: clock.now(),
    });
    await writeAudit(tx, clock, context, {
      action: 'create',
      entity: 'matching_proposal',
      entityId: id,
      ownerOrganizationId: context.actor.organizationId,
      details: { role: input.role, cases: input.caseIds.length, assigned: result.assignments.length },
    });
    return present(tx, context, await loadOwn(tx, context, id));
  }

  async function loadOwn(tx: Tx, context: ActorContext, id: string, options: { forUpdate?: boolean } = {}) {
    const row = await repository.findProposal(tx, id, options);
    if (!row || row.createdByOrganizationId !== context.actor.organizationId)
      throw errors.notFound('指定された割り当て案が見つかりません。');
    return row;
  }

  async function get(context: ActorContext, id: string) {
    await directory.current();
    return database.transaction(async (tx) => present(tx, context, await loadOwn(tx, context, id)));
  }

  async function adjust(context: ActorContext, id: string, input: AdjustProposalRequest, expectedVersion: number) {
    await directory.current();
    return database.transaction(async (tx) => {
      const row = await loadOwn(tx, context, id, { forUpdate: true });
      if (row.status !== 'draft') throw errors.invalidTransition('送信済みの割り当て案は変更できません。');
      assertVersion(expectedVersion, row.version);
      const role = row.role as TeamRole;
      const built = await build(tx, context, role, row.caseIds);
      const { instance } = built;
      const caseIndex = new Map(instance.cases.map((entry, index) => [entry.id, index]));
      const assignments = new Map(row.assignments.map((assignment) => [assignment.caseId, assignment]));
      const unassigned = new Map(row.unassigned.map(({ caseId, ...reason }) => [caseId, reason]));
      const problems: ErrorDetail[] = [];
      input.changes.forEach((change, index) => {
        const path = `changes.${index}`;
        if (!row.caseIds.includes(change.caseId)) {
          problems.push({ path, message: 'このケースは割り当て案に含まれていません' });
          return;
        }
        if (change.organizationId === null) {
          assignments.delete(change.caseId);
          unassigned.set(change.caseId, removedByCenter);
          return;
        }
        const position = caseIndex.get(change.caseId);
        const loaded = position === undefined ? undefined : built.cases[position];
        if (position === undefined || !loaded) {
          const reason = built.excluded.find((entry) => entry.caseId === change.caseId)?.reason;
          problems.push({ path, message: `このケースには割り当てられません: ${reason ?? '対象外です'}` });
          return;
        }
        const organizationPosition = instance.organizations.findIndex((entry) => entry.id === change.organizationId);
        const arc = instance.arcs.find(
          (candidate) => candidate.caseIndex === position && candidate.organizationIndex === organizationPosition,
        );
        if (!arc) {
          const { row: caseRow } = loaded;
          const reasons = eligibilityProblems(
            directory.entry(change.organizationId),
            role,
            { groups: caseRow.groups as PatientGroup[], procedures: caseRow.procedures as Procedure[] },
            { lat: caseRow.lat ?? 0, lng: caseRow.lng ?? 0, areaCode: caseRow.areaCode },
          );
          problems.push({
            path,
            message: `この事業所はこの患者を担えません: ${reasons.length > 0 ? reasons.join('、') : '回答待ちの紹介があるか、辞退済み、または 30 km より遠いためです'}`,
          });
          return;
        }
        assignments.set(change.caseId, {
          caseId: change.caseId,
          organizationId: change.organizationId,
          distanceKm: arc.distanceKm,
        });
        unassigned.delete(change.caseId);
      });
      // Capacity of every organisation a change touched, counted over the whole proposal.
      const counts = new Map<string, number>();
      for (const assignment of assignments.values())
        counts.set(assignment.organizationId, (counts.get(assignment.organizationId) ?? 0) + 1);
      const touched = new Set(
        input.changes.map((change) => change.organizationId).filter((value): value is string => value !== null),
      );
      for (const organizationId of touched) {
        const organization = built.organizations.find((entry) => entry.id === organizationId);
        if (organization && (counts.get(organizationId) ?? 0) > organization.capacity)
          problems.push({
            path: 'changes',
            message: `${organization.name}: 空き ${organization.capacity} 名を超えて割り当てています（${counts.get(organizationId) ?? 0} 名）`,
          });
      }
      if (problems.length > 0)
        throw errors.badRequest('invalid_adjustment', '変更できない割り当てがあります。', problems);
      const next = [...assignments.values()].sort(
        (a, b) => row.caseIds.indexOf(a.caseId) - row.caseIds.indexOf(b.caseId),
      );
      const previous = row.metrics as StoredMetrics;
      const before = new Map(row.assignments.map((assignment) => [assignment.caseId, assignment.organizationId]));
      await repository.updateProposal(tx, id, {
        assignments: next,
        unassigned: [...unassigned].map(([caseId, reason]) => ({ caseId, ...reason })),
        metrics: {
          ...previous,
          ...metricsOf(built, next),
          // A default stays a default only while the Center keeps it.
          pairDefaults: (previous.pairDefaults ?? []).filter(
            (caseId) => assignments.get(caseId)?.organizationId === before.get(caseId),
          ),
        },
      });
      await writeAudit(tx, clock, context, {
        action: 'adjust',
        entity: 'matching_proposal',
        entityId: id,
        ownerOrganizationId: context.actor.organizationId,
        details: { changes: input.changes },
      });
      return present(tx, context, await loadOwn(tx, context, id));
    });
  }

  /**
   * Sends the proposal's referrals. `expectedVersion` (If-Match, optional as CONTRACT names none): a proposal another
   * coordinator adjusted since the sender looked at it is not sent unseen (412).
   */
  async function send(
    context: ActorContext,
    id: string,
    input: SendProposalRequest,
    tx: Tx,
    expectedVersion: number | null = null,
  ) {
    const row = await loadOwn(tx, context, id, { forUpdate: true });
    if (row.status !== 'draft') throw errors.invalidTransition('この割り当て案は送信済みです。');
    optionalVersion(expectedVersion, row.version);
    if (row.assignments.length === 0) throw errors.invalidTransition('送る紹介がありません（割り当てが 0 件です）。');
    const sent: NonNullable<StoredMetrics['referrals']> = [];
    for (const assignment of row.assignments) {
      try {
        const result = await referrals.send(
          context,
          assignment.caseId,
          {
            role: row.role as TeamRole,
            organizationIds: [assignment.organizationId],
            respondWithinBusinessDays: input.respondWithinBusinessDays,
            message: input.message,
          },
          tx,
        );
        const referral = result.items[0];
        if (referral)
          sent.push({ caseId: assignment.caseId, organizationId: assignment.organizationId, referralId: referral.id });
      } catch (error) {
        // Nothing is sent (the transaction rolls back); the message says which case stopped it.
        if (!(error instanceof AppError)) throw error;
        throw new AppError(error.code, error.statusCode, `ケース ${assignment.caseId.slice(0, 8)}: ${error.message}`, [
          { path: `assignments.${assignment.caseId}`, message: error.message },
          ...(error.details ?? []),
        ]);
      }
    }
    await repository.updateProposal(tx, id, {
      status: 'sent',
      sentAt: clock.now(),
      metrics: { ...(row.metrics as StoredMetrics), referrals: sent },
    });
    await writeAudit(tx, clock, context, {
      action: 'send',
      entity: 'matching_proposal',
      entityId: id,
      ownerOrganizationId: context.actor.organizationId,
      details: { referrals: sent.length },
    });
    return present(tx, context, await loadOwn(tx, context, id));
  }

  /** One page of the Center's proposals, newest first (CONTRACT §2 lists). */
  async function list(context: ActorContext, query: ListProposalsQuery) {
    const cursor = decodeCursor(query.cursor, 'timestamp');
    return database.transaction(async (tx) => {
      const organizationId = context.actor.organizationId;
      if (!organizationId) return { items: [], nextCursor: null };
      const { items: rows, nextCursor } = pageOf(
        await repository.listProposals(tx, {
          organizationId,
          status: query.status,
          limit: query.limit + 1,
          ...(cursor ? { after: { createdAt: new Date(cursor.key), id: cursor.id } } : {}),
        }),
        query.limit,
        (row) => ({ key: row.createdAt.toISOString(), id: row.id }),
      );
      const triggers = rows.flatMap((row) => {
        const id = (row.metrics as StoredMetrics).triggerOrganizationId;
        return id ? [id] : [];
      });
      const names = await repository.organizationNames(tx, [...new Set(triggers)]);
      return { items: rows.map((row) => presentProposalSummary(row, (id) => names.get(id) ?? '')), nextCursor };
    });
  }

  async function openCases(
    context: ActorContext,
    query: { role: TeamRole; from?: string | undefined; to?: string | undefined },
  ) {
    const { role } = query;
    return database.transaction(async (tx) => {
      const rows = await repository.openCenterCases(tx, role, { from: query.from, to: query.to });
      const areaNames = await repository.areaNames(tx);
      await writeAudit(tx, clock, context, {
        action: 'list',
        entity: 'case',
        details: { what: 'matching_open_cases', role, count: rows.length },
      });
      return {
        role,
        items: rows.map((row) => ({
          id: row.id,
          patientName: row.patientName,
          hospitalName: row.hospitalName,
          areaCode: row.areaCode,
          areaName: row.areaCode ? (areaNames.get(row.areaCode) ?? null) : null,
          plannedDischargeDate: row.plannedDischargeDate,
          groups: row.groups as PatientGroup[],
          procedures: row.procedures as Procedure[],
          pendingReferrals: row.pendingReferrals,
          isLocated: row.lat !== null && row.lng !== null,
          hasReferralConsent: consentScopesOf(row).includes('referral_summary'),
        })),
      };
    });
  }

  return {
    create,
    get,
    list,
    adjust,
    send,
    openCases,
    /** Brings the directory up to date before a transaction that checks eligibility. */
    refreshDirectory: async () => {
      await directory.current();
      await referrals.refreshDirectory();
    },
  };
}

export type MatchingService = ReturnType<typeof createMatchingService>;
