import { describe, expect, it } from 'vitest';
import { contactSourceLines } from './contact-sources';
import type { PublicContact } from '../../api/public-contacts';

const contact = (overrides: Partial<PublicContact>): PublicContact => ({
  id: 'a',
  kind: 'coordination_center',
  name: '岡山市地域ケア総合推進センター',
  address: '岡山市北区',
  areaCode: '33101',
  phone: '086-000-0000',
  source: { id: 'demo', attribution: 'デモ用の参考データ（要確認）', license: null, asOf: null },
  updatedAt: '2026-04-05T23:30:00+09:00',
  ...overrides,
});

const texts = (source: PublicContact['source']) => ({
  attribution: source.attribution,
  license: source.license,
  asOf: source.asOf === '2025-12' ? '2025年12月' : source.asOf,
  note: null,
  named: null,
});
const words = {
  line: (attribution: string, when: string) => `連絡先の出典：${attribution}（${when}）`,
  asOf: (date: string) => `${date}時点`,
  updated: (date: string) => `${date}に登録・更新`,
};
const formatDay = (date: string) => `[${date}]`;

describe('contactSourceLines', () => {
  it('dates a record without a dated source by the Tokyo day it was last changed', () => {
    expect(contactSourceLines([contact({})], texts, formatDay, words)).toEqual([
      '連絡先の出典：デモ用の参考データ（要確認）（[2026-04-05]に登録・更新）',
    ]);
  });

  it('gives a dated source its own date, and each line once', () => {
    const source = { id: 'kaigo-opendata', attribution: '出典：「…」を加工して作成', license: null, asOf: '2025-12' };
    expect(contactSourceLines([contact({ source }), contact({ id: 'b', source })], texts, formatDay, words)).toEqual([
      '連絡先の出典：「…」を加工して作成（2025年12月時点）',
    ]);
  });
});
