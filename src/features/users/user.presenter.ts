/** User row → API object. */
import type { UserRow } from './user.repository.js';
import type { UserResponse } from './user.schema.js';
import type { OrganizationKind, Role } from '../../domain/codes.js';
import { toJstIso, toJstIsoOrNull } from '../../platform/time.js';

export function presentUser(row: UserRow): UserResponse {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    organizationId: row.organizationId,
    organizationName: row.organizationName,
    organizationKind: row.organizationKind as OrganizationKind | null,
    disabled: row.isDisabled,
    isMfaEnabled: row.isMfaEnabled,
    isDemo: row.isDemo,
    mustChangePassword: row.mustChangePassword,
    lastLoginAt: toJstIsoOrNull(row.lastLoginAt),
    createdAt: toJstIso(row.createdAt),
    version: row.version,
  };
}
