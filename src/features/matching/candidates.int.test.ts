/**
 * The candidate list of a role through the API: it refuses a cursor as every list refuses one it did not issue,
 * says why it is empty (nobody of the kind registered at all, or nobody fits), and counts 24-hour support only
 * for the roles that visit for medical care.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { detailPaths, expectError } from '../../../test/helpers/errors.js';
import { buildOrganization, signedInAs } from '../../../test/helpers/factories.js';
import { caseBody, routedCase } from '../../../test/helpers/cases.js';
import { garbledCursors } from '../../../test/helpers/paging.js';

// Wednesday 2026-11-25 10:00 JST
const start = new Date('2026-11-25T10:00:00+09:00');
const asCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

type Place = { lat: number; lng: number };
type Item = { organization: { id: string }; reasons: { code: string }[]; factors: Record<string, number> };

describe('the candidates of a role', () => {
  let app: TestApp;
  let liaison: Awaited<ReturnType<typeof signedInAs>>;

  beforeAll(async () => {
    // Its own database on PostgreSQL too: whether an organisation of a kind exists is asked of the whole directory.
    app = await startTestApp({ start, isolated: true });
    liaison = await signedInAs(app, 'hospital_liaison', { name: `候補テスト病院 ${randomUUID().slice(0, 4)}` });
  });
  afterAll(async () => {
    await app.close();
  });

  /** A terminal-care patient with opioids (24-hour support matters for her) at `home`, routed direct. */
  async function caseAt(home: Place) {
    const body = caseBody(home, {
      patient: { name: `岡山 ${randomUUID().slice(0, 4)}`, birthDate: '1940-05-01', phone: undefined },
      procedures: ['opioid_pain_control'],
      plannedDischargeDate: '2026-12-07',
    });
    return (await routedCase(app, liaison.token, body)).id;
  }

  /** An organisation beside `home` able to serve her (3 km: tests do not meet), without 24-hour support unless told. */
  function near(home: Place, overrides: Parameters<typeof buildOrganization>[1]) {
    return buildOrganization(app.database, {
      name: `候補 ${randomUUID().slice(0, 6)}`,
      lat: home.lat + 0.003,
      lng: home.lng + 0.003,
      areaCode: '33101',
      groups: ['elderly', 'terminal_care'],
      procedures: ['opioid_pain_control'],
      isAvailable24h: false,
      coverageRadiusKm: 3,
      availabilityStatus: 'accepting',
      freeSlots: 3,
      availabilityUpdatedAt: start,
      ...overrides,
    });
  }

  const candidates = (caseId: string, query: string) =>
    api(app.baseUrl, 'GET', `/api/v1/cases/${caseId}/candidates?${query}`, { token: liaison.token });

  it('refuses a cursor (400 naming it), malformed or not: a ranked list has a single page', async () => {
    const home = { lat: 34.7, lng: 133.95 };
    const caseId = await caseAt(home);
    await near(home, { kind: 'visiting_nursing', isAvailable24h: true });
    for (const cursor of ['garbage', ...garbledCursors]) {
      const refused = await candidates(caseId, `role=visiting_nurse&cursor=${encodeURIComponent(cursor)}`);
      expectError(refused, 400, 'validation_failed');
      expect(detailPaths(refused)).toEqual(['cursor']);
      expect(refused.body.error.details[0].message).toBe('カーソルの形式が正しくありません。');
    }
    // Well-formed, but never issued by this list (its nextCursor is always null).
    const issuedNowhere = await candidates(caseId, `role=visiting_nurse&cursor=${asCursor([null, randomUUID()])}`);
    expectError(issuedNowhere, 400, 'validation_failed');
    expect(detailPaths(issuedNowhere)).toEqual(['cursor']);
    expectError(await candidates(caseId, `role=visiting_nurse&cursor=${'x'.repeat(501)}`), 400, 'validation_failed');

    const first = await candidates(caseId, 'role=visiting_nurse');
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ nextCursor: null, emptyReason: null });
    expect(first.body.items).toHaveLength(1);
  });

  it('says why a list is empty: no organisation of the kind registered at all, or none that fits', async () => {
    const home = { lat: 34.6, lng: 133.87 };
    const caseId = await caseAt(home);
    // No dental clinic or pharmacy anywhere in this directory; a disabled one does not count.
    await near(home, { kind: 'home_dental', isDisabled: true });
    for (const role of ['home_dental', 'home_pharmacy']) {
      const empty = await candidates(caseId, `role=${role}`);
      expect(empty.status, empty.text).toBe(200);
      expect(empty.body).toMatchObject({ items: [], emptyReason: 'no_organization_of_kind', nextCursor: null });
    }
    // Visiting rehabilitation: clinics and stations exist, but none offers rehabilitation at all.
    await near(home, { kind: 'visiting_nursing' });
    await near(home, { kind: 'clinic' });
    expect((await candidates(caseId, 'role=visiting_rehab')).body).toMatchObject({
      items: [],
      emptyReason: 'no_organization_of_kind',
    });
    // One is registered, but too far from this patient: the kind exists, nobody fits.
    await buildOrganization(app.database, {
      kind: 'visiting_rehab',
      name: `遠くの訪問リハ ${randomUUID().slice(0, 4)}`,
      lat: home.lat + 0.3,
      lng: home.lng + 0.3,
      procedures: ['rehabilitation'],
      coverageRadiusKm: 3,
      availabilityStatus: 'accepting',
      availabilityUpdatedAt: start,
    });
    expect((await candidates(caseId, 'role=visiting_rehab')).body).toMatchObject({
      items: [],
      emptyReason: 'no_candidate_fits',
    });
    await near(home, { kind: 'home_dental', groups: [], procedures: [], availabilityStatus: 'full', freeSlots: 0 });
    expect((await candidates(caseId, 'role=home_dental')).body).toMatchObject({
      items: [],
      emptyReason: 'no_candidate_fits',
    });
    // A list with candidates has no reason to give.
    expect((await candidates(caseId, 'role=visiting_nurse')).body).toMatchObject({
      items: [expect.anything()],
      emptyReason: null,
    });

    const openapi = await api(app.baseUrl, 'GET', '/api/openapi.json');
    const schema =
      openapi.body.paths['/api/v1/cases/{id}/candidates'].get.responses['200'].content['application/json'].schema;
    expect(schema.properties.emptyReason.description).toContain('名簿にこの役割を担える種類の事業所');
    expect(JSON.stringify(schema.properties.emptyReason)).toContain('no_organization_of_kind');
  });

  it('offers as visiting rehabilitation the kaigo offices registered for 訪問リハビリテーション, whatever their kind', async () => {
    const home = { lat: 34.64, lng: 133.99 };
    const caseId = await caseAt(home);
    // A 介護老人保健施設 whose official services include 140: the data loader records rehabilitation for it.
    const roken = await near(home, {
      kind: 'care_service',
      groups: [],
      procedures: ['rehabilitation'],
      kaigoServices: [{ code: '140', name: '訪問リハビリテーション' }],
    });
    // A day-care office without 訪問リハ is not one.
    await near(home, { kind: 'care_service', groups: [], procedures: [] });
    const listed = await candidates(caseId, 'role=visiting_rehab');
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.items.map((item: Item) => item.organization.id)).toEqual([roken.id]);
  });

  it('offers as backup hospital only hospitals that take patients like this one', async () => {
    const home = { lat: 34.62, lng: 133.98 };
    const caseId = await caseAt(home);
    const fits = await near(home, { kind: 'hospital', groups: ['elderly', 'terminal_care', 'cancer'] });
    // A psychiatric hospital (psychiatric and dementia patients only) and a maternity hospital (none of these).
    const psychiatric = await near(home, { kind: 'hospital', groups: ['psychiatric', 'dementia'] });
    await near(home, { kind: 'hospital', groups: [] });
    const listed = await candidates(caseId, 'role=backup_hospital');
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.items.map((item: Item) => item.organization.id)).toEqual([fits.id]);
    // Nor can a referral be sent to it: the answer says what it does not take.
    const refused = await api(app.baseUrl, 'POST', `/api/v1/cases/${caseId}/referrals`, {
      token: liaison.token,
      body: { role: 'backup_hospital', organizationIds: [psychiatric.id], respondWithinBusinessDays: 2 },
    });
    expectError(refused, 400);
    expect(refused.text).toContain('高齢者');
  });

  it('counts 24-hour support for the roles that visit for medical care only', async () => {
    const home = { lat: 34.75, lng: 134.05 };
    const caseId = await caseAt(home);
    const nurse = await near(home, { kind: 'visiting_nursing' });
    const careOffice = await near(home, { kind: 'care_management' });
    const careOffice24h = await near(home, { kind: 'care_management', isAvailable24h: true });
    const window = await near(home, { kind: 'community_support_center', groups: [], procedures: [] });

    const nurses = (await candidates(caseId, 'role=visiting_nurse')).body.items as Item[];
    const nurseItem = nurses.find((item) => item.organization.id === nurse.id);
    expect(nurseItem?.reasons.map((reason) => reason.code)).toContain('no_24h');
    expect(nurseItem?.factors.availability24h).toBe(0);

    const managers = (await candidates(caseId, 'role=care_manager')).body.items as Item[];
    expect(managers.map((item) => item.organization.id).sort()).toEqual([careOffice.id, careOffice24h.id].sort());
    for (const item of managers) {
      const codes = item.reasons.map((reason) => reason.code);
      expect(codes).not.toContain('no_24h');
      expect(codes).not.toContain('available_24h');
      expect(item.factors.availability24h).toBe(0.5);
    }
    // Without 24-hour support the office scores as one with it would (the factor is neutral for both).
    const scores = new Map(
      ((await candidates(caseId, 'role=care_manager')).body.items as (Item & { score: number })[]).map((item) => [
        item.organization.id,
        item.score,
      ]),
    );
    expect(scores.get(careOffice.id)).toBe(scores.get(careOffice24h.id));

    const windows = (await candidates(caseId, 'role=welfare_contact')).body.items as Item[];
    const windowItem = windows.find((item) => item.organization.id === window.id);
    expect(windowItem?.reasons.map((reason) => reason.code)).not.toContain('no_24h');
  });
});
