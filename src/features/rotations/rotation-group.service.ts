/**
 * Rotation groups (輪番グループ): the clinics of an area that take nights and holidays in turn,
 * run by their medical association. Members declare their doctors, the days and shifts they
 * cannot take and their preferred weekdays; the rules (spacing, monthly cap, weights, holidays)
 * live in the group's settings.
 */
import { randomUUID } from 'node:crypto';
import type { AppDeps, ActorContext } from '../../platform/context.js';
import type { DbExecutor, Tx } from '../../db/client.js';
import { AppError, errors, type ErrorDetail } from '../../platform/errors.js';
import { shiftLabels, type ShiftKind } from '../../domain/roster/roster-types.js';
import { unavailabilityReason } from '../../domain/roster/roster-rules.js';
import { dayOfWeek } from '../../domain/calendar/japanese-calendar.js';
import { writeAudit } from '../../platform/audit.js';
import { japaneseDate } from '../../platform/time.js';
import { assertVersion } from '../../platform/versioning.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import {
  canCreateGroup,
  canDeclareFor,
  canManageGroup,
  canSeeGroup,
  type GroupFacts,
} from '../../domain/roster/rotation-policy.js';
import * as repository from './rotation.repository.js';
import { presentGroup, presentMember, settingsOf } from './rotation.presenter.js';
import type {
  CreateRotationGroupRequest,
  MemberDeclarationRequest,
  RosterSettingsInput,
  UpdateRotationGroupRequest,
} from './rotation.schema.js';

export type LoadedGroup = {
  group: repository.GroupRow;
  members: repository.MemberRow[];
  facts: GroupFacts;
  canManage: boolean;
};

