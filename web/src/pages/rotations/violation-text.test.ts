import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import jaRotations from '../../i18n/ja/rotations.json';
import enRotations from '../../i18n/en/rotations.json';
import { violationText } from './violation-text';

async function translator(language: 'ja' | 'en') {
  const instance = i18next.createInstance();
  await instance.init({
    lng: language,
    ns: ['rotations'],
    defaultNS: 'rotations',
    resources: { ja: { rotations: jaRotations }, en: { rotations: enRotations } },
    interpolation: { escapeValue: false },
  });
  return instance.t;
}

const weekdayOff = {
  path: '2026-12-30/holiday_night',
  message: '2026年12月30日(水・年末年始) 休日夜間: こばし医院は水曜日を担当できません（申告）。',
  code: 'rule_unavailable',
  params: { date: '2026-12-30', shift: 'holiday_night', name: 'こばし医院', reason: 'weekday', weekday: 3 },
};
const spacing = {
  path: '2026-12-30/holiday_night',
  message: 'こばし医院の当番 2026年12月29日(火) と 2026年12月30日(水) の間隔が3日未満です。',
  code: 'rule_spacing',
  params: { name: 'こばし医院', previousDate: '2026-12-29', date: '2026-12-30', minDays: 3 },
};

describe('a broken rotation rule in the reader’s language', () => {
  it('says it in English from its code and values, the dates the English way', async () => {
    const t = await translator('en');
    expect(violationText(t, 'en', weekdayOff)).toBe(
      'Wed, 30 December 2026, Holiday night: こばし医院 declared it cannot take Wed.',
    );
    expect(violationText(t, 'en', spacing)).toBe(
      'こばし医院: its duties on Tue, 29 December 2026 and Wed, 30 December 2026 are less than 3 days apart.',
    );
    expect(
      violationText(t, 'en', {
        path: '2026-12-01',
        message: '…',
        code: 'rule_monthly_cap',
        params: { name: 'A', month: '2026-12', count: 7, maxPerMonth: 6 },
      }),
    ).toBe('A: 7 duties in December 2026, above the cap of 6.');
  });

  it('says it in Japanese with the dates the Japanese way, and falls back to the server’s words', async () => {
    const t = await translator('ja');
    expect(violationText(t, 'ja', spacing)).toBe(
      'こばし医院の当番 2026年12月29日(火) と 2026年12月30日(水) の間隔が3日未満です。',
    );
    expect(violationText(t, 'ja', { ...spacing, params: { name: 'こばし医院' } })).toBe(spacing.message);
    expect(violationText(t, 'ja', { path: 'x', message: 'ほかの誤り' })).toBe('ほかの誤り');
  });
});
