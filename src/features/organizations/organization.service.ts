/** The directory's organisation records: list, read, create (admin), profile and availability updates. */
import { assertKnownAreaCode } from '../areas/area.service.js';
import { randomUUID } from 'node:crypto';
import type { AppDeps, ActorContext } from '../../platform/context.js';
import type { DbExecutor, Tx } from '../../db/client.js';
import { AppError, errors, type ErrorDetail } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit.js';
import { assertVersionAudited } from '../../platform/versioning.js';
import { decodeCursor, pageOf } from '../../platform/pagination.js';
import { normalizeForSearch } from '../../platform/text.js';
import { canAdministerOrganizations, canEditOrganization } from '../../domain/policies/organization-policy.js';
import type { organizations } from '../../db/schema.js';
import * as repository from './organization.repository.js';
import { presentOrganization } from './organization.presenter.js';
import { createOrganizationLocator, pointProblems, type LocationWarning } from './organization-location.js';
import { isOkayamaCityCode, municipalitiesOfPostalCode, okayamaCityCode } from '../geocode/geocode.service.js';
import {
  UpdateOrganizationRequest,
  type CreateOrganizationRequest,
  type OrganizationResponse,
  type UpdateAvailabilityRequest,
} from './organization.schema.js';

type OrganizationValues = Partial<typeof organizations.$inferInsert>;

function nameAndAddress(existing: repository.ExistingOrganization): string {
  return existing.address ? `「${existing.name}」（${existing.address}）` : `「${existing.name}」`;
}

/** One organisation already registered, as a 409's detail: its id, name and address (`code` existing_organization). */
function existingDetail(path: string, existing: repository.ExistingOrganization): ErrorDetail {
  return {
    path,
    message: `${nameAndAddress(existing)}が登録されています。`,
    code: 'existing_organization',
    params: { id: existing.id, name: existing.name, address: existing.address, kind: existing.kind },
  };
}

/** The field of the request whose official code the existing organisation has. */
function officialCodePath(
  codes: UpdateOrganizationRequest['codes'],
  existing: repository.ExistingOrganization,
): string {
  return codes?.medicalInstitutionCode && codes.medicalInstitutionCode === existing.medicalInstitutionCode
    ? 'codes.medicalInstitutionCode'
    : 'codes.careOfficeNumber';
}

/** The answer carries `warnings` only when there is one, so that it otherwise equals what GET gives. */
function withWarnings(
  answer: OrganizationResponse,
  warnings: LocationWarning[],
): OrganizationResponse & { warnings?: LocationWarning[] } {
  return warnings.length > 0 ? { ...answer, warnings } : answer;
}

const adminOnlyFields = ['kind', 'associationId', 'codes'] as const;

/** The audited changes of an organisation that give it a new version (who a 412 names). */
const organizationChanges = (id: string) => ({
  entity: 'organization',
  entityId: id,
  actions: ['create', 'update', 'update_availability'],
});

/**
 * The カナ of a name as it is kept: katakana, full width (「おかやま」 and 「ｵｶﾔﾏ」 → 「オカヤマ」), so that the form's
 * hint (カタカナ) holds whatever was typed; anything else (「・」, letters, digits) is left as NFKC gives it.
 */
export function toKatakana(value: string): string {
  return value
    .normalize('NFKC')
    .replace(/[\u3041-\u3096\u309d\u309e]/g, (character) => String.fromCharCode(character.charCodeAt(0) + 0x60));
}

function uniqueSorted<T extends string>(values: readonly T[]): T[] {
  return [...new Set(values)].sort();
}

/** Maps the request's nested shape onto columns, leaving untouched what was not sent. */
/** The fields of the capability profile (what the demo invents and marks as demo values). */
const profileFields = [
  'capabilities',
  'coverage',
  'declaredCapacity',
  'homeCareSupportClinic',
  'isHomeVisitOnly',
  'hospitalFunction',
  'isBackupHospital',
] as const satisfies readonly (keyof UpdateOrganizationRequest)[];

/**
 * Flags that only one kind of organisation can truly hold: 在宅療養支援診療所/病院 (clinics and hospitals), 往診専門
 * (clinics), the hospital function and backup-hospital role (hospitals). A station declaring itself a support clinic
 * would be listed among them in every search, the citizens' too. `kind`: the kind after the change.
 */
