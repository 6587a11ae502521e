/**
 * First prove the HSDS validator on the official examples (and that it refuses broken variants),
 * then hold the HSDS presenter's output to the same schemas.
 */
import { describe, expect, it } from 'vitest';
import { createHsdsValidator, readHsdsExample } from '../../../test/fixtures/validators/hsds.js';
import { hsdsPage, toHsdsLocation, toHsdsOrganization, toHsdsService } from './hsds.presenter.js';
import { exportRow } from '../../../test/fixtures/exports/export-row.js';

const validator = createHsdsValidator();
const options = { now: new Date('2026-11-25T03:00:00Z'), staleAfterDays: 14 };

describe('the HSDS 3.0 validator (official schemas and examples)', () => {
  it('accepts the official examples', () => {
    const organizations = readHsdsExample('organization_list') as { contents: unknown[] };
    expect(validator.errors('page', organizations)).toEqual([]);
    for (const item of organizations.contents) expect(validator.errors('compiled/organization_list', item)).toEqual([]);
    const services = readHsdsExample('service_list') as { contents: unknown[] };
    expect(validator.errors('page', services)).toEqual([]);
    for (const item of services.contents) expect(validator.errors('compiled/service_list', item)).toEqual([]);
    expect(validator.errors('organization', readHsdsExample('organization_full'))).toEqual([]);
    expect(validator.errors('service', readHsdsExample('service_full'))).toEqual([]);
    expect(validator.errors('location', readHsdsExample('location'))).toEqual([]);
  });

  it('refuses broken variants of them', () => {
    const organization = (readHsdsExample('organization_list') as { contents: Record<string, unknown>[] }).contents[0];
    const { name: _name, ...withoutName } = organization ?? {};
    expect(validator.errors('compiled/organization_list', withoutName)).not.toEqual([]);
    expect(validator.errors('compiled/organization_list', { ...organization, id: 'not-a-uuid' })).not.toEqual([]);
    const service = readHsdsExample('service_full');
    expect(validator.errors('service', { ...service, status: 'open' })).not.toEqual([]);
    expect(validator.errors('location', { ...readHsdsExample('location'), location_type: 'house' })).not.toEqual([]);
    const { total_items: _total, ...pageWithoutTotal } = readHsdsExample('organization_list');
    expect(validator.errors('page', pageWithoutTotal)).not.toEqual([]);
    expect(validator.errors('page', { ...readHsdsExample('organization_list'), size: 'one' })).not.toEqual([]);
  });
});

describe('the HSDS presenter', () => {
  const full = exportRow();
  const bare = exportRow({
    nameKana: null,
    medicalInstitutionCode: null,
    careOfficeNumber: null,
    corporationNumber: null,
    postalCode: null,
    url: null,
    phone: null,
    fax: null,
    lat: null,
    lng: null,
    groups: [],
    procedures: [],
    isAvailable24h: false,
    coverageRadiusKm: null,
    availabilityStatus: null,
    availabilityUpdatedAt: null,
    kaigoServices: [],
  });

  it('produces organizations, services and locations the schemas accept, with or without optional data', () => {
    for (const row of [full, bare]) {
      const organization = toHsdsOrganization(row);
      expect(validator.errors('compiled/organization_list', organization)).toEqual([]);
      expect(validator.errors('organization', organization)).toEqual([]);
      const service = toHsdsService(row, options);
      expect(validator.errors('compiled/service_list', service)).toEqual([]);
      expect(validator.errors('service', service)).toEqual([]);
      expect(validator.errors('location', toHsdsLocation(row))).toEqual([]);
    }
    expect(validator.errors('page', hsdsPage([toHsdsOrganization(full)], 51, 2, 50))).toEqual([]);
  });

  it('says acceptance, capabilities and 出典 in HSDS terms, never the note, free slots or professional phone', () => {
    const service = toHsdsService(full, options);
    const attributes = service.attributes as { taxonomy_term: { taxonomy: string; code: string }; value?: string }[];
    expect(attributes.find((attribute) => attribute.taxonomy_term.taxonomy.endsWith('availability'))).toMatchObject({
      taxonomy_term: { code: 'accepting' },
      value: '2026-11-20T10:00:00.000+09:00',
    });
    expect(attributes.map((attribute) => attribute.taxonomy_term.code)).toEqual(
      expect.arrayContaining(['visiting_nursing', 'cancer', 'ventilator', 'available_24h', '130']),
    );
    expect(service.alert).toBe('新規の受入: 受入可（2026-11-20 更新）');
    expect(String(toHsdsOrganization(full).description)).toContain('出典：');
    const text = JSON.stringify([toHsdsOrganization(full), service, toHsdsLocation(full)]);
    expect(text).not.toContain('090-9999-9999');
    expect(text).not.toContain('内部メモ');
    expect(toHsdsService(full, { ...options, now: new Date('2026-12-25T00:00:00Z') }).alert).toMatch(/要確認/);
  });

  it('pages as HSDS specifies', () => {
    expect(hsdsPage([], 0, 1, 50)).toMatchObject({
      total_pages: 1,
      first_page: true,
      last_page: true,
      empty: true,
      size: 0,
    });
    expect(hsdsPage([{}, {}], 102, 2, 50)).toMatchObject({
      total_pages: 3,
      page_number: 2,
      first_page: false,
      last_page: false,
      size: 2,
      empty: false,
    });
    // A page past the end has no contents: empty, though the result set is not.
    const past = hsdsPage([], 1234, 99999, 50);
    expect(past).toMatchObject({ total_items: 1234, size: 0, last_page: true, empty: true, contents: [] });
    expect(validator.errors('page', past)).toEqual([]);
  });
});
