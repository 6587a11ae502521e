import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, request, setSessionEvents } from './client';

/** fetch answering `status` with `body` as JSON. */
function answer(status: number, body: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })),
  );
}

async function failure(): Promise<ApiError> {
  try {
    await request('GET', 'organizations');
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('the request succeeded');
}

describe('ApiError from the error body (CONTRACT §2: code, reason, message, details)', () => {
  const events = { onUnauthenticated: vi.fn(), onMfaEnrollmentRequired: vi.fn(), onPasswordChangeRequired: vi.fn() };
  setSessionEvents(events);
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.clearAllMocks();
  });

  it('keeps the contract code and the specific reason; specificCode is reason ?? code', async () => {
    answer(409, {
      error: { code: 'invalid_transition', reason: 'role_filled', message: '既に決まっています。', details: [] },
    });
    const error = await failure();
    expect(error).toMatchObject({ status: 409, code: 'invalid_transition', reason: 'role_filled', details: [] });
    expect(error.specificCode).toBe('role_filled');

    answer(404, { error: { code: 'not_found', message: '見つかりません。', details: [] } });
    const notFound = await failure();
    expect(notFound.reason).toBeUndefined();
    expect(notFound.specificCode).toBe('not_found');
  });

  it('tells the session events apart by the reason', async () => {
    answer(403, {
      error: { code: 'forbidden', reason: 'mfa_enrollment_required', message: '設定が必要です。', details: [] },
    });
    await failure();
    expect(events.onMfaEnrollmentRequired).toHaveBeenCalledTimes(1);
    expect(events.onPasswordChangeRequired).not.toHaveBeenCalled();

    answer(403, {
      error: { code: 'forbidden', reason: 'password_change_required', message: '変更してください。', details: [] },
    });
    await failure();
    expect(events.onPasswordChangeRequired).toHaveBeenCalledTimes(1);

    answer(403, { error: { code: 'forbidden', message: '権限がありません。', details: [] } });
    await failure();
    expect(events.onMfaEnrollmentRequired).toHaveBeenCalledTimes(1);
    expect(events.onPasswordChangeRequired).toHaveBeenCalledTimes(1);

    answer(401, { error: { code: 'unauthenticated', message: 'ログインが必要です。', details: [] } });
    await failure();
    expect(events.onUnauthenticated).toHaveBeenCalledTimes(1);
    // A wrong password outside the sign-in (re-authentication) is not a lost session.
    answer(401, {
      error: { code: 'unauthenticated', reason: 'invalid_credentials', message: '違います。', details: [] },
    });
    await failure();
    expect(events.onUnauthenticated).toHaveBeenCalledTimes(1);
  });
});
