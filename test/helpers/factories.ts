/** One factories module: build what a test needs with unique data (no table truncation). */
import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { organizations, users } from '../../src/db/schema.js';
import type { Database } from '../../src/db/client.js';
import type { Role } from '../../src/domain/codes.js';
import { normalizeForSearch } from '../../src/platform/text.js';
import { api } from './http.js';
import type { TestApp } from './test-app.js';

export const testPassword = 'correct-horse-battery-staple';
let passwordHash: Promise<string> | null = null;

export function unique(prefix = 't'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export type OrganizationOverrides = Partial<typeof organizations.$inferInsert>;

export async function buildOrganization(database: Database, overrides: OrganizationOverrides = {}) {
  const id = overrides.id ?? randomUUID();
  const name = overrides.name ?? `テスト診療所 ${unique()}`;
  const values: typeof organizations.$inferInsert = {
    id,
    kind: 'clinic',
    name,
    searchText: normalizeForSearch(`${name} ${overrides.nameKana ?? ''}`),
    address: '岡山市北区大供1-1-1',
    areaCode: '33101',
    lat: 34.655,
    lng: 133.919,
    source: 'manual',
    ...overrides,
  };
  await database.db.insert(organizations).values(values);
  return values as typeof organizations.$inferInsert & { id: string; name: string };
}

export async function buildUser(
  database: Database,
  options: {
    role: Role;
    organizationId?: string | null;
    email?: string;
    name?: string;
    isMfaEnabled?: boolean;
    /**
     * When the account was created: by default long before any test clock, so that the organisation's notices of a
     * test (written at the test clock's time, which may be before the real now) are the user's own and unread,
     * not inherited from before the account existed (notification.repository.ts).
     */
    createdAt?: Date;
  },
) {
  passwordHash ??= hash(testPassword);
  const email = options.email ?? `${unique('user')}@example.jp`;
  const id = randomUUID();
  await database.db.insert(users).values({
    id,
    email,
    name: options.name ?? `利用者 ${email}`,
    role: options.role,
    organizationId: options.organizationId ?? null,
    passwordHash: await passwordHash,
    createdAt: options.createdAt ?? new Date('2020-01-01T00:00:00Z'),
  });
  return { id, email, password: testPassword };
}

export async function login(app: TestApp, email: string, password = testPassword): Promise<string> {
  const response = await api(app.baseUrl, 'POST', '/api/v1/auth/login', { body: { email, password } });
  if (response.status !== 200 || typeof response.body?.token !== 'string') {
    throw new Error(`login of ${email} failed: ${response.status} ${response.text}`);
  }
  return response.body.token as string;
}

/** A user of the given role in a fresh organisation of a fitting kind, signed in. */
export async function signedInAs(app: TestApp, role: Role, organizationOverrides: OrganizationOverrides = {}) {
  const kindByRole: Record<Role, string | null> = {
    admin: null,
    center_coordinator: 'coordination_center',
    hospital_liaison: 'hospital',
    provider: 'clinic',
    association_admin: 'medical_association',
    city_analyst: 'city',
  };
  const kind = kindByRole[role];
  const organization = kind ? await buildOrganization(app.database, { kind, ...organizationOverrides }) : null;
  const user = await buildUser(app.database, { role, organizationId: organization?.id ?? null });
  const token = await login(app, user.email);
  return { user, organization, token };
}

/**
 * An administrator's change of an account as the admin page makes it: the account's current version read first and
 * sent as If-Match (required: two administrators never overwrite each other's change).
 */
export async function patchUser(app: TestApp, token: string, userId: string, body: Record<string, unknown>) {
  const current = await api(app.baseUrl, 'GET', `/api/v1/users/${userId}`, { token });
  if (current.status !== 200) return current;
  return api(app.baseUrl, 'PATCH', `/api/v1/users/${userId}`, {
    token,
    body,
    headers: { 'if-match': `"${current.body.version as number}"` },
  });
}
