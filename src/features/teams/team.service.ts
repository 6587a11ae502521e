/**
 * The home-care team of a case: who fills each role since when and what is still open, direct
 * additions (a family doctor the patient already has), and the ranked candidates for a role.
 */
import { randomUUID } from 'node:crypto';
import type { AppDeps, ActorContext } from '../../platform/context.js';
import type { DbExecutor, Tx } from '../../db/client.js';
import { errors } from '../../platform/errors.js';
import { decodeCursor } from '../../platform/pagination.js';
import { writeAudit } from '../../platform/audit.js';
import { notify } from '../../platform/notifications.js';
import { japaneseDate, toJstIso } from '../../platform/time.js';
import { teamRoles, type PatientGroup, type Procedure, type TeamRole } from '../../domain/codes.js';
import { teamRoleLabels } from '../../domain/labels.js';
import { candidateFilters } from '../../domain/cases/team-roles.js';
import { eligibilityProblems, isBeyondAssumedCoverage } from '../../domain/matching/eligibility.js';
import { rankCandidates, type Candidate } from '../../domain/matching/candidate-ranking.js';
import { emptyCandidatesReason, type CandidateRanker } from '../matching/candidate-ranker.js';
import type { CandidatesResponse } from '../matching/matching.schema.js';
import { availabilityAgeDays } from '../../domain/freshness.js';
import { canCoordinateCase } from '../../domain/policies/case-policy.js';
import { auditCaseRead, loadCase, recordCaseEvent } from '../cases/case-access.js';
import { referralsOfCase } from '../referrals/referral.repository.js';
import type { DeclineReasonCode } from '../../domain/cases/case-codes.js';
import type { DirectoryIndexService } from '../directory/directory-index.service.js';
import * as repository from './team.repository.js';

const dayMs = 24 * 60 * 60 * 1000;
/**
 * How far candidates are looked for: the whole of Okayama City from anywhere in it (about 40 km across),
 * so that an organisation declaring a wide coverage is found for a home at the other end of the city.
 * Coverage decides who may serve; those without a declared coverage beyond the usual home-visit
 * distance are listed last (isBeyondUsualReach).
 */
const candidateRadiusKm = 50;

