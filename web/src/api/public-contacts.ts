/**
 * The consultation desks for citizens (GET public/contacts, src/features/public/public-contacts.schema.ts): the
 * 地域ケア総合推進センター and the 地域包括支援センター, with the 出典 and date of each record.
 */
import { useQuery } from '@tanstack/react-query';
import { request } from './client';
import type { DataSource } from './types';

export type PublicContact = {
  id: string;
  kind: 'coordination_center' | 'community_support_center';
  name: string;
  address: string;
  areaCode: string | null;
  /** The public phone, or null: never guessed. */
  phone: string | null;
  source: Omit<DataSource, 'note'>;
  /** When the record was last changed (the date to give when its source has none). */
  updatedAt: string;
};

export function usePublicContacts() {
  return useQuery({
    queryKey: ['public-contacts'] as const,
    queryFn: () => request<{ items: PublicContact[] }>('GET', 'public/contacts'),
    // The desks change with the directory, rarely; one read per visit is enough.
    staleTime: 10 * 60_000,
    select: (data) => data.items,
  });
}
