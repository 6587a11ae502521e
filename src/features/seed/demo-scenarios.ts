/**
 * Example discharge-coordination work for the demo (README "デモ"): a few fictional patients at different
 * stages of CONTRACT §3's flow, a rotation group and a doctor pair. Everything is done through the product's
 * own HTTP API as the demo users (CONTRACT §4), so the rules, audit rows, timeline entries and notifications
 * are exactly those a user's actions produce. Organisations are looked up from the demo logins, never by id.
 *
 * Once per database: a marker in `settings` (claimed under a cluster-wide lock, so instances starting together
 * on one PostgreSQL seed once) makes every later start skip with one query.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { settings } from '../../db/schema.js';
import { projectPath } from '../../platform/paths.js';
import { distanceKm } from '../../domain/directory/geo.js';
import { demoPassword } from './demo-seed.js';

export const demoScenariosKey = 'demo_scenarios';
const lockKey = 724_692;
const dayMs = 24 * 60 * 60 * 1000;
/**
 * Days to the planned discharge of the directly coordinated cases: far enough that the hand-on check (a direct
 * case with open roles goes to the Center 3 business days before discharge) leaves them direct for a week.
 */
const directDischargeDays = 12;
const wardNames: Record<string, string> = { '33101': '北区', '33102': '中区', '33103': '東区', '33104': '南区' };

/** The fictional patients (names marked デモ), by scenario. */
export const demoPatients = {
  planning: { name: 'デモ 太郎', nameKana: 'でも たろう' },
  referrals: { name: 'デモ 花子', nameKana: 'でも はなこ' },
  center: { name: 'デモ 次郎', nameKana: 'でも じろう' },
  conference: { name: 'デモ 梅子', nameKana: 'でも うめこ' },
} as const;

export type DemoResponse = { status: number; body: unknown };
export type DemoRequest = (
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  options?: { token?: string; body?: unknown; headers?: Record<string, string> },
) => Promise<DemoResponse>;

export type DemoScenarioReport = {
  status: 'seeded' | 'already_seeded' | 'skipped';
  /** Scenarios created, by name. */
  created: string[];
  /** Steps left out and why (in Japanese, printed at start-up). */
  notes: string[];
};

/** Calls the app in process (no socket), as a client would over HTTP. */
export function injectRequest(app: FastifyInstance): DemoRequest {
  return async (method, url, options = {}) => {
    const response = await app.inject({
      method,
      url,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { payload: JSON.stringify(options.body) }),
    });
    const text = response.body;
    return { status: response.statusCode, body: text ? safeJson(text) : null };
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

class StepFailed extends Error {}

type Town = { lgCode5: string; city: string; town: string; lat: number; lng: number };
type Organization = { id: string; name: string; areaCode: string | null; lat: number | null; lng: number | null };
type Person = { email: string; token: string; organization: Organization | null };

/** Tokyo calendar date `days` after `now` (YYYY-MM-DD). */
export function tokyoDate(now: Date, days: number): string {
  return new Date(now.getTime() + 9 * 60 * 60 * 1000 + days * dayMs).toISOString().slice(0, 10);
}

/** The first Monday–Friday on or after `days` from `now` (Tokyo). */
function tokyoWeekday(now: Date, days: number): string {
  for (let offset = days; ; offset += 1) {
    const date = tokyoDate(now, offset);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) return date;
  }
}

let towns: Town[] | null = null;

/** 町丁目 of Okayama City nearest to a point (the offline geocoder locates them). */
function townsNear(point: { lat: number | null; lng: number | null } | null, areaCode: string): Town[] {
  towns ??= JSON.parse(readFileSync(projectPath('data/okayama/machiaza.json'), 'utf8')) as Town[];
  const ward = towns.filter((town) => town.lgCode5 === areaCode && /丁目$/.test(town.town));
  const lat = point?.lat ?? 34.6655;
  const lng = point?.lng ?? 133.9186;
  return ward
    .map((town) => ({ town, distance: distanceKm(lng, lat, town.lng, town.lat) }))
    .sort((a, b) => a.distance - b.distance)
    .map((entry) => entry.town);
}

