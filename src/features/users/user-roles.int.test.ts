/**
 * A role carries the access of its kind of organisation: POST and PATCH /api/v1/users refuse a role
 * in an organisation of another kind (a clinic's doctor made center_coordinator would see every
 * case brought to the Center).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization, buildUser, signedInAs, unique, patchUser } from '../../../test/helpers/factories.js';
import type { OrganizationKind, Role } from '../../domain/codes.js';

const password = 'an-initial-password-2026';

describe('roles need an organisation of the matching kind', () => {
  let app: TestApp;
  let admin: string;
  beforeAll(async () => {
    app = await startTestApp();
    ({ token: admin } = await signedInAs(app, 'admin'));
  });
  afterAll(async () => {
    await app.close();
  });

  const organizationOf = (kind: OrganizationKind) =>
    buildOrganization(app.database, { kind, name: `テスト組織 ${unique()}` });

  const createUser = (role: Role, organizationId: string | null, token = admin) =>
    api(app.baseUrl, 'POST', '/api/v1/users', {
      token,
      body: { email: `${unique('role')}@example.jp`, name: '役割 確認', role, organizationId, password },
      headers: { 'idempotency-key': randomUUID() },
    });

  const detail = (response: { body: any }, path: string): string | undefined =>
    response.body.error?.details?.find((item: { path: string }) => item.path === path)?.message;

  it('answers 400 naming organizationId and the Center when a clinic’s doctor is made center_coordinator', async () => {
    const clinic = await organizationOf('clinic');
    const response = await createUser('center_coordinator', clinic.id);
    expect(response.status, response.text).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(detail(response, 'organizationId')).toContain('地域ケア総合推進センター');
    expect(detail(response, 'organizationId')).toContain('診療所');
  });

  it.each<[Role, OrganizationKind, string]>([
    ['hospital_liaison', 'clinic', '病院'],
    ['association_admin', 'clinic', '医師会'],
    ['city_analyst', 'medical_association', '市役所'],
    ['provider', 'hospital', '訪問看護ステーション'],
    ['provider', 'coordination_center', '診療所'],
  ])('answers 400 for %s in a %s, naming the kinds allowed (%s)', async (role, kind, allowed) => {
    const organization = await organizationOf(kind);
    const response = await createUser(role, organization.id);
    expect(response.status, response.text).toBe(400);
    expect(detail(response, 'organizationId')).toContain(allowed);
  });

  it('answers 400 when a role that needs an organisation has none', async () => {
    const response = await createUser('provider', null);
    expect(response.status).toBe(400);
    expect(detail(response, 'organizationId')).toContain('所属組織が必要です');
  });

  it('creates an administrator whose organizationId is left out (the schema says it may be), and refuses a provider so', async () => {
    const send = (role: Role) =>
      api(app.baseUrl, 'POST', '/api/v1/users', {
        token: admin,
        body: { email: `${unique('omitted')}@example.jp`, name: '組織 省略', role, password },
      });
    const created = await send('admin');
    expect(created.status, created.text).toBe(201);
    expect(created.body.organizationId).toBeNull();
    expect((await send('provider')).status).toBe(400);
  });

  it('refuses an address at the demo mail domain (its accounts share a public password)', async () => {
    const refused = await api(app.baseUrl, 'POST', '/api/v1/users', {
      token: admin,
      body: { email: `${unique('x')}@demo.renkei.jp`, name: 'デモ ドメイン', role: 'admin', password },
    });
    expect(refused.status, refused.text).toBe(400);
    expect(detail(refused, 'email')).toBe(
      '@demo.renkei.jp はデモ用のアカウントに予約されています。別のメールアドレスを指定してください。',
    );
  });

  it('answers 403, not 400, when an association admin asks for a role it may not give', async () => {
    const associationAdmin = await signedInAs(app, 'association_admin');
    const clinic = await buildOrganization(app.database, {
      kind: 'clinic',
      associationId: associationAdmin.organization?.id ?? null,
    });
    const response = await createUser('center_coordinator', clinic.id, associationAdmin.token);
    expect(response.status).toBe(403);
  });

  it.each<[Role, OrganizationKind | null]>([
    ['center_coordinator', 'coordination_center'],
    ['hospital_liaison', 'hospital'],
    ['association_admin', 'medical_association'],
    ['city_analyst', 'city'],
    ['provider', 'clinic'],
    ['provider', 'visiting_nursing'],
    ['provider', 'care_management'],
    ['provider', 'home_pharmacy'],
    ['provider', 'community_support_center'],
    ['provider', 'welfare_office'],
    ['provider', 'social_welfare_council'],
    ['admin', null],
  ])('creates a %s in a %s', async (role, kind) => {
    const organization = kind ? await organizationOf(kind) : null;
    const response = await createUser(role, organization?.id ?? null);
    expect(response.status, response.text).toBe(201);
    expect(response.body).toMatchObject({ role, organizationId: organization?.id ?? null });
  });

  it('refuses to change a clinic doctor’s role to center_coordinator, naming role, and keeps the role', async () => {
    // 診療所の医師 → 管理者が誤って「センター」の役割を与えようとする
    const clinic = await organizationOf('clinic');
    const doctor = await buildUser(app.database, { role: 'provider', organizationId: clinic.id });
    const changed = await patchUser(app, admin, doctor.id, { role: 'center_coordinator' });
    expect(changed.status, changed.text).toBe(400);
    expect(changed.body.error.code).toBe('validation_failed');
    expect(detail(changed, 'role')).toContain('地域ケア総合推進センター');
    const after = await api(app.baseUrl, 'GET', `/api/v1/users/${doctor.id}`, { token: admin });
    expect(after.body.role).toBe('provider');
  });

  it('refuses to make an administrator without an organisation a provider', async () => {
    const other = await buildUser(app.database, { role: 'admin' });
    const changed = await patchUser(app, admin, other.id, { role: 'provider' });
    expect(changed.status).toBe(400);
    expect(detail(changed, 'role')).toContain('所属組織が必要です');
  });

  it('changes a role within the kinds allowed (a clinic admin of old made provider)', async () => {
    const clinic = await organizationOf('clinic');
    const clinicAdmin = await buildUser(app.database, { role: 'admin', organizationId: clinic.id });
    const toProvider = await patchUser(app, admin, clinicAdmin.id, { role: 'provider' });
    expect(toProvider.status, toProvider.text).toBe(200);
    expect(toProvider.body.organizationKind).toBe('clinic');
  });

  it('answers 400 naming organizationId when an administrator is created in a clinic', async () => {
    const clinic = await organizationOf('clinic');
    const response = await createUser('admin', clinic.id);
    expect(response.status, response.text).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(detail(response, 'organizationId')).toContain('組織に所属しません');
  });

  it('refuses to make a visiting nurse (of a station) a system administrator, naming role, and keeps the role', async () => {
    const station = await organizationOf('visiting_nursing');
    const nurse = await buildUser(app.database, { role: 'provider', organizationId: station.id });
    const changed = await patchUser(app, admin, nurse.id, { role: 'admin' });
    expect(changed.status, changed.text).toBe(400);
    expect(detail(changed, 'role')).toContain(station.name);
    const after = await api(app.baseUrl, 'GET', `/api/v1/users/${nurse.id}`, { token: admin });
    expect(after.body).toMatchObject({ role: 'provider', organizationKind: 'visiting_nursing' });
  });
});
