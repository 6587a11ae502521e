/** The one error type of the API, the Japanese messages of its codes and the body they go out as (CONTRACT §2). */

/**
 * One field or reason of an error. `code` and `params`, where given, let a client say `message` in
 * another language (the web client's server-text namespace).
 */
export type ErrorDetail = { path: string; message: string; code?: string; params?: Record<string, string | number> };

/**
 * Every code of an error: the API answers it as `error.code`, or as `error.reason` beside the
 * contract's code of the status (contractCodes below). The web client has a sentence for each in
 * English (web/src/i18n/en/server-text.json `errors`), checked by its tests against this list.
 */
export const errorCodes = [
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'mfa_enrollment_required',
  'password_change_required',
  'not_found',
  'method_not_allowed',
  'invalid_transition',
  'version_conflict',
  'precondition_required',
  'invalid_if_match',
  'idempotency_key_reused',
  'idempotency_in_progress',
  'invalid_idempotency_key',
  'rate_limited',
  'malformed_json',
  'payload_too_large',
  'unsupported_media_type',
  'invalid_content_length',
  'bad_url',
  'uri_too_long',
  'bad_request',
  'shutting_down',
  'internal_error',
  'request_timeout',
  'headers_too_large',
  'bad_http_request',
  'invalid_mfa_code',
  'mfa_not_enrolling',
  'invalid_current_password',
  'reauthentication_required',
  'reauthentication_failed',
  'email_taken',
  'cannot_change_self',
  'duplicate_official_code',
  'organization_duplicate',
  'consent_required',
  'address_not_located',
  'organization_cannot_serve',
  'referral_pending',
  'role_filled',
  'transfer_target_without_users',
  'organization_not_welfare',
  'welfare_link_exists',
  'participant_not_in_case',
  'unknown_area',
  'location_not_found',
  'location_outside_city',
  'invalid_adjustment',
  'invalid_period',
  'period_too_long',
  'period_in_past',
  'month_outside_period',
  'unknown_timezone',
  'unsupported_timezone',
  'roster_overlaps',
  'roster_infeasible',
  'roster_not_found',
  'group_changed',
  'organization_not_in_group',
  'member_has_duties',
  'swap_pending',
  'swap_outdated',
  'swap_breaks_rules',
  'duty_breaks_rules',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/**
 * The code CONTRACT §2 gives each of these statuses. The API answers it as `error.code`; a more
 * specific code of the list above (`role_filled` at 409, `invalid_credentials` at 401 …) goes out
 * as `error.reason` beside it. Other statuses (405, 413, 415, 422, 503 …) keep their own code.
 */
export const contractCodes: Readonly<Partial<Record<number, ErrorCode>>> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'invalid_transition',
  412: 'version_conflict',
  428: 'precondition_required',
  429: 'rate_limited',
};

/** The `error` of an answer (CONTRACT §2): the contract's code, the specific one as `reason`, details always a list. */
export type ErrorBody = {
  error: { code: ErrorCode; reason?: ErrorCode; message: string; details: ErrorDetail[] };
};

/** The body the API answers for an error of `code` at `statusCode`. */
export function errorBody(statusCode: number, code: ErrorCode, message: string, details?: ErrorDetail[]): ErrorBody {
  const contractCode = contractCodes[statusCode];
  const reason = contractCode !== undefined && contractCode !== code ? code : undefined;
  return {
    error: {
      code: contractCode ?? code,
      ...(reason !== undefined ? { reason } : {}),
      message,
      details: details ?? [],
    },
  };
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly details: ErrorDetail[] | undefined;
  /** Sent as Retry-After (seconds) when the client may try again later (429). */
  retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, statusCode: number, messageJa: string, details?: ErrorDetail[]) {
    super(messageJa);
    this.code = code;
    this.statusCode = statusCode;
    this.details = details;
  }
}

export const errors = {
  validation: (details: ErrorDetail[], message = '入力内容に誤りがあります。') =>
    new AppError('validation_failed', 400, message, details),
  badRequest: (code: ErrorCode, message: string, details?: ErrorDetail[]) => new AppError(code, 400, message, details),
  unauthenticated: (message = 'ログインが必要です。') => new AppError('unauthenticated', 401, message),
  invalidCredentials: () =>
    new AppError('invalid_credentials', 401, 'メールアドレスまたはパスワードが正しくありません。'),
  forbidden: (message = 'この操作を行う権限がありません。') => new AppError('forbidden', 403, message),
  /** 403 with a more precise code than `forbidden` (what the caller must do differs). */
  forbiddenWith: (code: ErrorCode, message: string) => new AppError(code, 403, message),
  mfaEnrollmentRequired: () =>
    new AppError('mfa_enrollment_required', 403, '二要素認証の設定が必要です。設定を完了してから操作してください。'),
  passwordChangeRequired: () =>
    new AppError(
      'password_change_required',
      403,
      '管理者が設定したパスワードのままです。ご自身のパスワードに変更してから操作してください。',
    ),
  notFound: (message = '指定されたデータが見つかりません。') => new AppError('not_found', 404, message),
  conflict: (code: ErrorCode, message: string, details?: ErrorDetail[]) => new AppError(code, 409, message, details),
  invalidTransition: (message: string) => new AppError('invalid_transition', 409, message),
  versionConflict: (_currentVersion: number) =>
    new AppError(
      'version_conflict',
      412,
      'このデータは、読み込んだ後に別の画面または他の利用者によって更新されています。最新の内容を読み込み直してください。',
    ),
  preconditionRequired: () =>
    new AppError('precondition_required', 428, '更新には If-Match ヘッダー（取得時の ETag）が必要です。'),
  idempotencyKeyReused: () =>
    new AppError(
      'idempotency_key_reused',
      422,
      'この Idempotency-Key は別の内容の要求で使用済みです。新しいキーを使ってください。',
    ),
  rateLimited: (
    message = '試行回数が多すぎます。しばらく待ってから再度お試しください。',
    retryAfterSeconds?: number,
  ) => {
    const error = new AppError('rate_limited', 429, message);
    error.retryAfterSeconds = retryAfterSeconds;
    return error;
  },
  unprocessable: (code: ErrorCode, message: string, details?: ErrorDetail[]) =>
    new AppError(code, 422, message, details),
};
