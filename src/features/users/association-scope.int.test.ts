/**
 * A medical association manages its member clinics' (and other provider organisations') accounts and
 * profiles — one rule for the user list, the user actions and the organisation edits. A hospital is
 * no member, even when its associationId names the association (an earlier demo attached them all).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization, buildUser, login, signedInAs } from '../../../test/helpers/factories.js';
import { organizations } from '../../db/schema.js';
import { demoPassword, seedDemo } from '../seed/demo-seed.js';

describe('what an association admin manages', () => {
  let app: TestApp;
  let association: { token: string; id: string };
  let clinic: { id: string };
  let hospital: { id: string };
  let doctor: { id: string };
  let liaison: { id: string };
  beforeAll(async () => {
    app = await startTestApp();
    const signedIn = await signedInAs(app, 'association_admin');
    association = { token: signedIn.token, id: signedIn.organization!.id };
    clinic = await buildOrganization(app.database, { kind: 'clinic', associationId: association.id });
    hospital = await buildOrganization(app.database, { kind: 'hospital', associationId: association.id });
    doctor = await buildUser(app.database, { role: 'provider', organizationId: clinic.id });
    liaison = await buildUser(app.database, { role: 'hospital_liaison', organizationId: hospital.id });
  });
  afterAll(async () => {
    await app.close();
  });

  it('lists only the accounts its actions reach: the member clinic’s doctor, not the attached hospital’s liaison', async () => {
    const list = await api(app.baseUrl, 'GET', '/api/v1/users?limit=500', { token: association.token });
    expect(list.status, list.text).toBe(200);
    const ids = (list.body.items as { id: string }[]).map((item) => item.id);
    expect(ids).toContain(doctor.id);
    expect(ids).not.toContain(liaison.id);
    for (const item of list.body.items as { id: string }[]) {
      const one = await api(app.baseUrl, 'GET', `/api/v1/users/${item.id}`, { token: association.token });
      expect(one.status, `${item.id}: ${one.text}`).toBe(200);
    }
    const byOrganization = await api(app.baseUrl, 'GET', `/api/v1/users?organizationId=${hospital.id}`, {
      token: association.token,
    });
    expect(byOrganization.body.items).toEqual([]);
  });

  it('cannot change the attached hospital (phone, backup) but can change the member clinic', async () => {
    const patch = async (id: string) => {
      const current = await api(app.baseUrl, 'GET', `/api/v1/organizations/${id}`, { token: association.token });
      return api(app.baseUrl, 'PATCH', `/api/v1/organizations/${id}`, {
        token: association.token,
        headers: { 'if-match': current.headers.get('etag') ?? '' },
        body: { phone: '086-000-0000', backup: { unavailableUntil: '2099-01-01T00:00:00+09:00' } },
      });
    };
    expect((await patch(hospital.id)).status).toBe(403);
    const member = await patch(clinic.id);
    expect(member.status, member.text).toBe(200);
  });
});

describe('the demo association', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ referenceData: 'full', demo: true, isolated: true });
    await seedDemo(app.database, app.clock.now());
  }, 240_000);
  afterAll(async () => {
    await app?.close();
  });

  it('has the clinics as members but no hospital, and lists no hospital liaison to ishikai@', async () => {
    const ishikai = await login(app, 'ishikai@demo.renkei.jp', demoPassword);
    const me = await api(app.baseUrl, 'GET', '/api/v1/me', { token: ishikai });
    const hospitals = await app.database.db
      .select({ associationId: organizations.associationId })
      .from(organizations)
      .where(eq(organizations.kind, 'hospital'));
    expect(hospitals.length).toBeGreaterThan(0);
    expect(hospitals.filter((row) => row.associationId === me.body.organizationId)).toEqual([]);
    const clinics = await app.database.db
      .select({ associationId: organizations.associationId })
      .from(organizations)
      .where(eq(organizations.kind, 'clinic'));
    expect(clinics.filter((row) => row.associationId === me.body.organizationId).length).toBeGreaterThan(0);

    const list = await api(app.baseUrl, 'GET', '/api/v1/users?limit=500', { token: ishikai });
    expect(list.status, list.text).toBe(200);
    const roles = new Set((list.body.items as { role: string }[]).map((item) => item.role));
    expect([...roles]).toEqual(['provider']);
  });
});
