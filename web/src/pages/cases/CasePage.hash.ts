/** Where a link into a case page lands (notifications link to the card where the work is). */
import type { Team } from '../../api/case-types';

/**
 * The id of the element a link into the case names: `#role-primary_doctor` (a role's card, by its heading, which
 * TeamView gives the id `role-<role>`), `#referral-<id>` (the element of the referral if it has one, else the card of
 * its role), `#conference-<id>` (the conference, else the conference section while it loads or when it is no longer
 * listed), or any other element of the page (`#case-conferences`). Null when the page has no such element.
 */
export function hashTargetId(
  hash: string,
  team: Pick<Team, 'referrals'>,
  exists: (id: string) => boolean,
): string | null {
  let target: string;
  try {
    target = decodeURIComponent(hash.replace(/^#/, ''));
  } catch {
    return null;
  }
  if (!target) return null;
  if (exists(target)) return target;
  if (target.startsWith('conference-')) return exists('case-conferences') ? 'case-conferences' : null;
  const referral = target.startsWith('referral-')
    ? team.referrals.find((candidate) => `referral-${candidate.id}` === target)
    : undefined;
  return referral && exists(`role-${referral.role}`) ? `role-${referral.role}` : null;
}
