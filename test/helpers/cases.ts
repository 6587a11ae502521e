/**
 * Builders for the case tests: a patient's home, the body of a new case, a home-care organisation near
 * the patient with a signed-in user, a routed case and its referrals, and the notices and sessions
 * the tests read and renew. Each test keeps its own values by passing overrides.
 */
import { expect } from 'vitest';
import { randomUUID } from 'node:crypto';
import { api } from './http.js';
import { buildOrganization, buildUser, login, type OrganizationOverrides } from './factories.js';
import type { TestApp } from './test-app.js';
import { readFileSync } from 'node:fs';
import {
  asAreaGeometry,
  containsPoint,
  distanceToBoundaryKm,
  type AreaGeometry,
} from '../../src/domain/geocode/polygon.js';

/** Wednesday 2026-11-25 10:00 JST: where the case tests start their clock. */
export const caseTestStart = new Date('2026-11-25T10:00:00+09:00');

export type Home = { lat: number; lng: number };

/**
 * A private spot, so that tests do not meet each other's organisations: by default in the box north-west of 岡山駅
 * (34.67–34.72, 133.87–133.93), all of it in 北区 like caseBody's address (a point in another ward than its address
 * is refused), and away from the patches other files keep to themselves (search.int.test.ts's 日応寺, 34.767 133.862).
 */
export function spot(box = { lat: 34.67, lng: 133.87, latSpan: 0.05, lngSpan: 0.06 }): Home {
  return { lat: box.lat + Math.random() * box.latSpan, lng: box.lng + Math.random() * box.lngSpan };
}

/**
 * Changes to the body of a case. `patient` and `consent` change only the fields they name; every other
 * field is replaced. A field set to undefined is left out of the request.
 */
export type CaseOverrides = {
  patient?: Record<string, unknown>;
  consent?: Record<string, unknown>;
  [field: string]: unknown;
};

export type CaseBody = {
  patient: Record<string, unknown>;
  consent: Record<string, unknown>;
  [field: string]: unknown;
};

/** An address in each ward, for a home placed there (a point in another ward than its address is refused). */
const wardAddresses: Record<string, string> = {
  '33101': '岡山市北区大供1丁目1-1',
  '33102': '岡山市中区浜3丁目7-15',
  '33103': '岡山市東区西大寺中1丁目13-35',
  '33104': '岡山市南区福富西1丁目20-48',
};
let wardShapes: { code: string; geometry: AreaGeometry }[] | null = null;

/**
 * The ward a home lies in, by the wards' boundaries in the repository's data (the ones the server reads); a home
 * just outside them belongs to the nearest.
 */
export function wardOf(home: Home): string {
  wardShapes ??= (
    JSON.parse(readFileSync(new URL('../../data/okayama/areas.json', import.meta.url), 'utf8')) as {
      code: string;
      boundary: unknown;
    }[]
  )
    .filter((area) => area.code in wardAddresses && area.boundary)
    .map((area) => ({ code: area.code, geometry: asAreaGeometry(area.boundary) }));
  const inside = wardShapes.find((shape) => containsPoint(shape.geometry, home));
  if (inside) return inside.code;
  const nearest = [...wardShapes].sort(
    (a, b) => distanceToBoundaryKm(a.geometry, home) - distanceToBoundaryKm(b.geometry, home),
  )[0];
  return nearest?.code ?? '33101';
}

/** An address in the ward of `home`, as a hospital would type it for a home it also placed on the map. */
export function addressFor(home: Home): string {
  return wardAddresses[wardOf(home)] ?? wardAddresses['33101']!;
}

/**
 * The body of POST /api/v1/cases for a patient at `home`: 岡山 花子, terminal care at home with oxygen and
 * opioids, consent for the Center, the referral summary and the team record; then each set of
 * overrides in turn (a file's own, then a test's).
 */
export function caseBody(home: Home, ...overrides: CaseOverrides[]): CaseBody {
  let body: CaseBody = {
    patient: {
      name: '岡山 花子',
      nameKana: 'おかやま はなこ',
      birthDate: '1941-04-02',
      sex: 'female',
      address: addressFor(home),
      phone: '086-000-1111',
      lat: home.lat,
      lng: home.lng,
    },
    groups: ['elderly', 'terminal_care'],
    procedures: ['home_oxygen', 'opioid_pain_control'],
    careLevel: 'care_3',
    plannedDischargeDate: '2026-12-10',
    consent: { scope: ['center', 'referral_summary', 'team_record'], recordedBy: '退院調整看護師 山田' },
    neededRoles: ['primary_doctor', 'visiting_nurse', 'care_manager'],
  };
  for (const { patient, consent, ...fields } of overrides) {
    body = {
      ...body,
      ...fields,
      patient: { ...body.patient, ...patient },
      consent: { ...body.consent, ...consent },
    };
  }
  return body;
}

/**
 * What a complete discharge plan records besides the medical needs: the admission, who consented, the key
 * person, the living situation and welfare issues, and the patient's wishes (ACP).
 */
