/**
 * What the rotations say to people, over HTTP: a swap that breaks a rule names it with the dates the Japanese way
 * (and its values for other languages), a swap's notices lead to the request itself, the former holder's calendar
 * says who took a duty over, and an overlapping period is named in Japanese dates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization, buildUser, login, signedInAs } from '../../../test/helpers/factories.js';
import { checkRoster } from '../../domain/roster/roster-rules.js';
import { defaultRosterSettings, type RosterProblem, type ShiftKind } from '../../domain/roster/roster-types.js';

const start = new Date('2026-04-15T10:00:00+09:00');
const allShifts = ['weeknight', 'holiday_day', 'holiday_night'] as const;
const isoDate = /\d{4}-\d{2}-\d{2}/;

type Clinic = { id: string; name: string; token: string };
type Duty = { id: string; date: string; shift: ShiftKind; organizationId: string };

describe('rotation wording: rule violations, swap notices, calendars', () => {
  let app: TestApp;
  let association: Awaited<ReturnType<typeof signedInAs>>;
  const clinics: Clinic[] = [];
  let groupId: string;
  let rosterId: string;
  let duties: Duty[];

  const call = (method: string, path: string, token: string, body?: unknown, headers?: Record<string, string>) =>
    api(app.baseUrl, method, path, { token, body, ...(headers ? { headers } : {}) });

  beforeAll(async () => {
    app = await startTestApp({ start });
    association = await signedInAs(app, 'association_admin', { name: `岡山市医師会 ${randomUUID().slice(0, 4)}` });
    for (let index = 0; index < 8; index += 1) {
      const organization = await buildOrganization(app.database, {
        kind: 'clinic',
        name: `文言テスト診療所${index} ${randomUUID().slice(0, 6)}`,
        associationId: association.organization!.id,
      });
      const user = await buildUser(app.database, { role: 'provider', organizationId: organization.id });
      clinics.push({ id: organization.id, name: organization.name, token: await login(app, user.email) });
    }
    const created = await call('POST', '/api/v1/rotation-groups', association.token, {
      name: '文言テスト輪番',
      areaCode: '33101',
      memberOrganizationIds: clinics.map((clinic) => clinic.id),
    });
    expect(created.status).toBe(201);
    groupId = created.body.id;
    const generated = await call('POST', `/api/v1/rotation-groups/${groupId}/rosters`, association.token, {
      from: '2026-05-01',
      to: '2026-05-31',
      shifts: allShifts,
    });
    expect(generated.status, JSON.stringify(generated.body)).toBe(201);
    rosterId = generated.body.id;
    const published = await call('POST', `/api/v1/rosters/${rosterId}/publish`, association.token, undefined, {
      'if-match': `"${generated.body.version}"`,
    });
    expect(published.status).toBe(200);
    duties = published.body.duties as Duty[];
  });
  afterAll(async () => {
    await app?.close();
  });

  it('names the broken rule with the dates the Japanese way, once, with its values for other languages', async () => {
    const problem: RosterProblem = {
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
    };
    const giver = clinics[2]!;
    let bad: { duty: Duty; receiver: Clinic } | null = null;
    for (const duty of duties.filter((entry) => entry.organizationId === giver.id))
      for (const receiver of clinics.filter((entry) => entry.id !== giver.id)) {
        const broken = checkRoster(
          problem,
          duties.map((entry) => (entry.id === duty.id ? { ...entry, organizationId: receiver.id } : entry)),
        );
        if (broken.length > 0 && broken.every((violation) => violation.rule === 'spacing')) bad ??= { duty, receiver };
      }
    if (!bad) throw new Error('expected a hand-over that breaks the spacing rule');
    const refused = await call('POST', `/api/v1/rosters/${rosterId}/swaps`, giver.token, {
      dutyId: bad.duty.id,
      targetOrganizationId: bad.receiver.id,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/^この交代は輪番の規則に反します: .*\d{4}年\d{1,2}月\d{1,2}日\(.\)/);
    expect(refused.body.error.message).not.toMatch(isoDate);
    for (const detail of refused.body.error.details) {
      expect(detail.message).not.toMatch(isoDate);
      expect(detail).toMatchObject({
        code: 'rule_spacing',
        params: { name: bad.receiver.name, minDays: 3, date: expect.stringMatching(isoDate) },
      });
    }
  });

  it("leads a swap's notices to the request, and tells the former holder's calendar who took the duty over", async () => {
    const giver = clinics[1]!;
    const own = duties.filter((duty) => duty.organizationId === giver.id);
    // The first hand-over the rules allow (the others answer 422 and leave nothing behind).
    let good: { swapId: string; receiver: Clinic } | null = null;
    for (const duty of own)
      for (const receiver of clinics.filter((entry) => entry.id !== giver.id)) {
        if (good) break;
        const asked = await call('POST', `/api/v1/rosters/${rosterId}/swaps`, giver.token, {
          dutyId: duty.id,
          targetOrganizationId: receiver.id,
        });
        if (asked.status === 201) good = { swapId: asked.body.id as string, receiver };
      }
    if (!good) throw new Error('expected a swap that keeps the rules');
    const { swapId } = good;
    const notice = (await call('GET', '/api/v1/notifications', good.receiver.token)).body.items.find(
      (item: { kind: string; entityId: string }) => item.kind === 'duty_swap',
    );
    expect(notice.link).toBe(`/rotations/rosters/${rosterId}#swap-${swapId}`);

    expect(
      (await call('POST', `/api/v1/rosters/${rosterId}/swaps/${swapId}/accept`, good.receiver.token, {})).status,
    ).toBe(200);
    expect(
      (await call('POST', `/api/v1/rosters/${rosterId}/swaps/${swapId}/approve`, association.token, {})).status,
    ).toBe(200);
    const calendar = new ICAL.Component(
      ICAL.parse(
        (await call('GET', `/api/v1/rosters/${rosterId}/calendar.ics?organizationId=${giver.id}`, giver.token)).text,
      ),
    );
    const events = calendar.getAllSubcomponents('vevent');
    const cancelled = events.filter((vevent) => vevent.getFirstPropertyValue('status') === 'CANCELLED');
    expect(cancelled).toHaveLength(1);
    const description = String(cancelled[0]?.getFirstPropertyValue('description'));
    expect(description).toContain(`${good.receiver.name} に交代しました`);
    expect(description).not.toContain('担当:');
    const kept = events.find((vevent) => vevent.getFirstPropertyValue('status') === 'CONFIRMED');
    expect(String(kept?.getFirstPropertyValue('description'))).toContain(`担当: ${giver.name}`);
  });

  it('names an overlapping roster by its dates the Japanese way', async () => {
    const response = await call('POST', `/api/v1/rotation-groups/${groupId}/rosters`, association.token, {
      from: '2026-05-20',
      to: '2026-06-10',
      shifts: allShifts,
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('2026年5月1日(金)〜2026年5月31日(日)、公開済み');
    expect(response.body.error.message).not.toMatch(isoDate);
  });
});
