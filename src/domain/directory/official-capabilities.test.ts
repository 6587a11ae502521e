import { describe, expect, it } from 'vitest';
import { officialProcedures, withOfficialProcedures } from './official-capabilities.js';
import { organizationValues } from '../../features/seed/reference-data.js';
import { okayamaFiles } from '../../features/seed/okayama-files.js';

describe('capabilities the official data states', () => {
  it('reads 訪問リハビリテーション (kaigo service 140) as rehabilitation at home, nothing else', () => {
    expect(officialProcedures([{ code: '140' }, { code: '520' }])).toEqual(['rehabilitation']);
    expect(officialProcedures([{ code: '160' }, { code: '520' }])).toEqual([]);
    expect(withOfficialProcedures(['home_oxygen'], [{ code: '140' }])).toEqual(['home_oxygen', 'rehabilitation']);
    expect(withOfficialProcedures(['rehabilitation'], [{ code: '140' }])).toEqual(['rehabilitation']);
  });

  it('gives every Okayama office registered for 訪問リハ the capability when the reference data is loaded', () => {
    const records = okayamaFiles.organizations();
    const rehab = records.filter((record) => record.kaigoServices.some((service) => service.code === '140'));
    // The official data lists 34 such offices in the city (clinics, hospitals, 老健).
    expect(rehab.length).toBeGreaterThanOrEqual(30);
    for (const record of rehab) expect(organizationValues(record, new Date()).procedures).toEqual(['rehabilitation']);
    const others = records.filter((record) => !rehab.includes(record));
    expect(others.every((record) => (organizationValues(record, new Date()).procedures ?? []).length === 0)).toBe(true);
  });
});
