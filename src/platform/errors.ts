/** The one error type of the API and the Japanese messages of its codes (CONTRACT §2). */

export type ErrorDetail = { path: string; message: string };

export class AppError extends Error {
  readonly code: string;
  readonly statusCode: number;
  readonly details: ErrorDetail[] | undefined;
  /** Sent as Retry-After (seconds) when the client may try again later (429). */
  retryAfterSeconds: number | undefined;

  constructor(code: string, statusCode: number, messageJa: string, details?: ErrorDetail[]) {
    super(messageJa);
    this.code = code;
    this.statusCode = statusCode;
    this.details = details;
  }
}

export const errors = {
  validation: (details: ErrorDetail[], message = '入力内容に誤りがあります。') =>
    new AppError('validation_failed', 400, message, details),
  badRequest: (code: string, message: string, details?: ErrorDetail[]) => new AppError(code, 400, message, details),
  unauthenticated: (message = 'ログインが必要です。') => new AppError('unauthenticated', 401, message),
  invalidCredentials: () =>
    new AppError('invalid_credentials', 401, 'メールアドレスまたはパスワードが正しくありません。'),
  forbidden: (message = 'この操作を行う権限がありません。') => new AppError('forbidden', 403, message),
  mfaEnrollmentRequired: () =>
    new AppError('mfa_enrollment_required', 403, '二要素認証の設定が必要です。設定を完了してから操作してください。'),
  passwordChangeRequired: () =>
    new AppError(
      'password_change_required',
      403,
      '管理者が設定したパスワードのままです。ご自身のパスワードに変更してから操作してください。',
    ),
  notFound: (message = '指定されたデータが見つかりません。') => new AppError('not_found', 404, message),
  conflict: (code: string, message: string) => new AppError(code, 409, message),
  invalidTransition: (message: string) => new AppError('invalid_transition', 409, message),
  versionConflict: (currentVersion: number) =>
    new AppError(
      'version_conflict',
      412,
      `他の利用者がこのデータを更新しました（現在の版: ${currentVersion}）。最新の内容を読み込み直してください。`,
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
  unprocessable: (code: string, message: string, details?: ErrorDetail[]) => new AppError(code, 422, message, details),
};
