/**
 * The short 出典 lines under the data: who published it, its title, 「を加工して作成」 as the licences ask, the licence
 * and the date without the weekday — 「出典：「…」（厚生労働省）を加工して作成（2025年12月時点、利用条件：CC BY 4.0）」,
 * in English "Source: Ministry of Health, Labour and Welfare, “…” (processed by Renkei), as of Dec 2025; licence: CC
 * BY 4.0". Notes on how the data reached us or how sure a date is (intermediate processing, estimates) are not part of
 * these lines: the data page (/about/data) gives them. Each line is shown once.
 */
import type { DataSource } from '../api/types';
import type { DataSourceText } from '../i18n/server-text';

/** Renkei's own entries, not public data. */
export const ownSourceIds: ReadonlySet<string> = new Set(['manual', 'demo']);

export type SourceLine = {
  id: string;
  text: string;
  /** The language the line is written in: a source without English names keeps its Japanese 出典. */
  lang: 'ja' | 'en';
};

type Translate = (key: string, params?: Record<string, string>) => string;

export function sourceLines(
  sources: readonly DataSource[],
  language: 'ja' | 'en',
  texts: (source: DataSource) => DataSourceText,
  t: Translate,
): SourceLine[] {
  const lines = sources.map((source): SourceLine => {
    const text = texts(source);
    const head =
      language === 'en' && text.named
        ? t('sources.named', { publisher: text.named.publisher, title: text.named.title })
        : text.attribution;
    const details = [
      text.asOf ? t('sources.date', { asOf: text.asOf }) : null,
      text.license ? t('sources.license', { license: text.license }) : null,
    ].filter((part) => part !== null);
    return {
      id: source.id,
      text: details.length > 0 ? t('sources.line', { head, details: details.join(t('sources.join')) }) : head,
      lang: language === 'en' && (text.named || ownSourceIds.has(source.id)) ? 'en' : 'ja',
    };
  });
  const seen = new Set<string>();
  return lines.filter((line) => !seen.has(line.text) && seen.add(line.text));
}

/**
 * The titles for a one-line footer (「出典：「…」「…」を加工して作成。」 / "Sources: adapted from “…”, “…”."), each
 * once, without Renkei's own entries.
 */
export function sourceTitles(
  sources: readonly DataSource[],
  language: 'ja' | 'en',
  texts: (source: DataSource) => DataSourceText,
): string {
  const titles = sources
    .filter((source) => !ownSourceIds.has(source.id))
    .map((source) => {
      const named = language === 'en' ? texts(source).named : null;
      if (named) return `“${named.title}”`;
      const match = /「([^」]+)」/.exec(source.attribution);
      return match?.[1] ? `「${match[1]}」` : source.attribution;
    });
  return [...new Set(titles)].join(language === 'en' ? ', ' : '');
}
