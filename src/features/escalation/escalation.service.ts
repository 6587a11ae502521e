/**
 * The emergency chain of a case at a moment (急変時の連絡順): the facts are read here — the
 * team's primary and secondary doctors (the secondary defaulting from the primary's doctor pair),
 * the clinic on duty in the published rotation of the patient's area at that instant (weeknight,
 * holiday day or night on the Japanese calendar, Asia/Tokyo), the area's backup hospitals and the
 * area's wait times — and ordered by src/domain/escalation. Read under the case's access rules and
 * audited like every read of a case.
 */
import type { AppDeps, ActorContext } from '../../platform/context.js';
import type { DbExecutor } from '../../db/client.js';
import { errors } from '../../platform/errors.js';
import { jstDate, toJstIso } from '../../platform/time.js';
import { writeAudit } from '../../platform/audit.js';
import { auditCaseRead, loadCase, type LoadedCase } from '../cases/case-access.js';
import { canUseCaseThread } from '../../domain/policies/case-policy.js';
import { classifyDay } from '../../domain/roster/calendar-slots.js';
import { defaultRosterSettings, shiftLabels, weekdayLabels, type ShiftKind } from '../../domain/roster/roster-types.js';
import { settingsOf } from '../rotations/rotation.presenter.js';
import { dayOfWeek } from '../../domain/calendar/japanese-calendar.js';
import {
  defaultWaitMinutes,
  escalationRoleLabels,
  escalationRoles,
  resolveEscalation,
  type BackupHospital,
  type EscalationOrganization,
  type EscalationRole,
  type OnDutyClinic,
} from '../../domain/escalation/escalation.js';
import { patientGroups, procedures, type PatientGroup, type Procedure } from '../../domain/codes.js';
import * as repository from './escalation.repository.js';
import type { EscalationSettingsRequest } from './escalation.schema.js';

export type Condition = 'acute' | 'non_acute';

const jstOffsetMs = 9 * 60 * 60 * 1000;

/** 5月3日(日) 22:00 */
export function formatJst(date: Date): string {
  const local = new Date(date.getTime() + jstOffsetMs);
  const day = local.toISOString().slice(0, 10);
  const time = local.toISOString().slice(11, 16);
  return `${local.getUTCMonth() + 1}月${local.getUTCDate()}日(${weekdayLabels[dayOfWeek(day)] ?? ''}) ${time}`;
}

/** HH:MM in JST. */
function jstTime(date: Date): string {
  return new Date(date.getTime() + jstOffsetMs).toISOString().slice(11, 16);
}

/** "18:00〜翌08:30" */
export function dutyHours(startsAt: Date, endsAt: Date): string {
  const sameDay = jstDate(startsAt) === jstDate(endsAt);
  return `${jstTime(startsAt)}〜${sameDay ? '' : '翌'}${jstTime(endsAt)}`;
}

const professionalContact = (organization: repository.ContactOrganization): EscalationOrganization => ({
  id: organization.id,
  name: organization.name,
  kind: organization.kind,
  // Professionals reach the clinic on its professional line when it has one.
  phone: organization.professionalPhone ?? organization.phone,
  lat: organization.lat,
  lng: organization.lng,
});

/** Who may see a case's emergency chain and record its call-outs: those who care for the patient. */
export function assertCaresForCase(context: ActorContext, loaded: LoadedCase, what: string): void {
  if (!canUseCaseThread(context.actor, loaded.facts))
    throw errors.forbidden(`${what}は在宅チーム・病院・センターの担当者のみ利用できます。`);
}

export type ChainFacts = Awaited<ReturnType<ReturnType<typeof createEscalationService>['chainFacts']>>;

