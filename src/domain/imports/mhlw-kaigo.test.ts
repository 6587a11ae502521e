import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapImportFile } from './map-file.js';
import { ImportFormatError, type MappingContext } from './import-types.js';
import { MHLW_KAIGO_COLUMNS } from './mhlw-kaigo.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../test/fixtures/imports/${name}`, import.meta.url), 'utf8');
const context = (fileName = 'upload.csv'): MappingContext => ({
  fileName,
  knownAreaCodes: new Set(['33100', '33101', '33102', '33103', '33104']),
  areaCentroids: new Map([['33101', { lat: 34.7, lng: 133.9 }]]),
});

/** One 24-column row; `overrides` by column name. */
function row(overrides: Partial<Record<(typeof MHLW_KAIGO_COLUMNS)[number], string>> = {}): string {
  const values: Record<string, string> = {
    都道府県コード又は市町村コード: '331015',
    No: '3370100001',
    都道府県名: '岡山県',
    市区町村名: '岡山市北区',
    事業所名: 'テスト訪問リハ',
    事業所名カナ: 'テストホウモンリハ',
    サービスの種類: '訪問リハビリテーション',
    住所: '大供1-1-1',
    '方書（ビル名等）': '',
    緯度: '34.66',
    経度: '133.92',
    電話番号: '086-000-0000',
    FAX番号: '',
    法人番号: '1234567890123',
    法人の名称: '医療法人テスト会',
    事業所番号: '3370100001',
    利用可能曜日: '平日,土曜日',
    利用可能曜日特記事項: '',
    定員: '0',
    URL: 'www.example.jp',
    ...overrides,
  };
  return MHLW_KAIGO_COLUMNS.map((name) => {
    const value = values[name] ?? '';
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  }).join(',');
}
const file = (...rows: string[]): string => [MHLW_KAIGO_COLUMNS.join(','), ...rows].join('\r\n');

