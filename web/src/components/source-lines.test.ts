/**
 * The short 出典 lines: publisher, title, 「を加工して作成」, date without the weekday and licence, in the language shown;
 * never the notes on intermediate processing or estimates (those are on /about/data); each line once.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ja from '../i18n/ja.json';
import en from '../i18n/en.json';
import jaServerText from '../i18n/ja/server-text.json';
import enServerText from '../i18n/en/server-text.json';
import { dataSourceText } from '../i18n/server-text';
import type { DataSource } from '../api/types';
import { sourceLines, sourceTitles } from './source-lines';
import { citizenSourceLines } from './public/citizen-sources';

async function instance(language: 'ja' | 'en'): Promise<I18n> {
  const created = i18next.createInstance();
  await created.init({
    lng: language,
    fallbackLng: 'ja',
    resources: {
      ja: { translation: ja, 'server-text': jaServerText },
      en: { translation: en, 'server-text': enServerText },
    },
    interpolation: { escapeValue: false },
  });
  return created;
}

/** The data sets the server lists (data/okayama/sources.json), with their notes. */
const sources = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../../data/okayama/sources.json'), 'utf8'),
) as DataSource[];

let languages: Record<'ja' | 'en', I18n>;
const linesIn = (language: 'ja' | 'en', given: readonly DataSource[] = sources) => {
  const i18n = languages[language];
  return sourceLines(
    given,
    language,
    (source) => dataSourceText(i18n, source),
    (key, params) => i18n.t(key, params),
  );
};

beforeAll(async () => {
  languages = { ja: await instance('ja'), en: await instance('en') };
});

/** What users were shown before and must not see in a short line. */
const notes = [
  'osawa-ux',
  '中間加工',
  '推定',
  '未確認',
  '二次資料',
  '年度は表に記載',
  '(金)',
  '(木)',
  'Fri',
  'Thu',
  'estimated',
];

describe('source lines', () => {
  it('gives in Japanese the 出典 as the licence words it, with licence and a plain date', () => {
    const lines = linesIn('ja');
    expect(lines.map((line) => line.text)).toContain(
      '出典：「介護サービス情報公表システム オープンデータ」（厚生労働省）を加工して作成（2025年12月時点、利用条件：CC BY 4.0）',
    );
    expect(lines.map((line) => line.text)).toContain(
      '出典：「国土数値情報（行政区域データ）」（国土交通省）を加工して作成（2021年1月1日時点、利用条件：政府標準利用規約 (CC BY 4.0 互換)）',
    );
    expect(lines.map((line) => line.text)).toContain(
      '出典：「介護保険事業状況報告」（厚生労働省）を加工して作成（2024年3月31日時点、利用条件：政府標準利用規約 (CC BY 4.0 互換)）',
    );
    for (const line of lines) expect(line.lang).toBe('ja');
    // The two sets of 介護サービス情報公表システム read the same: one line.
    expect(lines.filter((line) => line.text.includes('介護サービス情報公表システム'))).toHaveLength(1);
    const text = JSON.stringify(lines);
    for (const note of notes) expect(text).not.toContain(note);
  });

  it('gives in English "Source: <publisher>, <title> (processed by Renkei), as of <date>", once', () => {
    const lines = linesIn('en');
    expect(lines.map((line) => line.text)).toContain(
      'Source: Ministry of Land, Infrastructure, Transport and Tourism, “National Land Numerical Information: administrative boundaries” (processed by Renkei), as of 1 Jan 2021; licence: Government of Japan Standard Terms of Use (compatible with CC BY 4.0)',
    );
    const publicLines = lines.filter((line) => !['manual', 'demo'].includes(line.id));
    for (const line of publicLines) {
      expect(line.text).toMatch(/^Source: .+ \(processed by Renkei\)/);
      expect(line.text).not.toMatch(/出典|を加工して作成/);
      expect(line.lang).toBe('en');
    }
    const text = JSON.stringify(lines);
    for (const note of notes) expect(text).not.toContain(note);
  });

  it('keeps the Japanese 出典 of a source without English names, and says its date in English', () => {
    const unknown: DataSource = {
      id: 'new-source',
      attribution: '出典：「新しいデータ」（岡山市）を加工して作成',
      license: 'CC BY 4.0',
      asOf: '2026-04',
    };
    expect(linesIn('en', [unknown])).toEqual([
      {
        id: 'new-source',
        text: '出典：「新しいデータ」（岡山市）を加工して作成, as of Apr 2026; licence: CC BY 4.0',
        lang: 'ja',
      },
    ]);
  });

  it('names the titles for a footer', () => {
    const texts = (language: 'ja' | 'en') => (source: DataSource) => dataSourceText(languages[language], source);
    expect(sourceTitles(sources, 'ja', texts('ja'))).toContain(
      '「コード内容別医療機関一覧表」「介護サービス情報公表システム オープンデータ」「国土数値情報（行政区域データ）」',
    );
    const english = sourceTitles(sources, 'en', texts('en'));
    expect(english).toContain(
      '“List of medical institutions by code”, “Long-term care service information system, open data”',
    );
    expect(english).not.toMatch(/[「」]/);
  });

  it('leaves out of the citizens’ page Renkei’s own entries and the population statistics', () => {
    const i18n = languages.ja;
    const ids = citizenSourceLines(
      sources,
      'ja',
      (source) => dataSourceText(i18n, source),
      (key, params) => i18n.t(key, params),
    ).map((line) => line.id);
    expect(ids).toEqual(['med-inst-codes', 'kaigo-opendata', 'geo-boundaries', 'geolonia-addresses', 'mhlw-iryo']);
  });
});