export function createEscalationService(deps: AppDeps) {
  const { database, clock } = deps;

  /** The rotation groups relevant to a patient: those the doctors belong to, else those of the area. */
  async function groupsFor(
    executor: DbExecutor,
    areaCode: string | null,
    family: Awaited<ReturnType<typeof repository.areaFamily>> | null,
    doctorIds: readonly string[],
  ) {
    if (!areaCode || !family) return [];
    const groups = await repository.groupsOfAreas(executor, [areaCode, ...family.ancestors, ...family.children]);
    const withDoctor = groups.filter((group) => group.memberOrganizationIds.some((id) => doctorIds.includes(id)));
    if (withDoctor.length > 0) return withDoctor;
    const ofArea = groups.filter((group) => group.areaCode === areaCode || family.ancestors.includes(group.areaCode));
    return ofArea.length > 0 ? ofArea : groups;
  }

  /** Wait minutes for the area: the area's own settings over its parent's over the defaults. */
  async function waitMinutesFor(executor: DbExecutor, areaCodes: readonly string[]) {
    const rows = await repository.waitMinutesOf(executor, areaCodes);
    const merged: Partial<Record<EscalationRole, number>> = {};
    for (const code of [...areaCodes].reverse()) {
      const row = rows.find((entry) => entry.areaCode === code);
      for (const role of escalationRoles) {
        const value = row?.waitMinutes[role];
        if (typeof value === 'number') merged[role] = value;
      }
    }
    return merged;
  }

  /** Everything the chain is made of, for one case at one instant. */
  async function chainFacts(executor: DbExecutor, loaded: LoadedCase, at: Date, condition: Condition) {
    /** Public numbers by organisation: the card for the patient's home never prints a professional-only line. */
    const publicPhones = new Map<string, string | null>();
    const contact = (organization: repository.ContactOrganization) => {
      publicPhones.set(organization.id, organization.phone);
      return professionalContact(organization);
    };
    const team = await repository.teamContacts(executor, loaded.row.id);
    const member = (role: string) => team.find((entry) => entry.role === role)?.organization ?? null;
    const primary = member('primary_doctor');
    const secondary = member('secondary_doctor');
    const areaCode = loaded.row.areaCode ?? primary?.areaCode ?? null;
    const family = areaCode ? await repository.areaFamily(executor, areaCode) : null;
    const areaCodes = areaCode ? [areaCode, ...(family?.ancestors ?? [])] : [];
    const pair = !secondary && primary ? await repository.pairPartner(executor, primary.id, areaCodes) : null;

    const doctorIds = [primary?.id, secondary?.id, pair?.organization.id].filter((id): id is string => Boolean(id));
    const groups = await groupsFor(executor, areaCode, family, doctorIds);
    const duties = await repository.dutiesAt(
      executor,
      groups.map((group) => group.id),
      at,
    );
    const groupName = (id: string) => groups.find((group) => group.id === id)?.name ?? '';
    const onDuty = duties.map((duty) => ({
      clinic: {
        organization: contact(duty.organization),
        groupName: groupName(duty.groupId),
        shift: duty.shift,
        shiftLabel: shiftLabels[duty.shift as ShiftKind] ?? duty.shift,
        date: duty.date,
        hours: dutyHours(duty.startsAt, duty.endsAt),
      } satisfies OnDutyClinic,
      duty,
    }));
    // The day and the duty hours as the rotation that serves the patient counts them (its holidays,
    // 年末年始 and shift times), the national defaults where no rotation does.
    const calendar = groups[0] ? settingsOf(groups[0].settings) : defaultRosterSettings;
    const date = jstDate(at);
    const day = classifyDay(date, calendar);
    const time = jstTime(at);
    const isWorkingHours = !day.isDayOff && time >= calendar.times.workdayMorning && time < calendar.times.nightStart;
    const onDutyGap = onDuty.length > 0 ? null : isWorkingHours ? 'outside_duty_hours' : 'no_published_roster';

    // Each with whether its function and backup designation are the demo's invented values (shown as デモ値).
    const backups = new Map<string, BackupHospital & { isDemoProfile: boolean }>();
    const teamBackup = member('backup_hospital');
    if (teamBackup) {
      const row = await repository.findOrganization(executor, teamBackup.id);
      if (row)
        backups.set(row.id, {
          organization: contact(row),
          hospitalFunction: row.hospitalFunction,
          unavailableUntil: row.backupUnavailableUntil,
          unavailableNote: row.backupUnavailableNote,
          isTeamDesignated: true,
          groups: row.groups,
          procedures: row.procedures,
          isDemoProfile: row.isDemoProfile,
        });
    }
    // The hospital the patient is discharged from knows the patient: the backup, whatever its declared profile says,
    // when no other hospital can take the patient (resolveEscalation).
    const discharging = backups.has(loaded.row.hospitalOrganizationId)
      ? null
      : await repository.findOrganization(executor, loaded.row.hospitalOrganizationId);
    if (discharging?.kind === 'hospital' && !discharging.isDisabled)
      backups.set(discharging.id, {
        organization: contact(discharging),
        hospitalFunction: discharging.hospitalFunction,
        unavailableUntil: discharging.backupUnavailableUntil,
        unavailableNote: discharging.backupUnavailableNote,
        isTeamDesignated: false,
        isDischargingHospital: true,
        groups: discharging.groups,
        procedures: discharging.procedures,
        isDemoProfile: discharging.isDemoProfile,
      });
    for (const row of areaCodes.length > 0 ? await repository.backupHospitals(executor, { areaCodes }) : []) {
      if (!backups.has(row.id))
        backups.set(row.id, {
          organization: contact(row),
          hospitalFunction: row.hospitalFunction,
          unavailableUntil: row.backupUnavailableUntil,
          unavailableNote: row.backupUnavailableNote,
          isTeamDesignated: false,
          groups: row.groups,
          procedures: row.procedures,
          isDemoProfile: row.isDemoProfile,
        });
    }
    const waitMinutes = await waitMinutesFor(executor, areaCodes);
    const patientLocation =
      loaded.row.lat !== null && loaded.row.lng !== null ? { lat: loaded.row.lat, lng: loaded.row.lng } : null;
    const resolved = resolveEscalation({
      at,
      isAcute: condition === 'acute',
      areaName: family?.area?.name ?? null,
      patientLocation,
      primary: primary ? contact(primary) : null,
      secondary: secondary ? contact(secondary) : null,
      pairSecondary: pair ? contact(pair.organization) : null,
      onDuty: onDuty.map((entry) => entry.clinic),
      onDutyGap,
      backupHospitals: [...backups.values()],
      patient: {
        groups: loaded.row.groups.filter((code): code is PatientGroup =>
          (patientGroups as readonly string[]).includes(code),
        ),
        procedures: loaded.row.procedures.filter((code): code is Procedure =>
          (procedures as readonly string[]).includes(code),
        ),
        wishesToDieAtHome: loaded.row.acp?.preferredPlaceOfDeath === 'home',
      },
      waitMinutes,
      formatTime: formatJst,
    });
    return {
      resolved,
      onDuty,
      backups,
      groups,
      areaCode,
      areaName: family?.area?.name ?? null,
      day,
      waitMinutes,
      publicPhones,
    };
  }

  const publicOrganization = (organization: EscalationOrganization | null) =>
    organization
      ? { id: organization.id, name: organization.name, kind: organization.kind, phone: organization.phone }
      : null;

  function present(caseId: string, at: Date, condition: Condition, facts: ChainFacts) {
    let dutyIndex = 0;
    return {
      caseId,
      at: toJstIso(at),
      condition,
      areaCode: facts.areaCode,
      areaName: facts.areaName,
      dayKind: facts.day.kind,
      holidayName: facts.day.holidayName,
      steps: facts.resolved.steps.map((step) => {
        const onDuty = step.role === 'on_duty' ? facts.onDuty[dutyIndex++] : undefined;
        const backup =
          step.role === 'backup_hospital' && step.organization ? facts.backups.get(step.organization.id) : undefined;
        return {
          order: step.order,
          role: step.role,
          roleLabel: escalationRoleLabels[step.role],
          organization: publicOrganization(step.organization),
          phone: step.phone,
          reason: step.reason,
          reasonCode: step.reasonCode,
          reasonParams: step.reasonParams,
          waitMinutes: step.waitMinutes,
          source: step.source,
          phoneMissing: step.phoneMissing,
          duty: onDuty
            ? {
                groupId: onDuty.duty.groupId,
                groupName: onDuty.clinic.groupName,
                rosterId: onDuty.duty.rosterId,
                date: onDuty.duty.date,
                shift: onDuty.duty.shift,
                shiftLabel: onDuty.clinic.shiftLabel,
                startsAt: toJstIso(onDuty.duty.startsAt),
                endsAt: toJstIso(onDuty.duty.endsAt),
              }
            : null,
          hospitalFunction: backup?.hospitalFunction ?? null,
          isDemoProfile: backup?.isDemoProfile ?? false,
        };
      }),
      skipped: facts.resolved.skipped.map((entry) => ({
        role: entry.role,
        organization: publicOrganization(entry.organization) ?? { id: '', name: '', kind: '', phone: null },
        reason: entry.reason,
        reasonCode: entry.reasonCode,
        reasonParams:
          typeof entry.reasonParams.untilAt === 'string'
            ? { ...entry.reasonParams, untilAt: toJstIso(new Date(entry.reasonParams.untilAt)) }
            : entry.reasonParams,
      })),
      notes: facts.resolved.notes,
      noteDetails: facts.resolved.noteDetails.map((entry) =>
        typeof entry.params.checkedAt === 'string'
          ? { ...entry, params: { ...entry.params, checkedAt: toJstIso(new Date(entry.params.checkedAt)) } }
          : entry,
      ),
      generatedAt: toJstIso(clock.now()),
    };
  }

  async function escalation(
    context: ActorContext,
    caseId: string,
    query: { at?: string | undefined; condition: Condition },
  ) {
    const at = query.at ? new Date(query.at) : clock.now();
    return database.transaction(async (tx) => {
      const loaded = await loadCase(tx, context, caseId);
      assertCaresForCase(context, loaded, '急変時の連絡順');
      await auditCaseRead(tx, clock, context, loaded, 'escalation');
      return present(caseId, at, query.condition, await chainFacts(tx, loaded, at, query.condition));
    });
  }

  /** Hospitals marked as backup, with their function, areas and whether they admit at `at`. */
  async function backupHospitals(
    _context: ActorContext,
    query: {
      areaCode?: string | undefined;
      function?: string | undefined;
      at?: string | undefined;
      limit: number;
      cursor?: string | undefined;
    },
  ) {
    const at = query.at ? new Date(query.at) : clock.now();
    return database.transaction(async (tx) => {
      const codes = query.areaCode
        ? [query.areaCode, ...(await repository.areaFamily(tx, query.areaCode)).ancestors]
        : undefined;
      const rows = await repository.backupHospitals(tx, {
        ...(codes ? { areaCodes: codes } : {}),
        ...(query.function ? { functions: [query.function] } : {}),
      });
      const names = await repository.areaNames(
        tx,
        rows.flatMap((row) => [...row.backupAreaCodes, ...(row.areaCode ? [row.areaCode] : [])]),
      );
      const start = query.cursor ? Number(Buffer.from(query.cursor, 'base64url').toString('utf8')) : 0;
      if (!Number.isInteger(start) || start < 0)
        throw errors.validation([{ path: 'cursor', message: 'カーソルの形式が正しくありません。' }]);
      const page = rows.slice(start, start + query.limit);
      return {
        at: toJstIso(at),
        items: page.map((row) => {
          const isStopped = row.backupUnavailableUntil !== null && row.backupUnavailableUntil.getTime() > at.getTime();
          return {
            organization: {
              id: row.id,
              name: row.name,
              kind: row.kind,
              phone: row.phone,
              address: row.address,
              areaCode: row.areaCode,
              areaName: row.areaCode ? (names.get(row.areaCode) ?? null) : null,
              lat: row.lat,
              lng: row.lng,
            },
            hospitalFunction: row.hospitalFunction,
            functionLabel:
              { advanced_acute: '高度急性期', acute: '急性期', recovery: '回復期', chronic: '慢性期' }[
                row.hospitalFunction ?? ''
              ] ?? '未登録',
            isDemoProfile: row.isDemoProfile,
            areas: row.backupAreaCodes.map((code) => ({ code, name: names.get(code) ?? code })),
            unavailableUntil: row.backupUnavailableUntil ? toJstIso(row.backupUnavailableUntil) : null,
            unavailableNote: row.backupUnavailableNote,
            isAdmitting: !isStopped,
            updatedAt: toJstIso(row.updatedAt),
          };
        }),
        nextCursor:
          start + query.limit < rows.length
            ? Buffer.from(String(start + query.limit), 'utf8').toString('base64url')
            : null,
      };
    });
  }

  async function settings() {
    return database.transaction(async (tx) => {
      const rows = await repository.allEscalationSettings(tx);
      const names = await repository.areaNames(
        tx,
        rows.map((row) => row.areaCode),
      );
      return {
        defaults: defaultWaitMinutes,
        items: rows.map((row) => ({
          areaCode: row.areaCode,
          areaName: names.get(row.areaCode) ?? null,
          waitMinutes: { ...defaultWaitMinutes, ...row.waitMinutes },
          updatedAt: toJstIso(row.updatedAt),
        })),
      };
    });
  }

  async function putSettings(context: ActorContext, areaCode: string, input: EscalationSettingsRequest) {
    return database.transaction(async (tx) => {
      const names = await repository.areaNames(tx, [areaCode]);
      if (!names.has(areaCode)) throw errors.notFound(`地域コード ${areaCode} は登録されていません。`);
      const waitMinutes = Object.fromEntries(
        Object.entries(input.waitMinutes).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
      );
      const now = clock.now();
      await repository.upsertEscalationSettings(tx, { areaCode, waitMinutes, updatedAt: now });
      await writeAudit(tx, clock, context, {
        action: 'update',
        entity: 'escalation_settings',
        entityId: areaCode,
        details: { waitMinutes },
      });
      return {
        areaCode,
        areaName: names.get(areaCode) ?? null,
        waitMinutes: { ...defaultWaitMinutes, ...waitMinutes },
        updatedAt: toJstIso(now),
      };
    });
  }

  return { chainFacts, escalation, backupHospitals, settings, putSettings, present };
}

export type EscalationService = ReturnType<typeof createEscalationService>;
