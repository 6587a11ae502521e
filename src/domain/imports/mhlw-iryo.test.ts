import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapImportFile } from './map-file.js';
import { ImportFormatError, type MappingContext } from './import-types.js';

// A synthetic file (fictional facilities): no real 医療情報ネット file was available (SOURCES.md §1.1).
const fileName = 'mhlw-iryo-01-1_hospital_facility_info-SYNTHETIC.csv';
const fixture = readFileSync(new URL(`../../../test/fixtures/imports/${fileName}`, import.meta.url), 'utf8');
const context: MappingContext = { fileName, knownAreaCodes: new Set(['33101', '33102', '33103', '33104']) };

describe('mhlw-iryo (synthetic fixture)', () => {
  it('reads the facility file by column position; 0.0/0.0 means no coordinates; hospital from the file name', () => {
    const result = mapImportFile('mhlw-iryo', fixture, context);
    expect(result.rejected).toEqual([]);
    expect(result.records.map((record) => [record.sourceKey, record.kind, record.areaCode, record.location])).toEqual([
      ['iryo:9933101000001', 'hospital', '33101', { lat: 34.655, lng: 133.919 }],
      ['iryo:9933102000002', 'hospital', '33102', null],
      ['iryo:9913101000003', 'hospital', null, { lat: 35.6852, lng: 139.7528 }],
    ]);
    expect(result.records[0]).toMatchObject({
      name: '架空記入例病院',
      nameKana: 'カクウキニュウレイビョウイン',
      address: '岡山市北区大供一丁目1番1号',
      url: 'https://example.jp/fictional-hospital',
      source: 'mhlw-iryo',
      medicalInstitutionCode: null,
    });
    expect(result.records[2]?.address).toBe('東京都千代田区千代田1-1');
  });

  it('refuses a file without the facility columns', () => {
    expect(() => mapImportFile('mhlw-iryo', 'ID,名称\n1,a\n', context)).toThrow(ImportFormatError);
  });

  it('rejects a row with a bad prefecture code or a missing name', () => {
    const lines = fixture.replace(/^\ufeff/, '').split('\r\n');
    const broken = [
      lines[0],
      lines[1]?.replace(',33,101,', ',99,101,'),
      lines[2]?.replace('架空記入例医療センター', ''),
    ].join('\r\n');
    const result = mapImportFile('mhlw-iryo', broken, context);
    expect(result.rejected).toEqual([
      { line: 2, reason: '都道府県コード「99」が正しくありません' },
      { line: 3, reason: '正式名称が空です' },
    ]);
  });
});