function addressOf(town: Town | undefined, number: string): string {
  return town ? `${town.city}${town.town}${number}` : `岡山市北区大供一丁目${number}`;
}

type Id = { id: string };
type CaseBody = Id & { version: number };
type Items<T> = { items: T[] };
type Suggestions = {
  pairs: { primary: Id; secondary: Id }[];
  unpaired: { organization: Id }[];
};

/** The response's JSON when the status is the expected one (the caller names the shape it reads). */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the API's JSON, typed by the caller
function expectStatus<Body = Id>(response: DemoResponse, expected: number, what: string): Body {
  if (response.status !== expected) {
    const error = (response.body as { error?: { code?: string; reason?: string; message?: string } } | null)?.error;
    const detail = error ? `${error.reason ?? error.code ?? ''}: ${error.message ?? ''}` : '';
    throw new StepFailed(`${what}（${response.status} ${detail}）`);
  }
  return response.body as Body;
}

async function signIn(request: DemoRequest, email: string): Promise<Person> {
  const login = expectStatus<{ token?: string }>(
    await request('POST', '/api/v1/auth/login', { body: { email, password: demoPassword } }),
    200,
    `${email} でログインできません`,
  );
  if (!login.token) throw new StepFailed(`${email} は二要素認証が必要なため、操作できません`);
  const token = login.token;
  // With RENKEI_REQUIRE_MFA on, users without two-factor are refused here.
  const me = expectStatus<{ organizationId: string | null }>(
    await request('GET', '/api/v1/me', { token }),
    200,
    `${email} は二要素認証の設定が必要なため、操作できません`,
  );
  let organization: Organization | null = null;
  if (me.organizationId) {
    const found = expectStatus<Organization>(
      await request('GET', `/api/v1/organizations/${me.organizationId}`, { token }),
      200,
      `${email} の組織を読めません`,
    );
    organization = {
      id: found.id,
      name: found.name,
      areaCode: found.areaCode ?? null,
      lat: found.lat ?? null,
      lng: found.lng ?? null,
    };
  }
  return { email, token, organization };
}

const consent = {
  scope: ['center', 'referral_summary', 'team_record', 'welfare_record'],
  recordedBy: '連携室 看護師（デモ）',
  givenBy: 'patient',
};

async function createCase(request: DemoRequest, liaison: Person, key: string, body: Record<string, unknown>) {
  return expectStatus<CaseBody>(
    await request('POST', '/api/v1/cases', {
      token: liaison.token,
      body,
      headers: { 'idempotency-key': `demo-case-${key}` },
    }),
    201,
    `ケース（${key}）を登録できません`,
  );
}

async function route(request: DemoRequest, liaison: Person, created: CaseBody, body: Record<string, unknown>) {
  return expectStatus(
    await request('POST', `/api/v1/cases/${created.id}/route`, {
      token: liaison.token,
      body,
      headers: { 'if-match': `"${created.version}"` },
    }),
    200,
    '調整の方法を選べません',
  );
}

async function candidates(request: DemoRequest, person: Person, caseId: string, role: string): Promise<string[]> {
  const found = expectStatus<Items<{ organization: Id }>>(
    await request('GET', `/api/v1/cases/${caseId}/candidates?role=${role}&limit=20`, { token: person.token }),
    200,
    `候補（${role}）を探せません`,
  );
  return found.items.map((item) => item.organization.id);
}

/** The demo organisation first when it can serve the patient, then the best-ranked others. */
function pick(ranked: string[], preferred: string | undefined, count: number): string[] {
  const first = preferred && ranked.includes(preferred) ? [preferred] : [];
  return [...first, ...ranked.filter((id) => id !== preferred)].slice(0, count);
}

type Logins = {
  liaison: Person;
  clinic: Person;
  nurse: Person;
  careManager: Person;
  association: Person;
};

