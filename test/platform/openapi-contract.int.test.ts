/**
 * The OpenAPI document against the server (CONTRACT §2: generated from the schemas the server uses).
 * Every operation documents a success answer with its schema — downloads and streams their content
 * type —, the request headers its route declares (Idempotency-Key on creating POSTs, If-Match on
 * versioned changes), ETag on versioned resources and its error answers, all of one error schema;
 * the document is a valid OpenAPI 3.1 document. Representative creating calls answer the status the
 * document gives them. Beyond this file, every answer an API test provokes is held to the document
 * (test/helpers/response-contract.ts, registered by startTestApp), and the access-matrix walk checks
 * that each error status a route answered is documented.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { api } from '../helpers/http.js';
import { buildOrganization, buildUser, login, signedInAs } from '../helpers/factories.js';
import { accessMatrix } from '../access-matrix.js';
import { contractProblems } from '../helpers/response-contract.js';

type Json = Record<string, any>;
type Operation = { key: string; method: string; path: string; operation: Json };

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Answers that are not JSON, by what they are: each must say its content type. */
const downloadTypes = new Set([
  'text/event-stream',
  'text/calendar',
  'application/pdf',
  'text/csv',
  'text/markdown',
  'application/fhir+json',
]);

/** The creating POSTs the contract audit found documented as 200 while they answer 201. */
const auditedCreates = [
  'POST /api/v1/cases/{id}/acute-events',
  'POST /api/v1/rotation-groups',
  'POST /api/v1/rotation-groups/{id}/rosters',
  'POST /api/v1/rosters/{id}/swaps',
  'POST /api/v1/consultations',
];

function operationsOf(document: Json): Operation[] {
  return Object.entries(document.paths as Record<string, Json>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => methods.includes(method))
      .map(([method, operation]) => ({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        operation: operation as Json,
      })),
  );
}

/** Follows a local reference (#/components/…) to what it names. */
function resolve(document: Json, value: Json): Json {
  if (typeof value?.$ref !== 'string') return value;
  const target = value.$ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<any>((node, part) => node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], document);
  if (target === undefined) throw new Error(`unresolved reference ${value.$ref}`);
  return target as Json;
}

function parametersOf(document: Json, operation: Json): Json[] {
  return ((operation.parameters ?? []) as Json[]).map((parameter) => resolve(document, parameter));
}

/** Every `$ref` in the document, with where it is. */
function references(node: unknown, at = '#'): { ref: string; at: string }[] {
  if (Array.isArray(node)) return node.flatMap((item, index) => references(item, `${at}/${index}`));
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' ? [{ ref: value, at }] : references(value, `${at}/${key}`),
  );
}

