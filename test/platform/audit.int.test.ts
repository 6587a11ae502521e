/**
 * The audit trail: append-only in the database itself, written in the same transaction as the
 * change it records, readable by admins and — for its own records only — by the owning organisation.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { writeAudit } from '../../src/platform/audit.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { api } from '../helpers/http.js';
import { buildOrganization, signedInAs, unique } from '../helpers/factories.js';
import { expectError } from '../helpers/errors.js';

type AuditItem = { id: number; action: string; entity: string; entityId: string | null; actorUserId: string | null };

/** Thrown to roll a transaction back on purpose. */
class Rollback extends Error {}

describe('audit trail', () => {
  let app: TestApp;
  let admin: Awaited<ReturnType<typeof signedInAs>>;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await signedInAs(app, 'admin');
  });
  afterAll(async () => {
    await app.close();
  });

  async function auditOf(token: string, query: string): Promise<AuditItem[]> {
    const response = await api(app.baseUrl, 'GET', `/api/v1/audit?${query}`, { token });
    expect(response.status, response.text).toBe(200);
    return response.body.items as AuditItem[];
  }

  async function countRows(where: ReturnType<typeof sql>): Promise<number> {
    const rows = await app.database.query<{ count: number | string }>(
      sql`select count(*) as count from audit_events where ${where}`,
    );
    return Number(rows[0]?.count ?? 0);
  }

  const context = () => ({ actor: null, requestId: `test-${randomUUID()}`, ip: '127.0.0.1' });

  it('refuses UPDATE, DELETE and TRUNCATE of audit_events in the database itself', async () => {
    const entityId = randomUUID();
    await writeAudit(app.database.db, app.clock, context(), { action: 'test', entity: 'service', entityId });
    const [row] = await app.database.query<{ id: number | string; action: string }>(
      sql`select id, action from audit_events where entity_id = ${entityId}`,
    );
    expect(row?.action).toBe('test');

    await expect(
      app.database.query(sql`update audit_events set action = 'tampered' where entity_id = ${entityId}`),
    ).rejects.toThrow();
    await expect(app.database.query(sql`delete from audit_events where entity_id = ${entityId}`)).rejects.toThrow();
    // Inside a transaction rolled back in any case: the run's PostgreSQL database is shared.
    const truncate = app.database.transaction(async (tx) => {
      await app.database.query(sql`truncate audit_events`, tx);
      throw new Rollback('truncate was allowed');
    });
    await expect(truncate).rejects.toThrow();
    await expect(truncate).rejects.not.toBeInstanceOf(Rollback);

    const after = await app.database.query<{ action: string }>(
      sql`select action from audit_events where entity_id = ${entityId}`,
    );
    expect(after).toEqual([{ action: 'test' }]);
  });

  it('writes the audit row in the caller’s transaction: a rolled-back change leaves no row', async () => {
    const entityId = randomUUID();
    const failing = app.database.transaction(async (tx) => {
      await writeAudit(tx, app.clock, context(), { action: 'test', entity: 'service', entityId });
      throw new Rollback('the change failed after its audit row was written');
    });
    await expect(failing).rejects.toBeInstanceOf(Rollback);
    expect(await countRows(sql`entity_id = ${entityId}`)).toBe(0);
  });

  it('records the creation of a user, which the admin sees in GET /api/v1/audit', async () => {
    const organization = await buildOrganization(app.database, { kind: 'clinic' });
    const email = `${unique('audited')}@example.jp`;
    const created = await api(app.baseUrl, 'POST', '/api/v1/users', {
      token: admin.token,
      body: {
        email,
        name: '監査 太郎',
        role: 'provider',
        organizationId: organization.id,
        password: 'a-long-password-2026',
      },
    });
    expect(created.status, created.text).toBe(201);

    const items = await auditOf(admin.token, `entity=user&entityId=${created.body.id}`);
    expect(items).toEqual([
      expect.objectContaining({
        action: 'create',
        entity: 'user',
        entityId: created.body.id,
        actorUserId: admin.user.id,
      }),
    ]);
    expect(await countRows(sql`action = 'create' and entity = 'user' and details->>'email' = ${email}`)).toBe(1);
  });

  it('writes no audit row for a user creation that fails', async () => {
    const organization = await buildOrganization(app.database, { kind: 'clinic' });
    const email = `${unique('refused')}@example.jp`;
    const body = {
      email,
      name: '監査 花子',
      role: 'provider',
      organizationId: organization.id,
      password: 'a-long-password-2026',
    };

    // Refused inside the service (unknown organisation): nothing written.
    const unknownOrganization = await api(app.baseUrl, 'POST', '/api/v1/users', {
      token: admin.token,
      body: { ...body, organizationId: randomUUID() },
    });
    expectError(unknownOrganization, 400, 'validation_failed');
    expect(await countRows(sql`entity = 'user' and details->>'email' = ${email}`)).toBe(0);

    // The first creation is audited once; the duplicate (409) adds nothing.
    expect((await api(app.baseUrl, 'POST', '/api/v1/users', { token: admin.token, body })).status).toBe(201);
    const duplicate = await api(app.baseUrl, 'POST', '/api/v1/users', { token: admin.token, body });
    expectError(duplicate, 409, 'invalid_transition', 'email_taken');
    expect(await countRows(sql`entity = 'user' and details->>'email' = ${email}`)).toBe(1);
  });

  it('shows a provider only the events of records its own organisation owns', async () => {
    const provider = await signedInAs(app, 'provider');
    const own = provider.organization!;
    const other = await buildOrganization(app.database, { kind: 'clinic' });

    // The admin changes the availability of both clinics.
    for (const organization of [own, other]) {
      const response = await api(app.baseUrl, 'PUT', `/api/v1/organizations/${organization.id}/availability`, {
        token: admin.token,
        headers: { 'if-match': '"1"' },
        body: { status: 'limited', freeSlots: 2, note: '監査テスト' },
      });
      expect(response.status, response.text).toBe(200);
    }

    const asAdmin = await auditOf(admin.token, 'entity=organization&limit=500');
    expect(asAdmin.map((item) => item.entityId)).toEqual(expect.arrayContaining([own.id, other.id]));

    const asProvider = await auditOf(provider.token, 'limit=500');
    expect(asProvider.map((item) => item.entityId)).toContain(own.id);
    expect(asProvider.map((item) => item.entityId)).not.toContain(other.id);
    expect(asProvider.every((item) => item.entityId === own.id)).toBe(true);
    expect(await auditOf(provider.token, `entity=organization&entityId=${other.id}`)).toEqual([]);

    // Another provider's own event stays invisible to this one, and the other way round.
    const stranger = await signedInAs(app, 'provider');
    expect(await auditOf(stranger.token, `entityId=${own.id}`)).toEqual([]);
  });
});
