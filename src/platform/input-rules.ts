/**
 * Input rules every route shares, so bad input is a 4xx and never a 5xx (CONTRACT §2):
 * bodies are JSON only (anything else is 415), and no text may contain NUL, which PostgreSQL
 * text and jsonb cannot store (the database would fail the query with a 500).
 */
import type { FastifyInstance } from 'fastify';
import { errors } from './errors.js';

/** The path of the first string (or object key) containing U+0000, or null. Iterative: bodies may nest deeply. */
export function findNulCharacter(value: unknown, root: string): string | null {
  const pending: { value: unknown; path: string }[] = [{ value, path: root }];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === undefined) break;
    if (typeof next.value === 'string') {
      if (next.value.includes('\u0000')) return next.path;
    } else if (next.value !== null && typeof next.value === 'object') {
      for (const [key, entry] of Object.entries(next.value as Record<string, unknown>)) {
        const path = next.path === '' ? key : `${next.path}.${key}`;
        if (key.includes('\u0000')) return path;
        pending.push({ value: entry, path });
      }
    }
  }
  return null;
}

export function registerInputRules(app: FastifyInstance): void {
  // Fastify parses text/plain by default; the API takes JSON only (the error handler turns this into 415).
  app.removeContentTypeParser('text/plain');

  app.addHook('preValidation', (request, _reply, done) => {
    const path =
      findNulCharacter(request.body, '') ?? findNulCharacter(request.query, '') ?? findNulCharacter(request.params, '');
    if (path !== null) {
      done(errors.validation([{ path: path || 'body', message: 'NUL 文字（\\u0000）は使用できません。' }]));
      return;
    }
    done();
  });
}