describe('the OpenAPI document against the server', () => {
  let app: TestApp;
  let document: Json;
  let operations: Operation[];

  beforeAll(async () => {
    app = await startTestApp({ start: new Date('2026-04-15T10:00:00+09:00') });
    const response = await api<Json>(app.baseUrl, 'GET', '/api/openapi.json');
    expect(response.status).toBe(200);
    document = response.body;
    operations = operationsOf(document);
  });
  afterAll(async () => {
    await app.close();
  });

  it('is a valid OpenAPI 3.1 document: its structure, references, parameters and schemas', () => {
    const problems: string[] = [];
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(operations.length).toBeGreaterThan(100);
    for (const { ref, at } of references(document)) {
      if (!ref.startsWith('#/')) problems.push(`${at}: external reference ${ref}`);
      else {
        try {
          resolve(document, { $ref: ref });
        } catch (error) {
          problems.push(`${at}: ${String(error)}`);
        }
      }
    }
    // Every schema of the document is valid JSON Schema 2020-12 (the dialect of OpenAPI 3.1).
    const ajv = new Ajv2020({ strict: false });
    const checked = new Set<string>();
    const compile = (schema: unknown, at: string) => {
      const text = JSON.stringify(schema);
      if (checked.has(text)) return;
      checked.add(text);
      if (!ajv.validateSchema(schema as object)) {
        problems.push(`${at}: not a valid JSON Schema: ${ajv.errorsText(ajv.errors).slice(0, 300)}`);
      }
    };
    for (const [name, schema] of Object.entries((document.components?.schemas ?? {}) as Record<string, Json>)) {
      compile(schema, `components.schemas.${name}`);
    }
    const operationIds = new Set<string>();
    for (const { key, path, operation } of operations) {
      if (!path.startsWith('/')) problems.push(`${key}: path must start with /`);
      if (operation.operationId) {
        if (operationIds.has(operation.operationId)) problems.push(`${key}: operationId repeated`);
        operationIds.add(operation.operationId);
      }
      const parameters = parametersOf(document, operation);
      const seen = new Set<string>();
      for (const parameter of parameters) {
        const id = `${parameter.in as string} ${String(parameter.name).toLowerCase()}`;
        if (seen.has(id)) problems.push(`${key}: parameter ${id} twice`);
        seen.add(id);
        if (!['query', 'header', 'path', 'cookie'].includes(parameter.in))
          problems.push(`${key}: parameter in ${parameter.in}`);
        if (parameter.in === 'path' && parameter.required !== true)
          problems.push(`${key}: path parameter ${parameter.name} not required`);
        if (!parameter.schema && !parameter.content)
          problems.push(`${key}: parameter ${parameter.name} without schema`);
        if (parameter.schema) compile(parameter.schema, `${key} parameter ${parameter.name as string}`);
      }
      for (const name of path.match(/\{[^}]+\}/g) ?? []) {
        if (!seen.has(`path ${name.slice(1, -1).toLowerCase()}`))
          problems.push(`${key}: path parameter ${name} undeclared`);
      }
      const responses = Object.entries((operation.responses ?? {}) as Record<string, Json>);
      if (responses.length === 0) problems.push(`${key}: no responses`);
      for (const [status, raw] of responses) {
        if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(status)) problems.push(`${key}: response key ${status}`);
        const response = resolve(document, raw);
        if (typeof response.description !== 'string') problems.push(`${key} ${status}: no description`);
        for (const [type, media] of Object.entries((response.content ?? {}) as Record<string, Json>)) {
          if (media.schema) compile(media.schema, `${key} ${status} ${type}`);
        }
      }
      for (const [type, media] of Object.entries((operation.requestBody?.content ?? {}) as Record<string, Json>)) {
        if (media.schema) compile(media.schema, `${key} body ${type}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents a success answer with its schema for every operation (downloads and streams by content type)', () => {
    const problems: string[] = [];
    for (const { key, operation } of operations) {
      const successes = Object.entries((operation.responses ?? {}) as Record<string, Json>).filter(([status]) =>
        /^2/.test(status),
      );
      if (successes.length === 0) problems.push(`${key}: no success answer`);
      for (const [status, response] of successes) {
        const content = Object.entries((response.content ?? {}) as Record<string, Json>);
        if (content.length === 0) problems.push(`${key} ${status}: no content`);
        for (const [type, media] of content) {
          const schema = media.schema as Json | undefined;
          if (!schema) problems.push(`${key} ${status} ${type}: no schema`);
          else if (type === 'application/json') {
            const describes = ['type', 'properties', 'anyOf', 'oneOf', 'allOf', '$ref'].some((word) => word in schema);
            if (!describes) problems.push(`${key} ${status}: an empty JSON schema`);
          } else if (!downloadTypes.has(type)) problems.push(`${key} ${status}: unexpected content type ${type}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents the headers and errors the routes declare, every error with the one error schema', () => {
    const problems: string[] = [];
    const errorSchema = document.components?.schemas?.Error as Json | undefined;
    expect(errorSchema?.properties?.error?.required).toEqual(expect.arrayContaining(['code', 'message', 'details']));
    expect(Object.keys(errorSchema?.properties?.error?.properties ?? {})).toEqual(
      expect.arrayContaining(['code', 'reason', 'message', 'details']),
    );
    for (const { key, method, path, operation } of operations) {
      const parameters = parametersOf(document, operation);
      const header = (name: string) => parameters.find((entry) => entry.in === 'header' && entry.name === name);
      const responses = (operation.responses ?? {}) as Record<string, Json>;
      const has = (status: number) => String(status) in responses;
      const isPublic = accessMatrix[key] === 'public';
      const ifMatch = header('If-Match');
      const idempotencyKey = header('Idempotency-Key');
      if (has(428) !== (ifMatch?.required === true)) problems.push(`${key}: 428 and a required If-Match go together`);
      if (ifMatch && !has(412)) problems.push(`${key}: If-Match without 412`);
      if (idempotencyKey && (method !== 'POST' || !has(422) || !has(409)))
        problems.push(`${key}: Idempotency-Key on a POST, with 409 (in progress) and 422 (reused)`);
      if (isPublic === (has(401) || has(403))) problems.push(`${key}: 401 and 403 exactly on the signed-in routes`);
      if (path.includes('{') && !has(404)) problems.push(`${key}: a path with an id without 404`);
      for (const [status, raw] of Object.entries(responses)) {
        if (!/^4/.test(status)) continue;
        const content = (resolve(document, raw).content ?? {}) as Record<string, Json>;
        const expected = path.startsWith('/fhir/')
          ? ['application/fhir+json', '#/components/schemas/OperationOutcome']
          : ['application/json', '#/components/schemas/Error'];
        if (content[expected[0]!]?.schema?.$ref !== expected[1])
          problems.push(`${key} ${status}: not the shared error schema`);
      }
      for (const [status, response] of Object.entries(responses)) {
        if (!/^2/.test(status)) continue;
        const schema = response.content?.['application/json']?.schema as Json | undefined;
        const alternatives = (schema?.anyOf ?? schema?.oneOf ?? (schema ? [schema] : [])) as Json[];
        const versioned =
          alternatives.length > 0 && alternatives.every((entry) => entry?.properties?.version?.type === 'integer');
        if (versioned !== Boolean(response.headers?.ETag))
          problems.push(`${key} ${status}: ETag exactly with a version`);
      }
    }
    // What the contract audit found (finding 3): creating POSTs documented as 200, no headers, no errors.
    for (const key of auditedCreates) {
      const found = operations.find((entry) => entry.key === key);
      expect(found, key).toBeDefined();
      expect(
        Object.keys(found!.operation.responses).filter((status) => /^2/.test(status)),
        key,
      ).toEqual(['201']);
      expect(
        parametersOf(document, found!.operation).map((entry) => entry.name),
        key,
      ).toContain('Idempotency-Key');
      expect(Object.keys(found!.operation.responses), key).toEqual(expect.arrayContaining(['400', '401', '403']));
    }
    const caseUpdate = operations.find((entry) => entry.key === 'PATCH /api/v1/cases/{id}')!;
    expect(parametersOf(document, caseUpdate.operation)).toContainEqual(
      expect.objectContaining({ in: 'header', name: 'If-Match', required: true }),
    );
    expect(Object.keys(caseUpdate.operation.responses)).toEqual(expect.arrayContaining(['200', '412', '428']));
    expect(problems).toEqual([]);
  });

  it('answers the representative creating and changing calls with the documented status', async () => {
    const documented = (key: string) =>
      Object.keys(operations.find((entry) => entry.key === key)?.operation.responses ?? {}).filter((status) =>
        /^2/.test(status),
      );
    const expectDocumented = (key: string, response: { status: number; text: string }) => {
      expect(documented(key), `${key}: ${response.text.slice(0, 300)}`).toEqual([String(response.status)]);
    };
    const key = () => ({ 'idempotency-key': randomUUID() });

    // The consultation desk: a question (201), an answer (201), assignment (If-Match) and closing (200).
    const hospital = await signedInAs(app, 'hospital_liaison');
    const center = await signedInAs(app, 'center_coordinator');
    const asked = await api(app.baseUrl, 'POST', '/api/v1/consultations', {
      token: hospital.token,
      body: { subject: '相談の件名', body: '相談の内容' },
      headers: key(),
    });
    expectDocumented('POST /api/v1/consultations', asked);
    const answered = await api(app.baseUrl, 'POST', `/api/v1/consultations/${asked.body.id}/messages`, {
      token: center.token,
      body: { body: '回答です' },
      headers: key(),
    });
    expectDocumented('POST /api/v1/consultations/{id}/messages', answered);
    expect(answered.headers.get('etag')).toBe(`"${answered.body.version as number}"`);
    const assigned = await api(app.baseUrl, 'POST', `/api/v1/consultations/${asked.body.id}/assign`, {
      token: center.token,
      body: { userId: null },
      headers: { 'if-match': answered.headers.get('etag') ?? '' },
    });
    expectDocumented('POST /api/v1/consultations/{id}/assign', assigned);
    const closed = await api(app.baseUrl, 'POST', `/api/v1/consultations/${asked.body.id}/close`, {
      token: hospital.token,
      headers: { 'if-match': assigned.headers.get('etag') ?? '' },
    });
    expectDocumented('POST /api/v1/consultations/{id}/close', closed);

    // Rotations: a group (201), a roster (201), publishing it (If-Match, 200), a swap (201).
    const association = await signedInAs(app, 'association_admin', {
      name: `契約テスト医師会 ${randomUUID().slice(0, 4)}`,
    });
    const clinics = [];
    for (let index = 0; index < 4; index += 1) {
      const organization = await buildOrganization(app.database, {
        kind: 'clinic',
        name: `契約テスト診療所${index} ${randomUUID().slice(0, 6)}`,
        associationId: association.organization!.id,
        phone: `086-300-${String(1000 + index)}`,
      });
      const user = await buildUser(app.database, { role: 'provider', organizationId: organization.id });
      clinics.push({ id: organization.id, token: await login(app, user.email) });
    }
    const group = await api(app.baseUrl, 'POST', '/api/v1/rotation-groups', {
      token: association.token,
      body: { name: '契約テスト輪番', areaCode: '33101', memberOrganizationIds: clinics.map((clinic) => clinic.id) },
      headers: key(),
    });
    expectDocumented('POST /api/v1/rotation-groups', group);
    const roster = await api(app.baseUrl, 'POST', `/api/v1/rotation-groups/${group.body.id}/rosters`, {
      token: association.token,
      body: { from: '2026-05-01', to: '2026-05-31', shifts: ['holiday_day'] },
      headers: key(),
    });
    expectDocumented('POST /api/v1/rotation-groups/{id}/rosters', roster);
    const published = await api(app.baseUrl, 'POST', `/api/v1/rosters/${roster.body.id}/publish`, {
      token: association.token,
      headers: { 'if-match': roster.headers.get('etag') ?? '' },
    });
    expectDocumented('POST /api/v1/rosters/{id}/publish', published);
    const duty = (published.body.duties as { id: string; organizationId: string }[])[0]!;
    const owner = clinics.find((clinic) => clinic.id === duty.organizationId)!;
    const swap = await api(app.baseUrl, 'POST', `/api/v1/rosters/${roster.body.id}/swaps`, {
      token: owner.token,
      body: { dutyId: duty.id, note: '契約テスト' },
      headers: key(),
    });
    expectDocumented('POST /api/v1/rosters/{id}/swaps', swap);
    // A replay answers the first response again, with the same status.
    const replayKey = key();
    const first = await api(app.baseUrl, 'POST', '/api/v1/consultations', {
      token: hospital.token,
      body: { subject: '再送の件名', body: '再送の内容' },
      headers: replayKey,
    });
    const replay = await api(app.baseUrl, 'POST', '/api/v1/consultations', {
      token: hospital.token,
      body: { subject: '再送の件名', body: '再送の内容' },
      headers: replayKey,
    });
    expect([replay.status, replay.headers.get('idempotent-replayed'), replay.body.id]).toEqual([
      first.status,
      'true',
      first.body.id,
    ]);
    // Each answer above kept to its schema (nothing dropped), its status and its ETag.
    expect(contractProblems).toEqual([]);
  });
});
