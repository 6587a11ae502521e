/**
 * The 出典 as citizens see it: the public data behind the providers and the address search, each line as the licence
 * asks (source-lines.ts: publisher, title, licence, a plain date). The population statistics of 地域分析 are left
 * out: nothing on the citizens' search comes from them.
 */
import type { DataSource } from '../../api/types';
import type { DataSourceText } from '../../i18n/server-text';
import { ownSourceIds, sourceLines, type SourceLine } from '../source-lines';

/** The population statistics of 地域分析 (professionals only). */
const statisticsSources = new Set(['mhlw-kaigo-jigyo-jokyo', 'census-2020-secondary']);

export function citizenSourceLines(
  sources: readonly DataSource[],
  language: 'ja' | 'en',
  texts: (source: DataSource) => DataSourceText,
  t: (key: string, params?: Record<string, string>) => string,
): SourceLine[] {
  return sourceLines(
    sources.filter((source) => !ownSourceIds.has(source.id) && !statisticsSources.has(source.id)),
    language,
    texts,
    t,
  );
}
