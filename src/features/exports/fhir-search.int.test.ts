/**
 * FHIR search parameters of the public directory over HTTP, on PGlite and PostgreSQL (a database of
 * this file's own, so totals are exact): `_id`, `organization` and `name` (`:contains`, `:exact`)
 * narrow the searchsets and stay in their links; other parameters are ignored — left out of the
 * links — unless `Prefer: handling=strict`; the CapabilityStatement declares what is supported.
 * And the errors the server answers before any route runs are OperationOutcomes under /fhir/ too.
 */
import { connect } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, CapabilityStatement, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { api } from '../../../test/helpers/http.js';
import { buildOrganization, signedInAs } from '../../../test/helpers/factories.js';
import { fhirErrors } from '../../../test/fixtures/validators/fhir.js';

const fhirJson = 'application/fhir+json; charset=utf-8';

/** One raw HTTP/1.1 exchange (bytes as given: no client-side encoding of the URL), until the server closes. */
function rawExchange(baseUrl: string, request: Buffer): Promise<{ head: string; body: string }> {
  const { port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('close', () => {
      const [head = '', ...rest] = Buffer.concat(chunks).toString('utf8').split('\r\n\r\n');
      resolve({ head, body: rest.join('\r\n\r\n') });
    });
    socket.on('error', reject);
  });
}

