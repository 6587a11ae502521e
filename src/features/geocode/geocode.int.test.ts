/**
 * Addresses copied from referral letters start with 〒: the public search page and case
 * registration place them as the address they are (real HTTP, PGlite and PostgreSQL).
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
});
