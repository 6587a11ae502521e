import { describe, expect, it } from 'vitest';
import type { DataSource } from '../../api/types';
import { citizenSourceLines, plainAsOf, plainAttribution } from './citizen-sources';

const sources: DataSource[] = [
  { id: 'manual', attribution: '利用者が登録した情報', license: null, asOf: null },
  {
    id: 'kaigo-opendata',
    attribution: '出典：「介護サービス情報公表システム オープンデータ」（厚生労働省）を加工して作成',
    license: 'CC BY 4.0',
    asOf: '2025-12',
  },
  {
    id: 'geo-boundaries',
    attribution: '出典：「国土数値情報（行政区域データ）」（国土交通省）を加工して作成',
    license: '政府標準利用規約 (CC BY 4.0 互換)',
    asOf: '2021-01-01',
  },
  {
    id: 'mhlw-kaigo-jigyo-jokyo',
    attribution: '出典：「介護保険事業状況報告」（厚生労働省）を加工して作成',
    license: '政府標準利用規約 (CC BY 4.0 互換)',
    asOf: '年度末現在（年度は表に記載なし。令和5年度末と推定）',
  },
  {
    id: 'census-2020-secondary',
    attribution: '出典：「令和2年国勢調査」（総務省）の人口（二次資料による引用値、原資料で未確認）',
    license: '政府標準利用規約 (CC BY 4.0 互換)',
    asOf: '2020-10-01',
  },
];
const asGiven = (source: DataSource) => ({ attribution: source.attribution, license: source.license });

describe('citizenSourceLines', () => {
  it('gives each public source with its licence and a plain date, without staff notes or weekdays', () => {
    const lines = citizenSourceLines([...sources, sources[1]!], 'ja', asGiven);
    expect(lines).toEqual([
      {
        id: 'kaigo-opendata',
        attribution: '出典：「介護サービス情報公表システム オープンデータ」（厚生労働省）を加工して作成',
        license: 'CC BY 4.0',
        asOf: '2025年12月',
      },
      {
        id: 'geo-boundaries',
        attribution: '出典：「国土数値情報（行政区域データ）」（国土交通省）を加工して作成',
        license: '政府標準利用規約 (CC BY 4.0 互換)',
        asOf: '2021年1月1日',
      },
    ]);
    const text = JSON.stringify(citizenSourceLines(sources, 'en', asGiven));
    for (const note of ['推定', '未確認', '二次資料', '(金)', 'Fri']) expect(text).not.toContain(note);
  });

  it('writes dates plainly in either language and drops an as-of that is a note', () => {
    expect(plainAsOf('2021-01-01', 'ja')).toBe('2021年1月1日');
    expect(plainAsOf('2021-01-01', 'en')).toBe('1 Jan 2021');
    expect(plainAsOf('2025-08', 'ja')).toBe('2025年8月');
    expect(plainAsOf('年度末現在（年度は表に記載なし。令和5年度末と推定）', 'ja')).toBeNull();
    expect(plainAsOf(null, 'ja')).toBeNull();
  });

  it('keeps the attribution the licence asks for and removes only the notes on its reliability', () => {
    expect(plainAttribution('出典：「令和2年国勢調査」（総務省）の人口（二次資料による引用値、原資料で未確認）')).toBe(
      '出典：「令和2年国勢調査」（総務省）の人口',
    );
    const derived =
      '出典：「介護サービス情報公表システム オープンデータ」（厚生労働省）を加工して作成（中間加工：osawa-ux/houmonkango-navi, osawa-ux/kyotaku-navi）';
    expect(plainAttribution(derived)).toBe(derived);
  });
});