function kindProblems(kind: string, input: UpdateOrganizationRequest): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const refuse = (path: string, label: string, kinds: string) =>
    problems.push({
      path,
      message: `「${label}」は${kinds}だけが設定できます。`,
      code: 'not_for_kind',
      params: { kind },
    });
  if (input.homeCareSupportClinic && kind !== 'clinic' && kind !== 'hospital')
    refuse('homeCareSupportClinic', '在宅療養支援診療所・病院の届出', '診療所・病院');
  if (input.isHomeVisitOnly === true && kind !== 'clinic')
    refuse('isHomeVisitOnly', '在宅医療専門（往診専門）', '診療所');
  if (input.isBackupHospital === true && kind !== 'hospital') refuse('isBackupHospital', '後方支援病院', '病院');
  if (input.hospitalFunction && kind !== 'hospital') refuse('hospitalFunction', '病院の機能', '病院');
  return problems;
}

function toValues(input: UpdateOrganizationRequest): OrganizationValues {
  const values: OrganizationValues = {};
  const copy = (key: keyof UpdateOrganizationRequest & keyof OrganizationValues) => {
    if (input[key] !== undefined) (values as Record<string, unknown>)[key] = input[key];
  };
  for (const key of [
    'name',
    'nameKana',
    'postalCode',
    'address',
    'lat',
    'lng',
    'areaCode',
    'phone',
    'fax',
    'professionalPhone',
    'url',
    'hospitalFunction',
    'isBackupHospital',
    'homeCareSupportClinic',
    'isHomeVisitOnly',
    'declaredCapacity',
    'kind',
    'associationId',
  ] as const) {
    copy(key);
  }
  if (typeof input.nameKana === 'string') values.nameKana = toKatakana(input.nameKana);
  if (input.capabilities?.groups) values.groups = uniqueSorted(input.capabilities.groups);
  if (input.capabilities?.procedures) values.procedures = uniqueSorted(input.capabilities.procedures);
  if (input.capabilities?.available24h !== undefined) values.isAvailable24h = input.capabilities.available24h;
  if (input.coverage?.radiusKm !== undefined) values.coverageRadiusKm = input.coverage.radiusKm;
  if (input.coverage?.areaCodes) values.coverageAreaCodes = uniqueSorted(input.coverage.areaCodes);
  if (input.backup?.areaCodes) values.backupAreaCodes = uniqueSorted(input.backup.areaCodes);
  if (input.backup?.unavailableUntil !== undefined)
    values.backupUnavailableUntil = input.backup.unavailableUntil ? new Date(input.backup.unavailableUntil) : null;
  if (input.backup?.unavailableNote !== undefined) values.backupUnavailableNote = input.backup.unavailableNote;
  if (input.codes?.medicalInstitutionCode !== undefined)
    values.medicalInstitutionCode = input.codes.medicalInstitutionCode;
  if (input.codes?.careOfficeNumber !== undefined) values.careOfficeNumber = input.codes.careOfficeNumber;
  return values;
}

/** Hooks other features provide (matching's waiting list: open cases are matched when room frees up). */
export type OrganizationHooks = {
  /** The registered areas: an `areaCode` filter naming none of them is refused (400 unknown_area). */
  areas?: () => Promise<readonly { code: string; fullName: string }[]>;
  onAvailabilityChanged?: (
    tx: Tx,
    context: ActorContext,
    change: {
      organizationId: string;
      before: { status: string | null; freeSlots: number | null };
      after: { status: UpdateAvailabilityRequest['status']; freeSlots: number | null };
    },
  ) => Promise<void>;
};