export const fullCaseDetails: CaseOverrides = {
  admissionDate: '2026-11-01',
  consent: { givenBy: 'patient' },
  keyPerson: { name: '岡山 太郎', relationship: '長男', phone: '090-0000-0000' },
  livingSituation: 'elderly_couple',
  welfareIssues: ['financial_hardship'],
  acp: { preferredPlaceOfCare: 'home', preferredPlaceOfDeath: 'home' },
};

export type HomeCareKind = 'visiting_nursing' | 'clinic' | 'welfare_office';

const homeCareNames: Record<HomeCareKind, string> = {
  visiting_nursing: '訪問看護ステーション',
  clinic: '在宅クリニック',
  welfare_office: '北区福祉事務所',
};

/**
 * A home-care organisation 0.005° north-east of the patient that can serve her (terminal care, oxygen and
 * opioids, 24 hours, 10 km, accepting), with one signed-in provider user (named `userName` when given).
 */
export async function homeCareProvider(
  app: TestApp,
  home: Home,
  kind: HomeCareKind,
  overrides: OrganizationOverrides & { userName?: string } = {},
) {
  const { userName, ...organizationOverrides } = overrides;
  const organization = await buildOrganization(app.database, {
    kind,
    name: `${homeCareNames[kind]} ${randomUUID().slice(0, 6)}`,
    lat: home.lat + 0.005,
    lng: home.lng + 0.005,
    areaCode: '33101',
    groups: ['elderly', 'terminal_care'],
    procedures: ['home_oxygen', 'opioid_pain_control'],
    isAvailable24h: true,
    coverageRadiusKm: 10,
    availabilityStatus: 'accepting',
    freeSlots: 3,
    availabilityUpdatedAt: caseTestStart,
    ...organizationOverrides,
  });
  const user = await buildUser(app.database, {
    role: 'provider',
    organizationId: organization.id,
    ...(userName === undefined ? {} : { name: userName }),
  });
  return { organization, user, email: user.email, token: await login(app, user.email) };
}

export type HomeCareProvider = Awaited<ReturnType<typeof homeCareProvider>>;

/**
 * Registers a case with the hospital's `token` and routes it (directly, unless `route` says otherwise);
 * returns its id and its version after routing.
 */
export async function routedCase(
  app: TestApp,
  token: string,
  body: CaseBody,
  route: Record<string, unknown> = { route: 'direct' },
) {
  const created = await api(app.baseUrl, 'POST', '/api/v1/cases', { token, body });
  expect(created.status, created.text).toBe(201);
  const id = created.body.id as string;
  const routed = await api(app.baseUrl, 'POST', `/api/v1/cases/${id}/route`, {
    token,
    body: route,
    headers: { 'if-match': `"${created.body.version}"` },
  });
  expect(routed.status, routed.text).toBe(200);
  return { id, version: routed.body.version as number };
}

/** Records the case's outcome as `token` on the case's current version, and expects it to be taken. */
export async function recordOutcome(
  app: TestApp,
  token: string,
  caseId: string,
  body: { outcome: string; on: string; note?: string },
) {
  const latest = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}`, { token });
  const recorded = await api(app.baseUrl, 'PUT', `/api/v1/cases/${caseId}/outcome`, {
    token,
    body,
    headers: { 'if-match': `"${latest.body.version}"` },
  });
  expect(recorded.status, recorded.text).toBe(200);
  return recorded;
}

/**
 * Sends a referral for `role` from the case's hospital (`token`) to `to`, to answer within three business
 * days; with `accept`, `to` accepts it and joins the team. Returns the referral's id.
 */
export async function refer(
  app: TestApp,
  token: string,
  caseId: string,
  role: string,
  to: { organization: { id: string }; token: string },
  options: { accept?: boolean } = {},
) {
  const sent = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/referrals`, {
    token,
    body: { role, organizationIds: [to.organization.id], respondWithinBusinessDays: 3 },
  });
  expect(sent.status, sent.text).toBe(201);
  const referralId = sent.body.items[0].id as string;
  if (options.accept) {
    const accepted = await api(app.baseUrl, 'POST', `/api/v1/referrals/${referralId}/accept`, { token: to.token });
    expect(accepted.status, accepted.text).toBe(200);
  }
  return referralId;
}

/** The notifications of the caller (`token`) that link to the case (anywhere on its page: `#conference-…` too). */
export async function caseNotices(app: TestApp, token: string, caseId: string) {
  const response = await api(app.baseUrl, 'GET', '/api/v1/notifications?limit=500', { token });
  expect(response.status).toBe(200);
  return (response.body.items as any[]).filter((item) => String(item.link).split('#')[0] === `/cases/${caseId}`);
}

/** Signs each member in again (sessions idle out after 30 minutes of test-clock time). */
export async function relogin(app: TestApp, ...members: { email?: string; user?: { email: string }; token: string }[]) {
  for (const member of members) member.token = await login(app, member.email ?? member.user!.email);
}

/** A welfare window (or any organisation) with one signed-in staff member (role provider). */
export async function staffedOrganization(app: TestApp, kind: string, name: string) {
  const organization = await buildOrganization(app.database, { kind, name: `${name} ${randomUUID().slice(0, 4)}` });
  const user = await buildUser(app.database, {
    role: 'provider',
    organizationId: organization.id,
    name: `${name} 職員`,
  });
  return { organization, user, token: await login(app, user.email) };
}
