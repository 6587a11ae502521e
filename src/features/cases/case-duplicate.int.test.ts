/** A second registration of the same patient at the same hospital is saved, and said (POST /api/v1/cases). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { signedInAs } from '../../../test/helpers/factories.js';
import { caseBody, spot } from '../../../test/helpers/cases.js';

const start = new Date('2026-11-25T10:00:00+09:00');

describe('registering the same patient twice', () => {
  let app: TestApp;
  let liaison: string;
  let otherHospital: string;

  beforeAll(async () => {
    app = await startTestApp({ start });
    ({ token: liaison } = await signedInAs(app, 'hospital_liaison'));
    ({ token: otherHospital } = await signedInAs(app, 'hospital_liaison'));
  });
  afterAll(async () => {
    await app.close();
  });

  const register = (token: string, patient: Record<string, unknown>) =>
    api(app.baseUrl, 'POST', '/api/v1/cases', {
      token,
      body: caseBody(spot(), {
        patient: { name: '備中 よし', nameKana: 'びっちゅう よし', birthDate: '1938-02-03', ...patient },
      }),
    });

  it('saves the second case and warns, naming the open case; a different patient or hospital gets no warning', async () => {
    const first = await register(liaison, {});
    expect(first.status, first.text).toBe(201);
    expect(first.body).not.toHaveProperty('warnings');

    // The same person typed with a full-width space and in katakana: still the same name.
    const second = await register(liaison, { name: '備中　よし', nameKana: 'ビッチュウ ヨシ' });
    expect(second.status, second.text).toBe(201);
    expect(second.body.warnings).toEqual([
      {
        path: 'patient.name',
        code: 'possible_duplicate_patient',
        message: expect.stringContaining('同じ氏名・生年月日の患者の進行中のケース'),
        params: { caseId: first.body.id, plannedDischargeDate: '2026-12-10' },
      },
    ]);

    // Another birth date is another patient; another hospital does not see this hospital's cases.
    expect((await register(liaison, { birthDate: '1938-02-04' })).body).not.toHaveProperty('warnings');
    expect((await register(otherHospital, {})).body).not.toHaveProperty('warnings');
  });

  it('does not count a case that has ended', async () => {
    const ended = await register(liaison, { name: '吉備 たろう', nameKana: 'きび たろう', birthDate: '1940-05-05' });
    const cancelled = await api(app.baseUrl, 'POST', `/api/v1/cases/${ended.body.id}/cancel`, {
      token: liaison,
      body: { reason: '転居のため' },
      headers: { 'if-match': `"${ended.body.version}"` },
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    const again = await register(liaison, { name: '吉備 たろう', nameKana: 'きび たろう', birthDate: '1940-05-05' });
    expect(again.status).toBe(201);
    expect(again.body).not.toHaveProperty('warnings');
  });
});