describe('FHIR directory search parameters', () => {
  let app: TestApp;
  /** 髙橋 (a variant kanji) with a hiragana reading: found as 高橋, たかはし, ﾀｶﾊｼ. */
  let takahashi: Awaited<ReturnType<typeof buildOrganization>>;
  /** Full-width Latin letters: found as "abc". */
  let abc: Awaited<ReturnType<typeof buildOrganization>>;
  /** No address and no point: an Organization and a HealthcareService, but no Location. */
  let unlocated: Awaited<ReturnType<typeof buildOrganization>>;
  let disabled: Awaited<ReturnType<typeof buildOrganization>>;
  const suffix = randomUUID().slice(0, 6);

  beforeAll(async () => {
    app = await startTestApp({ isolated: true });
    takahashi = await buildOrganization(app.database, {
      kind: 'visiting_nursing',
      name: `髙橋訪問看護ステーション ${suffix}`,
      nameKana: 'たかはしほうもんかんごすてーしょん',
    });
    abc = await buildOrganization(app.database, {
      kind: 'clinic',
      name: `ＡＢＣ在宅クリニック ${suffix}`,
      nameKana: 'エービーシーザイタククリニック',
    });
    unlocated = await buildOrganization(app.database, {
      kind: 'care_management',
      name: `みなみ居宅介護支援事業所 ${suffix}`,
      address: '',
      lat: null,
      lng: null,
    });
    disabled = await buildOrganization(app.database, { name: `髙橋休止クリニック ${suffix}`, isDisabled: true });
  });
  afterAll(async () => {
    await app.close();
  });

  async function search(path: string, headers: Record<string, string> = {}) {
    const response = await api<Bundle>(app.baseUrl, 'GET', `/fhir/r4/${path}`, { headers });
    expect(response.headers.get('content-type'), path).toBe(fhirJson);
    expect(fhirErrors(response.body as Resource), path).toEqual([]);
    return response;
  }

  /** The ids a search found (one page is enough here), and the Bundle's self link. */
  async function found(path: string) {
    const response = await search(path);
    expect(response.status, `${path}: ${response.text}`).toBe(200);
    expect(response.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    const ids = (response.body.entry ?? []).map((entry) => entry.resource?.id);
    expect(ids, path).toHaveLength(response.body.total ?? -1);
    const self = response.body.link?.find((link) => link.relation === 'self')?.url ?? '';
    return { ids: [...ids].sort(), self: new URL(self) };
  }

  const sorted = (...ids: string[]) => [...ids].sort();

  it('narrows by _id on each directory type (comma = or, repeated = and), keeping _id in the links', async () => {
    expect((await found('Organization')).ids).toEqual(sorted(takahashi.id, abc.id, unlocated.id));
    const one = await found(`Organization?_id=${takahashi.id}`);
    expect(one.ids).toEqual([takahashi.id]);
    expect(one.self.searchParams.get('_id')).toBe(takahashi.id);
    expect((await found(`HealthcareService?_id=${takahashi.id},${abc.id}`)).ids).toEqual(sorted(takahashi.id, abc.id));
    expect((await found(`Location?_id=${abc.id.toUpperCase()}`)).ids).toEqual([abc.id]);
    expect((await found(`Organization?_id=${takahashi.id},${abc.id}&_id=${abc.id}`)).ids).toEqual([abc.id]);
    // Nothing for an organisation without a location, a disabled one, an unknown or malformed id:
    // an empty searchset (no `entry`, as FHIR JSON has no empty arrays).
    for (const path of [
      `Location?_id=${unlocated.id}`,
      `Organization?_id=${disabled.id}`,
      `Organization?_id=${randomUUID()}`,
      'HealthcareService?_id=not-a-uuid',
    ]) {
      const none = await search(path);
      expect(none.status, path).toBe(200);
      expect(none.body.total, path).toBe(0);
      expect(none.body.entry, path).toBeUndefined();
    }
    // An empty value says nothing: ignored.
    expect((await found('Organization?_id=')).ids).toHaveLength(3);
  });

  it('finds the HealthcareService and Location of an organisation (organization=)', async () => {
    for (const value of [
      takahashi.id,
      `Organization/${takahashi.id}`,
      `${app.baseUrl}/fhir/r4/Organization/${takahashi.id}`,
    ]) {
      const services = await found(`HealthcareService?organization=${encodeURIComponent(value)}`);
      expect(services.ids, value).toEqual([takahashi.id]);
      expect(services.self.searchParams.get('organization'), value).toBe(takahashi.id);
      expect((await found(`Location?organization=${encodeURIComponent(value)}`)).ids, value).toEqual([takahashi.id]);
    }
    expect((await found(`HealthcareService?organization=${takahashi.id},${unlocated.id}`)).ids).toEqual(
      sorted(takahashi.id, unlocated.id),
    );
    expect((await found(`Location?organization=${unlocated.id}`)).ids).toEqual([]);
    expect((await found(`HealthcareService?organization=Patient/${takahashi.id}`)).ids).toEqual([]);
    expect((await found(`HealthcareService?organization=${takahashi.id}&_id=${abc.id}`)).ids).toEqual([]);
    // Organization has no `organization` parameter: ignored (and not in the links).
    const ignored = await found(`Organization?organization=${takahashi.id}`);
    expect(ignored.ids).toHaveLength(3);
    expect(ignored.self.searchParams.has('organization')).toBe(false);
  });

  it('searches by name as FHIR strings do (start of the name or reading), however it is typed', async () => {
    const byName = async (type: string, value: string, modifier = '') =>
      (await found(`${type}?name${modifier}=${encodeURIComponent(value)}`)).ids;
    // The start of the name: variant kanji, width, case, kana — as the app's own search normalises.
    for (const value of ['髙橋', '高橋', '高橋訪問', 'たかはし', 'タカハシ', 'ﾀｶﾊｼ', 'タカハシ ホウモン'])
      expect(await byName('Organization', value), value).toEqual([takahashi.id]);
    for (const value of ['abc', 'ABC', 'ａｂｃ在宅', 'えーびーしー'])
      expect(await byName('Location', value), value).toEqual([abc.id]);
    // Not the middle of a name by default; anywhere with :contains.
    expect(await byName('Organization', '訪問看護')).toEqual([]);
    expect(await byName('Organization', '訪問看護', ':contains')).toEqual([takahashi.id]);
    expect(await byName('Organization', 'ざいたく', ':contains')).toEqual([abc.id]);
    expect(await byName('Organization', suffix, ':contains')).toEqual(sorted(takahashi.id, abc.id, unlocated.id));
    // :exact: the whole name as written.
    expect(await byName('Organization', takahashi.name, ':exact')).toEqual([takahashi.id]);
    expect(await byName('Organization', '高橋訪問看護ステーション', ':exact')).toEqual([]);
    // A HealthcareService is named 種別（組織名）: found by its own name or its organisation's.
    expect(await byName('HealthcareService', '訪問看護ステーション（髙橋')).toEqual([takahashi.id]);
    expect(await byName('HealthcareService', '診療所')).toEqual([abc.id]);
    expect(await byName('HealthcareService', 'たかはし')).toEqual([takahashi.id]);
    expect(await byName('HealthcareService', `診療所（${abc.name}）`, ':exact')).toEqual([abc.id]);
    // Comma: either; repeated: both. A disabled organisation is never found.
    expect((await found(`Organization?name=${encodeURIComponent('高橋,abc')}`)).ids).toEqual(
      sorted(takahashi.id, abc.id),
    );
    expect((await found(`Organization?name=${encodeURIComponent('高橋')}&name=abc`)).ids).toEqual([]);
    expect(await byName('Organization', '髙橋休止')).toEqual([]);
    // LIKE's wildcards are plain characters.
    expect(await byName('Organization', '%', ':contains')).toEqual([]);
  });

  it('pages a name search with links that keep it', async () => {
    const first = await search(`Organization?name:contains=${encodeURIComponent(suffix)}&_count=2`);
    expect(first.body.total).toBe(3);
    expect(first.body.entry).toHaveLength(2);
    const next = first.body.link?.find((link) => link.relation === 'next')?.url ?? '';
    expect(new URL(next).searchParams.get('name:contains')).toBe(suffix);
    const second = await search(next.replace(`${app.baseUrl}/fhir/r4/`, ''));
    expect(second.body.entry).toHaveLength(1);
    const ids = [...(first.body.entry ?? []), ...(second.body.entry ?? [])].map((entry) => entry.resource?.id);
    expect(ids.sort()).toEqual(sorted(takahashi.id, abc.id, unlocated.id));
  });

  it('answers JSON only: another format asked for is 406 with an OperationOutcome, JSON in any spelling is served', async () => {
    for (const [path, headers] of [
      ['Organization?_format=xml', {}],
      ['Organization?_format=application/fhir%2Bxml', {}],
      [`Organization/${takahashi.id}?_format=xml`, {}],
      ['metadata', { accept: 'application/fhir+xml' }],
      ['Location', { accept: 'application/xml, text/html;q=0.9' }],
      ['Organization', { accept: 'application/fhir+json;q=0, application/xml' }],
    ] as [string, Record<string, string>][]) {
      const response = await search(path, headers);
      expect(response.status, path).toBe(406);
      const outcome = response.body as unknown as OperationOutcome;
      expect(outcome.issue[0]).toMatchObject({ severity: 'error', code: 'not-supported' });
      expect(outcome.issue[0]?.diagnostics).toContain('application/fhir+json');
    }
    for (const [path, headers] of [
      ['Organization?_format=json&_count=1', {}],
      ['Organization?_format=application/fhir%2Bjson&_count=1', {}],
      ['Organization?_format=application/fhir+json&_count=1', { prefer: 'handling=strict' }],
      ['Organization?_count=1', { accept: 'application/fhir+json' }],
      ['Organization?_count=1', { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }],
      ['Organization?_count=1', { accept: 'application/*' }],
    ] as [string, Record<string, string>][]) {
      expect((await search(path, headers)).status, `${path} ${JSON.stringify(headers)}`).toBe(200);
    }
  });

  it('says a number given twice is to be given once, without the parser’s path', async () => {
    const response = await search('Organization?_count=2&_count=3');
    expect(response.status).toBe(400);
    const diagnostics = (response.body as unknown as OperationOutcome).issue[0]?.diagnostics ?? '';
    expect(diagnostics).toContain('_count は1回だけ指定してください。');
    expect(diagnostics).not.toContain('querystring/');
  });

  it('ignores unknown parameters (not in the links) unless Prefer: handling=strict, then 400', async () => {
    const lenient = await found(`Organization?_id=${takahashi.id}&_sort=name&foo=bar`);
    expect(lenient.ids).toEqual([takahashi.id]);
    expect([...lenient.self.searchParams.keys()].sort()).toEqual(['_count', '_id', '_offset']);
    for (const prefer of ['handling=lenient', 'return=minimal']) {
      const response = await search(`HealthcareService?foo=bar`, { prefer });
      expect(response.status, prefer).toBe(200);
    }
    for (const prefer of ['handling=strict', 'return=minimal, handling=strict', 'Handling="strict"']) {
      const response = await search(`HealthcareService?organization=${takahashi.id}&foo=bar&_sort=name`, { prefer });
      expect(response.status, prefer).toBe(400);
      const outcome = response.body as unknown as OperationOutcome;
      expect(outcome.resourceType).toBe('OperationOutcome');
      expect(outcome.issue.map((issue) => issue.code)).toEqual(['not-supported', 'not-supported']);
      expect(outcome.issue.map((issue) => issue.diagnostics).join(' ')).toMatch(/「foo」.*「_sort」/);
    }
    // Strict, with only supported parameters: answered.
    const strictOk = await search(`Location?organization=${takahashi.id}&name=${encodeURIComponent('高橋')}`, {
      prefer: 'handling=strict',
    });
    expect(strictOk.status).toBe(200);
    expect(strictOk.body.total).toBe(1);
    // Organization takes no `organization`: under strict handling that is an unknown parameter.
    expect((await search(`Organization?organization=${takahashi.id}`, { prefer: 'handling=strict' })).status).toBe(400);
    // A modifier this server does not support is refused whatever the handling.
    for (const path of [
      'Organization?name:text=abc',
      'Location?_id:not=x',
      'HealthcareService?organization:missing=true',
    ]) {
      const response = await search(path);
      expect(response.status, path).toBe(400);
      expect((response.body as unknown as OperationOutcome).issue[0]?.code, path).toBe('not-supported');
    }
  });

  it('applies the same handling to the clinical resources', async () => {
    const liaison = await signedInAs(app, 'hospital_liaison');
    const lenient = await api<Bundle>(app.baseUrl, 'GET', '/fhir/r4/Task?foo=bar', { token: liaison.token });
    expect(lenient.status).toBe(200);
    expect(lenient.body.link?.[0]?.url).not.toContain('foo');
    const strict = await api<OperationOutcome>(app.baseUrl, 'GET', '/fhir/r4/Patient?patient=x', {
      token: liaison.token,
      headers: { prefer: 'handling=strict' },
    });
    expect(strict.status).toBe(400);
    expect(strict.headers.get('content-type')).toBe(fhirJson);
    expect(strict.body.issue[0]).toMatchObject({ code: 'not-supported' });
    const subject = await api<Bundle>(app.baseUrl, 'GET', `/fhir/r4/ServiceRequest?subject=${randomUUID()}`, {
      token: liaison.token,
      headers: { prefer: 'handling=strict' },
    });
    expect(subject.status).toBe(200);
  });

  it('declares the search parameters in the CapabilityStatement', async () => {
    const metadata = await api<CapabilityStatement>(app.baseUrl, 'GET', '/fhir/r4/metadata');
    expect(fhirErrors(metadata.body)).toEqual([]);
    const parameters = Object.fromEntries(
      (metadata.body.rest?.[0]?.resource ?? []).map((resource) => [
        resource.type,
        (resource.searchParam ?? []).map((parameter) => `${parameter.name}:${parameter.type}`),
      ]),
    );
    expect(parameters).toMatchObject({
      Organization: ['_count:number', '_offset:number', '_id:token', 'name:string'],
      Location: ['_count:number', '_offset:number', '_id:token', 'name:string', 'organization:reference'],
      HealthcareService: ['_count:number', '_offset:number', '_id:token', 'name:string', 'organization:reference'],
      Patient: ['_count:number', '_offset:number', '_id:token'],
      Task: ['_count:number', '_offset:number', '_id:token', 'patient:reference', 'subject:reference'],
    });
  });
});

describe('errors answered before any route runs, under /fhir/ and elsewhere', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ referenceData: 'none' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers raw UTF-8 in a /fhir/ URL (refused by the HTTP parser) with an OperationOutcome', async () => {
    const fhir = await rawExchange(
      app.baseUrl,
      Buffer.from('GET /fhir/r4/Organization?name=岡山 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 'utf8'),
    );
    expect(fhir.head).toMatch(/^HTTP\/1\.1 400 /);
    expect(fhir.head).toMatch(/\r\nContent-Type: application\/fhir\+json; charset=utf-8\r\n/i);
    const outcome = JSON.parse(fhir.body) as OperationOutcome;
    expect(outcome).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'invalid', details: { text: 'bad_http_request' } }],
    });
    expect(outcome.issue[0]?.diagnostics).toMatch(/[ぁ-んァ-ン一-龥]/);
    expect(fhirErrors(outcome)).toEqual([]);
    // Elsewhere the API's own shape, as before.
    const other = await rawExchange(
      app.baseUrl,
      Buffer.from('GET /api/v1/organizations?q=岡山 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 'utf8'),
    );
    expect(other.head).toMatch(/^HTTP\/1\.1 400 /);
    expect(other.head).toMatch(/\r\nContent-Type: application\/json; charset=utf-8\r\n/i);
    expect(JSON.parse(other.body)).toMatchObject({ error: { code: 'validation_failed', reason: 'bad_http_request' } });
  });

  it('answers a /fhir/ URL the router cannot read (bad percent-encoding) with an OperationOutcome', async () => {
    for (const path of ['/fhir/r4/Organization/%E0%A4%A', '/fhir/r4/Patient/%FF']) {
      const response = await api<OperationOutcome>(app.baseUrl, 'GET', path);
      expect(response.status, path).toBe(400);
      expect(response.headers.get('content-type'), path).toBe(fhirJson);
      expect(response.body, path).toMatchObject({
        resourceType: 'OperationOutcome',
        issue: [{ code: 'invalid', details: { text: 'bad_url' } }],
      });
      expect(fhirErrors(response.body), path).toEqual([]);
    }
    const long = await api<OperationOutcome>(app.baseUrl, 'GET', `/fhir/r4/Organization/${'a'.repeat(3000)}`);
    expect(long.status).toBe(414);
    expect(long.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'too-long' }] });
    const elsewhere = await api(app.baseUrl, 'GET', '/api/v1/organizations/%FF');
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.headers.get('content-type')).toMatch(/^application\/json/);
    expect(elsewhere.body).toMatchObject({ error: { code: 'validation_failed', reason: 'bad_url' } });
  });
});
