/** Assertions on the API's error bodies (CONTRACT §2: {"error":{"code","message"(日本語),"details"?}}). */
import { expect } from 'vitest';
import type { ApiResponse } from './http.js';

/** Hiragana, katakana or a CJK ideograph: the message is written in Japanese. */
export const japanesePattern = /[\u3040-\u30ff\u3400-\u9fff]/;

/** Asserts the response is the given error, in the contract's shape, with a Japanese message. */
export function expectError(response: ApiResponse, status: number, code?: string): void {
  const context = `${response.status} ${response.text.slice(0, 300)}`;
  expect(response.status, context).toBe(status);
  expect(response.headers.get('content-type') ?? '', context).toMatch(/^application\/json/);
  expect(response.body, context).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  expect(Object.keys(response.body as object), context).toEqual(['error']);
  const error = (response.body as { error: { code: string; message: string; details?: unknown } }).error;
  expect(error.code, context).toMatch(/^[a-z][a-z0-9_]*$/);
  expect(error.message, context).toMatch(japanesePattern);
  if (code !== undefined) expect(error.code, context).toBe(code);
  if (error.details !== undefined) {
    expect(error.details, context).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: expect.any(String), message: expect.any(String) })]),
    );
  }
}

/** The `path`s of a validation error's details. */
export function detailPaths(response: ApiResponse): string[] {
  const details = (response.body as { error?: { details?: { path: string }[] } } | null)?.error?.details ?? [];
  return details.map((detail) => detail.path);
}
