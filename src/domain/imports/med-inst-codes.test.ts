import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mapImportFile } from './map-file.js';
import type { MappingContext } from './import-types.js';

const fixture = readFileSync(
  new URL('../../../test/fixtures/imports/med-inst-codes-okayama-sample.csv', import.meta.url),
  'utf8',
);
const context: MappingContext = {
  fileName: 'okayama.csv',
  knownAreaCodes: new Set(['33101', '33102', '33103', '33104']),
  areaOfPostalCode: (postalCode) => (postalCode.startsWith('700') ? '33101' : null),
};

describe('med-inst-codes', () => {
  it('reads the 厚生局 list with header: 10-digit 医療機関コード, full-width digits normalised, ward from the address', () => {
    const result = mapImportFile('med-inst-codes', fixture, context);
    expect(result.variant).toBe('with-header');
    expect(result.rejected).toEqual([]);
    expect(result.records[0]).toMatchObject({
      sourceKey: 'med:3310105683',
      medicalInstitutionCode: '3310105683',
      kind: 'clinic',
      name: '古元医院',
      postalCode: '7011223',
      address: '岡山市北区大窪482',
      areaCode: '33101',
      source: 'med-inst-codes',
    });
    expect(result.records.some((record) => record.kind === 'hospital')).toBe(true);
  });

  it('reads the headerless national file, adds the prefecture outside 岡山県 and folds identical repeated rows', () => {
    const text = [
      '010112489,0112489,医療法人 愛全病院,0050813,札幌市南区川沿１３条２丁目１番３８号',
      '010112489,0112489,医療法人 愛全病院,0050813,札幌市南区川沿１３条２丁目１番３８号',
      '330105683,0105683,古元医院,7011223,岡山市北区大窪４８２',
    ].join('\n');
    const result = mapImportFile('med-inst-codes', text, context);
    expect(result.variant).toBe('headerless');
    expect(result.mergedRows).toBe(1);
    expect(result.records.map((record) => [record.medicalInstitutionCode, record.kind, record.address])).toEqual([
      ['0110112489', 'hospital', '北海道札幌市南区川沿13条2丁目1番38号'],
      ['3310105683', 'clinic', '岡山市北区大窪482'],
    ]);
  });

  it('rejects bad rows: codes that disagree, a short postal code, a missing name, the same code with other content', () => {
    const text = [
      'med_code9,med_code7,name,postal_code,address',
      '330105683,0105684,古元医院,7011223,岡山市北区大窪４８２',
      '330105956,0105956,耳鼻咽喉科菰口医院,70008,岡山市北区南中央町１０－１９',
      '330105957,0105957,,7000837,岡山市北区南中央町',
      '330106000,0106000,A医院,7000837,岡山市北区表町1',
      '330106000,0106000,B医院,7000837,岡山市北区表町1',
      '330106001,0106001',
    ].join('\r\n');
    const result = mapImportFile('med-inst-codes', text, context);
    expect(result.rejected).toEqual([
      { line: 2, reason: 'med_code7「0105684」が med_code9 の下7桁と一致しません' },
      { line: 3, reason: '郵便番号が7桁ではありません（「70008」）' },
      { line: 4, reason: '医療機関名が空です' },
      { line: 6, reason: '医療機関コード 3310106000 が 5行目と重複しています（内容が異なります）' },
      { line: 7, reason: '列の数が 2 です（5 列の表です）' },
    ]);
  });
});
