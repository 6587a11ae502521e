import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import jaPublic from '../../i18n/ja/public.json';
import enPublic from '../../i18n/en/public.json';
import { boundaryAttribution, officialTitle, wardLabel } from './map-labels';

async function instance(language: 'ja' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: language,
    defaultNS: 'public',
    resources: { ja: { public: jaPublic }, en: { public: enPublic } },
    interpolation: { escapeValue: false },
  });
  return i18n;
}

const boundaries = '出典：「国土数値情報（行政区域データ）」（国土交通省）を加工して作成';
const mlit = {
  publisher: 'Ministry of Land, Infrastructure, Transport and Tourism',
  title: 'National Land Numerical Information: administrative boundaries',
};

describe('the 出典 of the ward boundaries on a map', () => {
  it('keeps the licence’s Japanese words in Japanese, each 出典 once', async () => {
    const ja = await instance('ja');
    const text = boundaryAttribution([boundaries, boundaries, ''], 'ja', () => null, ja.t);
    expect(text).toBe(boundaries);
  });

  it('in English leads with “Source:” and keeps the official Japanese title beside its English rendering', async () => {
    const en = await instance('en');
    const text = boundaryAttribution([boundaries, boundaries], 'en', () => mlit, en.t);
    expect(text).toBe(
      'Ward boundaries — Source: Ministry of Land, Infrastructure, Transport and Tourism, 「国土数値情報（行政区域データ）」 (“National Land Numerical Information: administrative boundaries”), processed by Renkei',
    );
    expect(text).not.toContain('出典');
    expect(text).not.toContain('を加工して作成');
  });

  it('keeps a source without English names whole after the English lead-in, and says nothing without boundaries', async () => {
    const en = await instance('en');
    expect(boundaryAttribution(['出典：「何かの地図」（某所）'], 'en', () => null, en.t)).toBe(
      'Ward boundaries — Source: 「何かの地図」（某所）',
    );
    expect(boundaryAttribution([], 'en', () => mlit, en.t)).toBe('');
  });

  it('finds the official title', () => {
    expect(officialTitle(boundaries)).toBe('国土数値情報（行政区域データ）');
    expect(officialTitle('利用者が登録した情報')).toBeNull();
  });
});

describe('a ward’s label on a map', () => {
  it('follows the language shown', async () => {
    const properties = { code: '33101', name: '北区', fullName: '岡山市北区' };
    expect(wardLabel(await instance('ja'), properties)).toBe('北区');
    expect(wardLabel(await instance('en'), properties)).toBe('Kita Ward');
  });

  it('keeps the name of an area it does not know, and is empty without a name', async () => {
    const en = await instance('en');
    expect(wardLabel(en, { code: '33999', name: '架空区' })).toBe('架空区');
    expect(wardLabel(en, { name: '名前だけ' })).toBe('名前だけ');
    expect(wardLabel(en, { code: '33101' })).toBe('');
    expect(wardLabel(en, null)).toBe('');
  });
});
