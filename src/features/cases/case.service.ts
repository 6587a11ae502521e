/**
 * Discharge cases (退院支援ケース): register, read (full or minimum necessary), edit with
 * If-Match, choose the route (direct / Center), transfer to another hospital (転院), discharge,
 * record the outcome at 30 days, cancel. Every read and change is audited; every change writes
 * the timeline, in one transaction.
 */
import { randomUUID } from 'node:crypto';
import type { AppDeps, ActorContext } from '../../platform/context.js';
import type { Tx } from '../../db/client.js';
import { AppError, errors, type ErrorDetail } from '../../platform/errors.js';
import { writeAudit, writeAuditEach } from '../../platform/audit.js';
import { markNoticesReadFor, notify } from '../../platform/notifications.js';
import { cancelJobsByKeyPrefix, scheduleJob, type JobHandler } from '../../platform/jobs.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { japaneseDate, jstDate, toJstIso } from '../../platform/time.js';
import { normalizeForSearch } from '../../platform/text.js';
import { versionConflict as platformVersionConflict } from '../../platform/versioning.js';
import { InvalidTransitionError } from '../../domain/cases/state-machine.js';
import { nextCaseStatus, type CaseEvent, type CaseStatus } from '../../domain/cases/case-state.js';
import { careInsuranceProblems, defaultNeededRolesFor } from '../../domain/cases/care-insurance.js';
import type { TeamRole } from '../../domain/codes.js';
import { teamRoleLabels } from '../../domain/labels.js';
import { consentScopesOf, factsOf, loadCase, auditCaseRead, recordCaseEvent, type LoadedCase } from './case-access.js';
import {
  caseAccessLevel,
  isCaseHospital,
  canCoordinateCase,
  canRecordCaseOutcome,
} from '../../domain/policies/case-policy.js';
import { jstInstant, subtractBusinessDays, addDays } from '../../domain/calendar/japanese-calendar.js';
import { outcomeLabels, placeLabels, type CareLevel, type DifficultyReason } from '../../domain/cases/case-codes.js';
import { onPath, type GeocodeService } from '../geocode/geocode.service.js';
import type { ConsultationService } from '../consultations/consultation.service.js';
import { isInCenterView } from '../consultations/consultation.repository.js';
import type { ConsultationStatus } from '../../domain/cases/consultation-state.js';
import { presentCase, presentCaseSummary, outcomeMatchesWish, patientNoticeWords } from './case.presenter.js';
import { createCaseTeamNotices, type CaseCircle } from './case-team-notices.js';
import * as repository from './case.repository.js';
import type { CreateCaseRequest, RouteRequest, UpdateCaseRequest } from './case.schema.js';
import type { cases } from '../../db/schema.js';

export const handOnJob = 'case.handon_check';
export const outcomeReminderJob = 'case.outcome_reminder';

/**
 * Hooks other features provide: when a case ends (discharged, cancelled, the patient died),
 * referrals withdraw their open requests and conferences that have not started are cancelled, in
 * the case change's transaction; the case's circle (as its thread) is whom the team notices go to.
 */
export type CaseEnd = 'discharged' | 'closed' | 'died' | 'cancelled';

export type CaseLifecycleHooks = {
  /**
   * `end`: discharged (the patient went home — referrals for roles still open stay open), closed (an outcome other
   * than a death), died or cancelled (whatever is still open ends).
   */
  onCaseEnded?: (tx: Tx, context: ActorContext, caseId: string, reason: string, end: CaseEnd) => Promise<void>;
  filledRoles?: (tx: Tx, caseId: string) => Promise<string[]>;
  caseCircle?: CaseCircle;
};

const fieldLabels: Record<string, string> = {
  patient: '患者情報',
  groups: '対象',
  procedures: '医療処置',
  careLevel: '介護度',
  plannedDischargeDate: '退院予定日',
  admissionDate: '入院日',
  diagnosis: '主病名・入院の理由',
  consent: '同意',
  keyPerson: 'キーパーソン',
  livingSituation: '生活状況',
  welfareIssues: '福祉的課題',
  acp: 'ACP（本人の希望）',
  neededRoles: '必要な役割',
  note: 'メモ',
};