export function createOrganizationService(deps: AppDeps, hooks: OrganizationHooks = {}) {
  const { database, clock, config } = deps;
  const presentOptions = () => ({ now: clock.now(), staleAfterDays: config.staleAvailabilityDays });
  /** ?availability=: never entered, or 要確認 as the presenter says it (isAvailabilityStale). */
  const availabilityFilter = (kind: 'none' | 'stale'): repository.OrganizationFilter['availability'] =>
    kind === 'none'
      ? { kind }
      : { kind, updatedBefore: new Date(clock.now().getTime() - config.staleAvailabilityDays * 24 * 3600 * 1000) };
  const locator = createOrganizationLocator();

  /**
   * Where the organisation will be: recomputed when it is new, when its address changes (or is
   * sent again while it has no point) or a point is given. A ward given must be the one the address
   * is located in (400 otherwise, see assertWardOfAddress); none given (absent, or null as a form's
   * 「未設定」) is the located point's. Null when nothing moves it.
   */
  async function relocate(
    tx: Tx,
    input: UpdateOrganizationRequest,
    current: {
      address: string;
      lat: number | null;
      areaCode: string | null;
      geocodePrecision: string | null;
    } | null,
  ): Promise<{ values: OrganizationValues; warnings: LocationWarning[] } | null> {
    const hasPoint = input.lat !== undefined && input.lat !== null;
    const isCleared = input.lat === null && input.lng === null;
    const address = input.address ?? current?.address ?? '';
    const isAddressChanged =
      input.address !== undefined && (current === null || input.address !== current.address || current.lat === null);
    if (current !== null && !hasPoint && !isAddressChanged) {
      if (isCleared) return { values: { lat: null, lng: null, geocodePrecision: null }, warnings: [] };
      // Only the ward changes: it must still be the ward of the address the point was located from.
      const isWardChanged = input.areaCode && input.areaCode !== current.areaCode;
      const isLocatedFromAddress = current.lat !== null && current.geocodePrecision !== 'source';
      if (isWardChanged && isLocatedFromAddress && current.address.trim() !== '') {
        const located = await locator.locate(tx, { address: current.address });
        await locator.assertWardOfAddress(tx, input.areaCode, located, current.address);
      }
      return null;
    }
    const located = await locator.locate(tx, { address, lat: input.lat, lng: input.lng });
    await locator.assertWardOfAddress(tx, input.areaCode, located, address);
    const areaCode =
      input.areaCode ?? located.areaCode ?? (input.areaCode === null ? null : (current?.areaCode ?? null));
    return { values: { ...located.location, areaCode }, warnings: located.warnings };
  }

  /** The problems of the fields that name other records (wards, the association) and of a half point. */
  async function referenceProblems(executor: DbExecutor, input: UpdateOrganizationRequest): Promise<ErrorDetail[]> {
    const problems: ErrorDetail[] = [...pointProblems(input)];
    const areaCodes = [
      ...(input.areaCode ? [input.areaCode] : []),
      ...(input.coverage?.areaCodes ?? []),
      ...(input.backup?.areaCodes ?? []),
    ];
    const known = await repository.existingAreaCodes(executor, areaCodes);
    if (input.areaCode && !known.has(input.areaCode)) {
      problems.push({ path: 'areaCode', message: `地域コード ${input.areaCode} は登録されていません。` });
    }
    for (const [index, code] of (input.backup?.areaCodes ?? []).entries()) {
      if (!known.has(code))
        problems.push({ path: `backup.areaCodes.${index}`, message: `地域コード ${code} は登録されていません。` });
    }
    for (const [index, code] of (input.coverage?.areaCodes ?? []).entries()) {
      if (!known.has(code))
        problems.push({ path: `coverage.areaCodes.${index}`, message: `地域コード ${code} は登録されていません。` });
    }
    if (input.associationId && !(await repository.isMedicalAssociation(executor, input.associationId))) {
      problems.push({ path: 'associationId', message: '指定された医師会が見つかりません。' });
    }
    return problems;
  }

  /**
   * Every field problem of a create or change at once (a form fixed field by field would otherwise
   * meet them one round trip after another): the references, then where the address is — its ward
   * must be the one given — when the ward and the point themselves are sound. Then the official
   * codes (409). Returns where the organisation will be (relocate).
   */
  async function checkFields(
    tx: Tx,
    input: UpdateOrganizationRequest,
    current: Parameters<typeof relocate>[2],
    selfId?: string,
  ): Promise<Awaited<ReturnType<typeof relocate>>> {
    const problems = await referenceProblems(tx, input);
    if (problems.length > 0 && isLocatable(problems)) problems.push(...(await locationProblems(tx, input, current)));
    if (problems.length > 0) throw errors.validation(problems);
    const located = await relocate(tx, input, current);
    const postalCodeProblem = postalCodeProblemOf(
      input.postalCode,
      located?.values.areaCode ?? input.areaCode ?? current?.areaCode ?? null,
    );
    if (postalCodeProblem) throw errors.validation([postalCodeProblem]);
    await assertOfficialCodesFree(tx, input, selfId);
    return located;
  }

  /**
   * A postal code given with the organisation must be one of the city, and of its ward when the ward is known (〒100-0001
   * under a 北区 address is a slip that would mislead whoever posts a letter); a code spanning several wards passes.
   */
  function postalCodeProblemOf(postalCode: string | null | undefined, areaCode: string | null): ErrorDetail | null {
    if (!postalCode) return null;
    const shown = `${postalCode.slice(0, 3)}-${postalCode.slice(3)}`;
    const places = municipalitiesOfPostalCode(postalCode);
    if (places.length === 0)
      return { path: 'postalCode', message: `郵便番号 ${shown} は見つかりません。`, code: 'postal_code_unknown' };
    const names = places.map((place) => place.name).join('・');
    if (!places.some((place) => isOkayamaCityCode(place.code)))
      return {
        path: 'postalCode',
        message: `郵便番号 ${shown} は${names}の郵便番号です。岡山市内の郵便番号を指定してください。`,
        code: 'postal_code_outside_city',
        params: { postalCode: shown, municipality: names },
      };
    if (
      areaCode &&
      isOkayamaCityCode(areaCode) &&
      areaCode !== okayamaCityCode &&
      !places.some((place) => place.code === areaCode)
    )
      return {
        path: 'postalCode',
        message: `郵便番号 ${shown} は${names}の郵便番号で、所在地の区と違います。郵便番号か所在地を確かめてください。`,
        code: 'postal_code_differs_from_address',
        params: { postalCode: shown, municipality: names },
      };
    return null;
  }

  /** Whether the location can be checked beside these problems (the ward and the point are sound). */
  function isLocatable(problems: readonly ErrorDetail[]): boolean {
    return !problems.some((problem) => ['areaCode', 'lat', 'lng'].includes(problem.path));
  }

  /**
   * The location's problems (the ward differs from the address's, the address is outside the city) as
   * details, to answer beside other problems; alone, relocate answers them with its own code.
   */
  async function locationProblems(
    tx: Tx,
    input: UpdateOrganizationRequest,
    current: Parameters<typeof relocate>[2],
  ): Promise<ErrorDetail[]> {
    try {
      await relocate(tx, input, current);
      return [];
    } catch (error) {
      if (!(error instanceof AppError) || error.statusCode !== 400) throw error;
      return error.details ?? [{ path: 'address', message: error.message }];
    }
  }

  async function assertOfficialCodesFree(executor: DbExecutor, input: UpdateOrganizationRequest, selfId?: string) {
    const sameCode = input.codes ? await repository.findByOfficialCodes(executor, input.codes, selfId) : [];
    if (sameCode.length > 0) {
      throw new AppError(
        'duplicate_official_code',
        409,
        `この医療機関コードまたは事業所番号は別の組織に登録されています: ${sameCode.map(nameAndAddress).join('、')}`,
        sameCode.map((existing) => existingDetail(officialCodePath(input.codes, existing), existing)),
      );
    }
  }

  /**
   * A new organisation whose name (normalised: width, spaces, kana, variant kanji) is that of one of the
   * same kind already registered is most likely that one again (the reference data has it): 409
   * naming it, unless the client confirms they are distinct (allowDuplicateName).
   */
  async function assertNotDuplicate(executor: DbExecutor, input: CreateOrganizationRequest) {
    if (input.allowDuplicateName === true) return;
    const sameName = await repository.findSameNamed(executor, input.kind, normalizeForSearch(input.name));
    if (sameName.length === 0) return;
    throw new AppError(
      'organization_duplicate',
      409,
      `同じ名称・種別の組織が既に登録されています: ${sameName.map(nameAndAddress).join('、')}。` +
        '別の組織として登録するときは allowDuplicateName: true を付けて送ってください。',
      sameName.map((existing) => existingDetail('name', existing)),
    );
  }

  async function list(
    _context: ActorContext,
    query: {
      limit: number;
      cursor?: string | undefined;
      kind?: string[] | undefined;
      areaCode?: string | undefined;
      q?: string | undefined;
      associationId?: string | undefined;
      availability?: 'none' | 'stale' | undefined;
    },
  ) {
    const cursor = decodeCursor(query.cursor, 'text');
    await assertKnownAreaCode(hooks.areas, query.areaCode);
    const searchText = query.q ? normalizeForSearch(query.q) : '';
    const rows = await repository.listOrganizations(database.db, {
      limit: query.limit,
      ...(query.kind ? { kinds: query.kind } : {}),
      ...(query.areaCode ? { areaCode: query.areaCode } : {}),
      ...(query.associationId ? { associationId: query.associationId } : {}),
      ...(query.availability ? { availability: availabilityFilter(query.availability) } : {}),
      ...(searchText ? { searchText } : {}),
      ...(cursor ? { after: { name: cursor.key, id: cursor.id } } : {}),
    });
    const page = pageOf(rows, query.limit, (row) => ({ key: row.name, id: row.id }));
    const options = presentOptions();
    return { items: page.items.map((row) => presentOrganization(row, options)), nextCursor: page.nextCursor };
  }

  async function get(_context: ActorContext, id: string) {
    const row = await repository.findOrganization(database.db, id);
    if (!row) throw errors.notFound('指定された組織が見つかりません。');
    return presentOrganization(row, presentOptions());
  }

  async function create(context: ActorContext, input: CreateOrganizationRequest, tx: Tx) {
    if (!canAdministerOrganizations(context.actor)) throw errors.forbidden();
    const wrongForKind = kindProblems(input.kind, input);
    if (wrongForKind.length > 0) throw errors.validation(wrongForKind);
    const located = await checkFields(tx, input, null);
    await assertNotDuplicate(tx, input);
    const id = randomUUID();
    const now = clock.now();
    const values = { ...toValues(input), ...located?.values };
    await repository.insertOrganization(tx, {
      ...values,
      id,
      kind: input.kind,
      name: input.name,
      searchText: normalizeForSearch(`${input.name} ${input.nameKana ?? ''}`),
      source: 'manual',
      createdAt: now,
      updatedAt: now,
    });
    await writeAudit(tx, clock, context, {
      action: 'create',
      entity: 'organization',
      entityId: id,
      ownerOrganizationId: id,
      details: { name: input.name, kind: input.kind, geocodePrecision: values.geocodePrecision ?? null },
    });
    const row = await repository.findOrganization(tx, id);
    if (!row) throw new Error('organization vanished after insert');
    return withWarnings(presentOrganization(row, presentOptions()), located?.warnings ?? []);
  }

  async function update(context: ActorContext, id: string, input: UpdateOrganizationRequest, expectedVersion: number) {
    return database.transaction(async (tx) => {
      const current = await repository.lockOrganization(tx, id);
      if (!current) throw errors.notFound('指定された組織が見つかりません。');
      if (!canEditOrganization(context.actor, current)) throw errors.forbidden('この組織の情報は変更できません。');
      const touchesAdminFields = adminOnlyFields.some((field) => input[field] !== undefined);
      if (touchesAdminFields && !canAdministerOrganizations(context.actor)) {
        throw errors.forbidden('種別・公式コード・所属医師会はシステム管理者のみ変更できます。');
      }
      if (Object.values(input).every((value) => value === undefined))
        throw errors.validation([{ path: '', message: '変更する項目を1つ以上指定してください。' }]);
      await assertVersionAudited(tx, expectedVersion, current.version, organizationChanges(id));
      const wrongForKind = kindProblems(input.kind ?? current.kind, input);
      if (wrongForKind.length > 0) throw errors.validation(wrongForKind);
      const located = await checkFields(tx, input, current, id);
      const values = { ...toValues(input), ...located?.values };
      const name = input.name ?? current.name;
      const nameKana = input.nameKana !== undefined ? input.nameKana : current.nameKana;
      // Declaring any part of the profile makes it the provider's own: no longer the demo's values.
      const declaresProfile = profileFields.some((field) => input[field] !== undefined);
      await repository.updateOrganization(tx, id, {
        ...values,
        ...(declaresProfile ? { isDemoProfile: false } : {}),
        searchText: normalizeForSearch(`${name} ${nameKana ?? ''}`),
        updatedAt: clock.now(),
      });
      await writeAudit(tx, clock, context, {
        action: 'update',
        entity: 'organization',
        entityId: id,
        ownerOrganizationId: id,
        details: {
          changed: Object.keys(input),
          ...(located ? { geocodePrecision: values.geocodePrecision ?? null } : {}),
        },
      });
      const row = await repository.findOrganization(tx, id);
      if (!row) throw new Error('organization vanished after update');
      return withWarnings(presentOrganization(row, presentOptions()), located?.warnings ?? []);
    });
  }

  async function updateAvailability(
    context: ActorContext,
    id: string,
    input: UpdateAvailabilityRequest,
    expectedVersion: number,
  ) {
    return database.transaction(async (tx) => {
      const current = await repository.lockOrganization(tx, id);
      if (!current) throw errors.notFound('指定された組織が見つかりません。');
      if (!canEditOrganization(context.actor, current)) throw errors.forbidden('この組織の受入状況は変更できません。');
      await assertVersionAudited(tx, expectedVersion, current.version, organizationChanges(id));
      // More free places than the organisation says it can take in all would be shown beside that number.
      if (current.declaredCapacity !== null && input.freeSlots !== null && input.freeSlots > current.declaredCapacity)
        throw errors.validation([
          {
            path: 'freeSlots',
            message: `空き枠が、申告している受け入れ可能な人数（${current.declaredCapacity}人）を超えています。`,
            code: 'over_declared_capacity',
            params: { declaredCapacity: current.declaredCapacity },
          },
        ]);
      const now = clock.now();
      await repository.updateOrganization(tx, id, {
        availabilityStatus: input.status,
        freeSlots: input.freeSlots,
        availabilityNote: input.note ?? null,
        availabilityUpdatedAt: now,
        availabilityUpdatedBy: context.actor.userId,
        // The provider's own answer: the availability is no longer the demo's (its profile may still be).
        isDemoAvailability: false,
        updatedAt: now,
      });
      await hooks.onAvailabilityChanged?.(tx, context, {
        organizationId: id,
        before: { status: current.availabilityStatus, freeSlots: current.freeSlots },
        after: { status: input.status, freeSlots: input.freeSlots },
      });
      await writeAudit(tx, clock, context, {
        action: 'update_availability',
        entity: 'organization',
        entityId: id,
        ownerOrganizationId: id,
        details: { status: input.status, freeSlots: input.freeSlots, previousStatus: current.availabilityStatus },
      });
      const row = await repository.findOrganization(tx, id);
      if (!row) throw new Error('organization vanished after update');
      return presentOrganization(row, presentOptions());
    });
  }

  /**
   * The service's own problems of a body the schema refused in part (phone malformed, say): what
   * create or update would answer once those fields were fixed — the ward that differs from the
   * address's, an unknown ward — so that one answer names them all. Only the fields the schema
   * accepted are checked; [] when nothing can be told (or the caller may not change the organisation).
   */
  async function problemsBesideSchema(
    context: ActorContext,
    id: string | null,
    body: unknown,
    schemaProblems: readonly ErrorDetail[],
  ): Promise<ErrorDetail[]> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return [];
    const refused = new Set(schemaProblems.map((problem) => problem.path.split('.')[0]));
    const known = new Set(Object.keys(UpdateOrganizationRequest.shape));
    const sound = Object.fromEntries(Object.entries(body).filter(([key]) => known.has(key) && !refused.has(key)));
    const parsed = UpdateOrganizationRequest.safeParse(sound);
    if (!parsed.success) return [];
    const input = parsed.data;
    return database.transaction(async (tx) => {
      let current: Parameters<typeof relocate>[2] = null;
      if (id !== null) {
        const row = await repository.findOrganization(tx, id);
        if (!row || !canEditOrganization(context.actor, row)) return [];
        current = row;
      } else if (!canAdministerOrganizations(context.actor)) {
        return [];
      }
      const problems = await referenceProblems(tx, input);
      const isRefusedLocation = ['areaCode', 'lat', 'lng', 'address'].some((path) => refused.has(path));
      if (isLocatable(problems) && !isRefusedLocation) problems.push(...(await locationProblems(tx, input, current)));
      return problems;
    });
  }

  return { list, get, create, update, updateAvailability, problemsBesideSchema };
}

export type OrganizationService = ReturnType<typeof createOrganizationService>;
