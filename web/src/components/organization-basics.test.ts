import { describe, expect, it } from 'vitest';
import {
  basicsRequestOf,
  checkBasics,
  formatPostalCode,
  isKanaReading,
  officialCodeOf,
  postalCodeDigits,
  type BasicsDraft,
} from './organization-basics';

const initial: BasicsDraft = {
  name: '訪問看護ステーションあおば',
  nameKana: '',
  postalCode: '700-0821',
  areaCode: '33101',
  address: '岡山市北区中山下1-1-1',
  fax: '',
  medicalInstitutionCode: '',
  careOfficeNumber: '3360190001',
};

describe("an organisation's name and address", () => {
  it('reads postal codes as the server does', () => {
    expect(postalCodeDigits('〒700-0821')).toBe('7000821');
    expect(postalCodeDigits('７００－０８２１')).toBe('7000821');
    expect(postalCodeDigits('郵便番号: 700 0821')).toBe('7000821');
    expect(postalCodeDigits('700-082')).toBeNull();
    expect(formatPostalCode('7000821')).toBe('700-0821');
  });

  it('checks the name, the lengths, the postal code and the address', () => {
    expect(checkBasics(initial, { requireAddress: true })).toEqual({});
    expect(
      checkBasics(
        { ...initial, name: ' ', postalCode: '12345', address: '', nameKana: 'ア'.repeat(201) },
        { requireAddress: true },
      ),
    ).toEqual({
      name: 'basicsForm.nameRequired',
      nameKana: 'basicsForm.kanaTooLong',
      postalCode: 'basicsForm.postalCodeInvalid',
      address: 'basicsForm.addressRequired',
    });
    expect(checkBasics({ ...initial, address: '' }, { requireAddress: false })).toEqual({});
  });

  it('takes a reading in kana only, and does not hold an unchanged reading from the public data against an edit', () => {
    for (const reading of ['オカヤマ クリニック', 'ほうもんかんご', 'イリョウホウジン（カ）ダイ2', 'ｵｶﾔﾏ'])
      expect(isKanaReading(reading), reading).toBe(true);
    for (const reading of ['abc', '岡山クリニック', '123', 'ー']) expect(isKanaReading(reading), reading).toBe(false);
    expect(checkBasics({ ...initial, nameKana: 'abc' }, { requireAddress: false })).toEqual({
      nameKana: 'basicsForm.kanaInvalid',
    });
    expect(checkBasics({ ...initial, nameKana: 'ABC病院' }, { requireAddress: true, initialKana: 'ABC病院' })).toEqual(
      {},
    );
  });

  it('sends only what changed, the postal code as 7 digits', () => {
    expect(basicsRequestOf(initial, { ...initial, postalCode: '〒700-0821 ' })).toEqual({});
    expect(
      basicsRequestOf(initial, {
        ...initial,
        name: '訪問看護ステーションあおば ',
        nameKana: 'ほうもんかんご',
        postalCode: '７００８５４４',
        areaCode: '',
        address: '岡山市北区鹿田町2-5-1',
      }),
    ).toEqual({ nameKana: 'ほうもんかんご', postalCode: '7008544', areaCode: null, address: '岡山市北区鹿田町2-5-1' });
    expect(basicsRequestOf(initial, { ...initial, postalCode: '' })).toEqual({ postalCode: null });
  });

  it('reads official codes as people copy them, checks them and sends both codes when one changed', () => {
    expect(officialCodeOf(' ３３－１０１２３４５６ ')).toBe('3310123456');
    expect(officialCodeOf('33a0190001')).toBe('33A0190001');
    expect(checkBasics({ ...initial, medicalInstitutionCode: '123' }, { requireAddress: true })).toEqual({
      'codes.medicalInstitutionCode': 'organizationNew.medicalInstitutionCodeInvalid',
    });
    expect(checkBasics({ ...initial, careOfficeNumber: '33601900@1' }, { requireAddress: true })).toEqual({
      'codes.careOfficeNumber': 'organizationNew.careOfficeNumberInvalid',
    });
    expect(basicsRequestOf(initial, { ...initial, careOfficeNumber: '３３６０１９０００１' })).toEqual({});
    expect(basicsRequestOf(initial, { ...initial, medicalInstitutionCode: '3310123456' })).toEqual({
      codes: { medicalInstitutionCode: '3310123456', careOfficeNumber: '3360190001' },
    });
    expect(basicsRequestOf(initial, { ...initial, careOfficeNumber: '', fax: '086-000-0000' })).toEqual({
      fax: '086-000-0000',
      codes: { medicalInstitutionCode: null, careOfficeNumber: null },
    });
  });
});
