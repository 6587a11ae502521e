/** The organisations a create was refused for (409, reason organization_duplicate): what the form lists, with links. */
import type { ApiError } from '../api/client';

export type ExistingOrganization = { id: string; name: string; address: string };

/**
 * The existing organisations a 409 refusal of reason organization_duplicate names (its details of code
 * existing_organization).
 */
export function duplicatesOf(error: ApiError | null): ExistingOrganization[] {
  if (error?.specificCode !== 'organization_duplicate') return [];
  return error.details.flatMap((detail) => {
    const params = detail.params ?? {};
    if (detail.code !== 'existing_organization' || typeof params.id !== 'string') return [];
    return [{ id: params.id, name: String(params.name ?? ''), address: String(params.address ?? '') }];
  });
}
