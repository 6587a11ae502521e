/** The public data sets behind the directory and their attribution (出典), from data/okayama/sources.json. */
import { existsSync, readFileSync } from 'node:fs';
import { projectPath } from './paths.js';

/**
 * `attribution`: the 出典 line shown under the data (publisher, title, 「を加工して作成」); `asOf`: a date (YYYY-MM or
 * YYYY-MM-DD); `note`: how the data reached us and how sure it is, for the data page only (not the short lines).
 */
export type DataSource = {
  id: string;
  attribution: string;
  license: string | null;
  asOf: string | null;
  note?: string | null;
};

const fallback: DataSource[] = [
  { id: 'manual', attribution: '利用者が登録した情報', license: null, asOf: null, note: null },
  { id: 'demo', attribution: 'デモ用の参考データ（要確認）', license: null, asOf: null, note: null },
];

let cache: Map<string, DataSource> | null = null;

export function dataSources(): Map<string, DataSource> {
  if (cache) return cache;
  const file = projectPath('data/okayama/sources.json');
  const loaded: DataSource[] = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DataSource[]) : [];
  cache = new Map(
    [...fallback, ...loaded].map((source) => [
      source.id,
      { ...source, license: source.license ?? null, asOf: source.asOf ?? null, note: source.note ?? null },
    ]),
  );
  return cache;
}

export function dataSource(id: string): DataSource {
  return dataSources().get(id) ?? { id, attribution: id, license: null, asOf: null };
}

/** The public data sets the names and phone numbers of the directory's organisations come from. */
const organizationSourceIds = ['med-inst-codes', 'kaigo-opendata', 'kaigo-derived'];

/** 出典 of the organisations' names and phones, one line per data set (for printed documents). */
export function organizationAttributions(): string[] {
  const sources = dataSources();
  return [
    ...new Set(organizationSourceIds.flatMap((id) => (sources.has(id) ? [sources.get(id)?.attribution ?? id] : []))),
  ];
}
