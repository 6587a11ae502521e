/**
 * GET /api/v1/audit answers "who did what to whom": the record a row is about is named (a user's name and e-mail,
 * an organisation's name, a case's hospital — never the patient), whether the caller may open a case, and the rows
 * can be narrowed by action, actor and a date range in Asia/Tokyo. Authorisation is unchanged.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAudit } from '../../platform/audit.js';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization, buildUser, patchUser, signedInAs, unique } from '../../../test/helpers/factories.js';
import { detailPaths, expectError } from '../../../test/helpers/errors.js';

type Target = {
  kind: string;
  name: string | null;
  email: string | null;
  role: string | null;
  organizationName: string | null;
  canOpen: boolean;
};
type Item = {
  id: number;
  at: string;
  action: string;
  entity: string;
  entityId: string | null;
  actorUserId: string | null;
  actorName: string | null;
  actorOrganizationName: string | null;
  target: Target | null;
  details: Record<string, unknown> | null;
};

describe('audit log: who did what to whom', () => {
  let app: TestApp;
  let admin: Awaited<ReturnType<typeof signedInAs>>;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await signedInAs(app, 'admin');
  });
  afterAll(async () => {
    await app.close();
  });

  async function auditOf(token: string, query: string): Promise<Item[]> {
    const response = await api(app.baseUrl, 'GET', `/api/v1/audit?${query}`, { token });
    expect(response.status, response.text).toBe(200);
    return response.body.items as Item[];
  }

  it('names the user a change was made to, with what changed', async () => {
    const organization = await buildOrganization(app.database, { kind: 'visiting_nursing', name: unique('訪看') });
    const email = `${unique('target')}@example.jp`;
    const user = await buildUser(app.database, {
      role: 'provider',
      organizationId: organization.id,
      email,
      name: '対象 花子',
    });
    const patch = await patchUser(app, admin.token, user.id, {
      password: 'another-long-password-2026',
      disabled: true,
    });
    expect(patch.status, patch.text).toBe(200);

    const [item] = await auditOf(admin.token, `entity=user&entityId=${user.id}&action=update`);
    expect(item).toMatchObject({
      action: 'update',
      actorUserId: admin.user.id,
      actorName: `利用者 ${admin.user.email}`,
      target: {
        kind: 'user',
        name: '対象 花子',
        email,
        role: 'provider',
        organizationName: organization.name,
        canOpen: false,
      },
      details: { passwordReset: true, changed: ['disabled'], disabled: true },
    });

    // The provider's own organisation sees the same row, named the same way.
    const colleague = await buildUser(app.database, { role: 'provider', organizationId: organization.id });
    const login = await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email: colleague.email, password: colleague.password },
    });
    const own = await auditOf(login.body.token as string, `entityId=${user.id}`);
    expect(own.find((row) => row.action === 'update')?.target).toMatchObject({ name: '対象 花子', email });
  });

  it('names organisations — the record and the actor’s own', async () => {
    const provider = await signedInAs(app, 'provider');
    const own = provider.organization!;
    const response = await api(app.baseUrl, 'PUT', `/api/v1/organizations/${own.id}/availability`, {
      token: provider.token,
      headers: { 'if-match': '"1"' },
      body: { status: 'limited', freeSlots: 1, note: '午前のみ' },
    });
    expect(response.status, response.text).toBe(200);
    const [item] = await auditOf(provider.token, `entity=organization&entityId=${own.id}`);
    expect(item).toMatchObject({
      action: 'update_availability',
      actorName: `利用者 ${provider.user.email}`,
      actorOrganizationName: own.name,
      target: { kind: 'organization', name: own.name, email: null },
    });
  });

  it('leaves a failed sign-in to an unknown account without a target', async () => {
    const email = `${unique('nobody')}@example.jp`;
    const failed = await api(app.baseUrl, 'POST', '/api/v1/auth/login', {
      body: { email, password: 'wrong-password-2026' },
    });
    expect(failed.status).toBe(401);
    const items = await auditOf(admin.token, 'action=login_failed&limit=20');
    const unknown = items.find((item) => item.entityId === null);
    expect(unknown).toMatchObject({ entity: 'user', target: null, actorUserId: null });
  });

  it('marks a case as openable only for callers the case policy lets in, and never names the patient', async () => {
    const liaison = await signedInAs(app, 'hospital_liaison', { name: unique('岡山病院') });
    const patientName = `患者 ${randomUUID().slice(0, 6)}`;
    const created = await api(app.baseUrl, 'POST', '/api/v1/cases', {
      token: liaison.token,
      body: {
        patient: {
          name: patientName,
          nameKana: 'かんじゃ',
          birthDate: '1940-06-02',
          sex: 'female',
          address: '岡山市北区大供1丁目1-1',
          lat: 34.66,
          lng: 133.92,
        },
        groups: ['elderly'],
        procedures: [],
        careLevel: 'care_3',
        plannedDischargeDate: '2026-12-10',
        consent: { scope: ['referral_summary'], recordedBy: '退院調整看護師 山田' },
        neededRoles: ['visiting_nurse'],
      },
    });
    expect(created.status, created.text).toBe(201);
    const caseId = created.body.id as string;

    const response = await api(app.baseUrl, 'GET', `/api/v1/audit?entity=case&entityId=${caseId}`, {
      token: liaison.token,
    });
    expect(response.status).toBe(200);
    expect(response.text).not.toContain(patientName);
    const [item] = response.body.items as Item[];
    expect(item?.target).toEqual({
      kind: 'case',
      name: null,
      email: null,
      role: null,
      organizationName: liaison.organization!.name,
      canOpen: true,
    });

    // The admin sees the row but holds no access to the case itself.
    const [asAdmin] = await auditOf(admin.token, `entity=case&entityId=${caseId}`);
    expect(asAdmin?.target).toMatchObject({ kind: 'case', canOpen: false });
  });

  it('filters by action, by actor (id or name) and by a date range in Asia/Tokyo', async () => {
    // Rows of their own: a kind the trail knows, and an id nobody else writes.
    const entity = 'service' as const;
    const entityId = unique('range');
    const actor = await signedInAs(app, 'provider');
    const at = (iso: string) => ({ now: () => new Date(iso) });
    const context = (withActor: boolean) => ({
      actor: withActor
        ? {
            userId: actor.user.id,
            email: actor.user.email,
            name: `利用者 ${actor.user.email}`,
            role: 'provider' as const,
            organizationId: actor.organization!.id,
            sessionId: randomUUID(),
            isMfaEnabled: false,
            mustChangePassword: false,
          }
        : null,
      requestId: `test-${randomUUID()}`,
      ip: '127.0.0.1',
    });
    // 2026-03-31 23:30 JST, 2026-04-01 00:00 JST, 2026-04-30 23:59 JST, 2026-05-01 00:00 JST
    await writeAudit(app.database.db, at('2026-03-31T14:30:00Z'), context(true), { action: 'a', entity, entityId });
    await writeAudit(app.database.db, at('2026-03-31T15:00:00Z'), context(true), { action: 'b', entity, entityId });
    await writeAudit(app.database.db, at('2026-04-30T14:59:00Z'), context(false), { action: 'a', entity, entityId });
    await writeAudit(app.database.db, at('2026-04-30T15:00:00Z'), context(true), { action: 'a', entity, entityId });

    const actions = (items: Item[]) => items.map((item) => `${item.action}@${item.at.slice(0, 16)}`).reverse();
    expect(
      actions(await auditOf(admin.token, `entity=${entity}&entityId=${entityId}&from=2026-04-01&to=2026-04-30`)),
    ).toEqual(['b@2026-04-01T00:00', 'a@2026-04-30T23:59']);
    expect(actions(await auditOf(admin.token, `entity=${entity}&entityId=${entityId}&to=2026-03-31`))).toEqual([
      'a@2026-03-31T23:30',
    ]);
    expect(actions(await auditOf(admin.token, `entity=${entity}&entityId=${entityId}&from=2026-05-01`))).toEqual([
      'a@2026-05-01T00:00',
    ]);
    expect(await auditOf(admin.token, `entity=${entity}&entityId=${entityId}&action=b`)).toHaveLength(1);
    expect(
      await auditOf(admin.token, `entity=${entity}&entityId=${entityId}&actorUserId=${actor.user.id}`),
    ).toHaveLength(3);
    const byName = await auditOf(
      admin.token,
      `entity=${entity}&entityId=${entityId}&actor=${encodeURIComponent(actor.user.email.slice(0, 12))}`,
    );
    expect(byName).toHaveLength(3);
    expect(
      await auditOf(admin.token, `entity=${entity}&entityId=${entityId}&actor=${encodeURIComponent(actor.user.email)}`),
    ).toHaveLength(3);
    expect(
      await auditOf(admin.token, `entity=${entity}&entityId=${entityId}&actor=${encodeURIComponent('%')}`),
    ).toHaveLength(0);

    // A kind of record the trail does not know is a mistake in the request, not an empty list.
    const bogus = await api(app.baseUrl, 'GET', `/api/v1/audit?entity=bogus`, { token: admin.token });
    expectError(bogus, 400);
    expect(detailPaths(bogus)).toContain('entity');
    expectError(
      await api(app.baseUrl, 'GET', `/api/v1/audit?from=2026-05-01&to=2026-04-01`, { token: admin.token }),
      400,
      'validation_failed',
    );
    expectError(
      await api(app.baseUrl, 'GET', `/api/v1/audit?from=2026-02-30`, { token: admin.token }),
      400,
      'validation_failed',
    );
  });
});
