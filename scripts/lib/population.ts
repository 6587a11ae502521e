/**
 * Population figures for data/okayama/population.json (pure; the build script reads the CSVs and
 * writes the file). What exists, and nothing more:
 * - for the city (33100), as 保険者: 第1号被保険者 (65+) by age band and 要介護（要支援）認定者 from the
 *   MHLW 「介護保険事業状況報告」 年報 (第2表, 第4-1-1表), copied to shared/data/stats/
 *   okayama-pref-kaigo-insured-and-certified.csv — 75+ is 75–84 plus 85+;
 * - for the city and each ward: the total population of the 2020 census as quoted by a secondary
 *   source (shared/data/stats/calibration-figures.csv, confidence "secondary").
 * Ward figures by age do not exist in the data: they stay null (never estimated or allocated).
 */
import { col } from '../../src/domain/imports/csv.js';

export type PopulationSourceId = 'mhlw-kaigo-jigyo-jokyo' | 'census-2020-secondary';

export type PopulationSource = {
  id: PopulationSourceId;
  attribution: string;
  license: string;
  /**
   * The date of the figures (YYYY-MM-DD), as the short 出典 lines show it; how sure it is goes in `note` (the
   * report's fiscal year is not in the sheets: an estimate).
   */
  asOf: string;
  confidence: 'primary-table' | 'secondary';
  /** Where the figures were read (tables, files, the quoting page). */
  via: string;
  note: string;
};

export type PopulationField =
  | 'total'
  | 'aged65plus'
  | 'aged75plus'
  | 'aged65to74'
  | 'aged75to84'
  | 'aged85plus'
  | 'careCertified'
  | 'residenceExceptions';

export type AreaPopulation = {
  code: string;
  name: string;
  kind: 'city' | 'ward';
  /** Total population (国勢調査 2020, secondary source). */
  total: number | null;
  /** 第1号被保険者 (65+): the city as insurer; null for wards (not in the data). */
  aged65plus: number | null;
  /** 75–84 + 85+ of the same table. */
  aged75plus: number | null;
  aged65to74: number | null;
  aged75to84: number | null;
  aged85plus: number | null;
  /** 要介護（要支援）認定者 (all levels). */
  careCertified: number | null;
  /** 住所地特例 insured persons (再掲: included in aged65plus although they live outside the city). */
  residenceExceptions: number | null;
  /** The source of each figure that is not null. */
  sourceOf: Partial<Record<PopulationField, PopulationSourceId>>;
};

export type PopulationFile = { sources: PopulationSource[]; areas: AreaPopulation[] };

export const populationSources: Record<PopulationSourceId, PopulationSource> = {
  'mhlw-kaigo-jigyo-jokyo': {
    id: 'mhlw-kaigo-jigyo-jokyo',
    attribution: '出典：「介護保険事業状況報告」（厚生労働省）を加工して作成',
    license: '政府標準利用規約 (CC BY 4.0 互換)',
    // 年度末現在: the year is not printed in the tables; the end of 令和5年度 is the estimate (said in `note`).
    asOf: '2024-03-31',
    confidence: 'primary-table',
    via: '年報 第2表 保険者別 第1号被保険者数（年度末現在）、第4-1-1表 保険者別 要介護（要支援）認定者数（shared/data/stats/kaigo-jigyo-jokyo-02h.xlsx, kaigo-jigyo-jokyo-04-1-1h.xlsx）',
    note: '年度末現在の値です。報告の年度は表に記載がなく、令和5年度末（2024年3月31日）と推定しています。岡山市を保険者とする第1号被保険者（65歳以上）の数で、住所地特例により市外の施設に住む人を含みます。75歳以上は「75〜84歳」と「85歳以上」の和です。区別の数はありません。',
  },
  'census-2020-secondary': {
    id: 'census-2020-secondary',
    attribution: '出典：「令和2年国勢調査」（総務省）を加工して作成',
    license: '政府標準利用規約 (CC BY 4.0 互換)',
    asOf: '2020-10-01',
    confidence: 'secondary',
    via: 'okayamania.com/blog/?p=19026（山陽新聞の報道を引用）',
    note: '二次資料（報道を引用したブログ）の値で、国勢調査の原資料では確かめていません。4区の合計は市の総人口と一致します。',
  },
};

type Row = Record<string, string>;

export const wardPopulationKeys: Record<string, string> = {
  '33101': 'population_kita',
  '33102': 'population_naka',
  '33103': 'population_higashi',
  '33104': 'population_minami',
};

function count(value: string, label: string, failures: string[]): number | null {
  const trimmed = value.replace(/,/g, '').trim();
  if (!/^\d+$/.test(trimmed)) {
    failures.push(`${label}: not a count (${JSON.stringify(value)})`);
    return null;
  }
  return Number(trimmed);
}

const empty = (code: string, name: string, kind: 'city' | 'ward'): AreaPopulation => ({
  code,
  name,
  kind,
  total: null,
  aged65plus: null,
  aged75plus: null,
  aged65to74: null,
  aged75to84: null,
  aged85plus: null,
  careCertified: null,
  residenceExceptions: null,
  sourceOf: {},
});

