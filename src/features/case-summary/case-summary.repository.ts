/** What the discharge summary reads beyond the case: the only Drizzle code of this feature. */
import { and, eq, inArray } from 'drizzle-orm';
import { organizations, users } from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';

/** The hospital's public and professional phone numbers (for the summary's header). */
export async function hospitalContact(executor: DbExecutor, organizationId: string) {
  const [row] = await executor
    .select({ phone: organizations.phone, professionalPhone: organizations.professionalPhone })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return row ?? null;
}

/**
 * Who at the hospital handles the case, for the team to call: of `userIds` (the last to change it first, then who
 * registered it), the first account of the hospital; null when none is (a transfer: the new hospital's staff have not
 * edited it yet).
 */
export async function hospitalStaffName(
  executor: DbExecutor,
  userIds: readonly (string | null)[],
  hospitalOrganizationId: string,
): Promise<string | null> {
  const ids = userIds.filter((id): id is string => id !== null);
  if (ids.length === 0) return null;
  const rows = await executor
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.organizationId, hospitalOrganizationId)));
  for (const id of ids) {
    const found = rows.find((row) => row.id === id);
    if (found) return found.name;
  }
  return null;
}
