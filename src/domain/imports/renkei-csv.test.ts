import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { mapImportFile } from './map-file.js';
import { ImportFormatError, type MappingContext } from './import-types.js';
import { decodeText } from './text-encoding.js';

const example = readFileSync(new URL('../../../data/templates/renkei-csv-example.csv', import.meta.url));
const context: MappingContext = {
  fileName: 'members.csv',
  knownAreaCodes: new Set(['33101', '33102', '33103', '33104']),
};
const header =
  'kind,name,address,medical_institution_code,care_office_number,source_key,lat,lng,groups,procedures,available_24h,coverage_radius_km,phone,url,area_code';

describe('renkei-csv', () => {
  it('maps the published example without a single rejection, with its capability columns', () => {
    const result = mapImportFile('renkei-csv', decodeText(example, 'auto').text, context);
    expect(result.rejected).toEqual([]);
    expect(result.records).toHaveLength(3);
    expect(result.records[0]).toMatchObject({
      sourceKey: 'example:clinic-1',
      kind: 'clinic',
      medicalInstitutionCode: '3319999991',
      postalCode: '7000000',
      areaCode: '33101',
      source: 'manual',
      capabilities: {
        groups: ['cancer', 'elderly', 'terminal_care'],
        procedures: ['home_oxygen', 'opioid_pain_control', 'urinary_catheter'],
        available24h: true,
        coverageRadiusKm: 8,
      },
    });
    expect(result.records[1]?.location).toEqual({ lat: 34.6657, lng: 133.9473 });
    expect(result.records[2]?.capabilities).toBeNull();
  });

  it('reads the same file saved by Excel as Shift_JIS (CP932)', () => {
    const utf8 = decodeText(example, 'auto').text;
    const decoded = decodeText(iconv.encode(utf8, 'cp932'), 'auto');
    expect(decoded.encoding).toBe('sjis');
    expect(mapImportFile('renkei-csv', decoded.text, context).records.map((record) => record.name)).toEqual(
      mapImportFile('renkei-csv', utf8, context).records.map((record) => record.name),
    );
  });

  it('rejects each bad row with its line and a reason naming the allowed values', () => {
    const text = [
      header,
      'clinc,A医院,岡山市北区1,,,a:1,,,,,,,,,',
      'clinic,B医院,岡山市北区2,,,a:2,,,elderly;kids,,,,,,',
      'clinic,C医院,岡山市北区3,,,a:3,,,,ventilator,maybe,0,,,',
      'clinic,D医院,岡山市北区4,12345,,,,,,,,,,,',
      'clinic,E医院,岡山市北区5,,,,,,,,,,,,',
      'clinic,F医院,岡山市北区6,,,a:6,10,135,,,,,abc,ftp://x,33199',
      'clinic,G医院,岡山市北区7,,,a:1,,,,,,,,,',
      'clinic,,,,,a:8,,,,,,,,,',
      `clinic,${'長'.repeat(201)},${'岡'.repeat(301)},,,a:10,,,,,,,,,`,
    ].join('\n');
    const result = mapImportFile('renkei-csv', text, context);
    expect(result.records).toHaveLength(0);
    const reasons = new Map(result.rejected.map((problem) => [problem.line, problem.reason]));
    expect(reasons.get(2)).toMatch(/^kind「clinc」は不明な種別です（使える値: hospital, clinic, /);
    expect(reasons.get(3)).toMatch(/groups（対象者）に不明なコード kids があります（使えるコード: elderly, /);
    expect(reasons.get(4)).toMatch(/available_24h「maybe」は true \/ false/);
    expect(reasons.get(4)).toMatch(/coverage_radius_km「0」は 0 より大きく 100 以下/);
    expect(reasons.get(5)).toBe('医療機関コードが10桁の数字ではありません（「12345」）');
    expect(reasons.get(6)).toBe('medical_institution_code・care_office_number・source_key のいずれかが必要です');
    expect(reasons.get(7)).toMatch(/area_code「33199」は登録されている地域コードではありません/);
    expect(reasons.get(7)).toMatch(/緯度・経度が日本の範囲外です/);
    expect(reasons.get(7)).toMatch(/phone（電話番号）「abc」が正しくありません/);
    expect(reasons.get(7)).toMatch(/url「ftp:\/\/x」は Web アドレスではありません/);
    expect(reasons.get(8)).toBe('source_key a:1 が 2行目と重複しています');
    expect(reasons.get(9)).toBe('name（名称）が空です。address（所在地）が空です');
    expect(reasons.get(10)).toBe(
      'name（名称）は200文字以内です（201文字）。address（所在地）は300文字以内です（301文字）',
    );
  });

  it("refuses a point far from the row's area (a slip: Tokyo under 北区) and reads a phone typed full width", () => {
    const withCentroids: MappingContext = {
      ...context,
      areaCentroids: new Map([
        ['33101', { lat: 34.772, lng: 133.881 }],
        ['33104', { lat: 34.584, lng: 133.905 }],
      ]),
    };
    const text = [
      header,
      'clinic,東京座標医院,岡山市北区大供1-1,,,t:1,35.6,139.7,,,,,,,33101',
      'clinic,住所の区で確かめる医院,岡山市南区福成1-1,,,t:2,35.6,139.7,,,,,,,',
      'clinic,区内の座標医院,岡山市北区大供1-1,,,t:3,34.6617,133.9185,,,,,０８６ー０００ー０００７,,33101',
    ].join('\n');
    const result = mapImportFile('renkei-csv', text, withCentroids);
    const reasons = new Map(result.rejected.map((problem) => [problem.line, problem.reason]));
    expect(reasons.get(2)).toBe(
      '緯度・経度（35.6, 139.7）が地域 33101 から 25 km 以上離れています。座標を確かめるか、空欄にして住所から位置を推定させてください',
    );
    expect(reasons.get(3)).toMatch(/地域 33104 から 25 km 以上離れています/);
    expect(result.records.map((record) => [record.name, record.phone])).toEqual([['区内の座標医院', '086-000-0007']]);
  });

  it('refuses a header with an unknown column or without a required one, naming the allowed columns', () => {
    expect(() => mapImportFile('renkei-csv', 'kind,name,adress\nclinic,A,B\n', context)).toThrow(ImportFormatError);
    expect(() => mapImportFile('renkei-csv', 'kind,name,adress\nclinic,A,B\n', context)).toThrow(
      /必須の列がありません: address。不明な列があります: 「adress」/,
    );
  });
});
