import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeLike, normalizeForSearch } from './text.js';

describe('normalizeForSearch', () => {
  it.each([
    ['full-width Latin letters and digits', 'ＲＥＮＫＥＩ１２３', 'renkei123'],
    ['half-width katakana', 'ｵｶﾔﾏｼﾐﾝﾋﾞｮｳｲﾝ', 'オカヤマシミンビョウイン'],
    ['half-width voiced marks', 'ｶﾞｷﾞﾊﾟ', 'ガギパ'],
    ['hiragana to katakana', 'おかやましみんびょういん', 'オカヤマシミンビョウイン'],
    ['small kana and ゔ', 'ぁゃっゔゕゖ', 'ァャッヴヵヶ'],
    ['upper case', 'Okayama CLINIC', 'okayamaclinic'],
    ['variant kanji of names (異体字)', '㈱髙橋商会 川﨑 𠮷田 渡邊 濵田', '(株)高橋商会川崎吉田渡辺浜田'],
    ['half- and full-width spaces', '岡山 市　北区\t大供', '岡山市北区大供'],
    ['full-width symbols', '（医）２４時間', '(医)24時間'],
    ['kanji untouched', '訪問看護ステーション', '訪問看護ステーション'],
    ['empty', '', ''],
  ])('folds %s', (_label, input, expected) => {
    expect(normalizeForSearch(input)).toBe(expected);
  });

  it('makes hiragana, katakana, half-width katakana and full-width spellings of a name equal', () => {
    const spellings = ['きらめき訪問看護', 'キラメキ訪問看護', 'ｷﾗﾒｷ訪問看護', 'きらめき 訪問看護'];
    expect(new Set(spellings.map(normalizeForSearch)).size).toBe(1);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const once = normalizeForSearch(value);
        expect(normalizeForSearch(once)).toBe(once);
      }),
    );
  });

  it('leaves no hiragana, upper-case ASCII or whitespace behind', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        expect(normalizeForSearch(value)).not.toMatch(/[\u3041-\u3096A-Z\s\u3000]/);
      }),
    );
  });
});

describe('escapeLike', () => {
  it('escapes the LIKE wildcards and the escape character', () => {
    expect(escapeLike('100%_a\\b')).toBe('100\\%\\_a\\\\b');
    expect(escapeLike('岡山')).toBe('岡山');
  });
});

describe('variant kanji folding of the stored search text', () => {
  it('migration 0008 folds the same pairs as normalizeForSearch', async () => {
    const { readFile } = await import('node:fs/promises');
    const { variantKanji } = await import('./text.js');
    const migration = await readFile(new URL('../db/migrations/0008_fold_variant_kanji.sql', import.meta.url), 'utf8');
    const calls = [...migration.matchAll(/translate\("search_text", '([^']*)', '([^']*)'\)/g)];
    expect(calls.length).toBeGreaterThan(0);
    for (const [, from, to] of calls) expect({ from, to }).toEqual(variantKanji);
    expect(Array.from(variantKanji.from)).toHaveLength(Array.from(variantKanji.to).length);
  });
});
