/** What the discharge summary reads beyond the case: the only Drizzle code of this feature. */
import { eq } from 'drizzle-orm';
import { organizations } from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';

/** The hospital's public and professional phone numbers (for the summary's header). */
export async function hospitalContact(executor: DbExecutor, organizationId: string) {
  const [row] = await executor
    .select({ phone: organizations.phone, professionalPhone: organizations.professionalPhone })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return row ?? null;
}
