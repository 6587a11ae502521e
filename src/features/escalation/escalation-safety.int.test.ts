/**
 * The emergency chain over HTTP must be safe to follow in a hurry:
 * - a contact without a phone number is never placed before one that has one (it goes just before 119, which
 *   stays last), is marked (`phoneMissing`, reason 「電話番号未登録…」) and makes nobody wait (0 minutes);
 * - a psychiatric hospital (told by its name) is never offered as the acute backup of a sudden worsening,
 *   whatever function its profile gives it;
 * - the demo's invented function and backup designation are marked as demo values (`isDemoProfile`).
 * First on hand-made hospitals of 中区, then on the real reference data with the demo seed (where a
 * psychiatric hospital without a phone number once came first).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization, signedInAs } from '../../../test/helpers/factories.js';
import { organizations } from '../../db/schema.js';
import { seedDemo } from '../seed/demo-seed.js';

// Saturday 2026-12-12 02:00 JST: the moment of the report.
const reported = '2026-12-12T02:00:00+09:00';
const start = new Date('2026-12-01T10:00:00+09:00');
// A home in 中区 (今在家).
const home = { lat: 34.689473, lng: 133.949479, address: '岡山市中区今在家304-6' };
const psychiatricName = /精神|心療|メンタル/;

type Step = {
  order: number;
  role: string;
  organization: { id: string; name: string } | null;
  phone: string | null;
  reason: string;
  reasonCode: string;
  waitMinutes: number | null;
  phoneMissing: boolean;
  hospitalFunction: string | null;
  isDemoProfile: boolean;
};

/** The rule for phones: every step with a number, then those without (marked, no wait), then 119 last. */
function expectPhonedFirst(steps: Step[]) {
  expect(steps.at(-1)).toMatchObject({ role: 'emergency_119', phone: '119', waitMinutes: null });
  const contacts = steps.slice(0, -1);
  const firstMissing = contacts.findIndex((step) => !step.phone);
  if (firstMissing >= 0) expect(contacts.slice(firstMissing).every((step) => !step.phone)).toBe(true);
  for (const step of contacts) {
    expect(step.phoneMissing, step.organization?.name).toBe(!step.phone);
    if (!step.phone) {
      expect(step.reason).toMatch(/^電話番号未登録/);
      expect(step.waitMinutes).toBe(0);
    }
  }
  expect(steps.map((step) => step.order)).toEqual(steps.map((_, index) => index + 1));
}

/** A clinic that can be the patient's doctor (serves the elderly with home oxygen, near the home). */
function doctor(app: TestApp, name: string, phone: string | null) {
  return buildOrganization(app.database, {
    kind: 'clinic',
    name: `${name} ${randomUUID().slice(0, 4)}`,
    areaCode: '33102',
    lat: home.lat + 0.004,
    lng: home.lng + 0.004,
    phone,
    groups: ['elderly'],
    procedures: ['home_oxygen'],
    isAvailable24h: true,
    coverageRadiusKm: 10,
    availabilityStatus: 'accepting',
    freeSlots: 3,
    availabilityUpdatedAt: start,
  });
}

async function openCaseInNakaKu(app: TestApp, team: { role: string; organizationId: string }[]) {
  const liaison = await signedInAs(app, 'hospital_liaison', { name: `テスト連携病院 ${randomUUID().slice(0, 4)}` });
  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    api(app.baseUrl, method, path, { token: liaison.token, body, ...(headers ? { headers } : {}) });
  const created = await call('POST', '/api/v1/cases', {
    patient: {
      name: '岡山 中子',
      nameKana: 'おかやま なかこ',
      birthDate: '1940-02-02',
      sex: 'female',
      address: home.address,
      phone: '086-000-3333',
      lat: home.lat,
      lng: home.lng,
    },
    groups: ['elderly'],
    procedures: ['home_oxygen'],
    careLevel: 'care_3',
    plannedDischargeDate: '2026-12-05',
    consent: { scope: ['center', 'referral_summary', 'team_record'], recordedBy: '退院調整看護師 山田' },
  });
  expect(created.status, created.text).toBe(201);
  const caseId = created.body.id as string;
  expect(created.body.patient?.areaCode ?? created.body.areaCode).toBe('33102');
  const routed = await call(
    'POST',
    `/api/v1/cases/${caseId}/route`,
    { route: 'direct' },
    {
      'if-match': `"${created.body.version}"`,
    },
  );
  expect(routed.status, routed.text).toBe(200);
  for (const member of team) {
    const added = await call('POST', `/api/v1/cases/${caseId}/team`, member);
    expect(added.status, added.text).toBe(201);
  }
  return {
    liaison,
    escalation: async (condition: 'acute' | 'non_acute') => {
      const response = await call(
        'GET',
        `/api/v1/cases/${caseId}/escalation?at=${encodeURIComponent(reported)}&condition=${condition}`,
      );
      expect(response.status, response.text).toBe(200);
      return response.body as { steps: Step[]; skipped: { organization: { id: string }; reasonCode: string }[] };
    },
  };
}

