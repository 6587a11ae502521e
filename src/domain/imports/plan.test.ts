import { describe, expect, it } from 'vitest';
import type { ImportedOrganization } from './import-types.js';
import { findExisting, indexExisting, planRecord, type AddressLocator, type ExistingOrganization } from './plan.js';

const noLocator: AddressLocator = () => null;
const locator: AddressLocator = () => ({ lat: 34.66, lng: 133.92, precision: 'machiaza', areaCode: '33101' });

function record(overrides: Partial<ImportedOrganization> = {}): ImportedOrganization {
  return {
    line: 2,
    role: 'office',
    sourceKey: 'kaigo:3360100001',
    kind: 'visiting_nursing',
    name: 'テスト訪問看護ステーション',
    nameKana: null,
    medicalInstitutionCode: null,
    careOfficeNumber: '3360100001',
    postalCode: null,
    address: '岡山市北区大供1-1-1',
    areaCode: '33101',
    location: { lat: 34.661, lng: 133.921 },
    phone: null,
    fax: null,
    url: null,
    corporationName: null,
    corporationNumber: null,
    kaigoServices: [{ code: '130', name: '訪問看護' }],
    capacity: null,
    source: 'kaigo-derived',
    capabilities: null,
    ...overrides,
  };
}

function existingFrom(
  values: ReturnType<typeof insertValues>,
  overrides: Partial<ExistingOrganization> = {},
): ExistingOrganization {
  return { ...values, id: 'org-1', sourceKey: 'kaigo:3360100001', ...overrides };
}
function insertValues(input: ImportedOrganization) {
  const plan = planRecord(input, null, noLocator);
  if (plan.action !== 'insert') throw new Error('expected insert');
  return plan.values;
}

