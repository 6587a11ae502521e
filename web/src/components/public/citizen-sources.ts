/**
 * The 出典 as citizens see it: the source's name (its attribution, in Japanese as the licence words it), its
 * licence and a plain as-of date — 「2021年1月1日」, not 「2021年1月1日(金)」 — and none of the notes meant for staff
 * (「年度末現在（年度は表に記載なし。令和5年度末と推定）」, 「（二次資料による引用値、原資料で未確認）」). The professional
 * pages keep the full lines (components/SourceLines, /about/data).
 */
import type { DataSource } from '../../api/types';
import { formatMonth } from '../../format';

/** Renkei's own entries, not public data. */
const ownSources = new Set(['manual', 'demo']);

/**
 * The population statistics of 地域分析 (professionals only): nothing on the citizens' search comes from them, and
 * their lines carry the caveats of their figures.
 */
const statisticsSources = new Set(['mhlw-kaigo-jigyo-jokyo', 'census-2020-secondary']);

/** A parenthesised note about how far a figure can be trusted (推定, 未確認, 二次資料, 要確認). */
const caveat = /[（(][^（）()]*(?:推定|未確認|二次資料|要確認)[^（）()]*[）)]/g;

const dateFormats = {
  ja: new Intl.DateTimeFormat('ja-JP', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }),
};

/** 2021-01-01 → 2021年1月1日 / "1 Jan 2021"; 2025-12 → 2025年12月 / "Dec 2025"; anything else (a note) → null. */
export function plainAsOf(asOf: string | null, language: 'ja' | 'en'): string | null {
  if (asOf === null) return null;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  if (day) {
    const date = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
    return Number.isNaN(date.getTime()) ? null : dateFormats[language].format(date);
  }
  if (/^\d{4}-\d{2}$/.test(asOf)) {
    const month = formatMonth(asOf, language);
    return month === asOf ? null : month;
  }
  return null;
}

/** The attribution without the notes for staff: 「出典：「令和2年国勢調査」（総務省）の人口」. */
export function plainAttribution(attribution: string): string {
  return attribution.replace(caveat, '').trim();
}

export type CitizenSourceLine = { id: string; attribution: string; license: string | null; asOf: string | null };

/**
 * The lines to show, each source once: `texts` gives a source's attribution and licence in the current language
 * (i18n/server-text `dataSource`: the licence in English where known, the attribution as the licence asks).
 */
export function citizenSourceLines(
  sources: readonly DataSource[],
  language: 'ja' | 'en',
  texts: (source: DataSource) => { attribution: string; license: string | null },
): CitizenSourceLine[] {
  const unique = [...new Map(sources.map((source) => [source.id, source])).values()];
  return unique
    .filter((source) => !ownSources.has(source.id) && !statisticsSources.has(source.id))
    .map((source) => {
      const text = texts(source);
      return {
        id: source.id,
        attribution: plainAttribution(text.attribution),
        license: text.license === null ? null : plainAttribution(text.license),
        asOf: plainAsOf(source.asOf, language),
      };
    });
}
