/** Who may manage which user accounts. */
import type { Role } from '../codes.js';
import type { PolicyActor } from './actor.js';

export type ManagedAccount = {
  role: Role;
  organizationId: string | null;
  /** The medical association the account's organisation belongs to. */
  organizationAssociationId: string | null;
};

/** Admins manage every account; an association admin manages provider accounts of its member organisations. */
export function canManageAccount(actor: PolicyActor, account: ManagedAccount): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'association_admin') {
    return (
      actor.organizationId !== null &&
      account.role === 'provider' &&
      account.organizationAssociationId === actor.organizationId
    );
  }
  return false;
}

/** Which accounts a person may list: all (admin), members' (association), none otherwise. */
export function userListScope(
  actor: PolicyActor,
): { kind: 'all' } | { kind: 'association'; associationId: string } | { kind: 'none' } {
  if (actor.role === 'admin') return { kind: 'all' };
  if (actor.role === 'association_admin' && actor.organizationId) {
    return { kind: 'association', associationId: actor.organizationId };
  }
  return { kind: 'none' };
}