describe('the emergency chain puts callable contacts first and no psychiatric hospital as acute backup', () => {
  let app: TestApp;
  let chain: Awaited<ReturnType<typeof openCaseInNakaKu>>;
  const hospitals: Record<string, { id: string; name: string }> = {};

  async function hospital(
    key: string,
    name: string,
    values: { hospitalFunction: string; phone: string | null; distance: number; isDemoProfile: boolean },
  ) {
    const row = await buildOrganization(app.database, {
      kind: 'hospital',
      name: `${name} ${randomUUID().slice(0, 4)}`,
      areaCode: '33102',
      address: '岡山市中区テスト町1-1',
      lat: home.lat + values.distance,
      lng: home.lng,
      phone: values.phone,
      hospitalFunction: values.hospitalFunction,
      isBackupHospital: true,
      backupAreaCodes: ['33102'],
      isDemoProfile: values.isDemoProfile,
    });
    hospitals[key] = { id: row.id, name: row.name };
  }

  beforeAll(async () => {
    app = await startTestApp({ start, isolated: true });
    // Nearest first: a psychiatric hospital made "advanced acute" without a phone, as the report found.
    await hospital('psychiatric', '公益財団法人テスト精神医学研究所附属テスト精神科神経科病院', {
      hospitalFunction: 'advanced_acute',
      phone: null,
      distance: 0.001,
      isDemoProfile: true,
    });
    await hospital('unreachable', 'テスト高度急性期病院', {
      hospitalFunction: 'advanced_acute',
      phone: null,
      distance: 0.002,
      isDemoProfile: true,
    });
    await hospital('phonedPsychiatric', 'テスト心療病院', {
      hospitalFunction: 'acute',
      phone: '086-555-0001',
      distance: 0.003,
      isDemoProfile: false,
    });
    await hospital('acute', 'テスト急性期病院', {
      hospitalFunction: 'acute',
      phone: '086-555-0002',
      distance: 0.02,
      isDemoProfile: true,
    });
    await hospital('recovery', 'テスト回復期病院', {
      hospitalFunction: 'recovery',
      phone: '086-555-0003',
      distance: 0.03,
      isDemoProfile: false,
    });
    const primary = await doctor(app, '中区主治医クリニック', '086-555-1001');
    // A secondary doctor whose number nobody registered.
    const secondary = await doctor(app, '番号なし副主治医医院', null);
    hospitals.secondary = { id: secondary.id, name: secondary.name };
    chain = await openCaseInNakaKu(app, [
      { role: 'primary_doctor', organizationId: primary.id },
      { role: 'secondary_doctor', organizationId: secondary.id },
    ]);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('places every contact without a phone number after those with one, marked and without a wait', async () => {
    const { steps } = await chain.escalation('acute');
    expectPhonedFirst(steps);
    expect(steps.map((step) => [step.role, step.organization?.id ?? null, step.waitMinutes])).toEqual([
      ['primary_doctor', expect.any(String), 5],
      ['backup_hospital', hospitals.acute!.id, 10],
      ['backup_hospital', hospitals.recovery!.id, 10],
      ['secondary_doctor', hospitals.secondary!.id, 0],
      ['backup_hospital', hospitals.unreachable!.id, 0],
      ['emergency_119', null, null],
    ]);
    expect(steps.filter((step) => step.phoneMissing).map((step) => step.organization?.id)).toEqual([
      hospitals.secondary!.id,
      hospitals.unreachable!.id,
    ]);
  });

  it('never offers a psychiatric hospital as the acute backup, with or without a phone number, and says why', async () => {
    const { steps, skipped } = await chain.escalation('acute');
    const backups = steps.filter((step) => step.role === 'backup_hospital');
    for (const step of backups) expect(step.organization?.name).not.toMatch(psychiatricName);
    expect(backups[0]).toMatchObject({ organization: { id: hospitals.acute!.id }, hospitalFunction: 'acute' });
    expect(backups[0]!.reason).toMatch(/急性期の病院を先に/);
    expect(
      skipped
        .filter((entry) => entry.reasonCode === 'backup_psychiatric')
        .map((entry) => entry.organization.id)
        .sort(),
    ).toEqual([hospitals.psychiatric!.id, hospitals.phonedPsychiatric!.id].sort());

    // Not acute: a psychiatric hospital may be called, but after the others and never "acute first".
    const calmer = await chain.escalation('non_acute');
    expectPhonedFirst(calmer.steps);
    expect(calmer.steps.filter((step) => step.role === 'backup_hospital').map((step) => step.organization?.id)).toEqual(
      [hospitals.recovery!.id, hospitals.acute!.id, hospitals.phonedPsychiatric!.id],
    );
    for (const step of calmer.steps) expect(step.reason).not.toMatch(/急性期の病院を先に/);
  });

  it('marks the demo’s invented function and backup designation as demo values, in the chain and the list', async () => {
    const { steps } = await chain.escalation('acute');
    const byId = new Map(steps.map((step) => [step.organization?.id, step]));
    expect(byId.get(hospitals.acute!.id)?.isDemoProfile).toBe(true);
    expect(byId.get(hospitals.unreachable!.id)?.isDemoProfile).toBe(true);
    expect(byId.get(hospitals.recovery!.id)?.isDemoProfile).toBe(false);
    expect(steps.find((step) => step.role === 'primary_doctor')?.isDemoProfile).toBe(false);

    const listed = await api(app.baseUrl, 'GET', '/api/v1/backup-hospitals?areaCode=33102', {
      token: chain.liaison.token,
    });
    expect(listed.status, listed.text).toBe(200);
    const items = new Map(listed.body.items.map((item: any) => [item.organization.id, item]));
    expect(items.get(hospitals.acute!.id)).toMatchObject({ isDemoProfile: true, hospitalFunction: 'acute' });
    expect(items.get(hospitals.recovery!.id)).toMatchObject({ isDemoProfile: false });
  });
});

describe('the demo on the real reference data: 中区 at the reported moment', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ referenceData: 'full', isolated: true, start });
    await seedDemo(app.database, app.clock.now());
  }, 240_000);
  afterAll(async () => {
    await app?.close();
  });

  it('designates no psychiatric hospital as a backup hospital, and takes back what an earlier demo invented', async () => {
    const reader = await signedInAs(app, 'provider');
    const listed = async () => {
      const response = await api(app.baseUrl, 'GET', '/api/v1/backup-hospitals?areaCode=33102&limit=100', {
        token: reader.token,
      });
      expect(response.status, response.text).toBe(200);
      return response.body.items as any[];
    };
    const items = await listed();
    expect(items.length).toBeGreaterThan(0);
    expect(items.filter((item) => psychiatricName.test(item.organization.name))).toEqual([]);
    // Every designation the demo made is marked as such.
    expect(items.every((item) => item.isDemoProfile === true)).toBe(true);

    // An earlier demo made psychiatric hospitals acute backups: a new run of the seed takes it back.
    const demoHospitals = await app.database.db
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(and(eq(organizations.kind, 'hospital'), eq(organizations.isDemoProfile, true)));
    const psychiatric = demoHospitals.filter((row) => psychiatricName.test(row.name)).map((row) => row.id);
    expect(psychiatric.length).toBeGreaterThan(0);
    await app.database.db
      .update(organizations)
      .set({ hospitalFunction: 'advanced_acute', isBackupHospital: true, backupAreaCodes: ['33102'] })
      .where(inArray(organizations.id, psychiatric));
    expect((await listed()).filter((item) => psychiatricName.test(item.organization.name)).length).toBeGreaterThan(0);
    await seedDemo(app.database, app.clock.now());
    expect((await listed()).filter((item) => psychiatricName.test(item.organization.name))).toEqual([]);
  });

  it('calls a patient in 中区 in a safe order, even when an acute-marked psychiatric hospital is nearest', async () => {
    // The state the report found, whatever the seed does: every psychiatric hospital an "advanced acute" backup.
    const demoHospitals = await app.database.db
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(eq(organizations.kind, 'hospital'));
    const psychiatric = demoHospitals.filter((row) => psychiatricName.test(row.name)).map((row) => row.id);
    await app.database.db
      .update(organizations)
      .set({ hospitalFunction: 'advanced_acute', isBackupHospital: true, backupAreaCodes: ['33102'] })
      .where(inArray(organizations.id, psychiatric));

    const primary = await doctor(app, '中区主治医クリニック', '086-555-2001');
    const chain = await openCaseInNakaKu(app, [{ role: 'primary_doctor', organizationId: primary.id }]);
    const { steps, skipped } = await chain.escalation('acute');
    expectPhonedFirst(steps);
    const backups = steps.filter((step) => step.role === 'backup_hospital');
    expect(backups.length).toBeGreaterThan(0);
    expect(backups[0]!.phone).toBeTruthy();
    for (const step of backups) {
      expect(step.organization?.name).not.toMatch(psychiatricName);
      expect(step.isDemoProfile).toBe(true);
    }
    expect(skipped.filter((entry) => entry.reasonCode === 'backup_psychiatric').length).toBeGreaterThan(0);
  });
});