/**
 * population.json from the rows of okayama-pref-kaigo-insured-and-certified.csv (`insurerRows`) and
 * calibration-figures.csv (`calibrationRows`). Returns the failures of its checks (the bands add up
 * to the 65+ total, the levels to the certified total, the wards to the city); the build writes
 * nothing when there is one.
 */
export function derivePopulation(input: {
  insurerRows: readonly Row[];
  calibrationRows: readonly Row[];
  city: { code: string; name: string };
  wards: readonly { code: string; name: string }[];
}): { population: PopulationFile; failures: string[] } {
  const failures: string[] = [];
  const city = empty(input.city.code, input.city.name, 'city');

  const insurer = input.insurerRows.filter((row) => col(row, 'insurer') === input.city.name);
  if (insurer.length !== 1 || !insurer[0]) {
    failures.push(`kaigo table: ${insurer.length} rows for insurer ${input.city.name} (want 1)`);
  } else {
    const row = insurer[0];
    const get = (name: string) => count(col(row, name), `kaigo table ${name}`, failures);
    const total = get('first_insured_total');
    const bands = [get('age65_74'), get('age75_84'), get('age85plus')] as const;
    const levels = [
      'cert_yoshien1',
      'cert_yoshien2',
      'cert_yokaigo1',
      'cert_yokaigo2',
      'cert_yokaigo3',
      'cert_yokaigo4',
      'cert_yokaigo5',
    ].map(get);
    const certified = get('cert_total');
    const residenceExceptions = get('jushochi_tokurei');
    const [young, old, oldest] = bands;
    if (total !== null && young !== null && old !== null && oldest !== null) {
      if (young + old + oldest !== total)
        failures.push(`kaigo table: age bands ${young}+${old}+${oldest} ≠ first-insured total ${total}`);
      else {
        const source = 'mhlw-kaigo-jigyo-jokyo' as const;
        Object.assign(city, {
          aged65plus: total,
          aged75plus: old + oldest,
          aged65to74: young,
          aged75to84: old,
          aged85plus: oldest,
        });
        for (const field of ['aged65plus', 'aged75plus', 'aged65to74', 'aged75to84', 'aged85plus'] as const)
          city.sourceOf[field] = source;
      }
    }
    if (certified !== null && levels.every((level) => level !== null)) {
      const sum = levels.reduce<number>((a, b) => a + (b ?? 0), 0);
      if (sum !== certified) failures.push(`kaigo table: certified levels sum ${sum} ≠ total ${certified}`);
      else {
        city.careCertified = certified;
        city.sourceOf.careCertified = 'mhlw-kaigo-jigyo-jokyo';
      }
    }
    if (residenceExceptions !== null && city.aged65plus !== null) {
      city.residenceExceptions = residenceExceptions;
      city.sourceOf.residenceExceptions = 'mhlw-kaigo-jigyo-jokyo';
    }
  }

  const calibration = (key: string, scope: RegExp): Row | null => {
    const rows = input.calibrationRows.filter((row) => col(row, 'key') === key);
    const row = rows[0];
    if (rows.length !== 1 || !row) {
      failures.push(`calibration figures: ${rows.length} rows ${key} (want 1)`);
      return null;
    }
    if (!scope.test(col(row, 'scope'))) failures.push(`calibration figures: ${key} scope ${col(row, 'scope')}`);
    if (col(row, 'unit') !== 'persons') failures.push(`calibration figures: ${key} unit ${col(row, 'unit')}`);
    if (col(row, 'as_of') !== '2020-10-01') failures.push(`calibration figures: ${key} as of ${col(row, 'as_of')}`);
    if (col(row, 'confidence') !== 'secondary')
      failures.push(
        `calibration figures: ${key} confidence ${col(row, 'confidence')} (the source text says secondary)`,
      );
    if (!col(row, 'source').includes('国勢調査2020'))
      failures.push(`calibration figures: ${key} source ${col(row, 'source')}`);
    return row;
  };

  const wards = input.wards.map((ward) => {
    const area = empty(ward.code, ward.name, 'ward');
    const key = wardPopulationKeys[ward.code];
    const row = key ? calibration(key, new RegExp(`${input.city.name}${ward.name} ${ward.code}$`)) : null;
    if (!key) failures.push(`calibration figures: no key for ward ${ward.code}`);
    const total = row ? count(col(row, 'value'), `calibration ${key ?? ward.code}`, failures) : null;
    if (total !== null) {
      area.total = total;
      area.sourceOf.total = 'census-2020-secondary';
    }
    return area;
  });
  const cityRow = calibration('population_total', new RegExp(`^${input.city.name}$`));
  const cityTotal = cityRow ? count(col(cityRow, 'value'), 'calibration population_total', failures) : null;
  const wardSum = wards.reduce((sum, ward) => sum + (ward.total ?? 0), 0);
  if (cityTotal !== null && wards.every((ward) => ward.total !== null)) {
    if (wardSum !== cityTotal) failures.push(`calibration figures: wards sum ${wardSum} ≠ city ${cityTotal}`);
    else {
      city.total = cityTotal;
      city.sourceOf.total = 'census-2020-secondary';
    }
  }

  const areas = [city, ...wards].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const used = new Set(areas.flatMap((area) => Object.values(area.sourceOf)));
  const sources = Object.values(populationSources).filter((source) => used.has(source.id));
  return { population: { sources, areas }, failures };
}
