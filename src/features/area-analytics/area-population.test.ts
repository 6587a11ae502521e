/**
 * Population per area and the rates set against it (pure): figures only where the file has them,
 * each with its source; a rate is null without a base and suppressed whenever its count is.
 */
import { describe, expect, it } from 'vitest';
import type { PopulationRecord } from '../seed/okayama-files.js';
import { populationByArea, rateOf, ratesOf } from './area-population.js';

const file: PopulationRecord = {
  sources: [
    {
      id: 'mhlw-kaigo-jigyo-jokyo',
      attribution: '出典：「介護保険事業状況報告」（厚生労働省）を加工して作成',
      license: '政府標準利用規約 (CC BY 4.0 互換)',
      asOf: '年度末現在',
      confidence: 'primary-table',
      via: '第2表',
      note: '第1号被保険者',
    },
    {
      id: 'census-2020-secondary',
      attribution: '出典：「令和2年国勢調査」（総務省）',
      license: '政府標準利用規約 (CC BY 4.0 互換)',
      asOf: '2020-10-01',
      confidence: 'secondary',
      via: 'blog',
      note: '二次資料',
    },
  ],
  areas: [
    {
      code: '33100',
      name: '岡山市',
      kind: 'city',
      total: 724691,
      aged65plus: 188847,
      aged75plus: 108275,
      aged65to74: 80572,
      aged75to84: 72642,
      aged85plus: 35633,
      careCertified: 42236,
      residenceExceptions: 456,
      sourceOf: {
        total: 'census-2020-secondary',
        aged65plus: 'mhlw-kaigo-jigyo-jokyo',
        aged75plus: 'mhlw-kaigo-jigyo-jokyo',
        careCertified: 'mhlw-kaigo-jigyo-jokyo',
      },
    },
    {
      code: '33101',
      name: '北区',
      kind: 'ward',
      total: 314523,
      aged65plus: null,
      aged75plus: null,
      aged65to74: null,
      aged75to84: null,
      aged85plus: null,
      careCertified: null,
      residenceExceptions: null,
      sourceOf: { total: 'census-2020-secondary' },
    },
  ],
};

describe('rates against population', () => {
  it('is suppressed whenever its count is, null without a base, and rounded to 2 decimals otherwise', () => {
    expect(rateOf({ count: null, suppressed: true }, 188847)).toEqual({ value: null, suppressed: true });
    // Even without a base: the marker says a small group is behind it.
    expect(rateOf({ count: null, suppressed: true }, null)).toEqual({ value: null, suppressed: true });
    expect(rateOf({ count: 35, suppressed: false }, null)).toEqual({ value: null, suppressed: false });
    expect(rateOf({ count: 35, suppressed: false }, 0)).toEqual({ value: null, suppressed: false });
    expect(rateOf({ count: 35, suppressed: false }, 188847)).toEqual({ value: 1.85, suppressed: false });
    expect(rateOf({ count: 0, suppressed: false }, 188847)).toEqual({ value: 0, suppressed: false });
  });

  it('sets open and recent cases against 65+ and the total population', () => {
    const { areas } = populationByArea(file, [{ code: '33101', name: '北区' }]);
    const ward = areas.get('33101');
    if (!ward) throw new Error('no ward');
    expect(
      ratesOf(
        { openCases: { count: 20, suppressed: false }, recentlyDischarged: { count: null, suppressed: true } },
        ward,
      ),
    ).toEqual({
      per: 10000,
      openCasesPerAged65plus: { value: null, suppressed: false },
      recentlyDischargedPerAged65plus: { value: null, suppressed: true },
      openCasesPerPopulation: { value: 0.64, suppressed: false },
      recentlyDischargedPerPopulation: { value: null, suppressed: true },
    });
  });
});

describe('population per area', () => {
  it('gives the figures the file has, each with its source, and null for the rest', () => {
    const { areas, summary } = populationByArea(file, [
      { code: '33100', name: '岡山市' },
      { code: '33101', name: '北区' },
      { code: '3310101', name: '小地域' },
    ]);
    expect(areas.get('33100')).toMatchObject({
      total: 724691,
      aged65plus: 188847,
      aged75plus: 108275,
      careCertified: 42236,
      sources: [
        { id: 'census-2020-secondary', figures: ['total'], confidence: 'secondary' },
        { id: 'mhlw-kaigo-jigyo-jokyo', figures: ['aged65plus', 'aged75plus', 'careCertified'] },
      ],
    });
    expect(areas.get('33101')).toMatchObject({ total: 314523, aged65plus: null, aged75plus: null });
    expect(areas.get('3310101')).toEqual({
      total: null,
      aged65plus: null,
      aged75plus: null,
      careCertified: null,
      sources: [],
    });
    expect(summary.isAvailable).toBe(true);
    expect(summary.sources.map((source) => [source.id, source.areaCodes])).toEqual([
      ['census-2020-secondary', ['33100', '33101']],
      ['mhlw-kaigo-jigyo-jokyo', ['33100']],
    ]);
    expect(summary.note).toContain('総人口（岡山市・北区）: 出典：「令和2年国勢調査」（総務省）、2020-10-01、二次資料');
    expect(summary.note).toContain('北区・小地域の65歳以上・75歳以上の人数はデータにない');
  });

  it('says so when there is no population file', () => {
    const { areas, summary } = populationByArea(null, [{ code: '33100', name: '岡山市' }]);
    expect(areas.get('33100')).toMatchObject({ aged65plus: null, total: null, sources: [] });
    expect(summary).toEqual({ isAvailable: false, note: expect.stringContaining('推計値は作りません'), sources: [] });
  });
});