describe('planRecord', () => {
  it('inserts a new organisation with the file point as a source-precision point', () => {
    const values = insertValues(record());
    expect(values).toMatchObject({ kind: 'visiting_nursing', lat: 34.661, geocodePrecision: 'source', groups: [] });
  });

  it('locates an address without coordinates offline', () => {
    const plan = planRecord(record({ location: null, areaCode: null }), null, locator);
    expect(plan.action === 'insert' && plan.values).toMatchObject({
      lat: 34.66,
      geocodePrecision: 'machiaza',
      areaCode: '33101',
    });
  });

  it('leaves an organisation alone when nothing would change (idempotent)', () => {
    const existing = existingFrom(insertValues(record()));
    expect(planRecord(record(), existing, noLocator)).toMatchObject({ action: 'unchanged', id: 'org-1' });
  });

  it('updates the identity fields but never the profile a provider keeps', () => {
    const existing = existingFrom(insertValues(record()), {
      groups: ['cancer'],
      procedures: ['ventilator'],
      isAvailable24h: true,
      coverageRadiusKm: 5,
      phone: '086-000-0000',
    });
    const plan = planRecord(record({ name: '新しい名前', phone: null }), existing, noLocator);
    expect(plan.action).toBe('update');
    if (plan.action !== 'update') return;
    expect(plan.changedFields).toEqual(['name']);
    expect(plan.values).toMatchObject({
      name: '新しい名前',
      phone: '086-000-0000', // an empty cell does not erase
      groups: ['cancer'],
      procedures: ['ventilator'],
      isAvailable24h: true,
      coverageRadiusKm: 5,
    });
  });

  it('adds a second service file to the office, keeping the primary service name and kind', () => {
    const roken = record({
      sourceKey: 'kaigo:3350100001',
      careOfficeNumber: '3350100001',
      kind: 'care_service',
      name: '老健テスト',
      kaigoServices: [{ code: '520', name: '介護老人保健施設' }],
    });
    const existing = existingFrom(insertValues(roken), { sourceKey: 'kaigo:3350100001' });
    const rehab = record({
      ...roken,
      kind: 'visiting_rehab',
      name: '老健テスト 訪問リハビリ',
      kaigoServices: [{ code: '140', name: '訪問リハビリテーション' }],
    });
    const plan = planRecord(rehab, existing, noLocator);
    expect(plan.action === 'update' && plan.values).toMatchObject({
      name: '老健テスト',
      kind: 'care_service',
      // The official 訪問リハ service says it rehabilitates at home.
      procedures: ['rehabilitation'],
      kaigoServices: [
        { code: '140', name: '訪問リハビリテーション' },
        { code: '520', name: '介護老人保健施設' },
      ],
    });
  });

  it("keeps the primary service's phone and URL when another service's file of the office comes later", () => {
    const roken = record({
      sourceKey: 'kaigo:3350100002',
      careOfficeNumber: '3350100002',
      kind: 'care_service',
      name: '老健テスト',
      phone: '086-111-0001',
      url: 'https://roken.example.jp',
      kaigoServices: [{ code: '520', name: '介護老人保健施設' }],
    });
    const existing = existingFrom(insertValues(roken), { sourceKey: 'kaigo:3350100002' });
    const rehab = record({
      ...roken,
      name: '老健テスト 訪問リハビリ',
      phone: '086-111-9999',
      url: 'https://rehab.example.jp',
      kaigoServices: [{ code: '140', name: '訪問リハビリテーション' }],
    });
    const plan = planRecord(rehab, existing, noLocator);
    expect(plan.action === 'update' && plan.values).toMatchObject({
      phone: '086-111-0001',
      url: 'https://roken.example.jp',
    });
  });

  it("keeps a file's own point when the address is only written differently, whichever file comes first", () => {
    const existing = existingFrom(insertValues(record()));
    const reworded = record({ location: null, address: '岡山市北区大供1丁目1番地1' });
    // Located 0.15 km away: the new address is stored, the file's point stays.
    const near = planRecord(reworded, existing, locator);
    expect(near.action === 'update' && near.values).toMatchObject({
      address: '岡山市北区大供1丁目1番地1',
      lat: 34.661,
      geocodePrecision: 'source',
    });
    // Cannot be located: the point stays too (never replaced by none).
    const unlocated = planRecord(reworded, existing, noLocator);
    expect(unlocated.action === 'update' && unlocated.values).toMatchObject({
      lat: 34.661,
      geocodePrecision: 'source',
    });
    // A real move (located far away) takes the new point.
    const far: AddressLocator = () => ({ lat: 34.7, lng: 134.0, precision: 'machiaza', areaCode: '33103' });
    const moved = planRecord(reworded, existing, far);
    expect(moved.action === 'update' && moved.values).toMatchObject({ lat: 34.7, geocodePrecision: 'machiaza' });
  });

  it('attaches a みなし office to its medical institution without renaming it', () => {
    const clinic = existingFrom(
      insertValues(
        record({
          role: 'institution',
          sourceKey: 'med:3310100001',
          kind: 'clinic',
          name: 'テスト医院',
          medicalInstitutionCode: '3310100001',
          careOfficeNumber: null,
          location: null,
          kaigoServices: [],
          source: 'med-inst-codes',
        }),
      ),
      { sourceKey: 'med:3310100001', geocodePrecision: 'machiaza', lat: 34.6, lng: 133.9 },
    );
    const office = record({
      sourceKey: 'kaigo:3310100001',
      careOfficeNumber: '3310100001',
      name: 'テスト医院 訪問リハビリテーション',
      nameKana: 'テストイインホウモンリハ',
      phone: '086-111-1111',
      kaigoServices: [{ code: '140', name: '訪問リハビリテーション' }],
    });
    const index = indexExisting([clinic]);
    expect(findExisting(office, index).existing?.id).toBe('org-1');
    const plan = planRecord(office, clinic, noLocator);
    expect(plan.action === 'update' && plan.values).toMatchObject({
      name: 'テスト医院',
      kind: 'clinic',
      nameKana: null,
      careOfficeNumber: '3310100001',
      phone: '086-111-1111',
      procedures: ['rehabilitation'],
      lat: 34.661,
      geocodePrecision: 'source',
      source: 'med-inst-codes',
    });
  });

  it('fills a template profile only where nobody has declared one', () => {
    const capabilities = { groups: ['elderly' as const], procedures: null, available24h: true, coverageRadiusKm: null };
    const member = record({ role: 'member', capabilities });
    const blank = existingFrom(insertValues(record()));
    expect(planRecord(member, blank, noLocator)).toMatchObject({
      action: 'update',
      values: { groups: ['elderly'], isAvailable24h: true },
    });
    const declared = { ...blank, procedures: ['suction'] };
    expect(planRecord(member, declared, noLocator)).toMatchObject({ action: 'unchanged' });
    const demo = { ...blank, procedures: ['suction'], isDemoProfile: true };
    expect(planRecord(member, demo, noLocator)).toMatchObject({
      action: 'update',
      values: { groups: ['elderly'], procedures: [], isAvailable24h: true, isDemoProfile: false },
    });
  });

  it('refuses a template row whose codes point at two different organisations', () => {
    const a = existingFrom(insertValues(record()), {
      id: 'a',
      medicalInstitutionCode: '3310100001',
      careOfficeNumber: null,
    });
    const b = existingFrom(insertValues(record()), { id: 'b', sourceKey: 'x', careOfficeNumber: '3360100001' });
    const member = record({
      role: 'member',
      sourceKey: 'y',
      medicalInstitutionCode: '3310100001',
      careOfficeNumber: '3360100001',
    });
    expect(findExisting(member, indexExisting([a, b])).conflict).toMatch(/別々の組織/);
  });
});

describe('planRecord: where a Renkei template row says the organisation is', () => {
  const member = (overrides: Partial<ImportedOrganization> = {}) =>
    record({ role: 'member', location: null, source: 'manual', kaigoServices: [], ...overrides });
  const locatedIn =
    (municipalityCode: string, municipality: string): AddressLocator =>
    () => ({ lat: 34.8, lng: 133.9, precision: 'machiaza', areaCode: null, municipalityCode, municipality });

  it('refuses an address located outside Okayama City', () => {
    const plan = planRecord(member({ address: '倉敷市水島1', areaCode: null }), null, locatedIn('33202', '倉敷市'));
    expect(plan).toMatchObject({ action: 'reject', reason: expect.stringContaining('岡山市外（倉敷市）') });
  });

  it('refuses an area_code naming another ward than the address, naming both', () => {
    const plan = planRecord(
      member({ address: '岡山市北区御津金川1', areaCode: '33103' }),
      null,
      locatedIn('33101', '岡山市北区'),
    );
    expect(plan).toMatchObject({
      action: 'reject',
      reason: expect.stringMatching(/33103（岡山市東区）.*（岡山市北区）/),
    });
  });

  it('keeps the other formats’ rows and agreeing template rows', () => {
    expect(planRecord(member({ areaCode: '33101' }), null, locatedIn('33101', '岡山市北区')).action).toBe('insert');
    expect(planRecord(record({ location: null }), null, locatedIn('33202', '倉敷市')).action).toBe('insert');
  });
});
