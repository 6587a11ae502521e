/**
 * Input rules every route shares, so bad input is a 4xx and never a 5xx (CONTRACT §2):
 * bodies are JSON only (anything else is 415), and no text may hold a character PostgreSQL
 * cannot store — NUL (text and jsonb refuse it: the query would fail with a 500) or a lone UTF-16
 * surrogate (`"\ud800"` is valid JSON but not Unicode: jsonb refuses it, text silently keeps U+FFFD).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errors } from './errors.js';

export type UnstorableCharacter = 'nul' | 'lone_surrogate';

/** With the `u` flag a surrogate pair reads as one code point, so `\p{Cs}` matches only lone surrogates. */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const unstorable = /[\u0000\p{Cs}]/u;

/** Which unstorable character `text` holds, or null when PostgreSQL can store it as it is. */
export function unstorableCharacter(text: string): UnstorableCharacter | null {
  const found = unstorable.exec(text)?.[0];
  if (found === undefined) return null;
  return found === '\u0000' ? 'nul' : 'lone_surrogate';
}

export const unstorableMessages: Record<UnstorableCharacter, string> = {
  nul: 'NUL 文字（\\u0000）は使用できません。',
  lone_surrogate: '対になっていないサロゲート（\\ud800〜\\udfff）は文字として使用できません。',
};

/** The first string (or object key) holding an unstorable character, with its path, or null. Iterative: bodies may nest deeply. */
export function findUnstorableText(
  value: unknown,
  root: string,
): { path: string; character: UnstorableCharacter } | null {
  const pending: { value: unknown; path: string }[] = [{ value, path: root }];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === undefined) break;
    if (typeof next.value === 'string') {
      const character = unstorableCharacter(next.value);
      if (character !== null) return { path: next.path, character };
    } else if (next.value !== null && typeof next.value === 'object') {
      for (const [key, entry] of Object.entries(next.value as Record<string, unknown>)) {
        const path = next.path === '' ? key : `${next.path}.${key}`;
        const character = unstorableCharacter(key);
        if (character !== null) return { path, character };
        pending.push({ value: entry, path });
      }
    }
  }
  return null;
}

export function registerInputRules(app: FastifyInstance): void {
  // Fastify parses text/plain by default; the API takes JSON only (the error handler turns this into 415).
  app.removeContentTypeParser('text/plain');

  // Fastify's JSON parser refuses `__proto__` (and `constructor.prototype`) keys, rightly, but as
  // "invalid JSON". When the text is valid JSON the answer names the key instead (still malformed_json).
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    void parseJson(request, body.toString(), (error: Error | null, value?: unknown) => {
      if (error && (error as { code?: string }).code === 'FST_ERR_CTP_INVALID_JSON_BODY' && isValidJson(body)) {
        done(
          errors.badRequest(
            'malformed_json',
            '使用できない項目名（__proto__ または constructor.prototype）が含まれています。',
          ),
          undefined,
        );
        return;
      }
      done(error, value);
    });
  });

  app.addHook('preValidation', (request, _reply, done) => {
    // An action that takes no body (accept, withdraw, publish …) refuses one with fields, as a body schema would:
    // a field the client thinks it sent (`{"reason": …}`) must not be silently dropped. `{}` and no body are fine.
    if (request.routeOptions.schema?.body === undefined && request.body !== undefined && request.body !== null) {
      const body = request.body;
      const keys = typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : null;
      if (keys === null) {
        done(
          errors.validation([
            { path: 'body', message: 'この操作に本文は不要です。省略するか、空のオブジェクト {} を送ってください。' },
          ]),
        );
        return;
      }
      if (keys.length > 0) {
        done(errors.validation(keys.map((key) => ({ path: key, message: `指定できない項目です: ${key}` }))));
        return;
      }
    }
    // A query parameter the route does not know (a typo, `kind[]=clinic`, a filter of another endpoint) is refused
    // rather than dropped: a list answered without the filter the caller believes it applied misleads. /fhir and
    // /hsds keep their standards' leniency (FHIR ignores unknown parameters unless `Prefer: handling=strict`).
    const unknown = request.url.startsWith('/api/')
      ? unknownQueryKeys(request.routeOptions.schema?.querystring, request.query)
      : [];
    if (unknown.length > 0) {
      const allowed = [...(queryKeysOf(request.routeOptions.schema?.querystring) ?? [])];
      done(
        errors.validation(
          unknown.map((key) => ({
            path: key,
            message: `この一覧・検索では指定できないパラメータです: ${key}`,
            code: 'unknown_parameter',
            params: { parameter: key, allowed: allowed.join(', ') },
          })),
          `指定できないパラメータがあります: ${unknown.join('、')}（指定できるのは ${allowed.join('、')}）。`,
        ),
      );
      return;
    }
    const found =
      findUnstorableText(request.body, '') ??
      findUnstorableText(request.query, '') ??
      findUnstorableText(request.params, '');
    if (found !== null) {
      done(errors.validation([{ path: found.path || 'body', message: unstorableMessages[found.character] }]));
      return;
    }
    done();
  });
}

/** The parameters a route's querystring schema names (a zod object), cached per schema; null for any other schema. */
const queryKeysBySchema = new WeakMap<object, ReadonlySet<string> | null>();

function queryKeysOf(schema: unknown): ReadonlySet<string> | null {
  if (typeof schema !== 'object' || schema === null) return null;
  let keys = queryKeysBySchema.get(schema);
  if (keys === undefined) {
    keys = schema instanceof z.ZodObject ? new Set(Object.keys(schema.shape)) : null;
    queryKeysBySchema.set(schema, keys);
  }
  return keys;
}

/** The keys of `query` that the route's querystring schema does not name (none when it has no object schema). */
export function unknownQueryKeys(schema: unknown, query: unknown): string[] {
  if (typeof query !== 'object' || query === null) return [];
  const keys = queryKeysOf(schema);
  if (keys === null) return [];
  const unknown: string[] = [];
  for (const key in query) if (!keys.has(key)) unknown.push(key);
  return unknown;
}

function isValidJson(body: string | Buffer): boolean {
  try {
    JSON.parse(body.toString());
    return true;
  } catch {
    return false;
  }
}
