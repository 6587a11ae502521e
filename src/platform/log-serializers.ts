/**
 * What an error may put into the log. A failed query's error carries the statement's parameters —
 * a patient's name, birth date, address — in its `params`, its message and so its stack
 * (drizzle's DrizzleQueryError: "Failed query: …\nparams: …"). Patient data (要配慮個人情報) must not
 * reach the logs, so the parameters are dropped and only the statement and the database's own error
 * code and message are kept.
 */
import { stdSerializers } from 'pino';

const paramsLine = /\nparams: [\s\S]*/;

type SerializedError = ReturnType<typeof stdSerializers.err> & Record<string, unknown>;

function withoutParams(text: unknown, count: number): unknown {
  return typeof text === 'string' ? text.replace(paramsLine, `\nparams: [${count} redacted]`) : text;
}

/** pino's error serializer, without the parameters of a failed query. */
export function serializeError(error: Error): SerializedError {
  const serialized = stdSerializers.err(error) as SerializedError;
  const params = (error as { params?: unknown }).params;
  if (!Array.isArray(params)) return serialized;
  const count = params.length;
  const cause = (error as { cause?: unknown }).cause as Record<string, unknown> | undefined;
  const { params: _dropped, cause: _cause, ...rest } = serialized;
  return {
    ...rest,
    message: withoutParams(serialized.message, count) as string,
    stack: withoutParams(serialized.stack, count) as string,
    // The database's error: its code and message (a value it quotes stays out: `detail` is dropped).
    ...(cause && typeof cause === 'object'
      ? { cause: { type: cause.constructor?.name, code: cause.code, message: cause.message } }
      : {}),
  } as SerializedError;
}
