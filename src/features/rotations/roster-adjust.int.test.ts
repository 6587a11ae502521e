/**
 * Adjusting a draft by hand over HTTP (調整): the association hands one duty of a draft to another member clinic;
 * the rules are checked again (422 duty_breaks_rules, each broken rule named), the roster's version guards it
 * (If-Match), the report follows the duties, and a published roster changes only by swaps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization, buildUser, login, signedInAs } from '../../../test/helpers/factories.js';
import { checkRoster } from '../../domain/roster/roster-rules.js';
import { defaultRosterSettings, type RosterProblem, type ShiftKind } from '../../domain/roster/roster-types.js';

const start = new Date('2026-04-15T10:00:00+09:00');
const allShifts = ['weeknight', 'holiday_day', 'holiday_night'] as const;

type Duty = { id: string; date: string; shift: ShiftKind; organizationId: string };
type Clinic = { id: string; name: string; token: string };

describe('adjusting a draft roster by hand', () => {
  let app: TestApp;
  let association: Awaited<ReturnType<typeof signedInAs>>;
  const clinics: Clinic[] = [];
  let groupId: string;
  let rosterId: string;

  const call = (method: string, path: string, token: string, body?: unknown, headers?: Record<string, string>) =>
    api(app.baseUrl, method, path, { token, body, ...(headers ? { headers } : {}) });
  const problemOf = (): RosterProblem => ({
    from: '2026-05-01',
    to: '2026-05-31',
    shifts: allShifts,
    members: clinics.map((clinic) => ({
      organizationId: clinic.id,
      name: clinic.name,
      doctorCount: 1,
      unavailableWeekdays: [],
      unavailableDates: [],
      unavailableShifts: [],
      preferredWeekdays: [],
    })),
    unavailability: [],
    settings: defaultRosterSettings,
    history: [],
    fixedDuties: [],
  });
  /** The first hand-over of a duty to another clinic that keeps (or, asked, breaks only the spacing of) the rules. */
  const handOver = (duties: Duty[], keeps: boolean) => {
    for (const duty of duties)
      for (const clinic of clinics.filter((entry) => entry.id !== duty.organizationId)) {
        const broken = checkRoster(
          problemOf(),
          duties.map((entry) => (entry.id === duty.id ? { ...entry, organizationId: clinic.id } : entry)),
        );
        if (keeps ? broken.length === 0 : broken.length > 0 && broken.every((entry) => entry.rule === 'spacing'))
          return { duty, to: clinic };
      }
    throw new Error('no such hand-over');
  };

  beforeAll(async () => {
    app = await startTestApp({ start });
    association = await signedInAs(app, 'association_admin', { name: `岡山市医師会 ${randomUUID().slice(0, 4)}` });
    for (let index = 0; index < 8; index += 1) {
      const organization = await buildOrganization(app.database, {
        kind: 'clinic',
        name: `調整テスト診療所${index} ${randomUUID().slice(0, 6)}`,
        associationId: association.organization!.id,
      });
      const user = await buildUser(app.database, { role: 'provider', organizationId: organization.id });
      clinics.push({ id: organization.id, name: organization.name, token: await login(app, user.email) });
    }
    const created = await call('POST', '/api/v1/rotation-groups', association.token, {
      name: '調整テスト輪番',
      areaCode: '33101',
      memberOrganizationIds: clinics.map((clinic) => clinic.id),
    });
    groupId = created.body.id;
    const generated = await call('POST', `/api/v1/rotation-groups/${groupId}/rosters`, association.token, {
      from: '2026-05-01',
      to: '2026-05-31',
      shifts: allShifts,
    });
    expect(generated.status).toBe(201);
    rosterId = generated.body.id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('hands a duty of the draft to another clinic when the rules hold, the report following', async () => {
    const draft = (await call('GET', `/api/v1/rosters/${rosterId}`, association.token)).body as {
      version: number;
      duties: Duty[];
      fairness: { clinics: { organizationId: string; counts: Record<string, number> }[] };
    };
    const { duty, to } = handOver(draft.duties, true);
    const path = `/api/v1/rosters/${rosterId}/duties/${duty.id}`;
    expect((await call('PATCH', path, association.token, { organizationId: to.id })).status).toBe(428);
    expect(
      (
        await call(
          'PATCH',
          path,
          association.token,
          { organizationId: to.id },
          { 'if-match': `"${draft.version + 1}"` },
        )
      ).status,
    ).toBe(412);
    // A member clinic does not see the draft at all.
    expect(
      (await call('PATCH', path, clinics[0]!.token, { organizationId: to.id }, { 'if-match': `"${draft.version}"` }))
        .status,
    ).toBe(404);
    const adjusted = await call(
      'PATCH',
      path,
      association.token,
      { organizationId: to.id },
      { 'if-match': `"${draft.version}"` },
    );
    expect(adjusted.status, JSON.stringify(adjusted.body)).toBe(200);
    expect(adjusted.body.version).toBe(draft.version + 1);
    expect(adjusted.headers.get('etag')).toBe(`"${draft.version + 1}"`);
    expect(adjusted.body.duties.find((entry: Duty) => entry.id === duty.id).organizationId).toBe(to.id);
    const countOf = (
      body: { fairness: { clinics: { organizationId: string; counts: Record<string, number> }[] } },
      id: string,
    ) => body.fairness.clinics.find((clinic) => clinic.organizationId === id)?.counts[duty.shift] ?? 0;
    expect(countOf(adjusted.body, to.id)).toBe(countOf(draft, to.id) + 1);
    expect(countOf(adjusted.body, duty.organizationId)).toBe(countOf(draft, duty.organizationId) - 1);
    expect(adjusted.body.fairness.isRealised).toBe(false);
  });

  it('refuses a hand-over that breaks a rule, naming it, and one to a clinic outside the group', async () => {
    const draft = (await call('GET', `/api/v1/rosters/${rosterId}`, association.token)).body;
    const { duty, to } = handOver(draft.duties as Duty[], false);
    const path = `/api/v1/rosters/${rosterId}/duties/${duty.id}`;
    const refused = await call(
      'PATCH',
      path,
      association.token,
      { organizationId: to.id },
      { 'if-match': `"${draft.version}"` },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('duty_breaks_rules');
    expect(refused.body.error.message).toMatch(/^この当番の調整は輪番の規則に反します: .*\d{4}年\d{1,2}月\d{1,2}日/);
    expect(refused.body.error.details[0]).toMatchObject({ code: 'rule_spacing', params: { name: to.name } });
    const outsider = await buildOrganization(app.database, {
      kind: 'clinic',
      associationId: association.organization!.id,
    });
    const outside = await call(
      'PATCH',
      path,
      association.token,
      { organizationId: outsider.id },
      { 'if-match': `"${draft.version}"` },
    );
    expect(outside.status).toBe(400);
    const unchanged = (await call('GET', `/api/v1/rosters/${rosterId}`, association.token)).body;
    expect(unchanged.version).toBe(draft.version);
  });

  it('leaves a published roster to swaps', async () => {
    const draft = (await call('GET', `/api/v1/rosters/${rosterId}`, association.token)).body;
    const published = await call('POST', `/api/v1/rosters/${rosterId}/publish`, association.token, undefined, {
      'if-match': `"${draft.version}"`,
    });
    expect(published.status).toBe(200);
    const { duty, to } = handOver(published.body.duties as Duty[], true);
    const refused = await call(
      'PATCH',
      `/api/v1/rosters/${rosterId}/duties/${duty.id}`,
      association.token,
      { organizationId: to.id },
      { 'if-match': `"${published.body.version}"` },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/下書き/);
  });
});
