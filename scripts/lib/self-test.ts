/**
 * Checks of the CSV parser and the geocoder, run by build-okayama-data.ts before it writes
 * anything. Returns the list of failures (empty = all passed).
 */

import { parseCsv, parseCsvObjects } from '../../src/domain/imports/csv.js';
import type { Geocoder, GeocodePrecision } from '../../src/domain/geocode/address-geocoder.js';
import {
  formatAddress,
  fromKanjiNumeral,
  normalizeAddress,
  toKanjiNumeral,
} from '../../src/domain/geocode/address-geocoder.js';

function same(actual: unknown, expected: unknown): boolean {
  return JSON.stringify(actual) === JSON.stringify(expected);
}

export function csvSelfTest(): string[] {
  const failures: string[] = [];
  const expect = (label: string, actual: unknown, expected: unknown): void => {
    if (!same(actual, expected)) {
      failures.push(`csv ${label}: got ${JSON.stringify(actual)}, want ${JSON.stringify(expected)}`);
    }
  };
  expect('simple', parseCsv('a,b\n1,2\n'), [
    ['a', 'b'],
    ['1', '2'],
  ]);
  expect('no final newline', parseCsv('a,b\n1,2'), [
    ['a', 'b'],
    ['1', '2'],
  ]);
  expect('bom + crlf', parseCsv('\ufeffa,b\r\n1,2\r\n'), [
    ['a', 'b'],
    ['1', '2'],
  ]);
  expect('lone cr', parseCsv('a\r1\r'), [['a'], ['1']]);
  expect('quoted comma', parseCsv('x,"平日,土曜日,祝日",y\n'), [['x', '平日,土曜日,祝日', 'y']]);
  expect('doubled quote', parseCsv('"he said ""hi""",2\n'), [['he said "hi"', '2']]);
  expect('newline in quotes', parseCsv('"a\r\nb",c\n'), [['a\r\nb', 'c']]);
  expect('empty fields', parseCsv(',,\n'), [['', '', '']]);
  expect('empty quoted last', parseCsv('a,""'), [['a', '']]);
  expect('objects', parseCsvObjects('k,v\n1,"2,3"\n\n'), [{ k: '1', v: '2,3' }]);
  let threw = false;
  try {
    parseCsv('"open');
  } catch {
    threw = true;
  }
  expect('unterminated throws', threw, true);
  return failures;
}

interface GeocodeCase {
  readonly address: string;
  readonly hint?: string;
  readonly city: string | null;
  readonly town: string | null;
  readonly precision: GeocodePrecision | null;
}

