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
import { canFillRole, candidateFilters, filledBy, requiresDeclaredPatients } from '../../domain/cases/team-roles.js';
import { isBeyondAssumedCoverage, type EligibilityProblem } from '../../domain/matching/eligibility.js';
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
import { openLinksOfCase } from '../welfare-links/welfare-link.repository.js';
import { patientFitFindings } from './patient-fit.js';
import { findNearMisses, showsNearMisses } from './near-misses.js';

const dayMs = 24 * 60 * 60 * 1000;
/**
 * How far candidates are looked for: the whole of Okayama City from anywhere in it (about 40 km across),
 * so that an organisation declaring a wide coverage is found for a home at the other end of the city.
 * Coverage decides who may serve; those without a declared coverage beyond the usual home-visit
 * distance are listed last (isBeyondUsualReach).
 */
const candidateRadiusKm = 50;
/** How many of the nearest fitting organisations are ranked for a role. */
const candidatePoolSize = 200;

/** What refuses a direct addition whatever the caller accepts: no registered place, or a kind that cannot fill the role. */
const directRefusals: ReadonlySet<EligibilityProblem['code']> = new Set(['not_located', 'kind']);

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
      const welfare = await openLinksOfCase(tx, caseId);
      const filled = new Set(filledBy(allMembers, welfare));
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
        // The role 福祉窓口 is filled by a welfare link the window acknowledged (福祉の連携), not by a referral.
        welfareLinks: isFull
          ? welfare.map((link) => ({
              id: link.id,
              organizationId: link.organizationId,
              organizationName: link.organizationName,
              organizationKind: link.organizationKind,
              status: link.status as 'requested' | 'acknowledged',
            }))
          : [],
      };
    });
  }

  /**
   * Whether an organisation fits the patient in a role, as a direct addition would be checked: the problems the
   * directory sees (満床 is not one: a team member is not refused for being full), which of them refuse it outright
   * (an organisation not located, or of a kind that cannot fill the role) and which may be accepted with a reason.
   */
  function directFit(loaded: Awaited<ReturnType<typeof loadCase>>, role: TeamRole, organizationId: string) {
    const entry = directory.entry(organizationId);
    const problems = patientFitFindings(entry, role, loaded.row).filter((problem) => problem.code !== 'full');
    const refusing = problems.filter((problem) => directRefusals.has(problem.code));
    return { entry, problems, refusing };
  }

  /** What a direct addition of the organisation in the role would meet (GET …/team/fit), read only. */
  async function fit(context: ActorContext, caseId: string, query: { role: TeamRole; organizationId: string }) {
    // Brought up to date before the transaction, as a direct addition is (refreshDirectory).
    await directory.current();
    return database.transaction(async (tx) => {
      const loaded = await loadCase(tx, context, caseId);
      if (!canCoordinateCase(context.actor, loaded.facts))
        throw errors.forbidden('このケースのチームを編成する権限がありません。');
      const row = directory.row(query.organizationId);
      if (!row) throw errors.notFound('指定された組織が見つかりません。');
      await auditCaseRead(tx, clock, context, loaded, 'team_fit');
      const { entry, problems, refusing } = directFit(loaded, query.role, query.organizationId);
      const filled = await repository.memberOfRole(tx, caseId, query.role);
      return {
        role: query.role,
        organization: {
          id: query.organizationId,
          name: row.name,
          kind: entry?.kind ?? null,
          address: row.address,
          phone: row.phone ?? null,
        },
        roleFilled: filled !== null,
        fits: problems.length === 0,
        canAdd: refusing.length === 0 && filled === null,
        problems: problems.map((problem) => ({ ...problem, refuses: directRefusals.has(problem.code) })),
      };
    });
  }

  /**
   * Adds an organisation to the team without a referral: one the patient already has (the family doctor), or one the
   * hospital or the Center agreed with by phone (`note` says so, kept in the timeline and the audit). An organisation
   * that does not fit the patient (groups, procedures, visiting area) is refused with its reasons (400
   * organization_cannot_serve) unless `acceptProblems` says the caller has seen them and a `note` says why; one of a
   * kind that cannot fill the role, or without a registered place, is always refused.
   */
  async function addMember(
    context: ActorContext,
    caseId: string,
    input: { role: TeamRole; organizationId: string; note?: string | undefined; acceptProblems?: boolean | undefined },
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
    const { problems, refusing } = directFit(loaded, input.role, input.organizationId);
    const note = input.note?.trim() ? input.note.trim() : null;
    if (problems.length > 0 && (refusing.length > 0 || !input.acceptProblems))
      throw errors.badRequest(
        'organization_cannot_serve',
        `この組織は「${teamRoleLabels[input.role]}」を担えません: ${problems.map((problem) => problem.message).join('、')}`,
        problems.map((problem) => ({ path: 'organizationId', message: problem.message })),
      );
    if (problems.length > 0 && note === null)
      throw errors.validation([
        { path: 'note', message: '対応条件に合わない組織を加える理由（電話で受諾を確認した等）を入力してください。' },
      ]);
    const row = directory.row(input.organizationId);
    await repository.insertMember(tx, {
      id: randomUUID(),
      caseId,
      role: input.role,
      organizationId: input.organizationId,
      since: clock.now(),
    });
    const name = row?.name ?? '組織';
    const roleLabel = teamRoleLabels[input.role];
    const problemMessages = problems.map((problem) => problem.message);
    await recordCaseEvent(tx, clock, context, caseId, {
      kind: 'member_added',
      summary:
        problems.length > 0
          ? `${name}を「${roleLabel}」としてチームに直接加えました（対応条件に合わない点を確認のうえ: ${problemMessages.join('、')}）: ${note ?? ''}`
          : note
            ? `${name}を「${roleLabel}」としてチームに直接加えました: ${note}`
            : `${name}を「${roleLabel}」としてチームに加えました`,
      details: {
        organizationName: row?.name ?? null,
        role: input.role,
        note,
        problems: problemMessages,
        variant: problems.length > 0 ? 'note_unfit' : note ? 'note' : null,
      },
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
      details: {
        role: input.role,
        organizationId: input.organizationId,
        note,
        acceptedProblems: problems.map((problem) => problem.code),
      },
    });
    return { role: input.role, organizationId: input.organizationId, note, acceptedProblems: problemMessages };
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
        // A doctor or nurse must have declared the patients it takes (canFillRole, checked below): for a patient of no
        // group the search cannot ask for it, and the nearest 200 could all be clinics of the public data without a
        // profile — search them all (a city's worth), keep the nearest 200 that can fill the role.
        limit: requiresDeclaredPatients(query.role) && filters.groups.length === 0 ? 100_000 : candidatePoolSize,
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
      // The search checked the patient's needs; the role's own rule (a declared profile for a doctor) is checked here.
      const fitting = hits
        .filter((hit) => {
          const entry = directory.entry(hit.id);
          return entry !== undefined && canFillRole(query.role, entry);
        })
        .slice(0, candidatePoolSize);
      const found = fitting.map((hit) => {
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
      // An empty list says why: nobody of the role's kind is registered at all, or nobody fits; a short one also
      // names those that miss one or two of the patient's conditions, to phone (near-misses.ts).
      const [emptyReason, nearMisses] = await Promise.all([
        ranked.length === 0 ? emptyCandidatesReason(tx, query.role) : null,
        showsNearMisses(found.length)
          ? findNearMisses(tx, directory, {
              role: query.role,
              patient: { ...row, lat: row.lat, lng: row.lng },
              candidateIds: new Set(found.map((candidate) => candidate.id)),
              now,
              staleAfterMs: config.staleAvailabilityDays * dayMs,
            })
          : [],
      ]);
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
        nearMisses,
        // A ranked list, not a paged one: the best `limit` candidates, never a next page.
        nextCursor: null,
      };
    }
  }

  /** The roles already filled in a case (for the hand-on check). */
  async function filledRoles(tx: Tx, caseId: string): Promise<string[]> {
    return filledBy(await repository.activeMembers(tx, caseId), await openLinksOfCase(tx, caseId));
  }

  /** Brings the directory up to date before a transaction that checks eligibility. */
  async function refreshDirectory(): Promise<void> {
    await directory.current();
  }

  return { team, fit, addMember, candidates, filledRoles, refreshDirectory, roles: teamRoles };
}

export type TeamService = ReturnType<typeof createTeamService>;
