/** The consultation desks citizens can be pointed to: the only Drizzle code of the public contacts. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { organizations } from '../../db/schema.js';
import type { DbExecutor } from '../../db/client.js';

export const contactKinds = ['coordination_center', 'community_support_center'] as const;
export type ContactKind = (typeof contactKinds)[number];

export type ContactRow = {
  id: string;
  kind: string;
  name: string;
  address: string;
  areaCode: string | null;
  phone: string | null;
  source: string;
  updatedAt: Date;
};

/** The Center(s) and the 地域包括支援センター in the directory, not disabled. */
export async function listContacts(executor: DbExecutor): Promise<ContactRow[]> {
  return executor
    .select({
      id: organizations.id,
      kind: organizations.kind,
      name: organizations.name,
      address: organizations.address,
      areaCode: organizations.areaCode,
      phone: organizations.phone,
      source: organizations.source,
      updatedAt: organizations.updatedAt,
    })
    .from(organizations)
    .where(and(inArray(organizations.kind, [...contactKinds]), eq(organizations.isDisabled, false)))
    .orderBy(asc(organizations.areaCode), asc(organizations.name), asc(organizations.id));
}
