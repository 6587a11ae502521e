/**
 * Addresses copied from referral letters start with 〒: the public search page and case
 * registration place them as the address they are (real HTTP, PGlite and PostgreSQL). Places the
 * offline data locates elsewhere in 岡山県 (倉敷市, 赤磐市) are refused as outside Okayama City.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { signedInAs } from '../../../test/helpers/factories.js';

const withPostalCode = [
  '〒701-0205 岡山市南区妹尾880',
  '701-0205 岡山市南区妹尾880',
  '〒7010205 岡山市南区妹尾880',
  '〒７０１－０２０５　岡山市南区妹尾８８０',
];

describe('addresses written with their postal code', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  const geocode = (q: string) => api(app.baseUrl, 'GET', `/api/v1/public/geocode?q=${encodeURIComponent(q)}`);

  it('are found by the public search page at the address, not only at the postal code', async () => {
    const address = await geocode('岡山市南区妹尾880');
    expect(address.body).toMatchObject({ areaCode: '33104', precision: 'machiaza' });
    for (const q of withPostalCode) {
      const found = await geocode(q);
      expect(found.status, q).toBe(200);
      expect(found.body, q).toEqual(address.body);
    }
    const hospital = await geocode('〒700-8558 岡山市北区鹿田町2丁目5-1');
    expect(hospital.body).toMatchObject({ areaCode: '33101', precision: 'machiaza' });
    // When the rest cannot be placed, the postal code still can.
    const unknownTown = await geocode('〒701-0205 架空の町1-1');
    expect(unknownTown.body).toMatchObject({ areaCode: '33104', precision: 'postal_code' });
  });

  it('register a case (病院 地域連携室) without a point on the map', async () => {
    const liaison = await signedInAs(app, 'hospital_liaison');
    const created = await api(app.baseUrl, 'POST', '/api/v1/cases', {
      token: liaison.token,
      body: {
        patient: {
          name: `岡山 ${randomUUID().slice(0, 4)}`,
          nameKana: 'おかやま',
          birthDate: '1940-05-01',
          sex: 'female',
          address: '〒700-8558 岡山市北区鹿田町2丁目5-1',
        },
        groups: ['elderly'],
        procedures: [],
        careLevel: 'care_2',
        plannedDischargeDate: '2026-12-07',
        consent: { scope: ['center', 'referral_summary'], recordedBy: '退院調整看護師' },
        neededRoles: ['primary_doctor'],
      },
    });
    expect(created.status, created.text).toBe(201);
  });

  describe('outside Okayama City (by the municipality code of the place found)', () => {
    const kurashikiAddress = '倉敷市阿知1-1';
    const kurashikiPostalCode = '710-0000';
    const outside = [kurashikiAddress, kurashikiPostalCode, '〒710-0055', '赤磐市', '岡山県倉敷市阿知1丁目2-3'];

    const casePayload = (address: string) => ({
      patient: {
        name: `倉敷 ${randomUUID().slice(0, 4)}`,
        nameKana: 'くらしき',
        birthDate: '1938-02-01',
        sex: 'male',
        address,
      },
      groups: ['elderly'],
      procedures: [],
      careLevel: 'care_1',
      plannedDischargeDate: '2026-12-07',
      consent: { scope: ['center', 'referral_summary'], recordedBy: '退院調整看護師' },
    });

    it('are not located by the place lookup: 404 location_outside_city naming the municipality', async () => {
      for (const q of outside) {
        const found = await geocode(q);
        expect(found.status, q).toBe(404);
        expect(found.body.error, q).toMatchObject({ code: 'not_found', reason: 'location_outside_city' });
        expect(found.body.error.message, q).toContain('岡山市内だけを対象');
      }
      expect((await geocode(kurashikiAddress)).body.error.message).toContain('岡山市外（倉敷市）');
      expect((await geocode(kurashikiPostalCode)).body.error.message).toContain('岡山市外（倉敷市）');
      expect((await geocode('赤磐市')).body.error.message).toContain('岡山市外（赤磐市）');
    });

    it('are refused by the public and the professional search (400), with the 岡山市外 message', async () => {
      const { token } = await signedInAs(app, 'center_coordinator');
      for (const near of [kurashikiAddress, kurashikiPostalCode]) {
        for (const [path, options] of [
          ['/api/v1/public/resources/search', {}],
          ['/api/v1/resources/search', { token }],
        ] as const) {
          const search = await api(
            app.baseUrl,
            'GET',
            `${path}?near=${encodeURIComponent(near)}&kind=community_support_center`,
            options,
          );
          expect(search.status, `${path} ${near}`).toBe(400);
          expect(search.body.error, `${path} ${near}`).toMatchObject({
            code: 'validation_failed',
            reason: 'location_outside_city',
          });
          expect(search.body.error.message).not.toContain('区名、または町名を含む');
        }
      }
    });

    it('are refused as the address of a new case (no case is saved with a point in 倉敷市)', async () => {
      const liaison = await signedInAs(app, 'hospital_liaison');
      for (const address of [kurashikiAddress, `〒${kurashikiPostalCode}`]) {
        const created = await api(app.baseUrl, 'POST', '/api/v1/cases', {
          token: liaison.token,
          body: casePayload(address),
        });
        expect(created.status, created.text).toBe(400);
        expect(created.body.error).toMatchObject({ code: 'validation_failed', reason: 'location_outside_city' });
      }
    });

    it('leaves addresses, postal codes and wards of Okayama City as they were', async () => {
      expect((await geocode('岡山市北区大供1丁目1-1')).body).toMatchObject({
        areaCode: '33101',
        precision: 'machiaza',
      });
      expect((await geocode('700-0913')).body).toMatchObject({ areaCode: '33101', precision: 'postal_code' });
      // 巿 (U+5DFF) typed for 市 is read as 市.
      expect((await geocode('岡山巿北区大供一丁目')).body).toMatchObject({ areaCode: '33101', precision: 'machiaza' });
      // 建部町 is a town of 北区 since 2007: not another municipality.
      expect((await geocode('建部町福渡')).body).toMatchObject({ areaCode: '33101', precision: 'machiaza' });
      expect((await geocode('南区')).body).toMatchObject({ areaCode: '33104', precision: 'ward' });
      const search = await api(
        app.baseUrl,
        'GET',
        `/api/v1/public/resources/search?near=${encodeURIComponent('〒701-0205')}&kind=clinic`,
      );
      expect(search.status, search.text).toBe(200);
      expect(search.body.origin.areaCode).toBe('33104');
      const liaison = await signedInAs(app, 'hospital_liaison');
      const created = await api(app.baseUrl, 'POST', '/api/v1/cases', {
        token: liaison.token,
        body: casePayload('岡山市南区妹尾880'),
      });
      expect(created.status, created.text).toBe(201);
    });
  });
});
