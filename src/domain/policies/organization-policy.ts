/** Who may change an organisation's profile, capabilities and availability. */
import type { PolicyActor } from './actor.js';

export type EditableOrganization = { id: string; associationId: string | null };

/** Admin; the organisation's own staff (provider, liaison, …); its medical association's admins. */
export function canEditOrganization(actor: PolicyActor, organization: EditableOrganization): boolean {
  if (actor.role === 'admin') return true;
  if (actor.organizationId === null) return false;
  if (actor.role === 'city_analyst') return false;
  if (actor.organizationId === organization.id) return true;
  return actor.role === 'association_admin' && organization.associationId === actor.organizationId;
}

/** Only admins create organisations or change their identity (kind, official codes). */
export function canAdministerOrganizations(actor: PolicyActor): boolean {
  return actor.role === 'admin';
}
