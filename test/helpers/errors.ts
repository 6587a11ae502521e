/**
 * Assertions on the API's error bodies (CONTRACT §2:
 * {"error":{"code","reason"?,"message"(日本語),"details":[…]}}).
 */
import { expect } from 'vitest';
import type { ApiResponse } from './http.js';

/** Hiragana, katakana or a CJK ideograph: the message is written in Japanese. */
export const japanesePattern = /[\u3040-\u30ff\u3400-\u9fff]/;

/** CONTRACT §2's code for each status it names (written out here, not taken from the server). */
export const contractCodeOfStatus: Readonly<Record<number, string>> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'invalid_transition',
  412: 'version_conflict',
  428: 'precondition_required',
  429: 'rate_limited',
};

/**
 * Asserts the response is the given error, in the contract's shape, with a Japanese message: at a
 * status of the contract's table `code` is the contract's code and the specific one is `reason`;
 * `details` is always a list. Given `code`, `reason` must be the one given (absent when none is).
 */
export function expectError(response: ApiResponse, status: number, code?: string, reason?: string): void {
  const context = `${response.status} ${response.text.slice(0, 300)}`;
  expect(response.status, context).toBe(status);
  expect(response.headers.get('content-type') ?? '', context).toMatch(/^application\/json/);
  expect(response.body, context).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  expect(Object.keys(response.body as object), context).toEqual(['error']);
  const error = (response.body as { error: { code: string; reason?: string; message: string; details: unknown } })
    .error;
  expect(error.code, context).toMatch(/^[a-z][a-z0-9_]*$/);
  const contractCode = contractCodeOfStatus[status];
  if (contractCode !== undefined) expect(error.code, context).toBe(contractCode);
  if (error.reason !== undefined) {
    expect(error.reason, context).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(error.reason, context).not.toBe(error.code);
  }
  expect(
    Object.keys(error).filter((key) => !['code', 'reason', 'message', 'details'].includes(key)),
    context,
  ).toEqual([]);
  expect(error.message, context).toMatch(japanesePattern);
  if (code !== undefined) {
    expect(error.code, context).toBe(code);
    expect(error.reason, context).toBe(reason);
  }
  expect(Array.isArray(error.details), context).toBe(true);
  for (const detail of error.details as unknown[])
    expect(detail, context).toEqual(expect.objectContaining({ path: expect.any(String), message: expect.any(String) }));
}

/** The `path`s of a validation error's details. */
export function detailPaths(response: ApiResponse): string[] {
  const details = (response.body as { error?: { details?: { path: string }[] } } | null)?.error?.details ?? [];
  return details.map((detail) => detail.path);
}