/** (1) Just registered by the hospital: planning, no route chosen yet. */
async function planningCase(request: DemoRequest, people: Logins, now: Date) {
  const hospital = people.liaison.organization;
  const home = townsNear(hospital, hospital?.areaCode ?? '33101')[1];
  await createCase(request, people.liaison, 'planning', {
    patient: {
      ...demoPatients.planning,
      birthDate: '1940-03-15',
      sex: 'male',
      address: addressOf(home, '2-8'),
      phone: '086-000-0101',
    },
    groups: ['elderly'],
    procedures: [],
    careLevel: 'applying',
    admissionDate: tokyoDate(now, -3),
    diagnosis: '大腿骨頸部骨折（手術後のリハビリ中）',
    plannedDischargeDate: tokyoDate(now, 14),
    consent,
    keyPerson: { name: 'デモ 花江', relationship: '妻', phone: '090-0000-0101' },
    livingSituation: 'elderly_couple',
    acp: { preferredPlaceOfCare: 'home', preferredPlaceOfDeath: 'undecided' },
    neededRoles: ['primary_doctor', 'visiting_nurse', 'care_manager'],
    note: 'デモ用の架空の患者です。介護保険を申請中です。',
  });
}

/**
 * (2) The hospital coordinates directly: 訪問看護 asked of several stations at once, the demo station accepted
 * (the others were withdrawn by that acceptance); ケアマネジャー asked and still waiting for answers.
 */
async function referralCase(request: DemoRequest, people: Logins, now: Date, notes: string[]) {
  const station = people.nurse.organization;
  const home = townsNear(station, station?.areaCode ?? '33101')[0];
  const created = await createCase(request, people.liaison, 'referrals', {
    patient: {
      ...demoPatients.referrals,
      birthDate: '1936-08-02',
      sex: 'female',
      address: addressOf(home, '5-3'),
      phone: '086-000-0202',
    },
    groups: ['elderly'],
    procedures: [],
    careLevel: 'care_2',
    admissionDate: tokyoDate(now, -12),
    diagnosis: '誤嚥性肺炎',
    plannedDischargeDate: tokyoWeekday(now, directDischargeDays),
    consent,
    keyPerson: { name: 'デモ 一郎', relationship: '長男', phone: '090-0000-0202' },
    livingSituation: 'with_family',
    acp: { preferredPlaceOfCare: 'home', preferredPlaceOfDeath: 'home' },
    neededRoles: ['primary_doctor', 'visiting_nurse', 'care_manager'],
    note: 'デモ用の架空の患者です。大腿骨骨折の術後で、自宅でのリハビリを希望しています。',
  });
  const caseId = created.id;
  await route(request, people.liaison, created, { route: 'direct' });

  const nurses = pick(await candidates(request, people.liaison, caseId, 'visiting_nurse'), station?.id, 3);
  if (nurses.length === 0) throw new StepFailed('訪問看護の候補がありません');
  const sent = expectStatus<Items<Id & { organization: Id }>>(
    await request('POST', `/api/v1/cases/${caseId}/referrals`, {
      token: people.liaison.token,
      body: {
        role: 'visiting_nurse',
        organizationIds: nurses,
        respondWithinBusinessDays: 3,
        message: '退院後の訪問看護をお願いできますでしょうか（週2回程度を想定）。',
      },
      headers: { 'idempotency-key': 'demo-scenario-referrals-nurse' },
    }),
    201,
    '訪問看護の紹介を送れません',
  );
  const ours = sent.items.find((item) => item.organization.id === station?.id);
  if (ours) {
    expectStatus(
      await request('GET', `/api/v1/referrals/${ours.id}`, { token: people.nurse.token }),
      200,
      '紹介を開けません',
    );
    expectStatus(
      await request('POST', `/api/v1/referrals/${ours.id}/accept`, { token: people.nurse.token }),
      200,
      '紹介を受諾できません',
    );
  } else {
    notes.push('デモの訪問看護ステーションがこの患者の候補にならないため、受諾は省きました。');
  }

  const office = people.careManager.organization;
  const managers = pick(await candidates(request, people.liaison, caseId, 'care_manager'), office?.id, 2);
  if (managers.length === 0) {
    notes.push('ケアマネジャーの候補がないため、紹介は省きました。');
    return;
  }
  expectStatus(
    await request('POST', `/api/v1/cases/${caseId}/referrals`, {
      token: people.liaison.token,
      body: {
        role: 'care_manager',
        organizationIds: managers,
        respondWithinBusinessDays: 3,
        message: '要介護2の方です。退院までに担当のケアマネジャーを決めたいと考えています。',
      },
      headers: { 'idempotency-key': 'demo-scenario-referrals-care-manager' },
    }),
    201,
    'ケアマネジャーの紹介を送れません',
  );
}