/** A group the caller may see (404 otherwise: its existence is not revealed). */
export async function loadGroup(
  executor: DbExecutor,
  context: ActorContext,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<LoadedGroup> {
  const group = await repository.findGroup(executor, id, options);
  if (!group) throw errors.notFound('指定された輪番グループが見つかりません。');
  const members = await repository.membersOf(executor, [group.id]);
  const facts = {
    associationId: group.associationId,
    memberOrganizationIds: members.map((member) => member.organizationId),
  };
  if (!canSeeGroup(context.actor, facts)) throw errors.notFound('指定された輪番グループが見つかりません。');
  return { group, members, facts, canManage: canManageGroup(context.actor, facts) };
}

function validateSettings(settings: RosterSettingsInput | undefined): void {
  const weights = settings?.shiftWeights;
  if (weights && weights.holiday_night < Math.max(weights.weeknight, weights.holiday_day))
    throw errors.validation([
      {
        path: 'settings.shiftWeights.holiday_night',
        message: '休日夜間の重みは他の当番以上にしてください（最も負担が重い当番です）。',
      },
    ]);
}

export function createRotationGroupService(deps: AppDeps) {
  const { database, clock } = deps;

  async function validateMembers(executor: DbExecutor, context: ActorContext, ids: readonly string[], path: string) {
    const unique = [...new Set(ids)];
    if (unique.length !== ids.length) throw errors.validation([{ path, message: '同じ診療所が重複しています。' }]);
    const found = new Map((await repository.findOrganizations(executor, unique)).map((row) => [row.id, row]));
    const problems: ErrorDetail[] = [];
    ids.forEach((id, index) => {
      const organization = found.get(id);
      if (!organization) problems.push({ path: `${path}.${index}`, message: '指定された組織が見つかりません。' });
      else if (organization.kind !== 'clinic')
        problems.push({ path: `${path}.${index}`, message: `${organization.name}は診療所ではありません。` });
      else if (organization.isDisabled)
        problems.push({ path: `${path}.${index}`, message: `${organization.name}は無効化されています。` });
      else if (
        context.actor.role === 'association_admin' &&
        organization.associationId !== context.actor.organizationId
      )
        problems.push({ path: `${path}.${index}`, message: `${organization.name}は医師会の会員ではありません。` });
    });
    if (problems.length > 0) throw errors.validation(problems);
    return [...found.values()];
  }

  async function validateArea(executor: DbExecutor, areaCode: string) {
    const name = await repository.areaName(executor, areaCode);
    if (name === null)
      throw errors.validation([{ path: 'areaCode', message: `地域コード ${areaCode} は登録されていません。` }]);
    return name;
  }

  async function present(executor: DbExecutor, context: ActorContext, id: string) {
    const loaded = await loadGroup(executor, context, id);
    return presentGroup(loaded.group, loaded.members, {
      areaName: await repository.areaName(executor, loaded.group.areaCode),
      canManage: loaded.canManage,
    });
  }

  async function create(context: ActorContext, input: CreateRotationGroupRequest, tx: Tx) {
    if (!canCreateGroup(context.actor)) throw errors.forbidden('輪番グループを作成する権限がありません。');
    validateSettings(input.settings);
    await validateArea(tx, input.areaCode);
    const members = await validateMembers(tx, context, input.memberOrganizationIds, 'memberOrganizationIds');
    const associations = new Set(members.map((member) => member.associationId));
    const associationId =
      context.actor.role === 'association_admin'
        ? context.actor.organizationId
        : associations.size === 1
          ? ([...associations][0] ?? null)
          : null;
    const id = randomUUID();
    const now = clock.now();
    await repository.insertGroup(tx, {
      id,
      name: input.name,
      areaCode: input.areaCode,
      settings: settingsOf(input.settings ?? {}),
      associationId,
      createdByUserId: context.actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await repository.insertMembers(
      tx,
      input.memberOrganizationIds.map((organizationId) => ({
        groupId: id,
        organizationId,
        doctorCount: 1,
        preferences: {},
        joinedAt: now,
      })),
    );
    await writeAudit(tx, clock, context, {
      action: 'create',
      entity: 'rotation_group',
      entityId: id,
      ownerOrganizationId: associationId,
      details: { name: input.name, areaCode: input.areaCode, members: input.memberOrganizationIds.length },
    });
    return present(tx, context, id);
  }

  async function list(
    context: ActorContext,
    query: { limit: number; cursor?: string | undefined; areaCode?: string | undefined },
  ) {
    const { actor } = context;
    const scope =
      actor.role === 'admin'
        ? ({ kind: 'all' } as const)
        : actor.role === 'association_admin' && actor.organizationId
          ? ({ kind: 'association', associationId: actor.organizationId } as const)
          : actor.role === 'provider' && actor.organizationId
            ? ({ kind: 'member', organizationId: actor.organizationId } as const)
            : null;
    if (!scope) return { items: [], nextCursor: null };
    const cursor = decodeCursor(query.cursor, 'text');
    const rows = await repository.listGroups(database.db, {
      scope,
      areaCode: query.areaCode,
      limit: query.limit,
      after: cursor ? { name: cursor.key, id: cursor.id } : undefined,
    });
    const page = pageOf(rows, query.limit, (row) => ({ key: row.name, id: row.id }));
    const members = await repository.membersOf(
      database.db,
      page.items.map((row) => row.id),
    );
    return {
      items: page.items.map((group) => {
        const own = members.filter((member) => member.groupId === group.id);
        const facts = {
          associationId: group.associationId,
          memberOrganizationIds: own.map((member) => member.organizationId),
        };
        return {
          id: group.id,
          name: group.name,
          areaCode: group.areaCode,
          memberCount: own.length,
          doctorCount: own.reduce((sum, member) => sum + member.doctorCount, 0),
          permissions: { canManage: canManageGroup(actor, facts) },
          version: group.version,
        };
      }),
      nextCursor: page.nextCursor,
    };
  }

  async function get(context: ActorContext, id: string) {
    return database.transaction((tx) => present(tx, context, id));
  }

  /**
   * A clinic leaving the group must not keep duties of a published roster: the emergency chain
   * would go on calling it as the doctor on duty while it could no longer see the roster or hand
   * the duties over. Its coming duties are moved first (swaps, or a new roster).
   */
  async function refuseRemovalWithDuties(tx: Tx, groupId: string, removed: readonly string[]) {
    const duties = await repository.comingPublishedDutiesOf(tx, groupId, removed, clock.now());
    if (duties.length === 0) return;
    const byOrganization = new Map<string, typeof duties>();
    for (const duty of duties)
      byOrganization.set(duty.organizationId, [...(byOrganization.get(duty.organizationId) ?? []), duty]);
    const details: ErrorDetail[] = [...byOrganization.values()].map((held) => {
      const first = held[0];
      const dates = held
        .slice(0, 5)
        .map((duty) => `${japaneseDate(duty.date)} ${shiftLabels[duty.shift as ShiftKind]}`)
        .join('、');
      return {
        path: 'memberOrganizationIds',
        message: `${first?.organizationName ?? ''}: 公開済みの当番 ${held.length} 件（${dates}${held.length > 5 ? ' ほか' : ''}）`,
      };
    });
    throw new AppError(
      'member_has_duties',
      409,
      'グループから外す診療所に、これからの公開済みの当番があります。先に交代で他の会員へ移すか、当番表を作り直してから外してください。',
      details,
    );
  }

  async function update(context: ActorContext, id: string, version: number, input: UpdateRotationGroupRequest) {
    return database.transaction(async (tx) => {
      const loaded = await loadGroup(tx, context, id, { forUpdate: true });
      if (!loaded.canManage) throw errors.forbidden('この輪番グループを変更する権限がありません。');
      assertVersion(version, loaded.group.version);
      validateSettings(input.settings);
      if (input.areaCode) await validateArea(tx, input.areaCode);
      const changes: Record<string, unknown> = {};
      if (input.memberOrganizationIds) {
        await validateMembers(tx, context, input.memberOrganizationIds, 'memberOrganizationIds');
        const current = new Set(loaded.facts.memberOrganizationIds);
        const wanted = new Set(input.memberOrganizationIds);
        const added = input.memberOrganizationIds.filter((member) => !current.has(member));
        const removed = [...current].filter((member) => !wanted.has(member));
        await refuseRemovalWithDuties(tx, id, removed);
        await repository.deleteMembers(tx, id, removed);
        await repository.insertMembers(
          tx,
          added.map((organizationId) => ({
            groupId: id,
            organizationId,
            doctorCount: 1,
            preferences: {},
            joinedAt: clock.now(),
          })),
        );
        changes.members = { added: added.length, removed: removed.length };
      }
      await repository.updateGroup(tx, id, {
        ...(input.name ? { name: input.name } : {}),
        ...(input.areaCode ? { areaCode: input.areaCode } : {}),
        ...(input.settings
          ? { settings: settingsOf({ ...settingsOf(loaded.group.settings), ...input.settings }) }
          : {}),
        version: loaded.group.version + 1,
        updatedAt: clock.now(),
      });
      await writeAudit(tx, clock, context, {
        action: 'update',
        entity: 'rotation_group',
        entityId: id,
        ownerOrganizationId: loaded.group.associationId,
        details: { ...changes, fields: Object.keys(input) },
      });
      return present(tx, context, id);
    });
  }

  async function declare(
    context: ActorContext,
    groupId: string,
    organizationId: string,
    /** The group's version the declaration was made against (If-Match): a declaration changes the group. */
    version: number,
    input: MemberDeclarationRequest,
  ) {
    return database.transaction(async (tx) => {
      const loaded = await loadGroup(tx, context, groupId, { forUpdate: true });
      const member = loaded.members.find((entry) => entry.organizationId === organizationId);
      if (!member) throw errors.notFound('この診療所はグループに参加していません。');
      if (!canDeclareFor(context.actor, loaded.facts, organizationId))
        throw errors.forbidden('この診療所の申告を変更する権限がありません。');
      assertVersion(version, loaded.group.version);
      const preferences = {
        unavailableWeekdays: [...new Set(input.unavailableWeekdays)].sort(),
        unavailableDates: [...new Set(input.unavailableDates)].sort(),
        unavailableShifts: [...new Set(input.unavailableShifts)],
        preferredWeekdays: [...new Set(input.preferredWeekdays)].sort(),
        note: input.note,
      };
      await repository.updateMember(tx, groupId, organizationId, { doctorCount: input.doctorCount, preferences });
      await repository.updateGroup(tx, groupId, { version: loaded.group.version + 1, updatedAt: clock.now() });
      await writeAudit(tx, clock, context, {
        action: 'update',
        entity: 'rotation_group_member',
        entityId: groupId,
        ownerOrganizationId: organizationId,
        details: { organizationId, doctorCount: input.doctorCount },
      });
      const [updated] = (await repository.membersOf(tx, [groupId])).filter(
        (entry) => entry.organizationId === organizationId,
      );
      if (!updated) throw errors.notFound();
      // A declaration applies to the rosters made from now on: duties already published on a day
      // now declared unavailable stay the clinic's until it hands them over (a swap). Say which.
      const declared = { organizationId, name: member.name, doctorCount: input.doctorCount, ...preferences };
      const dutiesToHandOver = (
        await repository.comingPublishedDutiesOf(tx, groupId, [organizationId], clock.now())
      ).flatMap((duty) => {
        const shift = duty.shift as ShiftKind;
        const reason = unavailabilityReason(
          declared,
          { date: duty.date, shift, weekday: dayOfWeek(duty.date) },
          new Set(),
        );
        return reason ? [{ date: duty.date, shift, reason }] : [];
      });
      return { ...presentMember(updated), version: loaded.group.version + 1, dutiesToHandOver };
    });
  }

  return { create, list, get, update, declare };
}

export type RotationGroupService = ReturnType<typeof createRotationGroupService>;
