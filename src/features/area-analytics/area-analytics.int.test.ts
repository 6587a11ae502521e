/**
 * The area view through the API, on PGlite and PostgreSQL: supply per area (organisations by kind
 * and capability, free capacity and its staleness) against demand (open and recently discharged
 * cases per role) and where discharges get stuck — with every count of people from 1 to 9
 * suppressed, and no suppressed count recoverable by subtracting shown ones.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, teamMembers } from '../../db/schema.js';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { expectError } from '../../../test/helpers/errors.js';
import { buildOrganization, signedInAs } from '../../../test/helpers/factories.js';

const day = 24 * 3600 * 1000;
// Wednesday 2026-11-25 10:00 JST
const start = new Date('2026-11-25T10:00:00+09:00');
const wards = ['33101', '33102', '33103', '33104'];

type Cell = { count: number | null; suppressed: boolean };

/** Every people-count cell of the response, by its path with the area taken out ("demand.openCases"). */
function cellsOf(value: unknown, path = '', into = new Map<string, Cell>()): Map<string, Cell> {
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('suppressed' in record && 'count' in record) into.set(path, record as Cell);
    else for (const [key, child] of Object.entries(record)) cellsOf(child, path ? `${path}.${key}` : key, into);
  }
  return into;
}

describe('supply against demand per area (GET /api/v1/analytics/areas)', () => {
  let app: TestApp;
  let city: Awaited<ReturnType<typeof signedInAs>>;
  let body: any;
  const area = (code: string) => body.areas.find((entry: { areaCode: string }) => entry.areaCode === code);

  beforeAll(async () => {
    app = await startTestApp({ start, isolated: true });
    // Organisations outside any area (the callers' own, the hospital) are not supply of an area.
    city = await signedInAs(app, 'city_analyst', { areaCode: null });
    const hospital = await buildOrganization(app.database, { kind: 'hospital', areaCode: null });

    // 北区: a home-care support clinic (24h, ventilator, accepting), an ordinary clinic, a 24h
    // visiting nursing station for children whose answer is 30 days old, a full care manager office,
    // a station that never answered, and a disabled clinic that does not count.
    await buildOrganization(app.database, {
      kind: 'clinic',
      homeCareSupportClinic: 'standard',
      isAvailable24h: true,
      procedures: ['ventilator', 'home_oxygen'],
      groups: ['elderly'],
      availabilityStatus: 'accepting',
      freeSlots: 3,
      availabilityUpdatedAt: new Date(start.getTime() - day),
    });
    await buildOrganization(app.database, { kind: 'clinic' });
    const station = await buildOrganization(app.database, {
      kind: 'visiting_nursing',
      isAvailable24h: true,
      groups: ['pediatric_medical_care'],
      availabilityStatus: 'accepting',
      freeSlots: 4,
      availabilityUpdatedAt: new Date(start.getTime() - 30 * day),
    });
    await buildOrganization(app.database, {
      kind: 'care_management',
      availabilityStatus: 'full',
      freeSlots: 0,
      availabilityUpdatedAt: start,
    });
    await buildOrganization(app.database, { kind: 'visiting_nursing' });
    await buildOrganization(app.database, { kind: 'clinic', isDisabled: true });
    // A 介護老人保健施設 registered for 訪問リハビリテーション (kaigo service 140: the loader records rehabilitation)
    // and a day-care office: both 「その他の介護サービス」 by kind, only the first a visiting-rehab candidate.
    await buildOrganization(app.database, {
      kind: 'care_service',
      procedures: ['rehabilitation'],
      kaigoServices: [{ code: '140', name: '訪問リハビリテーション' }],
    });
    await buildOrganization(app.database, {
      kind: 'care_service',
      kaigoServices: [{ code: '150', name: '通所介護' }],
    });

    const insertCases = async (
      count: number,
      values: Partial<typeof cases.$inferInsert> & { filled?: string[] },
      daysOpen: (index: number) => number = () => 3,
    ) => {
      for (let index = 0; index < count; index += 1) {
        const id = randomUUID();
        const { filled, ...rest } = values;
        await app.database.db.insert(cases).values({
          id,
          hospitalOrganizationId: hospital.id,
          patientName: '集計 太郎',
          patientNameKana: 'しゅうけい たろう',
          birthDate: '1940-01-01',
          sex: 'male',
          address: '岡山市',
          careLevel: 'care_2',
          consent: { scope: ['referral_summary'] },
          plannedDischargeDate: '2026-12-20',
          status: 'coordinating',
          neededRoles: ['primary_doctor', 'visiting_nurse'],
          createdAt: new Date(start.getTime() - daysOpen(index) * day),
          ...rest,
        });
        for (const role of filled ?? [])
          await app.database.db
            .insert(teamMembers)
            .values({ id: randomUUID(), caseId: id, role, organizationId: station.id, since: start });
      }
    };
    // 北区: 20 open cases past their planned date, nothing filled yet (open 1 … 20 days); 13 of them also need a care manager.
    await insertCases(
      13,
      {
        areaCode: '33101',
        plannedDischargeDate: '2026-11-20',
        neededRoles: ['primary_doctor', 'visiting_nurse', 'care_manager'],
      },
      (index) => index + 1,
    );
    await insertCases(7, { areaCode: '33101', plannedDischargeDate: '2026-11-20' }, (index) => index + 14);
    // 中区: 4 open cases — a small group.
    await insertCases(4, { areaCode: '33102' });
    // 南区: 11 open cases with the visiting nurse found, 10 discharged within 90 days, 2 long ago.
    await insertCases(11, { areaCode: '33104', filled: ['visiting_nurse'] });
    await insertCases(10, { areaCode: '33104', status: 'discharged', dischargedOn: '2026-10-01' });
    await insertCases(2, { areaCode: '33104', status: 'closed', dischargedOn: '2026-01-10', outcome: 'home' });
    // Two patients living outside the city's areas.
    await insertCases(2, { areaCode: null });

    const response = await api(app.baseUrl, 'GET', '/api/v1/analytics/areas', { token: city.token });
    expect(response.status, response.text).toBe(200);
    body = response.body;
  });
  afterAll(async () => {
    await app.close();
  });

  it('refuses callers without a session (401), roles that see patients one by one (403), bad input (400)', async () => {
    expectError(await api(app.baseUrl, 'GET', '/api/v1/analytics/areas'), 401, 'unauthenticated');
    for (const role of ['hospital_liaison', 'provider'] as const) {
      const other = await signedInAs(app, role, { areaCode: null });
      expectError(await api(app.baseUrl, 'GET', '/api/v1/analytics/areas', { token: other.token }), 403, 'forbidden');
    }
    for (const query of ['recentDays=0', 'recentDays=366', 'recentDays=x'])
      expectError(
        await api(app.baseUrl, 'GET', `/api/v1/analytics/areas?${query}`, { token: city.token }),
        400,
        'validation_failed',
      );
  });

  it('lists every area whether or not it has anything to count, so that no row’s presence tells anything', () => {
    expect(body.areas.map((entry: { areaCode: string }) => entry.areaCode)).toEqual(['33100', ...wards]);
    // 東区 has no organisation and no case: its row is there, with 0 shown as 0.
    expect(area('33103').demand.openCases).toEqual({ count: 0, suppressed: false });
    expect(area('33103').supply.capacity.organizations).toBe(0);
  });

  it('counts supply per area: kinds, capabilities, free capacity and the share of stale answers', () => {
    expect(body.areas.map((entry: { areaCode: string }) => entry.areaCode)).toEqual(['33100', ...wards]);
    expect(body.areaLevels).toMatchObject({ kinds: ['city', 'ward'], hasDistricts: false });
    for (const code of ['33101', '33100']) {
      const supply = area(code).supply;
      expect(supply.organizationsByKind).toMatchObject({
        clinic: 2,
        visiting_nursing: 2,
        care_management: 1,
        care_service: 2,
        visiting_rehab: 0,
        hospital: 0,
      });
      expect(supply.capabilities).toMatchObject({
        homeVisitClinics: 1,
        homeCareSupportClinics: 1,
        homeVisitOnlyClinics: 0,
        available24h: 2,
        clinics24h: 1,
        visitingNursing24h: 1,
      });
      expect(supply.capabilities.procedures).toMatchObject({
        ventilator: 1,
        home_oxygen: 1,
        tracheostomy: 0,
        rehabilitation: 1,
      });
      expect(supply.capabilities.groups).toMatchObject({ pediatric_medical_care: 1, elderly: 1 });
      expect(supply.capacity).toEqual({
        organizations: 7,
        reporting: 3,
        accepting: 2,
        limited: 0,
        full: 1,
        freeSlots: 7,
        freeSlotsFresh: 3,
        stale: 1,
        staleShare: 0.333,
      });
      expect(supply.capacityByKind.visiting_nursing).toMatchObject({
        organizations: 2,
        reporting: 1,
        stale: 1,
        staleShare: 1,
      });
    }
    expect(area('33102').supply.capacity).toMatchObject({ organizations: 0, reporting: 0, staleShare: null });
    // Per role: the matching's candidates (team-roles.ts canFillRole), who accepts now (fresh answers only), their free
    // slots. A clinic or a station that declared no patients is no doctor or nurse candidate; visiting rehabilitation
    // is the office that holds rehabilitation, not every kind that could run it.
    for (const code of ['33101', '33100']) {
      const roles = area(code).roles;
      expect(roles.visiting_nurse.supply).toEqual({ organizations: 1, accepting: 0, freeSlotsFresh: 0 });
      expect(roles.primary_doctor.supply).toEqual({ organizations: 1, accepting: 1, freeSlotsFresh: 3 });
      expect(roles.home_visit_specialist.supply.organizations).toBe(1);
      expect(roles.visiting_rehab.supply.organizations).toBe(1);
      expect(roles.care_manager.supply.organizations).toBe(1);
    }
    expect(area('33103').roles.primary_doctor.supply).toEqual({ organizations: 0, accepting: 0, freeSlotsFresh: 0 });
  });

  it('counts demand and stuck discharges, hiding small groups and what subtraction would reveal', () => {
    // Open cases: 北区 20, 中区 4 (hidden), 南区 11 — hidden too, or 35 − 20 would give 中区 away.
    expect(area('33100').demand.openCases).toEqual({ count: 35, suppressed: false });
    expect(area('33101').demand.openCases).toEqual({ count: 20, suppressed: false });
    expect(area('33102').demand.openCases).toEqual({ count: null, suppressed: true });
    expect(area('33104').demand.openCases).toEqual({ count: null, suppressed: true });
    expect(area('33103').demand.openCases).toEqual({ count: 0, suppressed: false });
    // 13 of 北区's 20 need a care manager: 20 − 13 = 7 would be a small group, so 13 is hidden —
    // and so is the city's 13, from which 北区's could be read (no other ward needs one).
    expect(area('33101').roles.care_manager.demand.open).toEqual({ count: null, suppressed: true });
    expect(area('33100').roles.care_manager.demand.open).toEqual({ count: null, suppressed: true });
    // Where discharges get stuck: all 20 in 北区 wait for a role, all past their planned date.
    expect(area('33101').stuck).toEqual({
      openWithUnfilledRoles: { count: 20, suppressed: false },
      pastPlannedDischarge: { count: 20, suppressed: false },
      medianDaysOpen: 10.5,
    });
    expect(area('33102').stuck.medianDaysOpen).toBeNull();
    // Recently discharged: 南区's 10 within the last 90 days; the two from January are outside the window.
    expect(area('33104').demand.recentlyDischarged).toEqual({ count: 10, suppressed: false });
    expect(area('33100').demand.recentlyDischarged).toEqual({ count: 10, suppressed: false });
    // The two patients outside the areas: a small group of their own, not in the city's figures.
    expect(body.unlocated.openCases).toEqual({ count: null, suppressed: true });
  });

  it('never shows 1–9, and leaves no ward recoverable from the city total (every figure)', () => {
    const city = cellsOf(area('33100'));
    const perWard = wards.map((code) => cellsOf(area(code)));
    const problems: string[] = [];
    for (const [path, total] of city) {
      for (const [index, cells] of [city, ...perWard].entries()) {
        const cell = cells.get(path);
        if (cell && cell.count !== null && cell.count > 0 && cell.count < 10)
          problems.push(`${index} ${path} ${cell.count}`);
        if (cell && (cell.count === null) !== cell.suppressed) problems.push(`${index} ${path} marker`);
      }
      if (total.count === null) continue;
      const wardCells = perWard.map((cells) => cells.get(path) ?? { count: 0, suppressed: false });
      const hidden = wardCells.filter((cell) => cell.suppressed);
      const rest = total.count - wardCells.reduce((sum, cell) => sum + (cell.count ?? 0), 0);
      if (hidden.length === 1 || (rest > 0 && rest < 10)) problems.push(`${path}: city ${total.count}, rest ${rest}`);
    }
    expect(problems).toEqual([]);
  });

  it('gives the city’s people aged 65+ and 75+ (介護保険事業状況報告) and the wards’ census totals (secondary), with their 出典', () => {
    const kaigo = {
      id: 'mhlw-kaigo-jigyo-jokyo',
      attribution: '出典：「介護保険事業状況報告」（厚生労働省）を加工して作成',
      license: expect.stringContaining('政府標準利用規約'),
      // 年度末現在; the year is not in the tables: the end of 令和5年度 is the estimate the note gives.
      asOf: '2024-03-31',
      confidence: 'primary-table',
      note: expect.stringMatching(/令和5年度末.*と推定.*第1号被保険者/),
    };
    const census = {
      id: 'census-2020-secondary',
      attribution: expect.stringContaining('国勢調査'),
      license: expect.stringContaining('政府標準利用規約'),
      asOf: '2020-10-01',
      confidence: 'secondary',
      note: expect.stringContaining('二次資料'),
    };
    // 65+ = 第1号被保険者 188,847; 75+ = 75–84 (72,642) + 85+ (35,633).
    expect(area('33100').demand.population).toEqual({
      aged65plus: 188847,
      aged75plus: 72642 + 35633,
      total: 724691,
      careCertified: 42236,
      sources: [
        { ...census, figures: ['total'] },
        { ...kaigo, figures: ['aged65plus', 'aged75plus', 'careCertified'] },
      ],
    });
    const totals = { '33101': 314523, '33102': 149232, '33103': 93108, '33104': 167828 };
    for (const [code, total] of Object.entries(totals)) {
      // Nothing by age for a ward: not in the data, never estimated or allocated from the city's figure.
      expect(area(code).demand.population).toEqual({
        aged65plus: null,
        aged75plus: null,
        total,
        careCertified: null,
        sources: [{ ...census, figures: ['total'] }],
      });
    }
    expect(body.population).toEqual({
      isAvailable: true,
      note: expect.stringContaining(
        '65歳以上・75歳以上・要介護（要支援）認定者（岡山市）: 出典：「介護保険事業状況報告」',
      ),
      sources: [
        { ...census, figures: ['total'], areaCodes: ['33100', ...wards] },
        { ...kaigo, figures: ['aged65plus', 'aged75plus', 'careCertified'], areaCodes: ['33100'] },
      ],
    });
    expect(body.population.note).toContain('北区・中区・東区・南区の65歳以上・75歳以上の人数はデータにない');
    expect(body.population.note).toContain('二次資料');
  });

  it('sets demand against population per 10,000, and suppresses the rate of a suppressed count', () => {
    // The city: 35 open and 10 discharged among 188,847 aged 65+ and 724,691 people.
    expect(area('33100').demand.rates).toEqual({
      per: 10000,
      openCasesPerAged65plus: { value: 1.85, suppressed: false },
      recentlyDischargedPerAged65plus: { value: 0.53, suppressed: false },
      openCasesPerPopulation: { value: 0.48, suppressed: false },
      recentlyDischargedPerPopulation: { value: 0.14, suppressed: false },
    });
    // 北区: no base by age (null, not suppressed); 20 open of 314,523 people.
    expect(area('33101').demand.rates).toMatchObject({
      openCasesPerAged65plus: { value: null, suppressed: false },
      openCasesPerPopulation: { value: 0.64, suppressed: false },
    });
    // 中区's 4 and 南区's 11 open cases are hidden: so are their rates, which would give them back.
    for (const code of ['33102', '33104'])
      expect(area(code).demand.rates.openCasesPerPopulation).toEqual({ value: null, suppressed: true });
    expect(area('33104').demand.rates.recentlyDischargedPerPopulation).toEqual({ value: 0.6, suppressed: false });
    expect(area('33103').demand.rates.openCasesPerPopulation).toEqual({ value: 0, suppressed: false });
    // No rate anywhere is computed from a hidden count.
    for (const code of ['33100', ...wards]) {
      const { demand } = area(code);
      for (const [rate, count] of [
        ['openCasesPerAged65plus', 'openCases'],
        ['openCasesPerPopulation', 'openCases'],
        ['recentlyDischargedPerAged65plus', 'recentlyDischarged'],
        ['recentlyDischargedPerPopulation', 'recentlyDischarged'],
      ] as const) {
        if (demand[count].suppressed)
          expect(demand.rates[rate], `${code} ${rate}`).toEqual({ value: null, suppressed: true });
      }
    }
  });

  it('audits the read', async () => {
    expect(body.suppression).toMatchObject({ threshold: 10, appliesTo: 'people' });
    const admin = await signedInAs(app, 'admin');
    const audit = await api(app.baseUrl, 'GET', '/api/v1/audit?entity=analytics', { token: admin.token });
    expect(audit.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actorUserId: city.user.id, details: { view: 'areas', recentDays: 90 } }),
      ]),
    );
  });
});