/** (3) A hard case handed to the Coordination Center: an open consultation with its difficulty reasons. */
async function centerCase(request: DemoRequest, people: Logins, now: Date) {
  const hospital = people.liaison.organization;
  const home = townsNear(hospital, hospital?.areaCode ?? '33101')[3];
  const created = await createCase(request, people.liaison, 'center', {
    patient: {
      ...demoPatients.center,
      birthDate: '1944-11-20',
      sex: 'male',
      address: addressOf(home, '1-14'),
      phone: '086-000-0303',
    },
    groups: ['elderly', 'cancer', 'terminal_care'],
    procedures: ['opioid_pain_control', 'home_oxygen'],
    careLevel: 'care_3',
    admissionDate: tokyoDate(now, -20),
    diagnosis: '肺がん（末期）、痛みの調整のため入院',
    plannedDischargeDate: tokyoDate(now, 7),
    consent,
    keyPerson: null,
    livingSituation: 'alone',
    welfareIssues: ['living_alone', 'financial_hardship', 'no_key_person'],
    acp: { preferredPlaceOfCare: 'home', preferredPlaceOfDeath: 'home', note: '最期まで自宅で過ごしたい。' },
    neededRoles: ['primary_doctor', 'visiting_nurse', 'care_manager'],
    note: 'デモ用の架空の患者です。',
  });
  await route(request, people.liaison, created, {
    route: 'center',
    difficulty: ['symptom', 'welfare'],
    note: '独居のがん末期の方で、麻薬による疼痛管理と在宅酸素が必要です。生活困窮もあり、在宅医・訪問看護・ケアマネジャーを一緒に探してほしいです。',
  });
}

/**
 * (4) The team is formed (the demo clinic and station, added directly as the patient's existing carers), a
 * discharge conference is scheduled and the team talks on the case's thread.
 */
