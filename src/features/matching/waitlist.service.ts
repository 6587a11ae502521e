/**
 * The waiting list: when an organisation's availability turns to accepting/limited or its free
 * slots rise, the open cases waiting for a role it can fill are matched at once and their
 * coordinator is told, with the proposal: the Center (cases brought to it) gets a draft matching
 * proposal per role — those cases → this organisation — that it opens on its batch-assignment
 * page and sends in one action; the hospital (direct cases) is told case by case, with a link to
 * the case's candidates ("〇〇が受入可になりました: この患者の訪問看護の候補です").
 *
 * It runs inside the availability update's own transaction (a hook of the organisation service,
 * like the cases' lifecycle hooks), not as a job: the offer, its notification and the timeline
 * entry then exist exactly when the availability change does, nobody waits for a job interval,
 * and the work is small (the cases waiting for the roles one organisation can fill). A case, role
 * and organisation are offered once (waitlist_offers), so nobody is told twice.
 *
 * Which cases, when more wait than there are free slots: the earliest planned discharge first,
 * then the nearest, then by id — at most as many as the organisation's free slots (or its
 * declared capacity minus its load, or the configured default when it declared neither).
 */
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { ActorContext } from '../../platform/context.js';
import { writeAudit } from '../../platform/audit.js';
import { notify } from '../../platform/notifications.js';
import {
  teamRoles,
  type AvailabilityStatus,
  type OrganizationKind,
  type PatientGroup,
  type Procedure,
  type TeamRole,
} from '../../domain/codes.js';
import { teamRoleLabels } from '../../domain/labels.js';
import { roleRequirements } from '../../domain/cases/team-roles.js';
import { distanceKm } from '../../domain/directory/geo.js';
import { eligibilityProblems } from '../../domain/matching/eligibility.js';
import type { MatchingSettings } from '../../domain/matching/matching-settings.js';
import { assignmentMetrics, type AssignmentInstance } from '../../domain/matching/batch-assignment.js';
import { recordCaseEvent } from '../cases/case-access.js';
import * as repository from './matching.repository.js';
import { japaneseDate } from '../../platform/time.js';

export type AvailabilityChange = {
  organizationId: string;
  before: { status: string | null; freeSlots: number | null };
  after: { status: AvailabilityStatus; freeSlots: number | null };
};

const isOpen = (status: string | null) => status === 'accepting' || status === 'limited';

/** Whether the change frees room: turned accepting/limited, or more free slots while open. */
export function freesRoom(change: AvailabilityChange): boolean {
  if (!isOpen(change.after.status)) return false;
  if (!isOpen(change.before.status)) return true;
  return (change.after.freeSlots ?? 0) > (change.before.freeSlots ?? 0);
}

