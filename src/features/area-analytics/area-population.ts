/**
 * Who lives in each area, as far as the product's data knows it (pure): data/okayama/population.json
 * gives the city's people aged 65+ and 75+ and its persons certified as needing care (介護保険事業状況報告,
 * the city as insurer, end of a fiscal year) and the total population of the city and each ward (2020
 * census, from a secondary source). Figures the data does not have stay null — nothing is estimated or
 * allocated. Rates set demand against these figures; a rate of a suppressed count is suppressed too,
 * since it would give the count back.
 */
import type { AreaPopulationRecord, PopulationRecord } from '../seed/okayama-files.js';
import type { Cell } from './area-demand.js';

/** The figures published per area, in this order. */
export const populationFigures = ['total', 'aged65plus', 'aged75plus', 'careCertified'] as const;
export type PopulationFigure = (typeof populationFigures)[number];

export type PopulationSource = {
  id: string;
  attribution: string;
  license: string;
  asOf: string;
  confidence: string;
  note: string;
  /** The figures taken from this source. */
  figures: PopulationFigure[];
};

export type AreaPopulation = Record<PopulationFigure, number | null> & { sources: PopulationSource[] };

/** A rate per `per` people: null when there is no base (unknown population), or suppressed with its count. */
export type Rate = { value: number | null; suppressed: boolean };

export const ratePer = 10000;

export type AreaRates = {
  per: number;
  openCasesPerAged65plus: Rate;
  recentlyDischargedPerAged65plus: Rate;
  openCasesPerPopulation: Rate;
  recentlyDischargedPerPopulation: Rate;
};

const figureNames: Record<PopulationFigure, string> = {
  total: '総人口',
  aged65plus: '65歳以上',
  aged75plus: '75歳以上',
  careCertified: '要介護（要支援）認定者',
};

/** `count` per `per` people of `base`, to 2 decimals; suppressed when the count is. */
export function rateOf(cell: Cell, base: number | null, per = ratePer): Rate {
  if (cell.suppressed || cell.count === null) return { value: null, suppressed: true };
  if (base === null || base <= 0) return { value: null, suppressed: false };
  return { value: Math.round((cell.count / base) * per * 100) / 100, suppressed: false };
}

export function ratesOf(demand: { openCases: Cell; recentlyDischarged: Cell }, population: AreaPopulation): AreaRates {
  return {
    per: ratePer,
    openCasesPerAged65plus: rateOf(demand.openCases, population.aged65plus),
    recentlyDischargedPerAged65plus: rateOf(demand.recentlyDischarged, population.aged65plus),
    openCasesPerPopulation: rateOf(demand.openCases, population.total),
    recentlyDischargedPerPopulation: rateOf(demand.recentlyDischarged, population.total),
  };
}

function sourceOf(file: PopulationRecord, id: string) {
  const source = file.sources.find((candidate) => candidate.id === id);
  return {
    id,
    attribution: source?.attribution ?? id,
    license: source?.license ?? '',
    asOf: source?.asOf ?? '',
    confidence: source?.confidence ?? '',
    note: source?.note ?? '',
  };
}

function areaPopulation(file: PopulationRecord, record: AreaPopulationRecord | undefined): AreaPopulation {
  const figures = Object.fromEntries(populationFigures.map((figure) => [figure, record?.[figure] ?? null])) as Record<
    PopulationFigure,
    number | null
  >;
  const sources = new Map<string, PopulationSource>();
  for (const figure of populationFigures) {
    const id = record?.sourceOf[figure];
    if (figures[figure] === null || !id) continue;
    const source = sources.get(id) ?? { ...sourceOf(file, id), figures: [] };
    source.figures.push(figure);
    sources.set(id, source);
  }
  return { ...figures, sources: [...sources.values()] };
}

export type PopulationSummary = {
  isAvailable: boolean;
  note: string;
  /** Every source of the figures shown, with the figures and areas it gives. */
  sources: (PopulationSource & { areaCodes: string[] })[];
};

/**
 * The figures per area for the areas asked for (null where the file has none) and the summary that
 * says which figures exist, for which areas, as of when and from where.
 */
export function populationByArea(
  file: PopulationRecord | null,
  areas: readonly { code: string; name: string }[],
): { areas: Map<string, AreaPopulation>; summary: PopulationSummary } {
  const empty: PopulationRecord = { sources: [], areas: [] };
  const data = file ?? empty;
  const byArea = new Map(
    areas.map((area) => [
      area.code,
      areaPopulation(
        data,
        data.areas.find((record) => record.code === area.code),
      ),
    ]),
  );
  const sources = new Map<string, PopulationSource & { areaCodes: string[] }>();
  for (const [code, population] of byArea) {
    for (const source of population.sources) {
      const entry = sources.get(source.id) ?? { ...source, figures: [], areaCodes: [] };
      entry.areaCodes.push(code);
      for (const figure of source.figures) if (!entry.figures.includes(figure)) entry.figures.push(figure);
      sources.set(source.id, entry);
    }
  }
  const nameOf = (code: string) => areas.find((area) => area.code === code)?.name ?? code;
  const lines = [...sources.values()].map((source) => {
    const secondary =
      source.confidence === 'secondary' && !source.attribution.includes('二次資料')
        ? '、二次資料の値で原資料では未確認'
        : '';
    return `${source.figures.map((figure) => figureNames[figure]).join('・')}（${source.areaCodes.map(nameOf).join('・')}）: ${source.attribution}、${source.asOf}${secondary}。`;
  });
  const withoutAge = [...byArea]
    .filter(([, population]) => population.aged65plus === null)
    .map(([code]) => nameOf(code));
  const missing =
    withoutAge.length > 0
      ? `${withoutAge.join('・')}の65歳以上・75歳以上の人数はデータにないため示しません（推計も按分もしません）。`
      : '';
  const basis = sources.has('mhlw-kaigo-jigyo-jokyo')
    ? '65歳以上・75歳以上は、市を保険者とする介護保険の第1号被保険者数です（住所地特例で市外の施設に住む人を含みます）。'
    : '';
  const isAvailable = sources.size > 0;
  return {
    areas: byArea,
    summary: {
      isAvailable,
      note: isAvailable
        ? `${lines.join('')}${basis}${missing}率は人口1万人あたりで、秘匿した人数からは計算しません。`
        : '人口のデータ（data/okayama/population.json）がないため、人口と率は表示しません。推計値は作りません。',
      sources: [...sources.values()],
    },
  };
}