export function createCaseService(
  deps: AppDeps,
  geocoder: GeocodeService,
  consultations: ConsultationService,
  hooks: CaseLifecycleHooks = {},
) {
  const { database, clock, config } = deps;
  const today = () => jstDate(clock.now());
  const teamNotices = createCaseTeamNotices(clock, hooks.caseCircle);

  function transitionOrThrow(status: string, event: CaseEvent): CaseStatus {
    try {
      return nextCaseStatus(status as CaseStatus, event);
    } catch (error) {
      if (error instanceof InvalidTransitionError) throw errors.invalidTransition(error.message);
      throw error;
    }
  }

  /**
   * Where the patient's home is: the point placed on the map (in Okayama City, and not in another ward far from
   * the address), else the address located by the geocoder (in the city, and more precisely than its ward).
   */
  async function locate(address: string, lat?: number | null, lng?: number | null) {
    if (lat !== undefined && lat !== null && lng !== undefined && lng !== null) {
      const checked = await geocoder.pointWithAddress(address, lat, lng, {
        point: 'patient.lat',
        address: 'patient.address',
      });
      if (checked.mismatch) {
        const { addressAreaName, pointAreaName } = checked.mismatch;
        throw errors.validation([
          {
            path: 'patient.lat',
            message: `地図の位置は${pointAreaName}ですが、住所「${address.trim()}」は${addressAreaName}にあります。地図の位置か住所を確かめてください。`,
            code: 'point_differs_from_address',
            params: {
              address: address.trim(),
              addressArea: checked.mismatch.addressArea,
              pointArea: checked.mismatch.pointArea,
            },
          },
        ]);
      }
      return { lat, lng, areaCode: checked.areaCode };
    }
    const place = await onPath('patient.address', () => geocoder.locate(address));
    if (!place || place.precision === 'ward') {
      throw errors.badRequest(
        'address_not_located',
        '住所から自宅の位置を特定できませんでした。町名・番地を確認するか、地図で位置を指定してください。',
        [{ path: 'patient.address', message: '位置を特定できません' }],
      );
    }
    return { lat: place.lat, lng: place.lng, areaCode: place.areaCode };
  }

  /** How far ahead a discharge may be planned. */
  const maxPlannedDischargeDays = 365;

  function validateDates(
    input: {
      birthDate?: string | undefined;
      plannedDischargeDate?: string | undefined;
      admissionDate?: string | null | undefined;
    },
    /** `birthDate`: the patient's birth date as it will be (the stored one when the input does not change it). */
    options: {
      isNew: boolean;
      birthDate?: string | undefined;
      /** The field an edit changed when the two dates cross: the one to name (an admission moved after the discharge). */
      crossedBy?: 'admissionDate' | 'plannedDischargeDate';
    },
  ) {
    const problems: ErrorDetail[] = [];
    const now = today();
    if (input.birthDate !== undefined && (input.birthDate > now || input.birthDate < '1900-01-01')) {
      problems.push({
        path: 'patient.birthDate',
        message: '生年月日が正しくありません（未来の日付や1900年より前は指定できません）。',
      });
    }
    if (input.plannedDischargeDate !== undefined && options.isNew && input.plannedDischargeDate < now) {
      problems.push({ path: 'plannedDischargeDate', message: '退院予定日に過去の日付は指定できません。' });
    }
    // A discharge is planned weeks ahead, not years: a date beyond a year is a typing slip (2099, 2207…).
    const latestPlanned = addDays(now, maxPlannedDischargeDays);
    if (input.plannedDischargeDate !== undefined && input.plannedDischargeDate > latestPlanned) {
      problems.push({
        path: 'plannedDischargeDate',
        message: `退院予定日は1年以内（${japaneseDate(latestPlanned)}まで）で指定してください。`,
        code: 'planned_discharge_too_far',
        params: { latest: latestPlanned },
      });
    }
    // An admission may lie ahead: a planned admission is prepared before it (入院前からの支援); the discharge is
    // planned after it (below).
    if (input.admissionDate && input.plannedDischargeDate && input.plannedDischargeDate < input.admissionDate) {
      problems.push(
        options.crossedBy === 'admissionDate'
          ? {
              path: 'admissionDate',
              message: `入院日が退院予定日（${japaneseDate(input.plannedDischargeDate)}）より後になっています。`,
            }
          : { path: 'plannedDischargeDate', message: '退院予定日が入院日より前になっています。' },
      );
    }
    const birthDate = input.birthDate ?? options.birthDate;
    if (birthDate && input.admissionDate && input.admissionDate < birthDate) {
      problems.push({ path: 'admissionDate', message: '入院日が生年月日より前になっています。' });
    }
    if (problems.length > 0) throw errors.validation(problems);
  }

  /** 400 when the case asks 介護保険 for a patient under 40 (a care level, a care manager): care-insurance.ts. */
  function checkCareInsurance(input: Parameters<typeof careInsuranceProblems>[0]) {
    const problems = careInsuranceProblems(input);
    if (problems.length > 0) throw errors.validation(problems);
  }

  /** 412 saying who changed the case last and what (its timeline), or that the version sent does not exist. */
  async function versionConflict(tx: Tx, loaded: LoadedCase, expectedVersion: number): Promise<AppError> {
    const last = await repository.lastEvent(tx, loaded.row.id);
    return platformVersionConflict(expectedVersion, loaded.row.version, last);
  }

  async function loadForChange(
    tx: Tx,
    context: ActorContext,
    id: string,
    expectedVersion: number | null,
    who: 'hospital' | 'coordinator' | 'outcome',
  ) {
    const loaded = await loadCase(tx, context, id, { forUpdate: true });
    const allowed =
      who === 'hospital'
        ? isCaseHospital(context.actor, loaded.facts)
        : who === 'outcome'
          ? canRecordCaseOutcome(context.actor, loaded.facts, await actorTeamRoles(tx, context, loaded))
          : canCoordinateCase(context.actor, loaded.facts);
    if (!allowed)
      throw errors.forbidden(
        who === 'hospital'
          ? 'この操作は担当病院の地域連携室のみ行えます。'
          : who === 'outcome'
            ? '転帰を記録できるのは担当病院・センター、またはチームの主治医・副主治医・在宅専門医・訪問看護・ケアマネジャーです。'
            : 'このケースの調整を行う権限がありません。',
      );
    if (expectedVersion !== null && expectedVersion !== loaded.row.version)
      throw await versionConflict(tx, loaded, expectedVersion);
    return loaded;
  }

  /** The roles the caller's organisation holds in the case's team now (none for anyone not a team member). */
  async function actorTeamRoles(tx: Tx | typeof database.db, context: ActorContext, loaded: LoadedCase) {
    const organizationId = context.actor.organizationId;
    if (!loaded.facts.isTeamMember || organizationId === null) return [];
    return repository.activeTeamRolesOf(tx, loaded.row.id, organizationId);
  }

  async function present(tx: Tx | typeof database.db, context: ActorContext, loaded: LoadedCase) {
    if (loaded.level === 'summary') return presentCaseSummary(loaded.row, today());
    return presentCase(loaded.row, {
      outcomeFollowUpDays: config.outcomeFollowUpDays,
      actor: context.actor,
      actorTeamRoles: await actorTeamRoles(tx, context, loaded),
      facts: loaded.facts,
      today: today(),
      pastHospitals: await repository.pastHospitals(tx, loaded.row.id),
      consultation: await consultationShownTo(tx, context, loaded.row.id),
    });
  }

  /**
   * The case's consultation with the Center, for those who may open its thread (as the consultations feature
   * decides): the organisation that asked it, or the Center while the case is in its view. Null for everyone else.
   */
  async function consultationShownTo(tx: Tx | typeof database.db, context: ActorContext, caseId: string) {
    const isCenter = context.actor.role === 'center_coordinator';
    if (!isCenter && context.actor.organizationId === null) return null;
    const consultation = await repository.latestConsultationOfCase(tx, caseId);
    if (!consultation) return null;
    const isRequester = consultation.requesterOrganizationId === context.actor.organizationId;
    if (!isRequester && !(isCenter && (await isInCenterView(tx, consultation.id)))) return null;
    return { id: consultation.id, status: consultation.status as ConsultationStatus };
  }

  async function create(context: ActorContext, input: CreateCaseRequest, tx: Tx) {
    const hospital = context.actor.organizationId
      ? await repository.findOrganization(tx, context.actor.organizationId)
      : null;
    if (context.actor.role !== 'hospital_liaison' || !hospital || hospital.kind !== 'hospital') {
      throw errors.forbidden('ケースを登録できるのは病院の地域連携室です。');
    }
    validateDates(
      {
        birthDate: input.patient.birthDate,
        plannedDischargeDate: input.plannedDischargeDate,
        admissionDate: input.admissionDate,
      },
      { isNew: true },
    );
    const neededRoles = [
      ...new Set(input.neededRoles ?? defaultNeededRolesFor(input.patient.birthDate, input.plannedDischargeDate)),
    ];
    checkCareInsurance({
      birthDate: input.patient.birthDate,
      plannedDischargeDate: input.plannedDischargeDate,
      careLevel: input.careLevel,
      neededRoles,
    });
    const place = await locate(input.patient.address, input.patient.lat, input.patient.lng);
    const sameName = normalizeForSearch(input.patient.name);
    const sameKana = normalizeForSearch(input.patient.nameKana);
    const samePatient = (await repository.activeCasesBornOn(tx, hospital.id, input.patient.birthDate)).filter(
      (other) =>
        normalizeForSearch(other.patientName) === sameName || normalizeForSearch(other.patientNameKana) === sameKana,
    );
    const id = randomUUID();
    const now = clock.now();
    await repository.insertCase(tx, {
      id,
      hospitalOrganizationId: hospital.id,
      patientName: input.patient.name,
      patientNameKana: input.patient.nameKana,
      birthDate: input.patient.birthDate,
      sex: input.patient.sex,
      address: input.patient.address,
      phone: input.patient.phone ?? null,
      lat: place.lat,
      lng: place.lng,
      areaCode: place.areaCode,
      keyPerson: input.keyPerson ?? null,
      groups: [...new Set(input.groups)],
      procedures: [...new Set(input.procedures)],
      careLevel: input.careLevel,
      livingSituation: input.livingSituation ?? null,
      welfareIssues: [...new Set(input.welfareIssues ?? [])],
      acp: input.acp ? { ...input.acp, recordedAt: toJstIso(now) } : null,
      consent: {
        ...input.consent,
        scope: [...new Set(input.consent.scope)],
        recordedAt: toJstIso(now),
        recordedByUserId: context.actor.userId,
      },
      neededRoles,
      admissionDate: input.admissionDate ?? null,
      diagnosis: input.diagnosis || null,
      plannedDischargeDate: input.plannedDischargeDate,
      status: 'planning',
      note: input.note ?? null,
      createdByUserId: context.actor.userId,
      updatedByUserId: context.actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await repository.addHospital(tx, id, hospital.id, now);
    await recordCaseEvent(tx, clock, context, id, {
      kind: 'created',
      summary: `${hospital.name}がケースを登録しました（退院予定 ${japaneseDate(input.plannedDischargeDate)}）`,
      details: { hospitalName: hospital.name, plannedDischargeDate: input.plannedDischargeDate },
    });
    await writeAudit(tx, clock, context, {
      action: 'create',
      entity: 'case',
      entityId: id,
      ownerOrganizationId: hospital.id,
    });
    const created = await present(tx, context, await loadCase(tx, context, id));
    // Saved all the same (a second stay of the same patient may overlap on paper), but said: a double registration
    // would split the team's work and count the patient twice.
    if (samePatient.length === 0) return created;
    return {
      ...created,
      warnings: samePatient.map((other) => ({
        path: 'patient.name',
        code: 'possible_duplicate_patient' as const,
        message: `同じ氏名・生年月日の患者の進行中のケースが既にあります（退院予定 ${japaneseDate(other.plannedDischargeDate)}）。同じ患者なら、どちらかのケースを中止してください。`,
        params: { caseId: other.id, plannedDischargeDate: other.plannedDischargeDate },
      })),
    };
  }

  function listScope(context: ActorContext): repository.CaseListScope {
    const { role, organizationId } = context.actor;
    if (role === 'center_coordinator') return { kind: 'center' };
    if (!organizationId) throw errors.forbidden();
    if (role === 'hospital_liaison') return { kind: 'hospital', organizationId };
    if (role === 'provider') return { kind: 'provider', organizationId };
    throw errors.forbidden();
  }

  async function list(
    context: ActorContext,
    query: {
      limit: number;
      cursor?: string | undefined;
      status?: string | undefined;
      route?: string | undefined;
      q?: string | undefined;
    },
  ) {
    const cursor = decodeCursor(query.cursor, 'text');
    const rows = await repository.listCases(database.db, listScope(context), {
      limit: query.limit,
      ...(query.status ? { status: query.status } : {}),
      ...(query.route ? { route: query.route } : {}),
      ...(query.q ? { q: query.q } : {}),
      ...(cursor ? { after: { key: cursor.key, id: cursor.id } } : {}),
    });
    const page = pageOf(rows, query.limit, (row) => ({ key: row.plannedDischargeDate, id: row.id }));
    const items = [];
    for (const row of page.items) {
      const relation = await repository.relationOf(database.db, row.id, context.actor.organizationId);
      const facts = factsOf(row, relation);
      const level = caseAccessLevel(context.actor, facts);
      if (level === 'none') continue;
      items.push(await present(database.db, context, { row, facts, level }));
    }
    // Each listed record is read (the list shows names, addresses, phones): one row per case, under its id and its
    // hospital, so that the hospital finds who listed its patient.
    await writeAuditEach(
      database.db,
      clock,
      context,
      items.map((item) => ({
        action: 'list',
        entity: 'case',
        entityId: item.id,
        ownerOrganizationId: item.hospital.id,
        details: { access: item.access },
      })),
    );
    return { items, nextCursor: page.nextCursor };
  }

  async function get(context: ActorContext, id: string) {
    return database.transaction(async (tx) => {
      const loaded = await loadCase(tx, context, id);
      await auditCaseRead(tx, clock, context, loaded, 'case');
      // What the notices about this case lead to is on this page: read once it is open.
      await markNoticesReadFor(tx, clock, context.actor, { linkPath: `/cases/${id}` });
      return present(tx, context, loaded);
    });
  }

  async function update(context: ActorContext, id: string, input: UpdateCaseRequest, expectedVersion: number) {
    return database.transaction(async (tx) => {
      const loaded = await loadForChange(tx, context, id, expectedVersion, 'hospital');
      transitionOrThrow(loaded.row.status, 'edit');
      const { row } = loaded;
      const plannedDischargeDate = input.plannedDischargeDate ?? row.plannedDischargeDate;
      const admissionDate = input.admissionDate !== undefined ? input.admissionDate : row.admissionDate;
      validateDates(
        { birthDate: input.patient?.birthDate, plannedDischargeDate, admissionDate },
        {
          isNew: false,
          birthDate: row.birthDate,
          crossedBy:
            input.plannedDischargeDate === undefined && input.admissionDate !== undefined
              ? 'admissionDate'
              : 'plannedDischargeDate',
        },
      );
      // Checked when the edit touches what it depends on, so that a case registered before the rule stays editable.
      if (
        input.patient?.birthDate !== undefined ||
        input.plannedDischargeDate !== undefined ||
        input.careLevel !== undefined ||
        input.neededRoles !== undefined
      )
        checkCareInsurance({
          birthDate: input.patient?.birthDate ?? row.birthDate,
          plannedDischargeDate,
          careLevel: input.careLevel ?? (row.careLevel as CareLevel),
          neededRoles: input.neededRoles ?? (row.neededRoles as TeamRole[]),
        });
      if (
        input.plannedDischargeDate !== undefined &&
        input.plannedDischargeDate < today() &&
        input.plannedDischargeDate !== row.plannedDischargeDate
      ) {
        throw errors.validation([
          { path: 'plannedDischargeDate', message: '退院予定日に過去の日付は指定できません。' },
        ]);
      }
      const values: Partial<typeof cases.$inferInsert> = {};
      if (input.patient) {
        const patient = input.patient;
        if (patient.name !== undefined) values.patientName = patient.name;
        if (patient.nameKana !== undefined) values.patientNameKana = patient.nameKana;
        if (patient.birthDate !== undefined) values.birthDate = patient.birthDate;
        if (patient.sex !== undefined) values.sex = patient.sex;
        if (patient.phone !== undefined) values.phone = patient.phone;
        if (patient.address !== undefined || patient.lat !== undefined || patient.lng !== undefined) {
          const address = patient.address ?? row.address;
          const place = await locate(
            address,
            patient.lat ?? (patient.address === undefined ? row.lat : undefined),
            patient.lng ?? (patient.address === undefined ? row.lng : undefined),
          );
          Object.assign(values, { address, lat: place.lat, lng: place.lng, areaCode: place.areaCode });
        }
      }
      if (input.groups) values.groups = [...new Set(input.groups)];
      if (input.procedures) values.procedures = [...new Set(input.procedures)];
      if (input.careLevel) values.careLevel = input.careLevel;
      if (input.plannedDischargeDate) values.plannedDischargeDate = input.plannedDischargeDate;
      if (input.admissionDate !== undefined) values.admissionDate = input.admissionDate;
      if (input.diagnosis !== undefined) values.diagnosis = input.diagnosis || null;
      if (input.consent)
        values.consent = {
          ...input.consent,
          scope: [...new Set(input.consent.scope)],
          recordedAt: toJstIso(clock.now()),
          recordedByUserId: context.actor.userId,
        };
      if (input.keyPerson !== undefined) values.keyPerson = input.keyPerson;
      if (input.livingSituation !== undefined) values.livingSituation = input.livingSituation;
      if (input.welfareIssues) values.welfareIssues = [...new Set(input.welfareIssues)];
      if (input.acp !== undefined) values.acp = input.acp ? { ...input.acp, recordedAt: toJstIso(clock.now()) } : null;
      if (input.neededRoles) values.neededRoles = [...new Set(input.neededRoles)];
      if (input.note !== undefined) values.note = input.note;
      const changed = Object.keys(input).filter((key) => input[key as keyof UpdateCaseRequest] !== undefined);
      await repository.updateCase(tx, id, { ...values, updatedAt: clock.now(), updatedByUserId: context.actor.userId });
      await recordCaseEvent(tx, clock, context, id, {
        kind: 'updated',
        summary: `${changed.map((key) => fieldLabels[key] ?? key).join('・')}を変更しました`,
        details: { changed, fields: changed },
      });
      await writeAudit(tx, clock, context, {
        action: 'update',
        entity: 'case',
        entityId: id,
        ownerOrganizationId: row.hospitalOrganizationId,
        details: { changed },
      });
      // What the hand-on check looks at changed: check again (at once when the day has come).
      if (
        row.route === 'direct' &&
        row.status === 'coordinating' &&
        (values.plannedDischargeDate !== undefined || values.consent !== undefined || values.neededRoles !== undefined)
      )
        await scheduleHandOn(tx, id, values.plannedDischargeDate ?? row.plannedDischargeDate, row.version + 1);
      const updated = await loadCase(tx, context, id);
      if (values.plannedDischargeDate && values.plannedDischargeDate !== row.plannedDischargeDate)
        await teamNotices.dischargeDateChanged(
          tx,
          context,
          updated,
          row.plannedDischargeDate,
          values.plannedDischargeDate,
        );
      return present(tx, context, updated);
    });
  }

  /**
   * (Re)schedules the hand-on check of a direct case: the earlier pending check is cancelled and a
   * new one keyed by the case's version is written, so a date that comes back, a consent given late
   * or a changed list of roles is checked again — never by two jobs at once.
   */
  async function scheduleHandOn(tx: Tx, caseId: string, plannedDischargeDate: string, version: number) {
    const checkDate = subtractBusinessDays(plannedDischargeDate, config.handOnBusinessDays);
    const runAt = new Date(Math.max(jstInstant(checkDate, '09:00').getTime(), clock.now().getTime()));
    await cancelJobsByKeyPrefix(tx, clock, `${handOnJob}:${caseId}:`);
    await scheduleJob(tx, clock, {
      kind: handOnJob,
      runAt,
      payload: { caseId, plannedDischargeDate },
      uniqueKey: `${handOnJob}:${caseId}:${plannedDischargeDate}:v${version}`,
    });
  }

  async function route(context: ActorContext, id: string, input: RouteRequest, expectedVersion: number) {
    return database.transaction(async (tx) => {
      const loaded = await loadForChange(tx, context, id, expectedVersion, 'hospital');
      const { row } = loaded;
      if (input.route === 'direct') {
        const status = transitionOrThrow(row.status, 'choose_direct');
        await repository.updateCase(tx, id, {
          route: 'direct',
          status,
          updatedAt: clock.now(),
          updatedByUserId: context.actor.userId,
        });
        await recordCaseEvent(tx, clock, context, id, { kind: 'route_direct', summary: '病院が直接調整を始めました' });
        await scheduleHandOn(tx, id, row.plannedDischargeDate, row.version + 1);
      } else {
        if (!consentScopesOf(row).includes('center')) {
          throw errors.badRequest(
            'consent_required',
            'センターへ相談するには、本人または家族の同意（センターへの相談）を記録してください。',
            [{ path: 'consent.scope', message: 'center が必要です' }],
          );
        }
        const event: CaseEvent = row.route === 'direct' ? 'escalate' : 'choose_center';
        if (row.route === 'center') throw errors.invalidTransition('このケースは既にセンターに相談しています。');
        const status = transitionOrThrow(row.status, event);
        await repository.updateCase(tx, id, {
          route: 'center',
          status,
          difficulty: input.difficulty,
          difficultyNote: input.note || null,
          updatedAt: clock.now(),
          updatedByUserId: context.actor.userId,
        });
        await consultations.openForCase(tx, context, {
          caseId: id,
          hospitalOrganizationId: row.hospitalOrganizationId,
          hospitalName: row.hospitalName,
          plannedDischargeDate: row.plannedDischargeDate,
          difficulty: input.difficulty,
          note: input.note,
          reason: 'request',
        });
        await recordCaseEvent(tx, clock, context, id, {
          kind: 'route_center',
          summary: '地域ケア総合推進センターに相談しました',
          details: { difficulty: input.difficulty },
        });
      }
      await writeAudit(tx, clock, context, {
        action: 'route',
        entity: 'case',
        entityId: id,
        ownerOrganizationId: row.hospitalOrganizationId,
        details: { route: input.route },
      });
      return present(tx, context, await loadCase(tx, context, id));
    });
  }

  async function transfer(
    context: ActorContext,
    id: string,
    input: { hospitalOrganizationId: string; note?: string | undefined },
    expectedVersion: number,
  ) {
    return database.transaction(async (tx) => {
      const loaded = await loadForChange(tx, context, id, expectedVersion, 'hospital');
      transitionOrThrow(loaded.row.status, 'transfer');
      const target = await repository.findOrganization(tx, input.hospitalOrganizationId);
      if (!target || target.kind !== 'hospital')
        throw errors.validation([{ path: 'hospitalOrganizationId', message: '転院先には病院を指定してください。' }]);
      if (target.id === loaded.row.hospitalOrganizationId)
        throw errors.validation([{ path: 'hospitalOrganizationId', message: '現在の病院と同じです。' }]);
      // The hospital that takes over coordinates from then on (this one only reads): a hospital where nobody uses
      // Renkei would leave the case, its referrals and its team with nobody to act.
      if (!(await repository.hasHospitalLiaison(tx, target.id)))
        throw errors.conflict(
          'transfer_target_without_users',
          `${target.name}には Renkei の利用者（地域連携室）が登録されていないため、退院支援を引き継げません。システム管理者に転院先の利用者の登録を依頼してから記録してください。`,
        );
      const now = clock.now();
      await repository.endHospital(tx, id, loaded.row.hospitalOrganizationId, now);
      await repository.addHospital(tx, id, target.id, now);
      await repository.updateCase(tx, id, {
        hospitalOrganizationId: target.id,
        updatedAt: now,
        updatedByUserId: context.actor.userId,
      });
      await consultations.transferForCase(tx, {
        caseId: id,
        fromHospitalName: loaded.row.hospitalName,
        hospitalOrganizationId: target.id,
        hospitalName: target.name,
      });
      await recordCaseEvent(tx, clock, context, id, {
        kind: 'transferred',
        summary: `${loaded.row.hospitalName}から${target.name}へ転院しました${input.note ? `（${input.note}）` : ''}`,
        details: {
          from: loaded.row.hospitalOrganizationId,
          to: target.id,
          fromName: loaded.row.hospitalName,
          toName: target.name,
          note: input.note ?? null,
          variant: input.note ? 'note' : null,
        },
      });
      await notify(tx, clock, {
        recipientOrganizationId: target.id,
        kind: 'case_transferred',
        title: '転院の患者の退院支援を引き継ぎました',
        body: `${loaded.row.hospitalName}から退院支援ケースが引き継がれました（退院予定 ${japaneseDate(loaded.row.plannedDischargeDate)}）。`,
        params: { hospitalName: loaded.row.hospitalName, plannedDischargeDate: loaded.row.plannedDischargeDate },
        link: `/cases/${id}`,
        entity: 'case',
        entityId: id,
      });
      await writeAudit(tx, clock, context, {
        action: 'transfer',
        entity: 'case',
        entityId: id,
        ownerOrganizationId: target.id,
        details: { from: loaded.row.hospitalOrganizationId },
      });
      return present(tx, context, await loadCase(tx, context, id));
    });
  }

  async function discharge(
    context: ActorContext,
    id: string,
    input: { dischargedOn: string },
    expectedVersion: number,
  ) {
    return database.transaction(async (tx) => {
      const loaded = await loadForChange(tx, context, id, expectedVersion, 'hospital');
      const status = transitionOrThrow(loaded.row.status, 'discharge');
      if (input.dischargedOn > today())
        throw errors.validation([
          { path: 'dischargedOn', message: '退院日に未来の日付は指定できません（退院後に記録してください）。' },
        ]);
      if (loaded.row.admissionDate && input.dischargedOn < loaded.row.admissionDate) {
        throw errors.validation([{ path: 'dischargedOn', message: '退院日が入院日より前になっています。' }]);
      }
      // Without an admission date, the stay began no later than the case was registered for it.
      const registeredOn = jstDate(loaded.row.createdAt);
      if (!loaded.row.admissionDate && input.dischargedOn < registeredOn) {
        throw errors.validation([
          {
            path: 'dischargedOn',
            message: `退院日がこのケースの登録日（${japaneseDate(registeredOn)}）より前になっています。入院日を記録してから指定してください。`,
          },
        ]);
      }
      // The hospital decides: a discharge with needed roles still open is accepted, and the timeline keeps which.
      const filledAtDischarge = new Set(hooks.filledRoles ? await hooks.filledRoles(tx, id) : []);
      const openRoles = loaded.row.neededRoles.filter((role) => !filledAtDischarge.has(role));
      await repository.updateCase(tx, id, {
        status,
        dischargedOn: input.dischargedOn,
        updatedAt: clock.now(),
        updatedByUserId: context.actor.userId,
      });
      await hooks.onCaseEnded?.(tx, context, id, '退院したため', 'discharged');
      const openRoleNames = openRoles
        .map((role) => (teamRoleLabels as Record<string, string | undefined>)[role] ?? role)
        .join('、');
      // The Center's consultation ends with the discharge — unless roles are still open: then the patient is at home
      // without them, and the consultation stays in the Center's open list, saying so, until the Center closes it.
      await consultations.closeForCase(
        tx,
        context,
        id,
        openRoles.length > 0
          ? `${japaneseDate(input.dischargedOn)}に退院が記録されました。未決定の役割（${openRoleNames}）が残っているため、この相談は終了せずに残します。在宅での確保の見通しが立ったら、相談を終了してください。`
          : `${japaneseDate(input.dischargedOn)}に退院が記録されたため、この相談を終了しました。`,
        { keepOpen: openRoles.length > 0 },
      );
      await recordCaseEvent(tx, clock, context, id, {
        kind: 'discharged',
        summary: `${japaneseDate(input.dischargedOn)} に退院しました${
          openRoles.length > 0 ? `（未決定の役割: ${openRoleNames}）` : ''
        }`,
        details: {
          dischargedOn: input.dischargedOn,
          missingRoles: openRoles,
          variant: openRoles.length > 0 ? 'open_roles' : null,
        },
      });
      await teamNotices.discharged(tx, context, loaded, input.dischargedOn);
      const followUp = addDays(input.dischargedOn, config.outcomeFollowUpDays);
      await scheduleJob(tx, clock, {
        kind: outcomeReminderJob,
        runAt: jstInstant(followUp, '09:00'),
        payload: { caseId: id },
        uniqueKey: `${outcomeReminderJob}:${id}`,
      });
      await writeAudit(tx, clock, context, {
        action: 'discharge',
        entity: 'case',
        entityId: id,
        ownerOrganizationId: loaded.row.hospitalOrganizationId,
      });
      return present(tx, context, await loadCase(tx, context, id));
    });
  }

  async function recordOutcome(
    context: ActorContext,
    id: string,
    input: { outcome: string; on: string; note?: string | undefined },
    expectedVersion: number,
  ) {
    return database.transaction(async (tx) => {
      const loaded = await loadForChange(tx, context, id, expectedVersion, 'outcome');
      const status = transitionOrThrow(loaded.row.status, 'record_outcome');
      // A later outcome may follow an earlier one (readmitted, then at home on the follow-up day); but a recorded
      // death is undone only by the hospital, saying why — it ended the case for the whole team.
      const previous = loaded.row.outcome as keyof typeof outcomeLabels | null;
      const undoesDeath = previous !== null && previous.startsWith('died') && !input.outcome.startsWith('died');
      if (undoesDeath && !isCaseHospital(context.actor, loaded.facts))
        throw errors.forbidden('記録済みの死亡を訂正できるのは、担当病院の地域連携室のみです。');
      if (undoesDeath && !input.note)
        throw errors.validation([
          {
            path: 'note',
            message: '記録済みの死亡を訂正する理由をメモに入力してください。',
            code: 'correction_reason_required',
          },
        ]);
      if (input.on > today())
        throw errors.validation([{ path: 'on', message: '確認日に未来の日付は指定できません。' }]);
      if (loaded.row.dischargedOn && input.on < loaded.row.dischargedOn)
        throw errors.validation([{ path: 'on', message: '確認日が退院日より前になっています。' }]);
      await repository.updateCase(tx, id, {
        status,
        outcome: input.outcome,
        outcomeOn: input.on,
        updatedAt: clock.now(),
        updatedByUserId: context.actor.userId,
      });
      // The discharge ended the conferences; the outcome ends whatever is still open (referrals for roles the patient
      // went home without, welfare links), with the reason.
      if (input.outcome.startsWith('died'))
        await hooks.onCaseEnded?.(tx, context, id, '患者が亡くなられたため', 'died');
      else await hooks.onCaseEnded?.(tx, context, id, '転帰が記録されたため', 'closed');
      // A consultation kept open at the discharge (roles the patient went home without) ends with the outcome too.
      await consultations.closeForCase(
        tx,
        context,
        id,
        `転帰（${outcomeLabels[input.outcome as keyof typeof outcomeLabels]}、${japaneseDate(input.on)}）が記録されたため、この相談を終了しました。`,
      );
      const matches = outcomeMatchesWish({ outcome: input.outcome, acp: loaded.row.acp });
      const acp = (loaded.row.acp ?? {}) as {
        preferredPlaceOfDeath?: keyof typeof placeLabels;
        preferredPlaceOfCare?: keyof typeof placeLabels;
      };
      const stated = input.outcome.startsWith('died') ? acp.preferredPlaceOfDeath : acp.preferredPlaceOfCare;
      // 「未定」 is no wish to compare with (as the case page says 「希望の記録なし」).
      const wish = stated === 'undecided' ? undefined : stated;
      // Before the follow-up day (RENKEI_OUTCOME_FOLLOWUP_DAYS after discharge) it is an early outcome: allowed
      // (a death or a readmission is known at once), but said as such wherever it is shown.
      const followUpOn = loaded.row.dischargedOn ? addDays(loaded.row.dischargedOn, config.outcomeFollowUpDays) : null;
      const isEarly = followUpOn !== null && input.on < followUpOn;
      const outcomeLabel = outcomeLabels[input.outcome as keyof typeof outcomeLabels];
      if (previous !== null && previous !== input.outcome) {
        const previousLabel = outcomeLabels[previous];
        await recordCaseEvent(tx, clock, context, id, {
          kind: 'outcome_replaced',
          summary: `${undoesDeath ? '記録済みの死亡を訂正しました' : '転帰の記録を改めました'}（前回の記録: ${previousLabel}${loaded.row.outcomeOn ? `、${japaneseDate(loaded.row.outcomeOn)}` : ''}）`,
          details: {
            previousOutcome: previous,
            previousOn: loaded.row.outcomeOn,
            outcome: input.outcome,
            variant: undoesDeath ? 'death_corrected' : null,
          },
        });
      }
      await recordCaseEvent(tx, clock, context, id, {
        kind: 'outcome',
        summary: `${isEarly ? '早期の' : ''}転帰: ${outcomeLabel}（${japaneseDate(input.on)}）${wish ? ` — 本人の希望「${placeLabels[wish]}」と${matches ? '一致' : '不一致'}` : ''}${input.note ? `。${input.note}` : ''}`,
        details: {
          outcome: input.outcome,
          matchesWish: matches,
          on: input.on,
          wish: wish ?? null,
          wishMatch: matches ? 'match' : 'mismatch',
          note: input.note ?? null,
          isEarly,
          followUpOn,
          variant:
            [isEarly ? 'early' : null, wish ? 'wish' : null, input.note ? 'note' : null].filter(Boolean).join('_') ||
            null,
        },
      });
      await teamNotices.outcome(tx, context, loaded, {
        outcome: input.outcome,
        outcomeLabel,
        on: input.on,
        isEarly,
        correctsDeath: undoesDeath,
      });
      await writeAudit(tx, clock, context, {
        action: 'record_outcome',
        entity: 'case',
        entityId: id,
        ownerOrganizationId: loaded.row.hospitalOrganizationId,
      });
      return present(tx, context, await loadCase(tx, context, id));
    });
  }

  async function cancel(context: ActorContext, id: string, input: { reason: string }, expectedVersion: number) {
    return database.transaction(async (tx) => {
      const loaded = await loadForChange(tx, context, id, expectedVersion, 'hospital');
      const status = transitionOrThrow(loaded.row.status, 'cancel');
      await repository.updateCase(tx, id, { status, updatedAt: clock.now(), updatedByUserId: context.actor.userId });
      await hooks.onCaseEnded?.(tx, context, id, 'ケースが中止されたため', 'cancelled');
      await consultations.closeForCase(
        tx,
        context,
        id,
        `ケースが中止されたため、この相談を終了しました（${input.reason}）。`,
      );
      await recordCaseEvent(tx, clock, context, id, {
        kind: 'cancelled',
        summary: `ケースを中止しました（${input.reason}）`,
        details: { note: input.reason },
      });
      await teamNotices.cancelled(tx, context, loaded);
      await writeAudit(tx, clock, context, {
        action: 'cancel',
        entity: 'case',
        entityId: id,
        ownerOrganizationId: loaded.row.hospitalOrganizationId,
      });
      return present(tx, context, await loadCase(tx, context, id));
    });
  }

  async function timeline(context: ActorContext, id: string) {
    return database.transaction(async (tx) => {
      const loaded = await loadCase(tx, context, id);
      if (loaded.level !== 'full')
        throw errors.forbidden('経過記録の閲覧には、紹介の受諾（チームへの参加）と記録共有の同意が必要です。');
      await auditCaseRead(tx, clock, context, loaded, 'timeline');
      const events = await repository.listEvents(tx, id);
      return {
        items: events.map((event) => ({
          id: event.id,
          at: toJstIso(event.at),
          kind: event.kind,
          summary: event.summary,
          details: event.details ?? null,
          actorName: event.actorName,
          actorOrganizationName: event.actorOrganizationName,
        })),
      };
    });
  }

  const systemContext = (label: string) => ({ actor: null, requestId: `job-${label}-${randomUUID()}`, ip: 'job' });

  /** N business days before discharge: a direct case still missing a needed role goes to the Center. */
  const handOnCheck: JobHandler = async (tx, job) => {
    const { caseId, plannedDischargeDate } = job.payload as { caseId: string; plannedDischargeDate: string };
    const row = await repository.findCase(tx, caseId, { forUpdate: true });
    if (
      !row ||
      row.route !== 'direct' ||
      row.status !== 'coordinating' ||
      row.plannedDischargeDate !== plannedDischargeDate
    )
      return;
    const filled = new Set(hooks.filledRoles ? await hooks.filledRoles(tx, caseId) : []);
    const missing = row.neededRoles.filter((role) => !filled.has(role));
    if (missing.length === 0) return;
    const missingLabels = missing
      .map((role) => (teamRoleLabels as Record<string, string | undefined>)[role] ?? role)
      .join('、');
    const context = systemContext('handon');
    if (!consentScopesOf(row).includes('center')) {
      await notify(tx, clock, {
        recipientOrganizationId: row.hospitalOrganizationId,
        kind: 'case_handon_blocked',
        title: '退院予定日が近いのに在宅チームがそろっていません',
        body: `退院予定 ${japaneseDate(row.plannedDischargeDate)} のケースで未決定の役割があります。センターへの相談には本人・家族の同意が必要です。`,
        params: { plannedDischargeDate: row.plannedDischargeDate, missingRoles: missing },
        link: `/cases/${caseId}`,
        entity: 'case',
        entityId: caseId,
      });
      return;
    }
    const difficulty: DifficultyReason[] = ['timeout'];
    await repository.updateCase(tx, caseId, {
      route: 'center',
      difficulty,
      difficultyNote: `未決定の役割: ${missingLabels}`,
      updatedAt: clock.now(),
    });
    await consultations.openForCase(tx, context, {
      caseId,
      hospitalOrganizationId: row.hospitalOrganizationId,
      hospitalName: row.hospitalName,
      plannedDischargeDate: row.plannedDischargeDate,
      difficulty,
      note: `退院予定日の${config.handOnBusinessDays}営業日前になっても在宅チームの役割（${missingLabels}）が決まっていないため、自動的にセンターへ引き継ぎました。`,
      reason: 'timeout',
    });
    await recordCaseEvent(tx, clock, context, caseId, {
      kind: 'handed_on',
      summary: '期限までに調整がつかないため、センターへ自動的に引き継ぎました',
      details: { missing, missingRoles: missing },
    });
    await notify(tx, clock, {
      recipientOrganizationId: row.hospitalOrganizationId,
      kind: 'case_handed_on',
      title: 'ケースをセンターへ引き継ぎました',
      body: `退院予定 ${japaneseDate(row.plannedDischargeDate)} のケースは在宅チームがそろっていないため、地域ケア総合推進センターに引き継がれました。`,
      params: { plannedDischargeDate: row.plannedDischargeDate, missingRoles: missing },
      link: `/cases/${caseId}`,
      entity: 'case',
      entityId: caseId,
    });
    await writeAudit(tx, clock, context, {
      action: 'hand_on',
      entity: 'case',
      entityId: caseId,
      ownerOrganizationId: row.hospitalOrganizationId,
    });
  };

  /**
   * On the follow-up day after discharge: remind the hospital to record the outcome — and the primary doctor's
   * organisation, who knows first how the patient is and may record it too. The patient by age band and ward.
   */
  const outcomeReminder: JobHandler = async (tx, job) => {
    const { caseId } = job.payload as { caseId: string };
    const row = await repository.findCase(tx, caseId);
    if (!row || row.status !== 'discharged') return;
    const patient = patientNoticeWords(row, clock.now());
    const doctors = await repository.activeTeamOrganizationsIn(tx, caseId, ['primary_doctor']);
    for (const recipientOrganizationId of new Set([row.hospitalOrganizationId, ...doctors])) {
      await notify(tx, clock, {
        recipientOrganizationId,
        kind: 'case_outcome_due',
        title: `退院後${config.outcomeFollowUpDays}日の転帰を記録してください（${patient.words}の患者）`,
        body: `${japaneseDate(row.dischargedOn)} に退院した患者の転帰（在宅継続・再入院・施設・死亡）を記録してください。`,
        params: {
          dischargedOn: row.dischargedOn,
          days: config.outcomeFollowUpDays,
          ...patient.params,
          variant: patient.variant,
        },
        link: `/cases/${caseId}`,
        entity: 'case',
        entityId: caseId,
      });
    }
  };

  return {
    create,
    list,
    get,
    update,
    route,
    transfer,
    discharge,
    recordOutcome,
    cancel,
    timeline,
    jobs: { [handOnJob]: handOnCheck, [outcomeReminderJob]: outcomeReminder },
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
