/**
 * A case list shows each patient's record (name, address, phone): every listed case is a read the hospital that owns
 * it finds under the case's id in its audit — who listed its patient, from which organisation, when.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { signedInAs } from '../../../test/helpers/factories.js';
import {
  caseBody,
  caseTestStart as start,
  homeCareProvider,
  refer,
  routedCase,
  spot,
} from '../../../test/helpers/cases.js';

describe('the audit of a case list', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ start });
  });
  afterAll(async () => {
    await app.close();
  });

  it('writes one read per listed case, which the owning hospital sees under the case id', async () => {
    const liaison = await signedInAs(app, 'hospital_liaison', { name: `一覧監査病院 ${randomUUID().slice(0, 4)}` });
    const home = spot();
    const nurse = await homeCareProvider(app, home, 'visiting_nursing');
    const first = await routedCase(app, liaison.token, caseBody(home));
    const second = await routedCase(app, liaison.token, caseBody(spot()));
    await refer(app, liaison.token, first.id, 'visiting_nurse', nurse, { accept: true });

    // The station lists the cases it is on: the first only.
    const listed = await api(app.baseUrl, 'GET', '/api/v1/cases', { token: nurse.token });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.items.map((item: any) => item.id)).toEqual([first.id]);

    const audit = (caseId: string) =>
      api(app.baseUrl, 'GET', `/api/v1/audit?entity=case&entityId=${caseId}&action=list`, { token: liaison.token });
    const seen = await audit(first.id);
    expect(seen.status, seen.text).toBe(200);
    expect(seen.body.items).toEqual([
      expect.objectContaining({
        action: 'list',
        entityId: first.id,
        actorOrganizationId: nurse.organization.id,
        actorOrganizationName: nurse.organization.name,
      }),
    ]);
    // The second case was not shown to the station: nothing is recorded against it.
    expect((await audit(second.id)).body.items).toEqual([]);
    // The hospital's own list: a row per case, each under its id.
    await api(app.baseUrl, 'GET', '/api/v1/cases', { token: liaison.token });
    const own = await api(app.baseUrl, 'GET', '/api/v1/audit?entity=case&action=list', { token: liaison.token });
    const ownIds = own.body.items
      .filter((item: any) => item.actorOrganizationId === liaison.organization!.id)
      .map((item: any) => item.entityId)
      .sort();
    expect(ownIds).toEqual([first.id, second.id].sort());
  });
});
