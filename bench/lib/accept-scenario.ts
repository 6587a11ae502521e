/**
 * The scene of benchmark W4 (accept a referral), set up through the API of a server started with
 * `--demo` (so that an administrator and a hospital liaison exist, on PostgreSQL and on PGlite
 * alike): visiting-nursing stations with their own users, and cases each with one referral batch
 * for the visiting-nurse role sent to every station. Thousands of pending referrals are then
 * cloned from one such case in SQL (cases, referrals, their expiry jobs), since sending them
 * through the API would take longer than the benchmark.
 */
import { randomUUID } from 'node:crypto';

export const demoPassword = 'renkei-demo-2026';
const home = { lat: 34.6655, lng: 133.9186 };

type Answer = { status: number; body: any };

async function api(
  baseUrl: string,
  method: string,
  pathName: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await fetch(`${baseUrl}${pathName}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

function expectStatus(answer: Answer, status: number, what: string): any {
  if (answer.status !== status) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export async function signInAs(baseUrl: string, email: string, password: string): Promise<string> {
  const body = expectStatus(
    await api(baseUrl, 'POST', '/api/v1/auth/login', { body: { email, password } }),
    200,
    `login ${email}`,
  );
  return body.token as string;
}

export type Station = { organizationId: string; token: string };
export type CaseReferrals = { caseId: string; referralIds: string[] };
export type Scenario = { stations: Station[]; template: CaseReferrals; captures: CaseReferrals[] };

/** Registers a patient, routes the case directly and sends one referral to every station. */
async function caseWithReferrals(baseUrl: string, liaison: string, stations: Station[], index: number) {
  const created = expectStatus(
    await api(baseUrl, 'POST', '/api/v1/cases', {
      token: liaison,
      body: {
        patient: {
          name: `ベンチ 患者${index}`,
          nameKana: 'べんち かんじゃ',
          birthDate: '1940-01-01',
          sex: 'female',
          address: '岡山市北区大供1丁目1-1',
          lat: home.lat,
          lng: home.lng,
        },
        groups: ['elderly'],
        procedures: ['home_oxygen'],
        careLevel: 'care_2',
        // 60 days ahead in Tokyo: a planned discharge is at most a year ahead.
        plannedDischargeDate: new Date(Date.now() + (60 * 24 + 9) * 3_600_000).toISOString().slice(0, 10),
        consent: { scope: ['center', 'referral_summary', 'team_record'], recordedBy: 'ベンチマーク' },
      },
    }),
    201,
    'create case',
  );
  expectStatus(
    await api(baseUrl, 'POST', `/api/v1/cases/${created.id}/route`, {
      token: liaison,
      body: { route: 'direct' },
      headers: { 'if-match': `"${created.version}"` },
    }),
    200,
    'route the case',
  );
  const sent = expectStatus(
    await api(baseUrl, 'POST', `/api/v1/cases/${created.id}/referrals`, {
      token: liaison,
      body: {
        role: 'visiting_nurse',
        organizationIds: stations.map((station) => station.organizationId),
        respondWithinBusinessDays: 5,
      },
    }),
    201,
    'send referrals',
  );
  const items = sent.items as { id: string; organization: { id: string } }[];
  return {
    caseId: created.id as string,
    referralIds: stations.map(
      (station) => items.find((item) => item.organization.id === station.organizationId)?.id ?? '',
    ),
  };
}

/** Stations and cases through the API of a server started with --demo. */
export async function buildScenario(baseUrl: string, stationCount: number, captureCount: number): Promise<Scenario> {
  const admin = await signInAs(baseUrl, 'admin@demo.renkei.jp', demoPassword);
  const liaison = await signInAs(baseUrl, 'liaison@demo.renkei.jp', demoPassword);
  const stations: Station[] = [];
  for (let index = 0; index < stationCount; index += 1) {
    const created = expectStatus(
      await api(baseUrl, 'POST', '/api/v1/organizations', {
        token: admin,
        body: {
          name: `ベンチマーク訪問看護ステーション ${index + 1}`,
          kind: 'visiting_nursing',
          address: '岡山市北区大供1丁目',
          areaCode: '33101',
          lat: home.lat + index * 0.002,
          lng: home.lng,
          capabilities: { groups: ['elderly'], procedures: ['home_oxygen'], available24h: true },
          coverage: { radiusKm: 15 },
        },
      }),
      201,
      'create a station',
    );
    expectStatus(
      await api(baseUrl, 'PUT', `/api/v1/organizations/${created.id}/availability`, {
        token: admin,
        body: { status: 'accepting', freeSlots: 100 },
        headers: { 'if-match': `"${created.version}"` },
      }),
      200,
      'station availability',
    );
    const email = `bench-w4-${index}-${randomUUID().slice(0, 8)}@example.jp`;
    const password = `bench-${randomUUID()}`;
    expectStatus(
      await api(baseUrl, 'POST', '/api/v1/users', {
        token: admin,
        body: { email, name: `ベンチ 看護師${index + 1}`, role: 'provider', organizationId: created.id, password },
      }),
      201,
      'create a station user',
    );
    const token = await signInAs(baseUrl, email, password);
    // A password an administrator set opens only the password change until the user chooses their own.
    expectStatus(
      await api(baseUrl, 'POST', '/api/v1/me/password', {
        token,
        body: { currentPassword: password, newPassword: `${password}-own` },
      }),
      200,
      'change the initial password',
    );
    stations.push({ organizationId: created.id as string, token });
  }
  const template = await caseWithReferrals(baseUrl, liaison, stations, 0);
  const captures: CaseReferrals[] = [];
  for (let index = 1; index <= captureCount; index += 1) {
    captures.push(await caseWithReferrals(baseUrl, liaison, stations, index));
  }
  return { stations, template, captures };
}

/** POST /api/v1/referrals/:id/accept as the receiving station; returns the HTTP status. */
export async function accept(baseUrl: string, token: string, referralId: string): Promise<number> {
  return (await api(baseUrl, 'POST', `/api/v1/referrals/${referralId}/accept`, { token })).status;
}

/** pg.Client and PGlite both answer this. */
export type SqlExecutor = { query(text: string, parameters?: unknown[]): Promise<{ rows: unknown[] }> };

export type QueueRow = { n: number; case_id: string } & Record<`ref_${number}`, string>;

/** The queue of pending copies (n, case, referral by station) and its sequence. */
export async function ensureQueueTable(executor: SqlExecutor, queueTable: string, stationCount: number): Promise<void> {
  if (!/^[a-z_]+$/.test(queueTable)) throw new Error(`unsafe table name ${queueTable}`);
  const referenceColumns = Array.from({ length: stationCount }, (_, index) => `ref_${index} uuid NOT NULL`).join(', ');
  await executor.query(
    `CREATE TABLE IF NOT EXISTS ${queueTable} (n bigint PRIMARY KEY, case_id uuid NOT NULL, ${referenceColumns})`,
  );
  await executor.query(`CREATE SEQUENCE IF NOT EXISTS ${queueTable}_seq`);
}

/**
 * Clones `count` copies of the template case (rows n = from … from + count − 1 of `queueTable`):
 * the case, its referrals (new ids, new batch) and their pending expiry jobs, exactly as sending
 * the referrals wrote them; the queue table lists each copy's case and referral ids by station.
 */
export async function clonePending(
  executor: SqlExecutor,
  input: { templateCaseId: string; stationIds: string[]; queueTable: string; from: number; count: number },
): Promise<void> {
  const { templateCaseId, stationIds, queueTable, from, count } = input;
  await ensureQueueTable(executor, queueTable, stationIds.length);
  await executor.query('CREATE TEMP TABLE IF NOT EXISTS bench_new (n bigint, case_id uuid, batch_id uuid)');
  for (let start = from; start < from + count; start += 2000) {
    const end = Math.min(from + count, start + 2000) - 1;
    await executor.query('BEGIN');
    try {
      await executor.query('DELETE FROM bench_new');
      await executor.query(
        'INSERT INTO bench_new SELECT n, gen_random_uuid(), gen_random_uuid() FROM generate_series($1::bigint, $2::bigint) n',
        [start, end],
      );
      await executor.query(
        `INSERT INTO cases SELECT (jsonb_populate_record(NULL::cases, to_jsonb(c) || jsonb_build_object('id', b.case_id))).*
         FROM cases c CROSS JOIN bench_new b WHERE c.id = $1`,
        [templateCaseId],
      );
      await executor.query(
        `INSERT INTO referrals SELECT (jsonb_populate_record(NULL::referrals, to_jsonb(r) ||
           jsonb_build_object('id', gen_random_uuid(), 'case_id', b.case_id, 'batch_id', b.batch_id))).*
         FROM referrals r CROSS JOIN bench_new b WHERE r.case_id = $1`,
        [templateCaseId],
      );
      await executor.query(
        `INSERT INTO jobs SELECT (jsonb_populate_record(NULL::jobs, to_jsonb(j) || jsonb_build_object(
           'id', gen_random_uuid(), 'unique_key', 'referral.expire:' || r.id,
           'payload', jsonb_build_object('referralId', r.id, 'caseId', r.case_id)))).*
         FROM bench_new b
         JOIN referrals r ON r.case_id = b.case_id
         JOIN referrals t ON t.case_id = $1 AND t.organization_id = r.organization_id
         JOIN jobs j ON j.unique_key = 'referral.expire:' || t.id`,
        [templateCaseId],
      );
      const references = stationIds
        .map((_, index) => `(SELECT id FROM referrals WHERE case_id = b.case_id AND organization_id = $${index + 1})`)
        .join(', ');
      await executor.query(
        `INSERT INTO ${queueTable} (n, case_id, ${stationIds.map((_, index) => `ref_${index}`).join(', ')})
         SELECT b.n, b.case_id, ${references} FROM bench_new b`,
        stationIds,
      );
      await executor.query('COMMIT');
    } catch (error) {
      await executor.query('ROLLBACK');
      throw error;
    }
  }
  await executor.query('ANALYZE cases');
  await executor.query('ANALYZE referrals');
  await executor.query('ANALYZE jobs');
}

export async function queueRows(executor: SqlExecutor, queueTable: string, from: number, count: number) {
  const { rows } = await executor.query(`SELECT * FROM ${queueTable} WHERE n >= $1 AND n < $2 ORDER BY n`, [
    from,
    from + count,
  ]);
  return (rows as Record<string, unknown>[]).map((row) => {
    const result: Record<string, string> = {};
    for (const [key, value] of Object.entries(row)) result[key] = String(value);
    return result;
  });
}

/**
 * What one acceptance left in the database for a case: states of its referrals (by station),
 * its team, its expiry jobs, its timeline and the notifications and audit entries about it —
 * the app's acceptance and the replay must leave the same.
 */
export async function effectsOf(executor: SqlExecutor, caseId: string, referralIds: string[]) {
  const one = async (text: string, parameters: unknown[]) =>
    JSON.stringify((await executor.query(text, parameters)).rows);
  return {
    referrals: await one(
      `SELECT status, version, responded_at IS NOT NULL AS responded FROM referrals WHERE id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], id)`,
      [referralIds],
    ),
    team: await one(
      'SELECT role, organization_id, referral_id = $2 AS is_the_accepted_referral FROM team_members WHERE case_id = $1',
      [caseId, referralIds[0]],
    ),
    jobs: await one(
      `SELECT status FROM jobs WHERE unique_key = ANY($1::text[]) ORDER BY array_position($1::text[], unique_key)`,
      [referralIds.map((id) => `referral.expire:${id}`)],
    ),
    events: await one('SELECT kind FROM case_events WHERE case_id = $1 ORDER BY id', [caseId]),
    notifications: await one(
      `SELECT kind, entity_id = ANY($1::text[]) AS about FROM notifications WHERE entity_id = ANY($1::text[]) ORDER BY kind, entity_id`,
      [referralIds],
    ),
    audit: await one(
      `SELECT action, entity FROM audit_events WHERE entity_id = ANY($1::text[]) AND action <> 'read' ORDER BY action`,
      [referralIds],
    ),
  };
}
