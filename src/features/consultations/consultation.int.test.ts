/**
 * The Center assigns a consultation to one of its coordinators (not only to itself): the list of
 * whom it can choose, and the assignment notifying the assignee.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema.js';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { expectError } from '../../../test/helpers/errors.js';
import { buildUser, login, signedInAs } from '../../../test/helpers/factories.js';

describe('assigning a consultation to a Center coordinator', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it("lists the Center's enabled coordinators and assigns a colleague, who is notified", async () => {
    const center = await signedInAs(app, 'center_coordinator');
    const organizationId = center.organization!.id;
    const colleague = await buildUser(app.database, { role: 'center_coordinator', organizationId });
    const disabled = await buildUser(app.database, { role: 'center_coordinator', organizationId });
    await app.database.db.update(users).set({ isDisabled: true }).where(eq(users.id, disabled.id));
    // A coordinator of another Center is neither listed nor assignable.
    const other = await signedInAs(app, 'center_coordinator');

    const listed = await api(app.baseUrl, 'GET', '/api/v1/center/coordinators', { token: center.token });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.items.map((item: { id: string }) => item.id).sort()).toEqual(
      [center.user.id, colleague.id].sort(),
    );

    const liaison = await signedInAs(app, 'hospital_liaison');
    const asked = await api(app.baseUrl, 'POST', '/api/v1/consultations', {
      token: liaison.token,
      body: { subject: '在宅酸素の患者の訪問診療先について', body: '北区で受け入れ可能な診療所を教えてください。' },
    });
    expect(asked.status, asked.text).toBe(201);

    const assigned = await api(app.baseUrl, 'POST', `/api/v1/consultations/${asked.body.id}/assign`, {
      token: center.token,
      body: { userId: colleague.id },
    });
    expect(assigned.status, assigned.text).toBe(200);
    expect(assigned.body.assignedUserId).toBe(colleague.id);

    const colleagueToken = await login(app, colleague.email);
    const notifications = await api(app.baseUrl, 'GET', '/api/v1/notifications', { token: colleagueToken });
    expect(notifications.body.items.map((item: { kind: string }) => item.kind)).toContain('consultation_assigned');

    const wrong = await api(app.baseUrl, 'POST', `/api/v1/consultations/${asked.body.id}/assign`, {
      token: center.token,
      body: { userId: liaison.user.id },
    });
    expectError(wrong, 400, 'validation_failed');
    const otherList = await api(app.baseUrl, 'GET', '/api/v1/center/coordinators', { token: other.token });
    expect(otherList.body.items.map((item: { id: string }) => item.id)).toEqual([other.user.id]);
    const forbidden = await api(app.baseUrl, 'GET', '/api/v1/center/coordinators', { token: liaison.token });
    expectError(forbidden, 403, 'forbidden');
  });
});
