import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import jaPublic from '../../i18n/ja/public.json';
import enPublic from '../../i18n/en/public.json';
import { wardNameIn } from './ward-names';

async function instance(language: 'ja' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: language,
    resources: { ja: { public: jaPublic }, en: { public: enPublic } },
    interpolation: { escapeValue: false },
  });
  return i18n;
}

const kita = { code: '33101', name: '北区', fullName: '岡山市北区' };

describe('wardNameIn', () => {
  it('keeps the server’s Japanese names in Japanese', async () => {
    const ja = await instance('ja');
    expect(wardNameIn(ja, kita)).toBe('北区');
    expect(wardNameIn(ja, kita, 'fullName')).toBe('岡山市北区');
  });

  it('names the wards in English in English, and keeps the server’s name for an area it does not know', async () => {
    const en = await instance('en');
    expect(wardNameIn(en, kita)).toBe('Kita Ward');
    expect(wardNameIn(en, kita, 'fullName')).toBe('Kita Ward, Okayama City');
    expect(wardNameIn(en, { code: '33104', name: '南区', fullName: '岡山市南区' })).toBe('Minami Ward');
    expect(wardNameIn(en, { code: '33199', name: '新区', fullName: '岡山市新区' })).toBe('新区');
  });
});