const GEOCODE_CASES: readonly GeocodeCase[] = [
  { address: '岡山市中区国富１丁目１４番８号', city: '岡山市中区', town: '国富一丁目', precision: 'machiaza' },
  { address: '岡山市北区津島西坂１－２－４１', city: '岡山市北区', town: '津島西坂一丁目', precision: 'machiaza' },
  { address: '岡山市北区津島西坂1-2-41', city: '岡山市北区', town: '津島西坂一丁目', precision: 'machiaza' },
  { address: '岡山市北区津島西坂１ー２ー４１', city: '岡山市北区', town: '津島西坂一丁目', precision: 'machiaza' },
  { address: '岡山市北区大窪４８２', city: '岡山市北区', town: '大窪', precision: 'machiaza' },
  { address: '岡山県岡山市北区青江二丁目１番１号', city: '岡山市北区', town: '青江二丁目', precision: 'machiaza' },
  { address: '岡山市北区青江', city: '岡山市北区', town: '青江', precision: 'oaza' },
  { address: '岡山市北区青江9丁目', city: '岡山市北区', town: '青江', precision: 'oaza' },
  { address: '岡山市北区青江 ５ 丁目１番３号', city: '岡山市北区', town: '青江五丁目', precision: 'machiaza' },
  { address: '厚生町3丁目８－３５', hint: '33101', city: '岡山市北区', town: '厚生町三丁目', precision: 'machiaza' },
  { address: '岡山市南区築港榮町２－１３', city: '岡山市南区', town: '築港栄町', precision: 'machiaza' },
  { address: '岡山市北区西古松３２１番地の１０２', city: '岡山市北区', town: '西古松', precision: 'machiaza' },
  { address: '岡山市北区西古松２－２８－１４', city: '岡山市北区', town: '西古松二丁目', precision: 'machiaza' },
  { address: '岡山市北区富原字浜３７０２番地４', city: '岡山市北区', town: '富原', precision: 'machiaza' },
  { address: '岡山市北区大供1-1-1', city: '岡山市北区', town: '大供一丁目', precision: 'machiaza' },
  { address: '岡山市大供一丁目1番1号', city: '岡山市北区', town: '大供一丁目', precision: 'machiaza' },
  { address: '岡山市北区\ue3cd園８６６', city: '岡山市北区', town: '祇園', precision: 'machiaza' },
  { address: '岡山市中区衹園541-1', city: '岡山市中区', town: '祇園', precision: 'machiaza' },
  { address: '岡山市北区吉備津1022-6', city: '岡山市北区', town: '吉備津', precision: 'machiaza' },
  { address: '和気町和気1', city: '和気郡和気町', town: '和気', precision: 'machiaza' },
  { address: '岡山市北区存在しない町１', city: '岡山市北区', town: null, precision: 'ward' },
  { address: '東京都千代田区霞が関1-2-2', city: null, town: null, precision: null },
];

export function geocoderSelfTest(geocoder: Geocoder): string[] {
  const failures: string[] = [];
  for (const c of GEOCODE_CASES) {
    const result = geocoder.geocode(c.address, c.hint ? { lgCode5: c.hint } : {});
    const actual = { city: result?.city ?? null, town: result?.town ?? null, precision: result?.precision ?? null };
    const expected = { city: c.city, town: c.town, precision: c.precision };
    if (!same(actual, expected)) {
      failures.push(`geocode ${c.address}: got ${JSON.stringify(actual)}, want ${JSON.stringify(expected)}`);
    }
  }
  for (let n = 1; n <= 99; n += 1) {
    if (fromKanjiNumeral(toKanjiNumeral(n)) !== n) failures.push(`kanji numeral round trip ${n}`);
  }
  const numerals: [number, string][] = [
    [1, '一'],
    [10, '十'],
    [11, '十一'],
    [20, '二十'],
    [21, '二十一'],
  ];
  for (const [n, kanji] of numerals) {
    if (toKanjiNumeral(n) !== kanji) failures.push(`toKanjiNumeral(${n}) = ${toKanjiNumeral(n)}`);
  }
  if (fromKanjiNumeral('十十') !== null || fromKanjiNumeral('') !== null)
    failures.push('fromKanjiNumeral accepts junk');
  const formats: [string, string][] = [
    ['岡山県岡山市北区駅元町１－４ タ－ミナルスクエア８Ｆ', '岡山市北区駅元町1-4 ターミナルスクエア8F'],
    ['岡山市南区東畦７６７ー３', '岡山市南区東畦767-3'],
    ['岡山市北区中山下１丁目８番４５号　ＮＴＴクレド岡山ビル８Ｆ', '岡山市北区中山下1丁目8番45号 NTTクレド岡山ビル8F'],
    ['老人保健施設　南岡山ナ－シングホ－ム', '老人保健施設 南岡山ナーシングホーム'],
  ];
  for (const [input, expected] of formats) {
    if (formatAddress(input) !== expected) failures.push(`formatAddress(${input}) = ${formatAddress(input)}`);
  }
  if (normalizeAddress('岡山県 岡山市北区 青江１ー１') !== '岡山市北区青江1-1')
    failures.push('normalizeAddress spaces/hyphen');
  return failures;
}
