import { describe, expect, it } from 'vitest';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { serializeError } from './log-serializers.js';

describe('serializeError', () => {
  it('keeps the statement and the database error but none of the parameters of a failed query', () => {
    const cause = Object.assign(new Error('invalid input syntax for type json'), {
      code: '22P02',
      detail: 'Token "\\ud800" is invalid.',
    });
    const error = new DrizzleQueryError(
      'insert into cases (name, birth_date, address) values ($1, $2, $3)',
      ['岡山 花子', '1931-04-02', '岡山市南区福田1-2-3'],
      cause,
    );
    const logged = JSON.stringify(serializeError(error));
    for (const secret of ['岡山 花子', '1931-04-02', '岡山市南区福田', '\\\\ud800'])
      expect(logged).not.toContain(secret);
    const serialized = serializeError(error);
    expect(serialized.message).toBe(
      'Failed query: insert into cases (name, birth_date, address) values ($1, $2, $3)\nparams: [3 redacted]',
    );
    expect(serialized.stack).toContain('params: [3 redacted]');
    expect(serialized.cause).toEqual({ type: 'Error', code: '22P02', message: 'invalid input syntax for type json' });
  });

  it('leaves other errors as pino writes them', () => {
    const error = Object.assign(new Error('boom'), { code: 'E_X' });
    expect(serializeError(error)).toMatchObject({ type: 'Error', message: 'boom', code: 'E_X' });
  });
});