export function createTeamService(
  deps: AppDeps,
  directory: DirectoryIndexService,
  /** The matching feature's ranking (load, declared capacity, pairs, travel burden; configured weights). */
  ranker?: CandidateRanker,
) {
  const { database, clock, config } = deps;

  async function team(context: ActorContext, caseId: string) {
    return database.transaction(async (tx) => {
      const loaded = await loadCase(tx, context, caseId);
      await auditCaseRead(tx, clock, context, loaded, 'team');
      // Who is already on the team (and whether welfare is involved) is not part of what a candidate
      // needs to decide (minimum necessary): before it accepts, it sees no members.
      const allMembers = await repository.activeMembers(tx, caseId);
      const members = loaded.level === 'full' ? allMembers : [];
      const referrals = await referralsOfCase(tx, caseId);
      const filled = new Set(allMembers.map((member) => member.role));
      const needed = loaded.row.neededRoles as TeamRole[];
      const isFull = loaded.level === 'full';
      // Whom else the hospital asked, and who declined, is the coordinators' business (minimum
      // necessary): a candidate or a team member sees its own referrals only.
      const isCoordinator = canCoordinateCase(context.actor, loaded.facts);
      const visibleReferrals = isCoordinator
        ? referrals
        : referrals.filter((referral) => referral.organizationId === context.actor.organizationId);
      return {
        members: members.map((member) => ({
          role: member.role as TeamRole,
          organization: {
            id: member.organizationId,
            name: member.organizationName,
            kind: member.organizationKind,
            phone: member.phone,
            professionalPhone: isFull ? member.professionalPhone : null,
          },
          since: toJstIso(member.since),
          viaReferral: member.referralId !== null,
        })),
        openRoles: needed
          .filter((role) => !filled.has(role))
          .map((role) => ({
            role,
            pendingReferrals: visibleReferrals
              .filter(
                (referral) => referral.role === role && ['sent', 'viewed', 'needs_info'].includes(referral.status),
              )
              .map((referral) => ({
                id: referral.id,
                organizationName: referral.organizationName,
                status: referral.status,
                respondBy: toJstIso(referral.respondBy),
              })),
          })),
        referrals: visibleReferrals.map((referral) => ({
          id: referral.id,
          role: referral.role as TeamRole,
          organizationId: referral.organizationId,
          organizationName: referral.organizationName,
          status: referral.status,
          respondBy: toJstIso(referral.respondBy),
          viewedAt: referral.viewedAt ? toJstIso(referral.viewedAt) : null,
          declineReasonCode: referral.declineReasonCode,
        })),
      };
    });
  }

  /** Adds an organisation the patient already has (e.g. the family doctor) without a referral. */
  async function addMember(
    context: ActorContext,
    caseId: string,
    input: { role: TeamRole; organizationId: string },
    tx: Tx,
  ) {
    const loaded = await loadCase(tx, context, caseId, { forUpdate: true });
    if (!canCoordinateCase(context.actor, loaded.facts))
      throw errors.forbidden('このケースのチームを編成する権限がありません。');
    if (!['planning', 'coordinating', 'discharged'].includes(loaded.row.status))
      throw errors.invalidTransition('このケースのチームは変更できません。');
    if (await repository.memberOfRole(tx, caseId, input.role))
      throw errors.conflict('role_filled', `「${teamRoleLabels[input.role]}」は既に決まっています。`);
    await directory.current();
    const entry = directory.entry(input.organizationId);
    const reasons =
      loaded.row.lat === null || loaded.row.lng === null
        ? []
        : eligibilityProblems(
            entry,
            input.role,
            { groups: loaded.row.groups as PatientGroup[], procedures: loaded.row.procedures as Procedure[] },
            { lat: loaded.row.lat, lng: loaded.row.lng, areaCode: loaded.row.areaCode },
          ).filter((reason) => !reason.includes('満床'));
    if (reasons.length > 0)
      throw errors.badRequest(
        'organization_cannot_serve',
        `この組織は「${teamRoleLabels[input.role]}」を担えません: ${reasons.join('、')}`,
      );
    const row = directory.row(input.organizationId);
    await repository.insertMember(tx, {
      id: randomUUID(),
      caseId,
      role: input.role,
      organizationId: input.organizationId,
      since: clock.now(),
    });
    await recordCaseEvent(tx, clock, context, caseId, {
      kind: 'member_added',
      summary: `${row?.name ?? '組織'}を「${teamRoleLabels[input.role]}」としてチームに加えました`,
      details: { organizationName: row?.name ?? null, role: input.role },
    });
    await notify(tx, clock, {
      recipientOrganizationId: input.organizationId,
      kind: 'team_added',
      title: `在宅チームに加わりました: ${teamRoleLabels[input.role]}`,
      body: `${loaded.row.hospitalName}の患者（退院予定 ${japaneseDate(loaded.row.plannedDischargeDate)}）`,
      params: {
        role: input.role,
        hospitalName: loaded.row.hospitalName,
        plannedDischargeDate: loaded.row.plannedDischargeDate,
      },
      link: `/cases/${caseId}`,
      entity: 'case',
      entityId: caseId,
    });
    await writeAudit(tx, clock, context, {
      action: 'add_member',
      entity: 'case',
      entityId: caseId,
      ownerOrganizationId: loaded.row.hospitalOrganizationId,
      details: input,
    });
    return { role: input.role, organizationId: input.organizationId };
  }

  /** Without the matching feature's ranker: the load of each candidate only. */
  async function withLoads<Item extends { id: string }>(tx: DbExecutor, items: Item[]) {
    const loads = await repository.loadByOrganization(
      tx,
      items.map((item) => item.id),
    );
    return items.map((item) => ({ ...item, currentLoad: loads.get(item.id) ?? 0 }));
  }

  async function candidates(
    context: ActorContext,
    caseId: string,
    query: { role: TeamRole; limit: number; cursor?: string | undefined },
  ): Promise<CandidatesResponse> {
    // A ranked list has one page: a malformed cursor is refused like every list's (the platform's
    // message), and so is a well-formed one, since this list never issues one.
    if (decodeCursor(query.cursor, 'none') !== null)
      throw errors.validation([
        { path: 'cursor', message: '候補は順位づけの一覧で、次のページはありません（cursor は指定できません）。' },
      ]);
    // A read: no transaction, so that the independent queries run side by side on a pool (the
    // audit row is written before anything is returned). Ranking is on the hot path (W2): the
    // team is read beside the case (used only once the caller may see it), and the audit row is
    // written while the candidates are ranked.
    const tx = database.db;
    {
      const [loaded, index, members, referrals] = await Promise.all([
        loadCase(tx, context, caseId),
        directory.current(),
        repository.activeMembers(tx, caseId),
        referralsOfCase(tx, caseId),
      ]);
      if (!canCoordinateCase(context.actor, loaded.facts))
        throw errors.forbidden('候補の検索はこのケースを調整する病院・センターが行えます。');
      const audited = auditCaseRead(tx, clock, context, loaded, 'candidates');
      // Settled at once so that a failing audit is never an unhandled rejection; awaited below.
      audited.catch(() => undefined);
      const { row } = loaded;
      if (row.lat === null || row.lng === null)
        throw errors.badRequest('address_not_located', '患者宅の位置が登録されていません。');
      const patient = { groups: row.groups as PatientGroup[], procedures: row.procedures as Procedure[] };
      const filters = candidateFilters(query.role, patient);
      const now = clock.now();
      const hits = index.search({
        lat: row.lat,
        lng: row.lng,
        radiusKm: candidateRadiusKm,
        pointAreaCode: row.areaCode,
        kinds: filters.kinds,
        groups: filters.groups,
        procedures: filters.procedures,
        acceptingOnly: false,
        excludeFull: true,
        limit: 200,
        nowMs: now.getTime(),
        staleAfterMs: config.staleAvailabilityDays * dayMs,
      });
      const inTeam = new Set(members.map((member) => member.organizationId));
      // The latest referral of this role per organisation (oldest first, so the last one wins).
      const latestReferral = new Map(
        referrals
          .filter((referral) => referral.role === query.role)
          .map((referral) => [referral.organizationId, referral]),
      );
      const answeredBefore = (organizationId: string): Candidate['answeredBefore'] => {
        const latest = latestReferral.get(organizationId);
        if (!latest || (latest.status !== 'declined' && latest.status !== 'expired')) return null;
        return {
          status: latest.status,
          reasonCode: latest.declineReasonCode as DeclineReasonCode | null,
          reason: latest.declineReason,
        };
      };
      const found = hits.map((hit) => {
        const entry = directory.entry(hit.id);
        const display = directory.row(hit.id);
        return {
          id: hit.id,
          distanceKm: hit.distanceKm,
          status: entry?.availabilityStatus ?? null,
          freeSlots: display?.freeSlots ?? null,
          availabilityAgeDays: display?.availabilityUpdatedAt
            ? availabilityAgeDays(display.availabilityUpdatedAt, now)
            : null,
          isStale: hit.isStale,
          isAvailable24h: entry?.isAvailable24h ?? false,
          groups: entry?.groups ?? [],
          procedures: entry?.procedures ?? [],
          isInTeam: inTeam.has(hit.id),
          // No coverage declared and farther than the usual home-visit distance: listed last, saying so.
          isBeyondUsualReach:
            entry !== undefined && !inTeam.has(hit.id) && isBeyondAssumedCoverage(entry, query.role, hit.distanceKm),
          answeredBefore: answeredBefore(hit.id),
        };
      });
      const ranked = (
        ranker
          ? await ranker(tx, {
              role: query.role,
              patient,
              filters,
              home: { lat: row.lat, lng: row.lng, areaCode: row.areaCode },
              members,
              candidates: found,
              limit: query.limit,
            })
          : rankCandidates(await withLoads(tx, found), patient, filters, undefined, {
              role: query.role,
              limit: query.limit,
            })
      ).slice(0, query.limit);
      // An empty list says why: nobody of the role's kind is registered at all, or nobody fits.
      const emptyReason = ranked.length === 0 ? await emptyCandidatesReason(tx, query.role) : null;
      await audited;
      return {
        role: query.role,
        filters: { kinds: [...filters.kinds], groups: filters.groups, procedures: filters.procedures },
        emptyReason,
        items: ranked.map((candidate) => {
          const display = directory.row(candidate.id);
          const entry = directory.entry(candidate.id);
          return {
            organization: {
              id: candidate.id,
              name: display?.name ?? '',
              kind: entry?.kind ?? 'clinic',
              address: display?.address ?? '',
              phone: display?.phone ?? null,
              lat: entry?.lat ?? 0,
              lng: entry?.lng ?? 0,
            },
            score: candidate.score,
            distanceKm: Math.round(candidate.distanceKm * 100) / 100,
            availability: candidate.status
              ? {
                  status: candidate.status,
                  freeSlots: candidate.freeSlots,
                  ageDays: candidate.availabilityAgeDays,
                  isStale: candidate.isStale,
                }
              : null,
            currentLoad: candidate.currentLoad ?? 0,
            declaredCapacity: candidate.declaredCapacity ?? null,
            reasons: candidate.reasons,
            factors: candidate.factors,
          };
        }),
        // A ranked list, not a paged one: the best `limit` candidates, never a next page.
        nextCursor: null,
      };
    }
  }

  /** The roles already filled in a case (for the hand-on check). */
  async function filledRoles(tx: Tx, caseId: string): Promise<string[]> {
    return (await repository.activeMembers(tx, caseId)).map((member) => member.role);
  }

  /** Brings the directory up to date before a transaction that checks eligibility. */
  async function refreshDirectory(): Promise<void> {
    await directory.current();
  }

  return { team, addMember, candidates, filledRoles, refreshDirectory, roles: teamRoles };
}

export type TeamService = ReturnType<typeof createTeamService>;
