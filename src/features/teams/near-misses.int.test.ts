/**
 * 惜しい候補 (near misses) of a candidate list through the API: when a role has fewer than three candidates, the
 * organisations of a kind that can fill it within 30 km that miss one or two of the patient's conditions — each
 * procedure and group counted apart, the visiting area one, 受入不可 one — nearest first, with the fit endpoint's
 * words; never a wrong kind, a disabled one, one that declared no patients, one missing three or more, or one farther
 * than 30 km; none once three candidates fit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization, signedInAs } from '../../../test/helpers/factories.js';
import { caseBody, routedCase } from '../../../test/helpers/cases.js';

// Wednesday 2026-11-25 10:00 JST
const start = new Date('2026-11-25T10:00:00+09:00');
/** About 1 km of latitude. */
const km = 1 / 111.2;
const childProcedures = ['ventilator', 'tracheostomy', 'suction', 'tube_feeding'];

type Place = { lat: number; lng: number };
type NearMiss = {
  organization: { id: string; name: string; kind: string };
  distanceKm: number;
  availability: { status: string } | null;
  misses: { code: string; message: string; procedures?: string[]; radiusKm?: number | null }[];
};

describe('the near misses of a candidate list', () => {
  let app: TestApp;
  let liaison: Awaited<ReturnType<typeof signedInAs>>;

  beforeAll(async () => {
    // Its own database on PostgreSQL too: the near misses are every organisation around the home.
    app = await startTestApp({ start, isolated: true });
    liaison = await signedInAs(app, 'hospital_liaison', { name: `惜しい候補テスト病院 ${randomUUID().slice(0, 4)}` });
  });
  afterAll(async () => {
    await app.close();
  });

  /** A child on a ventilator with tracheostomy, suction and tube feeding at `home`, routed direct. */
  async function childAt(home: Place) {
    const body = caseBody(home, {
      patient: { name: `岡山 ${randomUUID().slice(0, 4)}`, birthDate: '2021-05-01', sex: 'male', phone: undefined },
      groups: ['pediatric_medical_care'],
      procedures: childProcedures,
      careLevel: 'none',
      plannedDischargeDate: '2026-12-07',
      neededRoles: ['primary_doctor', 'visiting_nurse'],
    });
    return (await routedCase(app, liaison.token, body)).id;
  }

  /** A clinic `distance` km north of `home` that takes such children and everything she needs, unless told. */
  function clinicNorth(home: Place, distance: number, overrides: Parameters<typeof buildOrganization>[1] = {}) {
    return buildOrganization(app.database, {
      kind: 'clinic',
      name: `惜しい ${randomUUID().slice(0, 6)}`,
      lat: home.lat + distance * km,
      lng: home.lng,
      areaCode: '33101',
      groups: ['pediatric_medical_care'],
      procedures: childProcedures,
      isAvailable24h: true,
      coverageRadiusKm: 16,
      availabilityStatus: 'accepting',
      freeSlots: 2,
      availabilityUpdatedAt: start,
      ...overrides,
    });
  }

  const candidates = (caseId: string, role = 'primary_doctor') =>
    api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/candidates?role=${role}`, { token: liaison.token });

  it('names those that miss one or two conditions, nearest first, in the fit endpoint’s words', async () => {
    const home = { lat: 34.78, lng: 133.86 };
    const caseId = await childAt(home);
    const others = (procedures: string[]) => childProcedures.filter((code) => !procedures.includes(code));

    // One procedure short, 2 km away.
    const noVentilator = await clinicNorth(home, 2, { procedures: others(['ventilator']) });
    // Full, and one procedure short: two conditions, 4 km away.
    const fullNoSuction = await clinicNorth(home, 4, {
      procedures: others(['suction']),
      availabilityStatus: 'full',
      freeSlots: 0,
    });
    // Everything, but it visits 3 km around it and the home is 6 km away.
    const tooFarToVisit = await clinicNorth(home, 6, { coverageRadiusKm: 3 });
    // Never: a station (a wrong kind for 主治医) right beside the home, missing nothing.
    const station = await clinicNorth(home, 0.5, { kind: 'visiting_nursing' });
    // Never: three procedures short.
    const threeShort = await clinicNorth(home, 1, { procedures: ['suction'] });
    // Never: one short but disabled; one that declared no patients at all (no 主治医 candidate whatever the patient).
    const disabled = await clinicNorth(home, 1.5, { procedures: others(['tube_feeding']), isDisabled: true });
    const noProfile = await clinicNorth(home, 1.2, { groups: [], procedures: [] });
    // Never: one short, but 40 km away.
    const faraway = await clinicNorth(home, 40, { procedures: others(['ventilator']), coverageRadiusKm: 50 });

    const empty = await candidates(caseId);
    expect(empty.status, empty.text).toBe(200);
    expect(empty.body).toMatchObject({ items: [], emptyReason: 'no_candidate_fits' });
    const nearMisses = empty.body.nearMisses as NearMiss[];
    expect(nearMisses.map((miss) => miss.organization.id)).toEqual([
      noVentilator.id,
      fullNoSuction.id,
      tooFarToVisit.id,
    ]);
    const never = [station.id, threeShort.id, disabled.id, noProfile.id, faraway.id];
    expect(nearMisses.some((miss) => never.includes(miss.organization.id))).toBe(false);

    const [first, second, third] = nearMisses;
    expect(first).toMatchObject({
      organization: { id: noVentilator.id, name: noVentilator.name, kind: 'clinic' },
      availability: { status: 'accepting', freeSlots: 2, ageDays: 0, isStale: false },
      misses: [{ code: 'procedures', message: '人工呼吸器に対応していません', procedures: ['ventilator'] }],
    });
    expect(first?.distanceKm).toBeCloseTo(2, 1);
    expect(second?.misses.map((miss) => miss.code)).toEqual(['procedures', 'full']);
    expect(second?.availability).toMatchObject({ status: 'full' });
    expect(third?.misses).toEqual([
      expect.objectContaining({
        code: 'coverage',
        radiusKm: 3,
        message: expect.stringMatching(/訪問範囲（3 km）の外です$/),
      }),
    ]);

    // The same problems in the same words as GET …/team/fit (one rule, one wording).
    for (const miss of nearMisses) {
      const fit = await api(
        app.baseUrl,
        'GET',
        `/api/v1/cases/${caseId}/team/fit?role=primary_doctor&organizationId=${miss.organization.id}`,
        { token: liaison.token },
      );
      expect(fit.status, fit.text).toBe(200);
      const fitMessages = (fit.body.problems as { message: string }[]).map((problem) => problem.message);
      // The fit leaves 満床 out (a team member is not refused for being full); the near miss counts it.
      expect(miss.misses.filter((entry) => entry.code !== 'full').map((entry) => entry.message)).toEqual(fitMessages);
    }
  });

  it('keeps naming them while fewer than three candidates fit, and names none from the third', async () => {
    const home = { lat: 34.62, lng: 133.98 };
    const caseId = await childAt(home);
    const noTubeFeeding = await clinicNorth(home, 3, {
      procedures: childProcedures.filter((code) => code !== 'tube_feeding'),
    });
    const fitting = [await clinicNorth(home, 5)];
    let listed = await candidates(caseId);
    expect(listed.body.items.map((item: { organization: { id: string } }) => item.organization.id)).toEqual([
      fitting[0]?.id,
    ]);
    expect(listed.body.emptyReason).toBeNull();
    // A candidate is never a near miss too (those of the other test may be near enough to be named as well).
    const named = (listed.body.nearMisses as NearMiss[]).map((miss) => miss.organization.id);
    expect(named).toContain(noTubeFeeding.id);
    expect(named).not.toContain(fitting[0]?.id);

    fitting.push(await clinicNorth(home, 7), await clinicNorth(home, 8));
    listed = await candidates(caseId);
    expect(listed.body.items).toHaveLength(3);
    expect(listed.body.nearMisses).toEqual([]);
    // Counted before the page's limit: one shown of three is still enough.
    listed = await api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/candidates?role=primary_doctor&limit=1`, {
      token: liaison.token,
    });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.nearMisses).toEqual([]);
  });

  it('says the rule in the OpenAPI document', async () => {
    const openapi = await api(app.baseUrl, 'GET', '/api/openapi.json');
    const schema =
      openapi.body.paths['/api/v1/cases/{id}/candidates'].get.responses['200'].content['application/json'].schema;
    expect(schema.required).toContain('nearMisses');
    expect(schema.properties.nearMisses.description).toContain('惜しい候補');
  });
});
