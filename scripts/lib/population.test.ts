/**
 * The derivation of data/okayama/population.json: the city's 65+ and 75+ from the 介護保険事業状況報告
 * table (75+ = 75–84 + 85+), the census totals per ward as secondary figures, no ward figure by age,
 * and a failed check (not a file) when the tables do not add up.
 */
import { describe, expect, it } from 'vitest';
import { parseCsvObjects } from '../../src/domain/imports/csv.js';
import { derivePopulation } from './population.js';

// The 全国 and 岡山市 rows of shared/data/stats/okayama-pref-kaigo-insured-and-certified.csv, and the
// population rows of calibration-figures.csv, as they are there.
const insurerCsv = `insurer,first_insured_total,age65_74,age75_84,age85plus,foreign,jushochi_tokurei,cert_yoshien1,cert_yoshien2,cert_yokaigo1,cert_yokaigo2,cert_yokaigo3,cert_yokaigo4,cert_yokaigo5,cert_total
全国,35889733,15708886,13592838,6588009,215389,198202,1020247,996151,1464074,1191037,927231,894589,589907,7083236
岡山市,188847,80572,72642,35633,1126,456,6519,5690,8858,7413,5222,4859,3675,42236
倉敷市,132618,55458,53457,23703,749,239,4250,5501,6186,4815,3704,3322,2086,29864
`;
const calibrationCsv = `key,value,unit,as_of,scope,source,confidence
population_total,724691,persons,2020-10-01,岡山市,"国勢調査2020 (figures as quoted by okayamania.com/blog/?p=19026 citing 山陽新聞; ward sum matches)",secondary
population_kita,314523,persons,2020-10-01,岡山市北区 33101,"国勢調査2020 via okayamania.com/blog/?p=19026",secondary
population_naka,149232,persons,2020-10-01,岡山市中区 33102,"国勢調査2020 via okayamania.com/blog/?p=19026; also nlab.itmedia.co.jp/research/articles/682587",secondary
population_higashi,93108,persons,2020-10-01,岡山市東区 33103,"国勢調査2020 via okayamania.com/blog/?p=19026",secondary
population_minami,167828,persons,2020-10-01,岡山市南区 33104,"国勢調査2020 via okayamania.com/blog/?p=19026",secondary
elderly_75plus,98000,persons (approx),2020,岡山市,medical-diet.jp (blog),secondary
`;

const wards = [
  { code: '33101', name: '北区' },
  { code: '33102', name: '中区' },
  { code: '33103', name: '東区' },
  { code: '33104', name: '南区' },
];
const derive = (insurer = insurerCsv, calibration = calibrationCsv) =>
  derivePopulation({
    insurerRows: parseCsvObjects(insurer),
    calibrationRows: parseCsvObjects(calibration),
    city: { code: '33100', name: '岡山市' },
    wards,
  });

describe('population.json derivation', () => {
  it('takes the city’s 65+ and 75+ from the 介護保険事業状況報告 table, and the census totals as secondary figures', () => {
    const { population, failures } = derive();
    expect(failures).toEqual([]);
    expect(population.areas.map((area) => area.code)).toEqual(['33100', '33101', '33102', '33103', '33104']);
    expect(population.areas[0]).toEqual({
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
        aged65to74: 'mhlw-kaigo-jigyo-jokyo',
        aged75to84: 'mhlw-kaigo-jigyo-jokyo',
        aged85plus: 'mhlw-kaigo-jigyo-jokyo',
        careCertified: 'mhlw-kaigo-jigyo-jokyo',
        residenceExceptions: 'mhlw-kaigo-jigyo-jokyo',
      },
    });
    // Wards: the total only; nothing by age is estimated or allocated (the blog's ≈98,000 75+ is not used).
    expect(population.areas.slice(1).map((area) => [area.code, area.total, area.aged65plus, area.aged75plus])).toEqual([
      ['33101', 314523, null, null],
      ['33102', 149232, null, null],
      ['33103', 93108, null, null],
      ['33104', 167828, null, null],
    ]);
    for (const ward of population.areas.slice(1)) {
      expect(ward.sourceOf).toEqual({ total: 'census-2020-secondary' });
      expect(ward.careCertified).toBeNull();
    }
    expect(population.sources.map((source) => [source.id, source.confidence, source.asOf])).toEqual([
      ['mhlw-kaigo-jigyo-jokyo', 'primary-table', '2024-03-31'],
      ['census-2020-secondary', 'secondary', '2020-10-01'],
    ]);
    for (const source of population.sources) {
      expect(source.license).toContain('政府標準利用規約');
      // The 出典 line is clean (publisher, title, 「を加工して作成」); how sure the figures are is said in the note.
      expect(source.attribution).toMatch(/^出典：「[^」]+」（[^）]+）を加工して作成$/);
    }
    expect(population.sources[0]?.note).toContain('令和5年度末');
    expect(population.sources[1]?.note).toContain('二次資料');
  });

  it('fails its checks, rather than writing figures, when the tables do not add up or the rows are not there', () => {
    const badBands = insurerCsv.replace('岡山市,188847,80572', '岡山市,188847,80573');
    expect(derive(badBands).failures).toEqual([expect.stringContaining('age bands')]);
    expect(derive(badBands).population.areas[0]?.aged65plus).toBeNull();
    const badLevels = insurerCsv.replace(',3675,42236', ',3676,42236');
    expect(derive(badLevels).failures).toEqual([expect.stringContaining('certified levels')]);
    const badWard = calibrationCsv.replace('population_minami,167828', 'population_minami,167829');
    expect(derive(insurerCsv, badWard).failures).toEqual([expect.stringContaining('wards sum')]);
    expect(derive(insurerCsv, badWard).population.areas[0]?.total).toBeNull();
    const noCity = insurerCsv
      .split('\n')
      .filter((line) => !line.startsWith('岡山市'))
      .join('\n');
    expect(derive(noCity).failures).toEqual([expect.stringContaining('0 rows for insurer 岡山市')]);
    const primary = calibrationCsv.replace(
      '岡山市北区 33101,"国勢調査2020 via okayamania.com/blog/?p=19026",secondary',
      '岡山市北区 33101,"国勢調査2020 via okayamania.com/blog/?p=19026",primary',
    );
    expect(derive(insurerCsv, primary).failures).toEqual([expect.stringContaining('confidence primary')]);
  });
});
