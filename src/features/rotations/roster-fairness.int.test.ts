/**
 * Fairness across periods over HTTP: a clinic that declared it cannot take holiday nights has no target for them
 * and no debt carried forward, a clinic whose share is above what the rules let it take is aimed at what it can
 * take, and the carry-over of a roster made before reports held its fair shares is computed again from its stored
 * input — the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization, buildUser, signedInAs } from '../../../test/helpers/factories.js';
import { rosters } from '../../db/schema.js';

const start = new Date('2026-11-20T10:00:00+09:00');
const allShifts = ['weeknight', 'holiday_day', 'holiday_night'] as const;

type ClinicReport = {
  organizationId: string;
  targets: Record<string, number>;
  carryOver: Record<string, number>;
  baseTargets?: Record<string, number>;
  cannotTake?: string[];
  capacity?: number | null;
  isCapacityBound?: boolean;
};

describe('roster fairness across periods (declared shifts, capacity, carry-over)', () => {
  let app: TestApp;
  let association: Awaited<ReturnType<typeof signedInAs>>;
  const clinicIds: string[] = [];
  let groupId: string;
  let decemberId: string;

  const call = (method: string, path: string, token: string, body?: unknown, headers?: Record<string, string>) =>
    api(app.baseUrl, method, path, { token, body, ...(headers ? { headers } : {}) });
  const reportOf = (body: { fairness: { clinics: ClinicReport[] } }, index: number) => {
    const found = body.fairness.clinics.find((clinic) => clinic.organizationId === clinicIds[index]);
    if (!found) throw new Error(`clinic ${index} missing from the report`);
    return found;
  };

  beforeAll(async () => {
    app = await startTestApp({ start });
    association = await signedInAs(app, 'association_admin', { name: `岡山市医師会 ${randomUUID().slice(0, 4)}` });
    for (let index = 0; index < 6; index += 1) {
      const organization = await buildOrganization(app.database, {
        kind: 'clinic',
        name: `公平テスト診療所${index} ${randomUUID().slice(0, 6)}`,
        associationId: association.organization!.id,
      });
      await buildUser(app.database, { role: 'provider', organizationId: organization.id });
      clinicIds.push(organization.id);
    }
    const created = await call('POST', '/api/v1/rotation-groups', association.token, {
      name: '公平テスト輪番',
      areaCode: '33101',
      memberOrganizationIds: clinicIds,
      settings: { maxDutiesPerMonth: 10 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    groupId = created.body.id;
    const declare = async (index: number, body: Record<string, unknown>) => {
      const group = await call('GET', `/api/v1/rotation-groups/${groupId}`, association.token);
      const saved = await call(
        'PUT',
        `/api/v1/rotation-groups/${groupId}/members/${clinicIds[index]}`,
        association.token,
        { doctorCount: 1, unavailableWeekdays: [], unavailableDates: [], preferredWeekdays: [], ...body },
        { 'if-match': `"${group.body.version}"` },
      );
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    };
    await declare(0, { doctorCount: 2 });
    await declare(1, { unavailableShifts: ['holiday_night'] });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('aims a clinic at the shifts it can take and at what the rules let it take, and reports why', async () => {
    const december = await call('POST', `/api/v1/rotation-groups/${groupId}/rosters`, association.token, {
      from: '2026-12-01',
      to: '2026-12-31',
      shifts: allShifts,
    });
    expect(december.status, JSON.stringify(december.body)).toBe(201);
    decemberId = december.body.id;
    const noNights = reportOf(december.body, 1);
    expect(noNights.cannotTake).toEqual(['holiday_night']);
    expect(noNights.targets.holiday_night).toBe(0);
    const twoDoctors = reportOf(december.body, 0);
    expect(twoDoctors).toMatchObject({ isCapacityBound: true, capacity: 10 });
    expect(Object.values(twoDoctors.targets).reduce((sum, value) => sum + value, 0)).toBeCloseTo(10, 1);
    expect(twoDoctors.baseTargets).toBeDefined();
    const published = await call('POST', `/api/v1/rosters/${decemberId}/publish`, association.token, undefined, {
      'if-match': `"${december.body.version}"`,
    });
    expect(published.status).toBe(200);
  });

  it('carries no debt forward for a declared shift or for what the rules kept a clinic from doing', async () => {
    const quarter = async () => {
      const response = await call('POST', `/api/v1/rotation-groups/${groupId}/rosters`, association.token, {
        from: '2027-01-01',
        to: '2027-03-31',
        shifts: allShifts,
      });
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return response.body as { id: string; version: number; fairness: { clinics: ClinicReport[] } };
    };
    const first = await quarter();
    expect(reportOf(first, 1).carryOver.holiday_night ?? 0).toBe(0);
    expect(reportOf(first, 1).targets.holiday_night).toBe(0);
    // What is left is the rounding of one month to whole duties, not a debt that grows: before, clinic 1 carried
    // −1.57 holiday nights and clinic 0 about −2 of each shift.
    for (const clinic of first.fairness.clinics)
      for (const value of Object.values(clinic.carryOver)) expect(Math.abs(value)).toBeLessThan(1.5);
    const twoDoctorsCarry = Object.values(reportOf(first, 0).carryOver).reduce((sum, value) => sum + value, 0);
    expect(twoDoctorsCarry).toBeGreaterThan(-0.5);

    // The same history, as a roster made before reports held β: computed again from its stored input.
    const [row] = await app.database.db.select().from(rosters).where(eq(rosters.id, decemberId));
    const report = structuredClone(row!.report) as { fairness: { clinics: ClinicReport[] } };
    for (const clinic of report.fairness.clinics) delete clinic.baseTargets;
    await app.database.db.update(rosters).set({ report }).where(eq(rosters.id, decemberId));
    const discarded = await call('POST', `/api/v1/rosters/${first.id}/discard`, association.token, undefined, {
      'if-match': `"${first.version}"`,
    });
    expect(discarded.status).toBe(200);
    const again = await quarter();
    for (const [index, clinic] of first.fairness.clinics.entries())
      for (const [shift, value] of Object.entries(clinic.carryOver))
        expect(again.fairness.clinics[index]?.carryOver[shift]).toBeCloseTo(value, 1);
  });
});