export function createWaitlistService(deps: { clock: Clock }, settings: MatchingSettings) {
  const { clock } = deps;

  /** The proposal the Center is notified with: the waiting cases → the organisation that freed room. */
  async function insertWaitlistProposal(
    tx: Tx,
    context: ActorContext,
    input: {
      centerId: string;
      role: TeamRole;
      organization: { id: string; currentLoad: number; declaredCapacity: number | null };
      offers: readonly { caseId: string; km: number }[];
    },
  ): Promise<string> {
    const instance: AssignmentInstance = {
      cases: input.offers.map((offer) => ({ id: offer.caseId })),
      organizations: [{ ...input.organization, capacity: input.offers.length }],
      arcs: input.offers.map((offer, caseIndex) => ({
        caseIndex,
        organizationIndex: 0,
        distanceKm: Math.round(offer.km * 100) / 100,
        travelFactor: 1,
      })),
    };
    const pairs = instance.arcs.map((arc, arcIndex) => ({ caseIndex: arc.caseIndex, organizationIndex: 0, arcIndex }));
    const metrics = assignmentMetrics(instance, pairs);
    const assignments = instance.arcs.map((arc) => ({
      caseId: instance.cases[arc.caseIndex]?.id ?? '',
      organizationId: input.organization.id,
      distanceKm: arc.distanceKm,
    }));
    const id = randomUUID();
    await repository.insertProposal(tx, {
      id,
      role: input.role,
      caseIds: instance.cases.map((entry) => entry.id),
      assignments,
      unassigned: [],
      metrics: {
        ...metrics,
        maxServable: assignments.length,
        bottleneck: input.organization.currentLoad + assignments.length,
        source: 'waitlist',
        triggerOrganizationId: input.organization.id,
      },
      baseline: { name: 'greedy_nearest', metrics, assignments },
      status: 'draft',
      createdByUserId: context.actor.userId,
      createdByOrganizationId: input.centerId,
      createdAt: clock.now(),
    });
    return id;
  }

  async function onAvailabilityChanged(tx: Tx, context: ActorContext, change: AvailabilityChange): Promise<void> {
    if (!freesRoom(change)) return;
    const organization = await repository.organizationForWaitlist(tx, change.organizationId);
    if (!organization || organization.isDisabled || organization.lat === null || organization.lng === null) return;
    const kind = organization.kind as OrganizationKind;
    const roles = teamRoles.filter(
      (role) => roleRequirements[role].isReferable && roleRequirements[role].kinds.includes(kind),
    );
    const waiting = await repository.waitingCases(tx, organization.id, roles);
    const entry = {
      id: organization.id,
      lat: organization.lat,
      lng: organization.lng,
      kind,
      areaCode: organization.areaCode,
      groups: organization.groups as PatientGroup[],
      procedures: organization.procedures as Procedure[],
      isAvailable24h: organization.isAvailable24h,
      coverageRadiusKm: organization.coverageRadiusKm,
      coverageAreaCodes: organization.coverageAreaCodes,
      availabilityStatus: change.after.status,
      availabilityUpdatedAt: clock.now().getTime(),
    };
    const byCase = new Map<string, { row: repository.WaitingCaseRow; role: TeamRole; km: number }>();
    for (const row of waiting) {
      const role = row.role as TeamRole;
      const patient = { groups: row.groups as PatientGroup[], procedures: row.procedures as Procedure[] };
      const home = { lat: row.lat, lng: row.lng, areaCode: row.areaCode };
      const km = distanceKm(home.lng, home.lat, entry.lng, entry.lat);
      if (km > settings.assignment.maxDistanceKm) continue;
      if (eligibilityProblems(entry, role, patient, home).length > 0) continue;
      // One role per case (a clinic is not both primary and secondary doctor): the first needed.
      const current = byCase.get(row.id);
      if (!current || row.neededRoles.indexOf(role) < current.row.neededRoles.indexOf(current.role))
        byCase.set(row.id, { row, role, km });
    }
    const load = (await repository.loadsOf(tx, [organization.id])).get(organization.id) ?? 0;
    const slots =
      change.after.freeSlots ??
      (organization.declaredCapacity !== null
        ? Math.max(0, organization.declaredCapacity - load)
        : settings.assignment.unknownFreeSlots);
    const chosen = [...byCase.values()]
      .sort(
        (a, b) =>
          a.row.plannedDischargeDate.localeCompare(b.row.plannedDischargeDate) ||
          a.km - b.km ||
          (a.row.id < b.row.id ? -1 : 1),
      )
      .slice(0, Math.max(0, slots));
    if (chosen.length === 0) return;
    const offered: { caseId: string; role: TeamRole; km: number; row: repository.WaitingCaseRow }[] = [];
    for (const { row, role, km } of chosen) {
      const isNew = await repository.recordOffer(tx, {
        caseId: row.id,
        role,
        organizationId: organization.id,
        createdAt: clock.now(),
      });
      if (isNew) offered.push({ caseId: row.id, role, km, row });
    }
    // Direct cases: the hospital's liaison is told, case by case.
    for (const { row, role, km } of offered.filter((offer) => offer.row.route !== 'center')) {
      await notify(tx, clock, {
        recipientOrganizationId: row.hospitalOrganizationId,
        kind: 'waitlist_offer',
        title: `${organization.name}が受入可になりました: この患者の${teamRoleLabels[role]}の候補です`,
        body: `退院予定 ${japaneseDate(row.plannedDischargeDate)} の患者（患者宅から ${km.toFixed(1)} km）。ケースの候補一覧から紹介を送れます。`,
        params: {
          organizationName: organization.name,
          role,
          plannedDischargeDate: row.plannedDischargeDate,
          km: Number(km.toFixed(1)),
        },
        link: `/cases/${row.id}`,
        entity: 'case',
        entityId: row.id,
      });
    }
    // Cases brought to the Center: a draft proposal per role for each Center, ready to send.
    const centerOffers = offered.filter((offer) => offer.row.route === 'center');
    const centers = centerOffers.length > 0 ? await repository.centerOrganizationIds(tx) : [];
    for (const role of teamRoles) {
      const forRole = centerOffers.filter((offer) => offer.role === role);
      if (forRole.length === 0) continue;
      for (const centerId of centers) {
        const proposalId = await insertWaitlistProposal(tx, context, {
          centerId,
          role,
          organization: { id: organization.id, currentLoad: load, declaredCapacity: organization.declaredCapacity },
          offers: forRole,
        });
        const dates = [...new Set(forRole.map((offer) => offer.row.plannedDischargeDate))].join('・');
        await notify(tx, clock, {
          recipientOrganizationId: centerId,
          kind: 'waitlist_offer',
          title: `${organization.name}が受入可になりました: ${teamRoleLabels[role]}の割り当て案（${forRole.length}名）`,
          body: `待っている患者 ${forRole.length} 名（退院予定 ${dates}）を${organization.name}に割り当てる案を作りました。確認して紹介をまとめて送れます。`,
          params: {
            variant: 'proposal',
            organizationName: organization.name,
            role,
            count: forRole.length,
            dates: [...new Set(forRole.map((offer) => offer.row.plannedDischargeDate))],
          },
          link: `/matching?proposal=${proposalId}`,
          entity: 'matching_proposal',
          entityId: proposalId,
        });
      }
    }
    for (const { row, role, km } of offered) {
      await recordCaseEvent(tx, clock, context, row.id, {
        kind: 'waitlist_offer',
        summary: `${organization.name}が受入可になったため、「${teamRoleLabels[role]}」の候補として${row.route === 'center' ? 'センター' : '病院'}に知らせました`,
        details: {
          organizationId: organization.id,
          role,
          distanceKm: Math.round(km * 100) / 100,
          organizationName: organization.name,
          variant: row.route === 'center' ? 'center' : 'hospital',
        },
      });
    }
    if (offered.length > 0)
      await writeAudit(tx, clock, context, {
        action: 'waitlist_offer',
        entity: 'organization',
        entityId: organization.id,
        ownerOrganizationId: organization.id,
        details: { offers: offered.map(({ caseId, role }) => ({ caseId, role })) },
      });
  }

  return { onAvailabilityChanged };
}

export type WaitlistService = ReturnType<typeof createWaitlistService>;
