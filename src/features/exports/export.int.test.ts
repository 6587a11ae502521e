/**
 * The public exchange formats over HTTP, on PGlite and PostgreSQL: every HSDS page and every FHIR
 * searchset of the directory (the real Okayama reference data plus a station with a declared
 * profile) is validated against the official HSDS 3.0 schemas and the FHIR R4 definitions.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization, unique } from '../../../test/helpers/factories.js';
import { createHsdsValidator, type HsdsSchemaName } from '../../../test/fixtures/validators/hsds.js';
import { fhirErrors } from '../../../test/fixtures/validators/fhir.js';
import { createExportService, ExportWriteError } from './export.service.js';
import { hsdsLocationId, hsdsServiceId } from './hsds.presenter.js';

const validator = createHsdsValidator();
const itemSchemas: Record<string, HsdsSchemaName[]> = {
  organizations: ['compiled/organization_list', 'organization'],
  services: ['compiled/service_list', 'service'],
  locations: ['location'],
};

type HsdsPageBody = {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: Record<string, unknown>[];
};

describe('public directory exports (HSDS 3.0, FHIR R4)', () => {
  let app: TestApp;
  let station: Awaited<ReturnType<typeof buildOrganization>>;
  let disabled: Awaited<ReturnType<typeof buildOrganization>>;

  beforeAll(async () => {
    app = await startTestApp({ referenceData: 'full', isolated: true });
    // 訪問看護ステーション with a declared profile and private details that must never be exported.
    station = await buildOrganization(app.database, {
      kind: 'visiting_nursing',
      name: `公開テスト訪問看護 ${unique()}`,
      careOfficeNumber: `33X${String(randomInt(10_000_000)).padStart(7, '0')}`,
      postalCode: '7000913',
      phone: '086-000-1234',
      professionalPhone: '090-5555-0101',
      url: 'https://example.jp/訪問看護',
      groups: ['pediatric_medical_care', 'terminal_care'],
      procedures: ['ventilator', 'suction'],
      isAvailable24h: true,
      coverageRadiusKm: 12,
      availabilityStatus: 'limited',
      freeSlots: 3,
      availabilityNote: '内部向けメモ: 夜間は要相談',
      availabilityUpdatedAt: app.clock.now(),
    });
    disabled = await buildOrganization(app.database, { name: `無効化された診療所 ${unique()}`, isDisabled: true });
  });
  afterAll(async () => {
    await app.close();
  });

  async function allHsds(entity: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    for (let page = 1; ; page += 1) {
      const response = await api<HsdsPageBody>(app.baseUrl, 'GET', `/hsds/${entity}?page=${page}&per_page=500`);
      expect(response.status).toBe(200);
      expect(validator.errors('page', response.body)).toEqual([]);
      expect(response.body).toMatchObject({
        page_number: page,
        size: response.body.contents.length,
        first_page: page === 1,
      });
      items.push(...response.body.contents);
      if (response.body.last_page) {
        expect(page).toBe(response.body.total_pages);
        expect(items).toHaveLength(response.body.total_items);
        return items;
      }
    }
  }

  it('serves every HSDS page without login, each item valid against the official schemas', async () => {
    for (const entity of ['organizations', 'services', 'locations']) {
      const items = await allHsds(entity);
      expect(items.length).toBeGreaterThan(1000);
      const problems = items.flatMap((item) =>
        (itemSchemas[entity] ?? []).flatMap((schema) =>
          validator.errors(schema, item).map((error) => `${entity} ${String(item.id)} ${schema}: ${error}`),
        ),
      );
      expect(problems.slice(0, 10)).toEqual([]);
    }
  });

  it('exports public fields only: no professional phone, availability note or free slots, no disabled organisation', async () => {
    const service = (await allHsds('services')).find((item) => item.id === hsdsServiceId(station.id));
    const location = (await allHsds('locations')).find((item) => item.id === hsdsLocationId(station.id));
    expect(service).toMatchObject({
      organization_id: station.id,
      status: 'active',
      alert: expect.stringMatching(/^新規の受入: 条件付きで受入可/) as unknown,
    });
    expect(location).toMatchObject({ latitude: 34.655, longitude: 133.919, phones: [{ number: '086-000-1234' }] });
    const fhir = await api(app.baseUrl, 'GET', `/fhir/r4/HealthcareService/${station.id}`);
    const everything = JSON.stringify([service, location, fhir.body]);
    for (const secret of ['090-5555-0101', '内部向けメモ', 'freeSlots', 'free_slots'])
      expect(everything).not.toContain(secret);
    const organizations = await allHsds('organizations');
    expect(organizations.some((item) => item.id === disabled.id)).toBe(false);
    expect((await api(app.baseUrl, 'GET', `/fhir/r4/Organization/${disabled.id}`)).status).toBe(404);
  });

  it('reads each HSDS record by id in its full form, and 404 for unknown, disabled or mismatched ids', async () => {
    const organization = await api<Record<string, any>>(app.baseUrl, 'GET', `/hsds/organizations/${station.id}`);
    expect(organization.status).toBe(200);
    expect(validator.errors('organization', organization.body)).toEqual([]);
    expect(organization.body).toMatchObject({
      id: station.id,
      services: [{ id: hsdsServiceId(station.id), organization_id: station.id }],
      locations: [{ id: hsdsLocationId(station.id) }],
    });
    const service = await api<Record<string, any>>(app.baseUrl, 'GET', `/hsds/services/${hsdsServiceId(station.id)}`);
    expect(service.status).toBe(200);
    expect(validator.errors('service', service.body)).toEqual([]);
    expect(service.body).toMatchObject({ organization_id: station.id, organization: { id: station.id } });
    const location = await api(app.baseUrl, 'GET', `/hsds/locations/${hsdsLocationId(station.id).toUpperCase()}`);
    expect(location.status).toBe(200);
    expect(validator.errors('location', location.body)).toEqual([]);
    // The page and the by-id read agree on the record.
    const listed = (await allHsds('services')).find((item) => item.id === hsdsServiceId(station.id));
    const { organization: _organization, ...serviceAlone } = service.body;
    expect(serviceAlone).toEqual(listed);

    // An organisation registered after the first by-id read is found too (the id map catches up).
    const later = await buildOrganization(app.database, { kind: 'clinic', name: `後から登録 ${unique()}` });
    expect((await api(app.baseUrl, 'GET', `/hsds/services/${hsdsServiceId(later.id)}`)).status).toBe(200);

    const missing = [
      `/hsds/organizations/${disabled.id}`,
      `/hsds/services/${hsdsServiceId(disabled.id)}`,
      `/hsds/organizations/${hsdsServiceId(station.id)}`,
      `/hsds/locations/${hsdsServiceId(station.id)}`,
      `/hsds/services/${station.id}`,
      '/hsds/services/not-a-uuid',
    ];
    for (const url of missing) {
      const response = await api(app.baseUrl, 'GET', url);
      expect(response.status, url).toBe(404);
      expect(response.body.error.code, url).toBe('not_found');
    }
    const root = await api(app.baseUrl, 'GET', '/hsds/');
    expect(root.status).toBe(200);
    expect(root.body).toMatchObject({ version: '3.0' });
  });

  it('answers a page past the end with empty contents (empty: true), and bad paging with 400', async () => {
    for (const entity of ['organizations', 'services', 'locations']) {
      const past = await api<HsdsPageBody>(app.baseUrl, 'GET', `/hsds/${entity}?page=99999`);
      expect(past.status, entity).toBe(200);
      expect(past.body.total_items, entity).toBeGreaterThan(1000);
      expect(past.body, entity).toMatchObject({ size: 0, contents: [], last_page: true, empty: true });
      expect(validator.errors('page', past.body), entity).toEqual([]);
      const searched = await api<HsdsPageBody>(
        app.baseUrl,
        'GET',
        `/hsds/${entity}?search=${encodeURIComponent(station.name)}&page=2`,
      );
      expect(searched.body, entity).toMatchObject({ total_items: 1, size: 0, empty: true });
    }
    for (const query of ['per_page=0', 'per_page=501', 'page=0', 'page=x']) {
      const response = await api(app.baseUrl, 'GET', `/hsds/services?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
  });

  it('searches the HSDS lists by name (?search=), however the name is typed', async () => {
    // Half-width katakana and no space: the list's own normalisation.
    const typed = station.name.replace('公開テスト', '公開ﾃｽﾄ').replace(' ', '');
    for (const entity of ['organizations', 'services', 'locations']) {
      const found = await api<HsdsPageBody>(app.baseUrl, 'GET', `/hsds/${entity}?search=${encodeURIComponent(typed)}`);
      expect(found.status, entity).toBe(200);
      expect(found.body, entity).toMatchObject({ total_items: 1, size: 1, empty: false });
      expect(JSON.stringify(found.body.contents[0])).toContain(station.id);
    }
    const none = await api<HsdsPageBody>(
      app.baseUrl,
      'GET',
      `/hsds/services?search=${encodeURIComponent(`該当なし${unique()}`)}`,
    );
    expect(none.body).toMatchObject({ total_items: 0, size: 0, empty: true, contents: [] });
    const disabledByName = await api<HsdsPageBody>(
      app.baseUrl,
      'GET',
      `/hsds/organizations?search=${encodeURIComponent(disabled.name)}`,
    );
    expect(disabledByName.body.total_items).toBe(0);
  });

  it('serves FHIR searchsets whose next links walk the whole directory, every Bundle valid R4', async () => {
    for (const type of ['Organization', 'Location', 'HealthcareService']) {
      let url: string | undefined = `/fhir/r4/${type}?_count=500`;
      const seen = new Set<string>();
      let total = 0;
      while (url) {
        const response: { status: number; body: Bundle; headers: Headers } = await api<Bundle>(app.baseUrl, 'GET', url);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
        expect(response.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
        expect(fhirErrors(response.body).slice(0, 5)).toEqual([]);
        total = response.body.total ?? 0;
        for (const entry of response.body.entry ?? [])
          seen.add(`${entry.resource?.resourceType ?? ''}/${entry.resource?.id ?? ''}`);
        const next: string | undefined = response.body.link?.find((link) => link.relation === 'next')?.url;
        url = next ? next.replace(app.baseUrl, '') : undefined;
      }
      expect(seen.size).toBe(total);
      expect(seen.has(`${type}/${station.id}`)).toBe(true);
    }
  });

  it('narrows the FHIR searchsets of the whole directory by _id, organization and name', async () => {
    const searches = [
      `Organization?_id=${station.id}`,
      `HealthcareService?organization=Organization/${station.id}`,
      `Location?organization=${station.id}`,
      `Organization?name=${encodeURIComponent(station.name)}`,
      `HealthcareService?name=${encodeURIComponent(station.name.replace('公開テスト', '公開ﾃｽﾄ').replace(' ', ''))}`,
    ];
    for (const url of searches) {
      const response = await api<Bundle>(app.baseUrl, 'GET', `/fhir/r4/${url}`);
      expect(response.status, url).toBe(200);
      expect(response.body.total, url).toBe(1);
      expect(response.body.entry?.[0]?.resource?.id, url).toBe(station.id);
      expect(fhirErrors(response.body), url).toEqual([]);
    }
  });

  it('reads one resource of each type, and answers unknown ids and bad parameters with an OperationOutcome', async () => {
    for (const type of ['Organization', 'Location', 'HealthcareService']) {
      const response = await api<Resource>(app.baseUrl, 'GET', `/fhir/r4/${type}/${station.id}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ resourceType: type, id: station.id });
      expect(fhirErrors(response.body)).toEqual([]);
    }
    const organization = await api(app.baseUrl, 'GET', `/fhir/r4/Organization/${station.id}`);
    expect(organization.body.identifier).toEqual([
      { system: 'urn:renkei:id:kaigo-jigyosho-no', value: station.careOfficeNumber },
    ]);
    for (const url of ['/fhir/r4/Organization/00000000-0000-4000-8000-000000000000', '/fhir/r4/Location/not-a-uuid']) {
      const missing = await api(app.baseUrl, 'GET', url);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
      expect(missing.body).toMatchObject({
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: 'not-found' }],
      });
      expect(fhirErrors(missing.body)).toEqual([]);
    }
    // `_count=0` asks for the total only (FHIR R4): no entry, no page links.
    const totalOnly = await api(app.baseUrl, 'GET', '/fhir/r4/HealthcareService?_count=0');
    expect(totalOnly.status).toBe(200);
    expect(totalOnly.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: expect.any(Number) });
    expect(totalOnly.body.total).toBeGreaterThan(0);
    expect(totalOnly.body.entry).toBeUndefined();
    expect((totalOnly.body.link as { relation: string }[]).map((link) => link.relation)).toEqual(['self']);
    expect(fhirErrors(totalOnly.body)).toEqual([]);
    const invalid = await api(app.baseUrl, 'GET', '/fhir/r4/HealthcareService?_count=501');
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'invalid' }] });
  });

  it('serves the import template and its documentation for download', async () => {
    const csv = await fetch(`${app.baseUrl}/api/v1/public/templates/renkei-csv-example.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="renkei-csv-example.csv"');
    expect(await csv.text()).toContain('source_key,kind,name');
    const documentation = await fetch(`${app.baseUrl}/api/v1/public/templates/renkei-csv.md`);
    expect(documentation.status).toBe(200);
    expect(await documentation.text()).toContain('Renkei 取込テンプレート');
  });

  it('describes itself with a valid CapabilityStatement and answers every error under /fhir/ as an OperationOutcome', async () => {
    const metadata = await api<Resource & { rest: { resource: { type: string }[] }[] }>(
      app.baseUrl,
      'GET',
      '/fhir/r4/metadata',
    );
    expect(metadata.status).toBe(200);
    expect(metadata.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
    expect(fhirErrors(metadata.body)).toEqual([]);
    expect(metadata.body.rest[0]?.resource.map((resource) => resource.type)).toEqual([
      'Organization',
      'Location',
      'HealthcareService',
      'Patient',
      'CareTeam',
      'ServiceRequest',
      'Task',
    ]);

    const cases: [string, number, string][] = [
      ['/fhir/r4/Patient', 401, 'login'],
      ['/fhir/r4/Task/00000000-0000-4000-8000-000000000000', 401, 'login'],
      ['/fhir/r4/Foo', 404, 'not-found'],
      ['/fhir/r4/Organization?_count=-1', 400, 'invalid'],
    ];
    for (const [url, status, code] of cases) {
      const response = await api<Resource & { issue: { code: string; diagnostics: string }[] }>(
        app.baseUrl,
        'GET',
        url,
      );
      expect(response.status, url).toBe(status);
      expect(response.headers.get('content-type'), url).toBe('application/fhir+json; charset=utf-8');
      expect(response.body.resourceType, url).toBe('OperationOutcome');
      expect(response.body.issue[0]?.code, url).toBe(code);
      expect(response.body.issue[0]?.diagnostics, url).toMatch(/[ぁ-んァ-ン一-龥]/);
      expect(fhirErrors(response.body), url).toEqual([]);
    }
    // The JSON API keeps its own error shape.
    const apiError = await api(app.baseUrl, 'GET', '/api/v1/cases');
    expect(apiError.body.error.code).toBe('unauthenticated');
  });

  it('writes the same documents to files (npm run renkei -- export hsds|fhir <dir>)', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'renkei-export-'));
    try {
      const service = createExportService({ database: app.database, clock: app.clock, staleAfterDays: 14 });
      const hsds = await service.writeHsdsFiles(directory);
      expect(hsds.map((file) => path.basename(file.file))).toEqual([
        'organizations.json',
        'services.json',
        'locations.json',
      ]);
      const services = JSON.parse(await readFile(path.join(directory, 'services.json'), 'utf8')) as Record<
        string,
        unknown
      >[];
      expect(services).toHaveLength(hsds[1]?.count ?? -1);
      expect(services.flatMap((item) => validator.errors('service', item)).slice(0, 5)).toEqual([]);
      const fhir = await service.writeFhirFiles(directory, 'https://renkei.example.jp');
      expect(fhir.map((file) => path.basename(file.file))).toEqual([
        'Organization.json',
        'Location.json',
        'HealthcareService.json',
      ]);
      const bundle = JSON.parse(await readFile(path.join(directory, 'HealthcareService.json'), 'utf8')) as Bundle;
      expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
      expect(bundle.entry).toHaveLength(fhir[2]?.count ?? -1);
      expect(bundle.entry?.[0]?.fullUrl).toMatch(/^https:\/\/renkei\.example\.jp\/fhir\/r4\/HealthcareService\//);
      expect(fhirErrors(bundle).slice(0, 5)).toEqual([]);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('refuses, in Japanese, to write into a path that is a file (EEXIST) or lies under one (ENOTDIR)', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'renkei-export-'));
    try {
      const file = path.join(directory, 'not-a-folder');
      await writeFile(file, 'keep me');
      const service = createExportService({ database: app.database, clock: app.clock, staleAfterDays: 14 });
      await expect(service.writeHsdsFiles(file)).rejects.toThrow(ExportWriteError);
      await expect(service.writeHsdsFiles(file)).rejects.toThrow(
        `書き出せません: ${file} — フォルダではなくファイルです。書き出し先にはフォルダ（新しく作るか、既存のもの）を指定してください。`,
      );
      await expect(service.writeFhirFiles(path.join(file, 'fhir'), 'https://renkei.example.jp')).rejects.toThrow(
        /パスの途中がフォルダではなくファイルです/,
      );
      // A folder where an output file should be.
      await mkdir(path.join(directory, 'out', 'organizations.json'), { recursive: true });
      await expect(service.writeHsdsFiles(path.join(directory, 'out'))).rejects.toThrow(
        /organizations\.json — 書き出すファイルと同じ名前のフォルダがあります/,
      );
      expect(await readFile(file, 'utf8')).toBe('keep me');
      // A place where no folder can be made answers at once (Node's recursive mkdir never returns here).
      if (existsSync('/proc/self'))
        await expect(service.writeHsdsFiles('/proc/renkei-export/hsds')).rejects.toThrow(
          /書き出せません: \/proc\/renkei-export\/hsds — この場所にはフォルダを作れません/,
        );
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
