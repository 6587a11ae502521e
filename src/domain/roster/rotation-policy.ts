/**
 * Who may do what with rotation groups, rosters and swaps. A group belongs to the medical
 * association that runs it: its association admins (and the system admin) manage it; member
 * clinics see its published rosters, declare their own days and doctors, and swap their duties.
 * Everyone else: not found.
 */
import type { PolicyActor } from '../policies/actor.js';

export type GroupFacts = { associationId: string | null; memberOrganizationIds: readonly string[] };

export function canCreateGroup(actor: PolicyActor): boolean {
  return actor.role === 'admin' || (actor.role === 'association_admin' && actor.organizationId !== null);
}

export function canManageGroup(actor: PolicyActor, group: GroupFacts): boolean {
  if (actor.role === 'admin') return true;
  return (
    actor.role === 'association_admin' && actor.organizationId !== null && actor.organizationId === group.associationId
  );
}

export function isGroupMember(actor: PolicyActor, group: GroupFacts): boolean {
  return (
    actor.role === 'provider' &&
    actor.organizationId !== null &&
    group.memberOrganizationIds.includes(actor.organizationId)
  );
}

export function canSeeGroup(actor: PolicyActor, group: GroupFacts): boolean {
  return canManageGroup(actor, group) || isGroupMember(actor, group);
}

/** A clinic declares its own doctors and days; the group's managers may do it for it. */
export function canDeclareFor(actor: PolicyActor, group: GroupFacts, organizationId: string): boolean {
  return canManageGroup(actor, group) || (isGroupMember(actor, group) && actor.organizationId === organizationId);
}

/** Drafts are the managers' until published. */
export function canSeeRoster(actor: PolicyActor, group: GroupFacts, status: string): boolean {
  return canManageGroup(actor, group) || (isGroupMember(actor, group) && status === 'published');
}

/** A member clinic acts for itself; managers may act on behalf of any member. */
export function canActForClinic(actor: PolicyActor, group: GroupFacts, organizationId: string): boolean {
  return canDeclareFor(actor, group, organizationId);
}
