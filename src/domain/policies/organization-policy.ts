/** Who may change an organisation's profile, capabilities and availability. */
import type { PolicyActor } from './actor.js';
import { associationScopeOf, isAssociationMember } from './user-policy.js';

export type EditableOrganization = { id: string; kind: string; associationId: string | null };

/**
 * Admin; the organisation's own staff (provider, liaison, …); the admins of the medical association
 * it is a member of — members as the association's user management counts them (isAssociationMember:
 * a hospital is none, whatever its associationId says).
 */
export function canEditOrganization(actor: PolicyActor, organization: EditableOrganization): boolean {
  if (actor.role === 'admin') return true;
  if (actor.organizationId === null) return false;
  if (actor.role === 'city_analyst') return false;
  if (actor.organizationId === organization.id) return true;
  const scope = associationScopeOf(actor);
  return scope !== null && isAssociationMember(scope, organization);
}

/** Only admins create organisations or change their identity (kind, official codes). */
export function canAdministerOrganizations(actor: PolicyActor): boolean {
  return actor.role === 'admin';
}
