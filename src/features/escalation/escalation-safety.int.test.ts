/**
 * The emergency chain over HTTP must be safe to follow in a hurry:
 * - the order is the clinical one — 主治医 → 副主治医 → 輪番の当番医 → 後方支援病院 → 119 — whatever phone numbers are
 *   on file: a contact without one keeps its place, marked (`phoneMissing`, reason 「電話番号未登録…」), with its
 *   role's wait (most clinics in the public data have no number: moving them after the hospitals put hospitals
 *   before the patient's own doctor);
 * - a psychiatric hospital (told by its name) is never offered as the acute backup of a sudden worsening,
 *   whatever function its profile gives it; for an acute change the acute hospitals come first;
 * - the demo invents no backup designation for a specialised hospital or centre (岡山療護センター …);
 * - the demo's invented function and backup designation are marked as demo values (`isDemoProfile`).
 * First on hand-made hospitals of 中区, then on the real reference data with the demo seed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization, signedInAs } from '../../../test/helpers/factories.js';
import { organizations } from '../../db/schema.js';
import { seedDemo } from '../seed/demo-seed.js';
import { pdfText } from '../../../test/helpers/pdf-text.js';
import { writeInBlank } from './emergency-card-pdf.js';

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

const roleOrder = ['primary_doctor', 'secondary_doctor', 'on_duty', 'backup_hospital', 'emergency_119'];

/** The clinical order, phones or not: roles in the contract's order, 119 last, a missing number marked in place. */
function expectClinicalOrder(steps: Step[]) {
  expect(steps.at(-1)).toMatchObject({ role: 'emergency_119', phone: '119', waitMinutes: null });
  const ranks = steps.map((step) => roleOrder.indexOf(step.role));
  expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  for (const step of steps.slice(0, -1)) {
    expect(step.phoneMissing, step.organization?.name).toBe(!step.phone);
    expect(step.waitMinutes, step.organization?.name).toBeGreaterThan(0);
    if (!step.phone) expect(step.reason).toMatch(/^電話番号未登録/);
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
    /** The emergency card's text, spaces removed. */
    card: async (size: 'a4' | 'card') => {
      const response = await fetch(
        `${app.baseUrl}/api/v1/cases/${caseId}/emergency-card.pdf?size=${size}&at=${encodeURIComponent(reported)}`,
        { headers: { authorization: `Bearer ${liaison.token}` } },
      );
      expect(response.status, response.status === 200 ? '' : await response.text()).toBe(200);
      return pdfText(Buffer.from(await response.arrayBuffer())).replace(/\s+/g, '');
    },
  };
}

describe('the emergency chain keeps the clinical order and no psychiatric hospital as acute backup', () => {
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

  it('keeps a contact without a phone number in its place, marked, with its role’s wait', async () => {
    const { steps } = await chain.escalation('acute');
    expectClinicalOrder(steps);
    expect(steps.map((step) => [step.role, step.organization?.id ?? null, step.waitMinutes])).toEqual([
      ['primary_doctor', expect.any(String), 5],
      ['secondary_doctor', hospitals.secondary!.id, 5],
      ['backup_hospital', hospitals.unreachable!.id, 10],
      ['backup_hospital', hospitals.acute!.id, 10],
      ['backup_hospital', hospitals.recovery!.id, 10],
      ['emergency_119', null, null],
    ]);
    expect(steps.filter((step) => step.phoneMissing).map((step) => step.organization?.id)).toEqual([
      hospitals.secondary!.id,
      hospitals.unreachable!.id,
    ]);
  });

  it('prints the card in the same clinical order, with a line to write in the missing number', async () => {
    const flat = (text: string) => text.replace(/\s+/g, '');
    for (const size of ['a4', 'card'] as const) {
      const text = await chain.card(size);
      const at = (id: string) => text.indexOf(flat(hospitals[id]!.name));
      expect(at('secondary'), size).toBeGreaterThan(-1);
      // The secondary doctor without a number comes before every hospital, as in the chain.
      expect(at('secondary'), size).toBeLessThan(at('unreachable'));
      expect(at('unreachable'), size).toBeLessThan(at('acute'));
      expect(text, size).toContain(writeInBlank);
      expect(text, size).toContain(flat('の欄は電話番号が登録されていません'));
      expect(text, size).not.toContain('待たずに次へ');
    }
  });

  it('never offers a psychiatric hospital as the acute backup, with or without a phone number, and says why', async () => {
    const { steps, skipped } = await chain.escalation('acute');
    const backups = steps.filter((step) => step.role === 'backup_hospital');
    for (const step of backups) expect(step.organization?.name).not.toMatch(psychiatricName);
    expect(backups[0]).toMatchObject({
      organization: { id: hospitals.unreachable!.id },
      hospitalFunction: 'advanced_acute',
    });
    expect(backups[0]!.reason).toMatch(/急性期の病院を先に/);
    expect(
      skipped
        .filter((entry) => entry.reasonCode === 'backup_psychiatric')
        .map((entry) => entry.organization.id)
        .sort(),
    ).toEqual([hospitals.psychiatric!.id, hospitals.phonedPsychiatric!.id].sort());

    // Not acute: a psychiatric hospital may be called, but after the others and never "acute first".
    const calmer = await chain.escalation('non_acute');
    expectClinicalOrder(calmer.steps);
    expect(calmer.steps.filter((step) => step.role === 'backup_hospital').map((step) => step.organization?.id)).toEqual(
      [hospitals.recovery!.id, hospitals.unreachable!.id, hospitals.acute!.id],
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

  it('designates no specialised hospital or centre as a backup (療護センター, 療育, 健診 …), and takes back an earlier one', async () => {
    const reader = await signedInAs(app, 'provider');
    const specialisedName = /療護|療育|健康づくり|外来センター|母と子|整形外科|脳神経外科|心臓病/;
    const listed = async () => {
      const response = await api(app.baseUrl, 'GET', '/api/v1/backup-hospitals?limit=100', { token: reader.token });
      expect(response.status, response.text).toBe(200);
      return (response.body.items as any[]).map((item) => item.organization.name as string);
    };
    expect((await listed()).filter((name) => specialisedName.test(name))).toEqual([]);
    // An earlier demo made 岡山療護センター a backup of 北区: a new run of the seed takes it back.
    const [centre] = await app.database.db
      .select({ id: organizations.id, name: organizations.name })
      .from(organizations)
      .where(eq(organizations.name, '独立行政法人自動車事故対策機構 岡山療護センター'));
    expect(centre).toBeDefined();
    await app.database.db
      .update(organizations)
      .set({ hospitalFunction: 'acute', isBackupHospital: true, backupAreaCodes: ['33101'], isDemoProfile: true })
      .where(eq(organizations.id, centre!.id));
    expect(await listed()).toContain(centre!.name);
    await seedDemo(app.database, app.clock.now());
    expect(await listed()).not.toContain(centre!.name);
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
    expectClinicalOrder(steps);
    expect(steps[0]).toMatchObject({ role: 'primary_doctor', organization: { id: primary.id } });
    const backups = steps.filter((step) => step.role === 'backup_hospital');
    expect(backups.length).toBeGreaterThan(0);
    // Acute first: the first backup of an acute change is an acute hospital (中区 has some), never a 慢性期 one.
    expect(['advanced_acute', 'acute']).toContain(backups[0]!.hospitalFunction);
    for (const step of backups) {
      expect(step.organization?.name).not.toMatch(psychiatricName);
      expect(step.isDemoProfile).toBe(true);
    }
    expect(skipped.filter((entry) => entry.reasonCode === 'backup_psychiatric').length).toBeGreaterThan(0);
  });
});