async function conferenceCase(request: DemoRequest, people: Logins, now: Date, notes: string[]) {
  const clinic = people.clinic.organization;
  const home = townsNear(clinic, clinic?.areaCode ?? '33101')[0];
  const created = await createCase(request, people.liaison, 'conference', {
    patient: {
      ...demoPatients.conference,
      birthDate: '1939-01-25',
      sex: 'female',
      address: addressOf(home, '3-21'),
      phone: '086-000-0404',
    },
    groups: ['elderly', 'dementia'],
    procedures: [],
    careLevel: 'care_1',
    admissionDate: tokyoDate(now, -16),
    diagnosis: 'アルツハイマー型認知症、尿路感染症で入院',
    plannedDischargeDate: tokyoWeekday(now, directDischargeDays - 1),
    consent,
    keyPerson: { name: 'デモ 春子', relationship: '長女', phone: '090-0000-0404' },
    livingSituation: 'with_family',
    acp: { preferredPlaceOfCare: 'home', preferredPlaceOfDeath: 'undecided' },
    neededRoles: ['primary_doctor', 'visiting_nurse'],
    note: 'デモ用の架空の患者です。肺炎で入院し、退院後は長女の家で療養します。',
  });
  const caseId = created.id;
  await route(request, people.liaison, created, { route: 'direct' });
  const members = [
    { role: 'primary_doctor', organization: clinic },
    { role: 'visiting_nurse', organization: people.nurse.organization },
  ];
  const joined: string[] = [];
  for (const member of members) {
    if (!member.organization) continue;
    const added = await request('POST', `/api/v1/cases/${caseId}/team`, {
      token: people.liaison.token,
      body: { role: member.role, organizationId: member.organization.id },
      headers: { 'idempotency-key': `demo-scenario-conference-${member.role}` },
    });
    if (added.status === 200 || added.status === 201) joined.push(member.organization.id);
    else notes.push(`${member.organization.name}をチームに加えられませんでした（${added.status}）。`);
  }
  const hospitalId = people.liaison.organization?.id;
  const participants = [...(hospitalId ? [hospitalId] : []), ...joined];
  expectStatus(
    await request('POST', `/api/v1/cases/${caseId}/conferences`, {
      token: people.liaison.token,
      body: {
        startsAt: `${tokyoWeekday(now, 3)}T14:00:00+09:00`,
        durationMinutes: 45,
        place: `${people.liaison.organization?.name ?? '病院'} 地域連携室 相談室`,
        participantOrganizationIds: participants,
      },
      headers: { 'idempotency-key': 'demo-conference' },
    }),
    201,
    '退院時カンファレンスを設定できません',
  );
  expectStatus(
    await request('POST', `/api/v1/cases/${caseId}/messages`, {
      token: people.liaison.token,
      body: {
        body: '退院時カンファレンスを設定しました。退院後は長女さんのお宅で療養されます。服薬は長女さんが管理される予定です。',
      },
    }),
    201,
    'メッセージを送れません',
  );
  if (joined.includes(people.nurse.organization?.id ?? '')) {
    expectStatus(
      await request('POST', `/api/v1/cases/${caseId}/messages`, {
        token: people.nurse.token,
        body: { body: '承知しました。初回訪問は退院翌日の午前を予定しています。カンファレンスに伺います。' },
      }),
      201,
      'メッセージを送れません',
    );
  }
}

/** A rotation group (with a draft roster for next month) and a doctor pair, in a ward other than the demo clinic's. */
async function loadSharing(request: DemoRequest, people: Logins, now: Date, notes: string[]) {
  const token = people.association.token;
  const areaCode = ['33102', '33101', '33103', '33104'].find((code) => code !== people.clinic.organization?.areaCode);
  if (!areaCode) return;
  const suggestions = expectStatus<Suggestions>(
    await request('GET', `/api/v1/doctor-pairs/suggestions?areaCode=${areaCode}`, { token }),
    200,
    'ペアの提案を読めません',
  );
  const [pair] = suggestions.pairs;
  if (pair) {
    expectStatus(
      await request('POST', '/api/v1/doctor-pairs', {
        token,
        body: { areaCode, primaryOrganizationId: pair.primary.id, secondaryOrganizationId: pair.secondary.id },
      }),
      201,
      '主治医・副主治医のペアを登録できません',
    );
  } else notes.push('ペアの提案がないため、主治医・副主治医のペアは省きました。');

  const clinics = expectStatus<Items<Id>>(
    await request('GET', `/api/v1/organizations?kind=clinic&areaCode=${areaCode}&limit=50`, { token }),
    200,
    '診療所を読めません',
  );
  const wardClinics = clinics.items.map((item) => item.id);
  const suggested = [
    ...suggestions.pairs.flatMap((entry) => [entry.primary.id, entry.secondary.id]),
    ...suggestions.unpaired.map((entry) => entry.organization.id),
  ];
  const members = [...new Set([...suggested, ...wardClinics])].slice(0, 8);
  if (members.length < 4) {
    notes.push('診療所が少ないため、輪番グループは省きました。');
    return;
  }
  const group = expectStatus(
    await request('POST', '/api/v1/rotation-groups', {
      token,
      body: { name: `${wardNames[areaCode] ?? ''} 在宅当番（デモ）`.trim(), areaCode, memberOrganizationIds: members },
      headers: { 'idempotency-key': 'demo-scenario-rotation-group' },
    }),
    201,
    '輪番グループを作れません',
  );
  const month = tokyoDate(now, 0).slice(0, 7);
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(year, monthNumber, 1));
  const last = new Date(Date.UTC(year, monthNumber + 1, 0));
  const roster = await request('POST', `/api/v1/rotation-groups/${group.id}/rosters`, {
    token,
    body: {
      from: first.toISOString().slice(0, 10),
      to: last.toISOString().slice(0, 10),
      shifts: ['holiday_day', 'holiday_night'],
    },
    headers: { 'idempotency-key': 'demo-scenario-roster' },
  });
  if (roster.status !== 201 && roster.status !== 200)
    notes.push(`輪番表（下書き）を作れませんでした（${roster.status}）。`);
}