describe('mhlw-kaigo', () => {
  it('reads the shared 25-column file and merges an office found in several service rows into one record', () => {
    const result = mapImportFile('mhlw-kaigo', fixture('kaigo-opendata-okayama-sample.csv'), context());
    expect(result.variant).toBe('opendata-with-file-code');
    expect(result.rejected).toEqual([]);
    expect(result.dataRows).toBe(7);
    const roken = result.records.find((record) => record.careOfficeNumber === '3350180224');
    expect(roken?.kaigoServices.map((service) => service.code)).toEqual(['140', '160', '220', '520']);
    // The 老健 (520) is the primary service: care_service, not visiting_rehab.
    expect(roken?.kind).toBe('care_service');
    expect(roken?.areaCode).toBe('33101');
    expect(result.records).toHaveLength(3);
    expect(result.mergedRows).toBe(4);
  });

  it('reads the plain 24-column MHLW file and takes the service code from the file name', () => {
    const result = mapImportFile('mhlw-kaigo', fixture('jigyosho_140.csv'), context('jigyosho_140.csv'));
    expect(result.variant).toBe('opendata');
    expect(result.records).toHaveLength(3);
    expect(result.records.every((record) => record.kaigoServices[0]?.code === '140')).toBe(true);
  });

  it('cleans a row: address with municipality, phone, 法人番号, URL repaired, capacity 0 as none', () => {
    const [record] = mapImportFile('mhlw-kaigo', file(row()), context('jigyosho_140.csv')).records;
    expect(record).toMatchObject({
      sourceKey: 'kaigo:3370100001',
      kind: 'visiting_rehab',
      name: 'テスト訪問リハ',
      address: '岡山市北区大供1-1-1',
      areaCode: '33101',
      location: { lat: 34.66, lng: 133.92 },
      phone: '086-000-0000',
      corporationNumber: '1234567890123',
      url: 'http://www.example.jp',
      capacity: null,
      source: 'kaigo-opendata',
    });
  });

  it('rejects malformed rows with their line and reason, and keeps the good ones', () => {
    const result = mapImportFile(
      'mhlw-kaigo',
      file(
        row(),
        row({ 事業所番号: '33701' }),
        row({ 事業所番号: '3370100003', 事業所名: '' }),
        row({ 事業所番号: '3370100004', 緯度: 'north', 経度: '133.9' }),
        `${row({ 事業所番号: '3370100005' })},extra`,
      ),
      context('jigyosho_140.csv'),
    );
    expect(result.records.map((record) => record.careOfficeNumber)).toEqual(['3370100001']);
    expect(result.rejected).toEqual([
      { line: 3, reason: '事業所番号が10桁ではありません（「33701」）' },
      { line: 4, reason: '事業所名が空です' },
      { line: 5, reason: '緯度・経度が数値ではありません（緯度「north」・経度「133.9」）' },
      { line: 6, reason: '列の数が 25 です（見出しは 24 列）' },
    ]);
  });

  it('drops coordinates outside Japan or far from the named ward with a warning instead of rejecting the row', () => {
    const result = mapImportFile(
      'mhlw-kaigo',
      file(
        row({ 緯度: '53.41291', 経度: '-8.24389' }),
        row({ 事業所番号: '3370100002', 緯度: '35.70', 経度: '139.83' }),
        row({ 事業所番号: '3370100003', 緯度: '0', 経度: '0' }),
      ),
      context('jigyosho_140.csv'),
    );
    expect(result.rejected).toEqual([]);
    expect(result.records.map((record) => record.location)).toEqual([null, null, null]);
    expect(result.warnings.map((warning) => warning.line)).toEqual([2, 3, 4]);
    expect(result.warnings[0]?.reason).toMatch(/日本の範囲外/);
    expect(result.warnings[1]?.reason).toMatch(/33101 から \d+ km 離れている/);
    expect(result.warnings[2]?.reason).toMatch(/緯度・経度が 0 です.*住所から位置を推定します/);
  });

  it('rejects a row whose service cannot be told (no code column, no code in the file name, unknown name)', () => {
    const result = mapImportFile('mhlw-kaigo', file(row({ サービスの種類: '未知のサービス' })), context('export.csv'));
    expect(result.rejected[0]?.reason).toMatch(/サービスコードが分かりません/);
  });

  it('reads the derived 訪問看護 and 居宅介護支援 files and keeps the prefecture outside 岡山県', () => {
    const houmon = mapImportFile(
      'mhlw-kaigo',
      'jigyosho_no,name,address,lat,lng\n0160190385,こすもす訪問看護ステーション,北海道札幌市中央区南16条西19丁目1－32,43.03681,141.33021\n3360190049,きらめき訪問看護ステーション,岡山県岡山市北区楢津310-1,34.67976,133.88694\n',
      context(),
    );
    expect(houmon.variant).toBe('houmon-kango');
    expect(houmon.records.map((record) => [record.kind, record.address, record.areaCode])).toEqual([
      ['visiting_nursing', '北海道札幌市中央区南16条西19丁目1-32', null],
      ['visiting_nursing', '岡山市北区楢津310-1', '33101'],
    ]);
    const kyotaku = mapImportFile(
      'mhlw-kaigo',
      'jigyosho_no,name,name_kana,lg_code6,city,address,tel,corporation_name,url,lat,lng\n' +
        '3370102313,テスト居宅,テストキョタク,331023,岡山市中区,岡山県岡山市中区国富1-1,086-111-2222,株式会社テスト,,34.67,133.95\n',
      context(),
    );
    expect(kyotaku.records[0]).toMatchObject({ kind: 'care_management', areaCode: '33102', phone: '086-111-2222' });
  });

  it('refuses a file of another format as a whole', () => {
    expect(() => mapImportFile('mhlw-kaigo', fixture('med-inst-codes-okayama-sample.csv'), context())).toThrow(
      ImportFormatError,
    );
    expect(() => mapImportFile('mhlw-kaigo', fixture('med-inst-codes-okayama-sample.csv'), context())).toThrow(
      /med-inst-codes の形式です/,
    );
  });
});
