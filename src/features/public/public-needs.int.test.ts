/**
 * The citizens' search by needs in everyday words (GET /api/v1/public/resources/search?need=…): several needs at
 * once are met by one organisation that meets them all; one need as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization } from '../../../test/helpers/factories.js';
import { PublicSearchResponse } from '../directory/search.schema.js';

const start = new Date('2026-11-25T10:00:00+09:00');
/** A spot in 東区 (西大寺) of this file's own: the organisations below lie within a few hundred metres. */
const spot = { lat: 34.652, lng: 134.038, areaCode: '33103' };

type Item = { organization: { id: string; kind: string }; capabilities: { groups: string[]; procedures: string[] } };

describe('public search by needs', () => {
  let app: TestApp;
  let nurseForTheDying: { id: string };
  let nurse: { id: string };
  let doctorForTheDying: { id: string };
  let doctorWithOxygen: { id: string };
  let doctorWithoutOxygen: { id: string };
  let careManager: { id: string };
  let center: { id: string };

  const place = (offset: number) => ({
    lat: spot.lat + offset * 0.0005,
    lng: spot.lng + offset * 0.0005,
    areaCode: spot.areaCode,
    availabilityStatus: 'accepting' as const,
    availabilityUpdatedAt: start,
  });
  const search = (query: string) =>
    api(app.baseUrl, 'GET', `/api/v1/public/resources/search?lat=${spot.lat}&lng=${spot.lng}&radiusKm=2&${query}`);
  const ids = (items: Item[]) => items.map((item) => item.organization.id);

  beforeAll(async () => {
    // A database of this file's own on PostgreSQL too: nothing another file creates nearby can join the answers.
    app = await startTestApp({ start, isolated: true });
    nurseForTheDying = await buildOrganization(app.database, {
      ...place(1),
      kind: 'visiting_nursing',
      groups: ['elderly', 'terminal_care'],
      procedures: ['home_oxygen'],
    });
    nurse = await buildOrganization(app.database, {
      ...place(2),
      kind: 'visiting_nursing',
      groups: ['elderly'],
      procedures: ['home_oxygen'],
    });
    doctorForTheDying = await buildOrganization(app.database, {
      ...place(3),
      kind: 'clinic',
      groups: ['elderly', 'terminal_care'],
      procedures: [],
    });
    doctorWithOxygen = await buildOrganization(app.database, {
      ...place(4),
      kind: 'clinic',
      groups: ['elderly'],
      procedures: ['home_oxygen'],
    });
    doctorWithoutOxygen = await buildOrganization(app.database, {
      ...place(5),
      kind: 'clinic',
      groups: ['elderly'],
      procedures: [],
    });
    careManager = await buildOrganization(app.database, {
      ...place(6),
      kind: 'care_management',
      groups: ['elderly', 'dementia'],
    });
    center = await buildOrganization(app.database, { ...place(7), kind: 'community_support_center' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('keeps one need as before', async () => {
    const response = await search('need=end_of_life');
    expect(response.status, response.text).toBe(200);
    expect(ids(response.body.items).sort()).toEqual([nurseForTheDying.id, doctorForTheDying.id].sort());
    expect(response.body.supportCenters).toBeNull();
  });

  it('lists only organisations that meet every need, given repeated or as a comma list', async () => {
    // 「訪問看護」 that does 「看取り」: not the clinic that does, not the station that does not.
    for (const query of ['need=visiting_nursing&need=end_of_life', 'need=visiting_nursing,end_of_life']) {
      const response = await search(query);
      expect(response.status, response.text).toBe(200);
      expect(ids(response.body.items)).toEqual([nurseForTheDying.id]);
    }
    // 「家に来てくれるお医者さん」 with 「在宅酸素」.
    const doctor = await search('need=home_oxygen,home_doctor');
    expect(ids(doctor.body.items)).toEqual([doctorWithOxygen.id]);
    expect(ids(doctor.body.items)).not.toContain(doctorWithoutOxygen.id);
    expect(ids(doctor.body.items)).not.toContain(nurse.id);
    // Every result has what every need asks for.
    const several = await search('need=end_of_life&need=home_oxygen');
    expect(ids(several.body.items)).toEqual([nurseForTheDying.id]);
    for (const item of several.body.items as Item[]) {
      expect(item.capabilities.groups).toContain('terminal_care');
      expect(item.capabilities.procedures).toContain('home_oxygen');
    }
    const parsed = PublicSearchResponse.safeParse(several.body);
    expect(parsed.error).toBeUndefined();
    expect(parsed.data).toStrictEqual(several.body);
  });

  it('lists nothing for needs no one kind of organisation provides, and still checks the place', async () => {
    const response = await search('need=care_manager&need=home_oxygen');
    expect(response.status, response.text).toBe(200);
    expect(response.body.items).toEqual([]);
    expect(response.body.supportCenters).toBeNull();
    const outside = await api(
      app.baseUrl,
      'GET',
      `/api/v1/public/resources/search?near=${encodeURIComponent('倉敷市役所')}&need=care_manager,home_oxygen`,
    );
    expect(outside.status).toBe(400);
    // 「ケアマネジャー」 and 「認知症」 go together.
    const dementia = await search('need=care_manager,dementia');
    expect(ids(dementia.body.items)).toEqual([careManager.id]);
  });

  it('answers the centres for the place beside the other needs when 「まず相談したい」 is among them', async () => {
    const alone = await search('need=consultation');
    expect(ids(alone.body.items)).toEqual([center.id]);
    expect(ids(alone.body.supportCenters.items)).toContain(center.id);
    const beside = await search('need=consultation&need=visiting_nursing&need=end_of_life');
    expect(beside.status, beside.text).toBe(200);
    expect(ids(beside.body.items)).toEqual([nurseForTheDying.id]);
    expect(beside.body.supportCenters).toMatchObject({ basis: 'area', areaCode: spot.areaCode });
    expect(ids(beside.body.supportCenters.items)).toContain(center.id);
  });

  it('takes a kind given beside the needs as one more condition', async () => {
    const response = await search('need=end_of_life&kind=clinic');
    expect(ids(response.body.items)).toEqual([doctorForTheDying.id]);
  });

  it('answers 400 for an unknown need, naming the parameter and the needs it knows', async () => {
    const response = await search('need=end_of_life,astronaut');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    const detail = response.body.error.details.find((entry: { path: string }) => entry.path.startsWith('need'));
    expect(detail?.message).toContain('home_oxygen');
    // The professionals' search has no `need`: it stays as it was.
    expect((await search('kind=visiting_nursing')).status).toBe(200);
  });
});
