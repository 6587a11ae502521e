/**
 * The one typed client of the Renkei API: fetch with the session cookie, JSON in and out, and every
 * error turned into an ApiError built from the server's body {"error":{code,reason?,message,details}}.
 */
import i18next from 'i18next';
import { apiErrorDetailText } from '../i18n/server-text';
import type {
  Area,
  AuditEvent,
  AuditQuery,
  CreateOrganizationRequest,
  CreateUserRequest,
  LoginResult,
  Me,
  MfaEnrollment,
  Organization,
  OrganizationQuery,
  Page,
  PublicConfig,
  SignedIn,
  UpdateAvailabilityRequest,
  UpdateOrganizationRequest,
  UpdateUserRequest,
  User,
} from './types';

/** A field or reason of an error; `code` and `params` (some reasons) let the client say it in English. */
export type ErrorDetail = {
  path: string;
  message: string;
  code?: string;
  params?: Readonly<Record<string, string | number>>;
};

/**
 * An answer of the API other than 2xx, or no answer at all (status 0, code `network_error`). `code`
 * is CONTRACT §2's code of the status (`invalid_transition` for every 409 …); `reason`, when the
 * server gives one, the specific code (`role_filled`). Branch on `specificCode` (reason ?? code).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly reason: string | undefined;
  readonly details: ErrorDetail[];

  constructor(status: number, code: string, message: string, details: ErrorDetail[] = [], reason?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  /** The most specific code of the error: `reason` where the server gave one, else `code`. */
  get specificCode(): string {
    return this.reason ?? this.code;
  }

  /** The message of one field (`path` as the server names it, e.g. `capabilities.groups`), in the UI's language. */
  detailFor(path: string): string | undefined {
    const detail = this.details.find((candidate) => candidate.path === path);
    return detail ? apiErrorDetailText(i18next, detail) : undefined;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

type SessionEvents = {
  /** A request answered 401 `unauthenticated`: the session is gone. */
  onUnauthenticated: () => void;
  /** A request answered 403 `mfa_enrollment_required`. */
  onMfaEnrollmentRequired: () => void;
  /** A request answered 403 `password_change_required` (the password an administrator set is still in use). */
  onPasswordChangeRequired: () => void;
};

let sessionEvents: SessionEvents | null = null;

/** The application registers how to react to a lost session (navigate to /login, /mfa/setup). */
export function setSessionEvents(events: SessionEvents): void {
  sessionEvents = events;
}

/** The server said the session ended (the event stream's `session_ended`): as a 401 would. */
export function reportSessionEnded(): void {
  sessionEvents?.onUnauthenticated();
}

type QueryValue = string | number | undefined | null;

type RequestOptions = {
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  /** The sign-in calls answer 401 for a wrong password; that is not a lost session. */
  isSignIn?: boolean;
};

function withQuery(path: string, query: Record<string, QueryValue> | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function parseErrorBody(status: number, body: unknown): ApiError {
  if (typeof body === 'object' && body !== null && 'error' in body) {
    const error = body.error;
    if (typeof error === 'object' && error !== null) {
      const { code, reason, message, details } = error as {
        code?: unknown;
        reason?: unknown;
        message?: unknown;
        details?: unknown;
      };
      return new ApiError(
        status,
        typeof code === 'string' ? code : 'unknown_error',
        typeof message === 'string' ? message : '',
        Array.isArray(details) ? (details as ErrorDetail[]) : [],
        typeof reason === 'string' && reason !== '' ? reason : undefined,
      );
    }
  }
  return new ApiError(status, 'unknown_error', '');
}

/** One call of the API (exported for the feature modules: api/directory.ts, …). */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(withQuery(`/api/v1/${path}`, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network_error', '');
  }
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) {
    const error = parseErrorBody(response.status, parsed);
    if (error.status === 401 && error.specificCode === 'unauthenticated' && !options.isSignIn) {
      sessionEvents?.onUnauthenticated();
    }
    if (error.status === 403 && error.specificCode === 'mfa_enrollment_required') {
      sessionEvents?.onMfaEnrollmentRequired();
    }
    if (error.status === 403 && error.specificCode === 'password_change_required') {
      sessionEvents?.onPasswordChangeRequired();
    }
    throw error;
  }
  return parsed as T;
}

/**
 * Every page of a cursor-paginated list (CONTRACT §2), following `nextCursor` until it is null.
 * For the lists a screen must show whole — one case's conferences, welfare links and thread, one
 * area's doctor pairs — which stay far below a page of 500 but must never be cut silently.
 */
export async function allPages<Page extends { nextCursor: string | null }>(
  fetchPage: (cursor: string | undefined) => Promise<Page>,
): Promise<Page[]> {
  const pages: Page[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    pages.push(page);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return pages;
}

/** The largest page the API gives (CONTRACT §2): for lists fetched whole with `allPages`. */
export const wholePageLimit = 500;

const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

/** A fresh Idempotency-Key (crypto.randomUUID needs a secure context; fall back to getRandomValues). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export const api = {
  publicConfig: () => request<PublicConfig>('GET', 'public/config'),

  login: (input: { email: string; password: string }) =>
    request<LoginResult>('POST', 'auth/login', { body: input, isSignIn: true }),
  completeMfa: (input: { challenge: string; code: string }) =>
    request<SignedIn>('POST', 'auth/mfa', { body: input, isSignIn: true }),
  logout: () => request<{ ok: true }>('POST', 'auth/logout'),
  /** Without `reauth` at first enrolment; with it to replace the authenticator when two-factor is on. */
  enrollMfa: (reauth?: { currentPassword: string; code: string }) =>
    request<MfaEnrollment>('POST', 'auth/mfa/enroll', reauth ? { body: reauth } : {}),
  confirmMfa: (code: string) => request<{ recoveryCodes: string[] }>('POST', 'auth/mfa/confirm', { body: { code } }),
  me: () => request<Me>('GET', 'me'),
  changePassword: (input: { currentPassword: string; newPassword: string }) =>
    request<{ ok: true }>('POST', 'me/password', { body: input }),

  areas: () => request<{ items: Area[] }>('GET', 'areas'),

  organizations: (query: OrganizationQuery & { cursor?: string | undefined }) =>
    request<Page<Organization>>('GET', 'organizations', { query }),
  organization: (id: string) => request<Organization>('GET', `organizations/${encodeURIComponent(id)}`),
  createOrganization: (input: CreateOrganizationRequest, idempotencyKey: string) =>
    request<Organization>('POST', 'organizations', { body: input, headers: { 'Idempotency-Key': idempotencyKey } }),
  updateOrganization: (id: string, version: number, input: UpdateOrganizationRequest) =>
    request<Organization>('PATCH', `organizations/${encodeURIComponent(id)}`, {
      body: input,
      headers: ifMatch(version),
    }),
  updateAvailability: (id: string, version: number, input: UpdateAvailabilityRequest) =>
    request<Organization>('PUT', `organizations/${encodeURIComponent(id)}/availability`, {
      body: input,
      headers: ifMatch(version),
    }),

  users: (query: { q?: string | undefined; cursor?: string | undefined; limit?: number }) =>
    request<Page<User>>('GET', 'users', { query }),
  createUser: (input: CreateUserRequest, idempotencyKey: string) =>
    request<User>('POST', 'users', { body: input, headers: { 'Idempotency-Key': idempotencyKey } }),
  updateUser: (id: string, version: number, input: UpdateUserRequest) =>
    request<User>('PATCH', `users/${encodeURIComponent(id)}`, { body: input, headers: ifMatch(version) }),

  audit: (query: AuditQuery & { cursor?: string | undefined; limit?: number }) =>
    request<Page<AuditEvent>>('GET', 'audit', { query }),
};
