/**
 * The consultation desks for citizens (the 地域ケア総合推進センター and the 地域包括支援センター), public fields
 * only, each with the 出典 and date of its record: most providers in the public data have no phone number, and a
 * citizen is then told whom to ask — never a number we do not have.
 */
import type { AppDeps } from '../../platform/context.js';
import { dataSource } from '../../platform/data-sources.js';
import { toJstIso } from '../../platform/time.js';
import { listContacts, type ContactKind, type ContactRow } from './public-contacts.repository.js';
import type { PublicContactsResponse } from './public-contacts.schema.js';

const kindOrder: Record<ContactKind, number> = { coordination_center: 0, community_support_center: 1 };

function isContactKind(kind: string): kind is ContactKind {
  return kind in kindOrder;
}

function present(row: ContactRow & { kind: ContactKind }): PublicContactsResponse['items'][number] {
  const { id, attribution, license, asOf } = dataSource(row.source);
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    address: row.address,
    areaCode: row.areaCode,
    phone: row.phone,
    source: { id, attribution, license, asOf },
    updatedAt: toJstIso(row.updatedAt),
  };
}

export function createPublicContactsService(deps: Pick<AppDeps, 'database'>) {
  return {
    /** The Center first, then the 地域包括支援センター by ward (the repository's order). */
    async list(): Promise<PublicContactsResponse> {
      const rows = await listContacts(deps.database.db);
      const contacts = rows.filter((row): row is ContactRow & { kind: ContactKind } => isContactKind(row.kind));
      // A stable sort: within a kind, the repository's order stays.
      contacts.sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind]);
      return { items: contacts.map(present) };
    },
  };
}
