/**
 * Crash safety (issue 5): the server is killed with SIGKILL in the middle of a burst of referral
 * acceptances, restarted, and every acknowledged change must be there, with the database
 * consistent — one acceptance per role, the others withdrawn, a notification (outbox row) and a
 * timeline entry for every acceptance. On PGlite (data directory) and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import pg from 'pg';
import { api } from '../helpers/http.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { testDatabaseKind } from '../helpers/test-app.js';

const password = 'renkei-demo-2026';
const cases = 8;
const stations = 8;

async function signIn(baseUrl: string, email: string, secret = password): Promise<string> {
  const response = await api(baseUrl, 'POST', '/api/v1/auth/login', { body: { email, password: secret } });
  if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${response.text}`);
  return response.body.token as string;
}

describe('crash safety of referral acceptance', () => {
  let dataDir = '';
  let databaseUrl = '';
  let dropDatabase: (() => Promise<void>) | null = null;
  let server: ServerProcess | null = null;
  const environment = (): Record<string, string> =>
    testDatabaseKind() === 'postgresql'
      ? { DATABASE_URL: databaseUrl, RENKEI_SECRET: 'crash-safety-secret-0123456789-abcdefghij' }
      : { RENKEI_DATA_DIR: dataDir };

  beforeAll(async () => {
    if (testDatabaseKind() === 'postgresql') {
      const shared = new URL(inject('postgresUrl'));
      const name = `${shared.pathname.slice(1)}_crash_${randomUUID().slice(0, 6)}`;
      const admin = new URL(shared.toString());
      admin.pathname = '/postgres';
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      await client.query(`CREATE DATABASE "${name}"`);
      await client.end();
      const url = new URL(shared.toString());
      url.pathname = `/${name}`;
      databaseUrl = url.toString();
      dropDatabase = async () => {
        const cleanup = new pg.Client({ connectionString: admin.toString() });
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await cleanup.end();
      };
    } else {
      dataDir = mkdtempSync(path.join(tmpdir(), 'renkei-crash-'));
    }
  }, 60_000);

  afterAll(async () => {
    server?.kill();
    await server?.exited;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await dropDatabase?.();
  });

  it('keeps every acknowledged acceptance and stays consistent after SIGKILL and restart', async () => {
    server = await startServerProcess({ args: ['--demo'], env: environment() });
    await server.waitUntilHealthy(180_000);
    const baseUrl = server.baseUrl;
    const admin = await signIn(baseUrl, 'admin@demo.renkei.jp');
    const liaison = await signIn(baseUrl, 'liaison@demo.renkei.jp');

    // 訪問看護ステーション8か所（対応能力つき）と、それぞれの利用者。
    const home = { lat: 34.6655, lng: 133.9186 };
    const stationTokens: { organizationId: string; token: string }[] = [];
    for (let index = 0; index < stations; index += 1) {
      const created = await api(baseUrl, 'POST', '/api/v1/organizations', {
        token: admin,
        body: {
          name: `クラッシュ試験 訪問看護 ${index} ${randomUUID().slice(0, 4)}`,
          kind: 'visiting_nursing',
          address: '岡山市北区大供1丁目',
          areaCode: '33101',
          lat: home.lat + index * 0.001,
          lng: home.lng,
          capabilities: { groups: ['elderly'], procedures: ['home_oxygen'], available24h: true },
          coverage: { radiusKm: 15 },
        },
      });
      expect(created.status).toBe(201);
      const organizationId = created.body.id as string;
      const availability = await api(baseUrl, 'PUT', `/api/v1/organizations/${organizationId}/availability`, {
        token: admin,
        body: { status: 'accepting', freeSlots: 10 },
        headers: { 'if-match': `"${created.body.version}"` },
      });
      expect(availability.status).toBe(200);
      const email = `crash-${index}-${randomUUID().slice(0, 6)}@example.jp`;
      const user = await api(baseUrl, 'POST', '/api/v1/users', {
        token: admin,
        body: { email, name: `看護師 ${index}`, role: 'provider', organizationId, password: 'crash-safety-password-1' },
      });
      expect(user.status).toBe(201);
      const token = await signIn(baseUrl, email, 'crash-safety-password-1');
      // The password the admin set opens nothing else until the user has chosen their own.
      const changed = await api(baseUrl, 'POST', '/api/v1/me/password', {
        token,
        body: { currentPassword: 'crash-safety-password-1', newPassword: 'crash-safety-password-2' },
      });
      expect(changed.status).toBe(200);
      stationTokens.push({ organizationId, token });
    }

    // 病院が8人の患者を登録し、それぞれ8か所に訪問看護の紹介を送る（64件）。
    const referralIds: { caseId: string; referralId: string; organizationId: string }[] = [];
    for (let index = 0; index < cases; index += 1) {
      const created = await api(baseUrl, 'POST', '/api/v1/cases', {
        token: liaison,
        body: {
          patient: {
            name: `試験 患者${index}`,
            nameKana: 'しけん かんじゃ',
            birthDate: '1940-01-01',
            sex: 'male',
            address: '岡山市北区大供1丁目1-1',
            lat: home.lat,
            lng: home.lng,
          },
          groups: ['elderly'],
          procedures: ['home_oxygen'],
          careLevel: 'care_2',
          // 60 days ahead in Tokyo: a planned discharge is at most a year ahead.
          plannedDischargeDate: new Date(Date.now() + (60 * 24 + 9) * 3_600_000).toISOString().slice(0, 10),
          consent: { scope: ['center', 'referral_summary', 'team_record'], recordedBy: '試験' },
        },
      });
      expect(created.status).toBe(201);
      const caseId = created.body.id as string;
      await api(baseUrl, 'POST', `/api/v1/cases/${caseId}/route`, {
        token: liaison,
        body: { route: 'direct' },
        headers: { 'if-match': `"${created.body.version}"` },
      });
      const sent = await api(baseUrl, 'POST', `/api/v1/cases/${caseId}/referrals`, {
        token: liaison,
        body: {
          role: 'visiting_nurse',
          organizationIds: stationTokens.map((station) => station.organizationId),
          respondWithinBusinessDays: 5,
        },
      });
      expect(sent.status).toBe(201);
      for (const item of sent.body.items)
        referralIds.push({ caseId, referralId: item.id, organizationId: item.organization.id });
    }

    // 全事業所が一斉に受諾し、途中でサーバーを SIGKILL する。
    const acknowledged: string[] = [];
    let answered = 0;
    const running = server;
    const burst = referralIds.map(async ({ referralId, organizationId }) => {
      const token = stationTokens.find((station) => station.organizationId === organizationId)?.token ?? '';
      try {
        const response = await api(baseUrl, 'POST', `/api/v1/referrals/${referralId}/accept`, { token });
        answered += 1;
        if (response.status === 200) acknowledged.push(referralId);
        if (answered === Math.floor(referralIds.length / 3)) running.child.kill('SIGKILL');
      } catch {
        // the connection died with the server: the outcome of this request is unknown
      }
    });
    await Promise.all(burst);
    expect(await running.exited).toBe('SIGKILL');
    expect(answered).toBeLessThan(referralIds.length);

    // Restart on the same data.
    server = await startServerProcess({ args: ['--demo'], env: environment() });
    await server.waitUntilHealthy(180_000);
    const liaisonAfter = await signIn(server.baseUrl, 'liaison@demo.renkei.jp');
    for (const referralId of acknowledged) {
      const referral = await api(server.baseUrl, 'GET', `/api/v1/referrals/${referralId}`, { token: liaisonAfter });
      expect(referral.body.status, `acknowledged acceptance ${referralId}`).toBe('accepted');
    }
    const notifications = await api(server.baseUrl, 'GET', '/api/v1/notifications?limit=500', { token: liaisonAfter });
    const acceptedNotices = new Set(
      notifications.body.items
        .filter((item: any) => item.kind === 'referral_accepted')
        .map((item: any) => item.entityId as string),
    );
    for (const caseId of [...new Set(referralIds.map((entry) => entry.caseId))]) {
      const team = await api(server.baseUrl, 'GET', `/api/v1/cases/${caseId}/team`, { token: liaisonAfter });
      const accepted = team.body.referrals.filter((referral: any) => referral.status === 'accepted');
      const nurses = team.body.members.filter((member: any) => member.role === 'visiting_nurse');
      expect(accepted.length).toBeLessThanOrEqual(1);
      expect(nurses).toHaveLength(accepted.length);
      if (accepted.length === 1) {
        expect(nurses[0].organization.id).toBe(accepted[0].organizationId);
        expect(
          team.body.referrals.filter((referral: any) => ['sent', 'viewed', 'needs_info'].includes(referral.status)),
        ).toHaveLength(0);
        expect(acceptedNotices.has(accepted[0].id)).toBe(true);
        const timeline = await api(server.baseUrl, 'GET', `/api/v1/cases/${caseId}/timeline`, { token: liaisonAfter });
        expect(timeline.body.items.filter((event: any) => event.kind === 'referral_accepted')).toHaveLength(1);
      }
    }
    // The acceptances that were acknowledged are a subset of what the database holds.
    expect(acknowledged.length).toBeGreaterThan(0);
  }, 600_000);
});
