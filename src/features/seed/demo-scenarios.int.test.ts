import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { settings } from '../../db/schema.js';
import { demoPassword, seedDemo } from './demo-seed.js';
import { demoPatients, demoScenariosKey, seedDemoScenarios, type DemoRequest } from './demo-scenarios.js';

// Wednesday 2026-11-25 10:00 JST
const start = new Date('2026-11-25T10:00:00+09:00');

describe('the demo scenarios', () => {
  let app: TestApp;
  let request: DemoRequest;
  const tokens: Record<string, string> = {};

  async function signIn(email: string): Promise<string> {
    const response = await api(app.baseUrl, 'POST', '/api/v1/auth/login', { body: { email, password: demoPassword } });
    expect(response.status, response.text).toBe(200);
    return response.body.token as string;
  }

  /** The liaison's demo cases, by patient name. */
  async function demoCases() {
    const list = await api(app.baseUrl, 'GET', '/api/v1/cases?q=デモ&limit=100', { token: tokens.liaison });
    expect(list.status, list.text).toBe(200);
    return list.body.items as any[];
  }

  function byName(items: any[], name: string) {
    const found = items.filter((item) => item.patient?.name === name);
    expect(found, name).toHaveLength(1);
    return found[0];
  }

  beforeAll(async () => {
    app = await startTestApp({ referenceData: 'full', demo: true, isolated: true, start });
    await seedDemo(app.database, app.clock.now());
    request = async (method, url, options = {}) => {
      const response = await api(app.baseUrl, method, url, options);
      return { status: response.status, body: response.body };
    };
  }, 240_000);
  afterAll(async () => {
    await app?.close();
  });

  it('seeds once even when two starts race, and a restart adds nothing', async () => {
    const [first, second] = await Promise.all([
      seedDemoScenarios({ database: app.database, request, now: app.clock.now() }),
      seedDemoScenarios({ database: app.database, request, now: app.clock.now() }),
    ]);
    const seeded = [first, second].filter((report) => report.status === 'seeded');
    expect(seeded).toHaveLength(1);
    expect(seeded[0]).toEqual({
      status: 'seeded',
      created: ['planning', 'referrals', 'center', 'conference', 'load_sharing'],
      notes: [],
    });
    const again = await seedDemoScenarios({ database: app.database, request, now: app.clock.now() });
    expect(again.status).toBe('already_seeded');
    const [marker] = await app.database.db.select().from(settings).where(eq(settings.key, demoScenariosKey));
    expect(marker?.value).toMatchObject({ status: 'done' });

    tokens.liaison = await signIn('liaison@demo.renkei.jp');
    const items = await demoCases();
    expect(items.map((item) => item.patient.name).sort()).toEqual(
      Object.values(demoPatients)
        .map((patient) => patient.name)
        .sort(),
    );
  });

  it('shows the hospital liaison her cases at their stages', async () => {
    const items = await demoCases();
    expect(byName(items, demoPatients.planning.name)).toMatchObject({
      status: 'planning',
      route: null,
      access: 'full',
      patient: { areaCode: '33101' },
    });
    expect(byName(items, demoPatients.referrals.name)).toMatchObject({ status: 'coordinating', route: 'direct' });
    expect(byName(items, demoPatients.center.name)).toMatchObject({
      status: 'coordinating',
      route: 'center',
      difficulty: ['symptom', 'welfare'],
    });
    expect(byName(items, demoPatients.conference.name)).toMatchObject({ route: 'direct' });
    // Planned discharges lie ahead of the seed time.
    for (const item of items) expect(item.plannedDischargeDate > '2026-11-25').toBe(true);
  });

  it('referred 訪問看護 to several stations: the demo station accepted, the others were withdrawn', async () => {
    const nurse = await signIn('nurse@demo.renkei.jp');
    const nurseOrganization = (await api(app.baseUrl, 'GET', '/api/v1/me', { token: nurse })).body.organizationId;
    const careManager = await signIn('caremanager@demo.renkei.jp');
    const office = (await api(app.baseUrl, 'GET', '/api/v1/me', { token: careManager })).body.organizationId;
    const hanako = byName(await demoCases(), demoPatients.referrals.name);

    const team = await api(app.baseUrl, 'GET', `/api/v1/cases/${hanako.id}/team`, { token: tokens.liaison });
    expect(team.body.members).toEqual([
      expect.objectContaining({
        role: 'visiting_nurse',
        organization: expect.objectContaining({ id: nurseOrganization }),
      }),
    ]);
    const nursing = team.body.referrals.filter((referral: any) => referral.role === 'visiting_nurse');
    expect(nursing.length).toBeGreaterThan(1);
    expect(nursing.filter((referral: any) => referral.status === 'accepted')).toEqual([
      expect.objectContaining({ organizationId: nurseOrganization }),
    ]);
    expect(nursing.filter((referral: any) => referral.status !== 'accepted').map((r: any) => r.status)).toEqual(
      nursing.slice(1).map(() => 'withdrawn'),
    );
    const managers = team.body.referrals.filter((referral: any) => referral.role === 'care_manager');
    expect(managers.length).toBeGreaterThan(0);
    expect(managers.every((referral: any) => referral.status === 'sent')).toBe(true);

    // The timeline and the notifications are those of users' actions.
    const timeline = await api(app.baseUrl, 'GET', `/api/v1/cases/${hanako.id}/timeline`, { token: tokens.liaison });
    expect(timeline.body.items.map((event: any) => event.kind)).toEqual(
      expect.arrayContaining(['created', 'route_direct', 'referrals_sent', 'referral_accepted']),
    );
    const notices = await api(app.baseUrl, 'GET', '/api/v1/notifications', { token: tokens.liaison });
    expect(notices.body.items.map((item: any) => item.kind)).toContain('referral_accepted');

    // The station sees the patient in full; the care manager office has the request in its open inbox.
    const asNurse = await api(app.baseUrl, 'GET', `/api/v1/cases/${hanako.id}`, { token: nurse });
    expect(asNurse.body).toMatchObject({ access: 'full', patient: { name: demoPatients.referrals.name } });
    const inbox = await api(app.baseUrl, 'GET', '/api/v1/referrals?box=inbox&status=sent', { token: careManager });
    expect(inbox.body.items.some((item: any) => item.caseId === hanako.id)).toBe(
      managers.some((r: any) => r.organizationId === office),
    );
  });

  it('handed the hard case to the Center as an open consultation', async () => {
    const center = await signIn('center@demo.renkei.jp');
    const jiro = byName(await demoCases(), demoPatients.center.name);
    const inbox = await api(app.baseUrl, 'GET', '/api/v1/center/consultations?status=open', { token: center });
    expect(inbox.body.items.filter((item: any) => item.caseId === jiro.id)).toEqual([
      expect.objectContaining({ status: 'open', difficulty: ['symptom', 'welfare'] }),
    ]);
  });

  it('scheduled a discharge conference with the team and started the case thread', async () => {
    const clinic = await signIn('clinic@demo.renkei.jp');
    const umeko = byName(await demoCases(), demoPatients.conference.name);
    const team = await api(app.baseUrl, 'GET', `/api/v1/cases/${umeko.id}/team`, { token: tokens.liaison });
    expect(team.body.members.map((member: any) => member.role).sort()).toEqual(['primary_doctor', 'visiting_nurse']);
    const conferences = await api(app.baseUrl, 'GET', `/api/v1/cases/${umeko.id}/conferences`, { token: clinic });
    expect(conferences.status, conferences.text).toBe(200);
    expect(conferences.body.items).toHaveLength(1);
    expect(conferences.body.items[0].startsAt > '2026-11-25').toBe(true);
    const thread = await api(app.baseUrl, 'GET', `/api/v1/cases/${umeko.id}/messages`, { token: clinic });
    expect(thread.body.items).toHaveLength(2);
    // The clinic, a team member, finds the case in its own list.
    const clinicCases = await api(app.baseUrl, 'GET', '/api/v1/cases?q=デモ', { token: clinic });
    expect(clinicCases.body.items.map((item: any) => item.id)).toContain(umeko.id);
  });

  it('gave the association one doctor pair and one rotation group with a draft roster', async () => {
    const association = await signIn('ishikai@demo.renkei.jp');
    const groups = await api(app.baseUrl, 'GET', '/api/v1/rotation-groups', { token: association });
    expect(groups.body.items).toHaveLength(1);
    const group = groups.body.items[0];
    expect(group.name).toContain('デモ');
    const pairs = await api(app.baseUrl, 'GET', `/api/v1/doctor-pairs?areaCode=${group.areaCode}`, {
      token: association,
    });
    expect(pairs.body.items).toHaveLength(1);
    const rosters = await api(app.baseUrl, 'GET', `/api/v1/rotation-groups/${group.id}/rosters`, {
      token: association,
    });
    expect(rosters.body.items.map((roster: any) => roster.status)).toEqual(['draft']);
  });

  it('keeps the directly coordinated cases direct for days: the hand-on check does not take them yet', async () => {
    app.clock.advance(4 * 24 * 3600 * 1000);
    await app.runDueJobs();
    tokens.liaison = await signIn('liaison@demo.renkei.jp');
    const items = await demoCases();
    expect(byName(items, demoPatients.referrals.name).route).toBe('direct');
    expect(byName(items, demoPatients.conference.name).route).toBe('direct');
    app.clock.set(start);
  });
});
