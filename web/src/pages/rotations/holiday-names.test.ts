import i18next from 'i18next';
import holidayJp from '@holiday-jp/holiday_jp';
import { describe, expect, it } from 'vitest';
import jaRotations from '../../i18n/ja/rotations.json';
import enRotations from '../../i18n/en/rotations.json';
import { holidayLabel } from './holiday-names';

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

const names = [...new Set(Object.values(holidayJp.holidays).map((holiday) => holiday.name))];
const japanese = /[\u3040-\u30ff\u3400-\u9fff]/;

describe('national holidays named in the reader’s language', () => {
  it('says every holiday @holiday-jp/holiday_jp knows in English (substitute holidays by their holiday)', async () => {
    const t = await translator('en');
    expect(names.length).toBeGreaterThan(30);
    for (const name of names) expect(holidayLabel(name, t), name).not.toMatch(japanese);
    expect(holidayLabel('元日', t)).toBe("New Year's Day");
    expect(holidayLabel('春分の日 振替休日', t)).toBe('Substitute holiday for Vernal Equinox Day');
    expect(holidayLabel('休日', t)).toBe("Citizens' Holiday");
  });

  it('keeps the Japanese names in Japanese, a 国民の休日 said by its kind', async () => {
    const t = await translator('ja');
    expect(holidayLabel('成人の日', t)).toBe('成人の日');
    expect(holidayLabel('春分の日 振替休日', t)).toBe('春分の日 振替休日');
    expect(holidayLabel('休日', t)).toBe('国民の休日');
    expect(holidayLabel('未知の祝日', t)).toBe('未知の祝日');
  });
});
