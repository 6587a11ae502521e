/**
 * A case's consultation is named by its patient where the patient is shown (the hospital's subjects all read
 * 「退院調整の相談（<病院名>）」), with the planned discharge date in the line under it; a general one by its subject.
 */
import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import ja from '../../i18n/ja/cases.json';
import en from '../../i18n/en/cases.json';
import { consultationMeta, consultationTitle } from './consultation-title';

async function translator(language: 'ja' | 'en') {
  const instance = i18next.createInstance();
  await instance.init({ lng: language, resources: { ja: { cases: ja }, en: { cases: en } }, defaultNS: 'cases' });
  return (key: string, options?: Record<string, unknown>) => instance.t(key, options);
}

const patient = { name: 'デモ 次郎', nameKana: 'でも じろう', age: 82 };
const format = { date: (value: string) => `D:${value}`, dateTime: (value: string) => `T:${value}` };

describe('consultationTitle', () => {
  it("names a case's consultation by its patient, in either language", async () => {
    const subject = '退院調整の相談（岡山市立市民病院）';
    expect(consultationTitle({ kind: 'case', patient }, subject, await translator('ja'))).toBe(
      'デモ 次郎さんの退院調整の相談',
    );
    expect(consultationTitle({ kind: 'case', patient }, subject, await translator('en'))).toBe(
      'Discharge consultation: デモ 次郎',
    );
  });

  it('keeps the subject where the patient is not shown, and for a general question', async () => {
    const t = await translator('ja');
    expect(consultationTitle({ kind: 'case', patient: null }, '退院調整の相談（岡山市立市民病院）', t)).toBe(
      '退院調整の相談（岡山市立市民病院）',
    );
    expect(consultationTitle({ kind: 'general', patient: null }, '訪問歯科の探し方', t)).toBe('訪問歯科の探し方');
  });
});

describe('consultationMeta', () => {
  it("puts a case's planned discharge before when it came in and who handles it", async () => {
    const row = { plannedDischargeDate: '2026-12-04', createdAt: '2026-11-27T17:08:00+09:00', assigneeName: null };
    expect(consultationMeta(row, await translator('ja'), format)).toBe(
      '退院予定 D:2026-12-04 ・ T:2026-11-27T17:08:00+09:00 ・ 担当：担当者なし',
    );
    expect(consultationMeta({ ...row, assigneeName: '調整 一郎' }, await translator('en'), format)).toBe(
      'Discharge planned D:2026-12-04 · T:2026-11-27T17:08:00+09:00 · assignee: 調整 一郎',
    );
  });

  it('gives a general question no discharge date', async () => {
    const row = { plannedDischargeDate: null, createdAt: '2026-11-27T17:20:00+09:00', assigneeName: null };
    expect(consultationMeta(row, await translator('ja'), format)).toBe(
      'T:2026-11-27T17:20:00+09:00 ・ 担当：担当者なし',
    );
  });
});