async function readMarker(database: Database): Promise<unknown> {
  return database.transaction(async (tx) => {
    const [row] = await tx.select({ value: settings.value }).from(settings).where(eq(settings.key, demoScenariosKey));
    return row?.value;
  });
}

async function claimMarker(database: Database, now: Date): Promise<boolean> {
  return database.transaction(async (tx) => {
    const inserted = await tx
      .insert(settings)
      .values({ key: demoScenariosKey, value: { status: 'started', startedAt: now.toISOString() }, updatedAt: now })
      .onConflictDoNothing()
      .returning({ key: settings.key });
    return inserted.length === 1;
  });
}

async function finishMarker(database: Database, now: Date, report: DemoScenarioReport): Promise<void> {
  await database.transaction(async (tx) => {
    await tx
      .update(settings)
      .set({
        value: { status: 'done', finishedAt: now.toISOString(), created: report.created, notes: report.notes },
        updatedAt: now,
      })
      .where(eq(settings.key, demoScenariosKey));
  });
}

/**
 * Creates the demo scenarios once per database, through `request` (the app's API). Call after seedDemo.
 * Never throws for a scenario that cannot be built: its reason is in `notes`.
 */
export async function seedDemoScenarios(input: {
  database: Database;
  request: DemoRequest;
  now: Date;
}): Promise<DemoScenarioReport> {
  const { database, request, now } = input;
  if ((await readMarker(database)) !== undefined) return { status: 'already_seeded', created: [], notes: [] };
  return database.exclusive(lockKey, async () => {
    if ((await readMarker(database)) !== undefined) return { status: 'already_seeded', created: [], notes: [] };
    const report: DemoScenarioReport = { status: 'seeded', created: [], notes: [] };
    let people: Logins;
    try {
      people = {
        liaison: await signIn(request, 'liaison@demo.renkei.jp'),
        clinic: await signIn(request, 'clinic@demo.renkei.jp'),
        nurse: await signIn(request, 'nurse@demo.renkei.jp'),
        careManager: await signIn(request, 'caremanager@demo.renkei.jp'),
        association: await signIn(request, 'ishikai@demo.renkei.jp'),
      };
    } catch (error) {
      // Nothing was created: a later start (e.g. without RENKEI_REQUIRE_MFA) tries again.
      if (!(error instanceof StepFailed)) throw error;
      return { status: 'skipped', created: [], notes: [error.message] };
    }
    if (!people.liaison.organization) return { status: 'skipped', created: [], notes: ['デモの病院がありません。'] };
    if (!(await claimMarker(database, now))) return { status: 'already_seeded', created: [], notes: [] };

    const scenarios: [string, () => Promise<void>][] = [
      ['planning', () => planningCase(request, people, now)],
      ['referrals', () => referralCase(request, people, now, report.notes)],
      ['center', () => centerCase(request, people, now)],
      ['conference', () => conferenceCase(request, people, now, report.notes)],
      ['load_sharing', () => loadSharing(request, people, now, report.notes)],
    ];
    for (const [name, run] of scenarios) {
      try {
        await run();
        report.created.push(name);
      } catch (error) {
        if (!(error instanceof StepFailed)) throw error;
        report.notes.push(`${name}: ${error.message}`);
      }
    }
    for (const person of Object.values(people)) await request('POST', '/api/v1/auth/logout', { token: person.token });
    await finishMarker(database, now, report);
    return report;
  });
}
