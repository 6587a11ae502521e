import { describe, expect, it } from 'vitest';
import { navigationFor, matchesExactly } from '../session';
import { backLinkOf, editOriginOf, editPathFrom, isCurrentEntry, navigationOverride } from './edit-origin';

const menu = navigationFor('association_admin');
/** The menu entries marked current on a page, as MainNav marks them. */
const current = (url: string) => {
  const [pathname = '', query = ''] = url.split('?');
  const location = { pathname, search: query ? `?${query}` : '' };
  return menu.filter((entry) => isCurrentEntry(entry, location, matchesExactly(menu, entry))).map((entry) => entry.to);
};

describe('the list an edit page was opened from', () => {
  it('is named by ?from=, and anything else is ignored', () => {
    expect(editPathFrom('org-1', 'stale')).toBe('/organizations/org-1/edit?from=stale');
    expect(editOriginOf('?from=stale')).toBe('stale');
    expect(editOriginOf('?from=members&x=1')).toBe('members');
    expect(editOriginOf('?from=constructor')).toBeNull();
    expect(editOriginOf('?from=https://example.com')).toBeNull();
    expect(editOriginOf('')).toBeNull();
  });

  it('leads back to the list with its filters as they were, and nothing else', () => {
    const path = editPathFrom('org-1', 'stale', '?sort=name&kind=clinic&area=33102&next=//evil.example');
    expect(path).toBe('/organizations/org-1/edit?from=stale&list=sort%3Dname%26kind%3Dclinic%26area%3D33102');
    expect(backLinkOf(path.slice(path.indexOf('?')))).toEqual({
      path: '/association/stale?sort=name&kind=clinic&area=33102',
      labelKey: 'edit.backToStale',
    });
    expect(backLinkOf('?from=members')).toEqual({ path: '/association/members', labelKey: 'edit.backToMembers' });
    expect(backLinkOf('?from=members&list=availability%3Dstale%26x%3D1')).toEqual({
      path: '/association/members?availability=stale',
      labelKey: 'edit.backToMembers',
    });
    expect(backLinkOf('?list=sort%3Dname')).toBeNull();
  });

  it('marks that list in the menu on the edit page only', () => {
    expect(current(editPathFrom('org-1', 'stale'))).toEqual(['/association/stale']);
    expect(current(editPathFrom('org-1', 'stale', '?sort=name'))).toEqual(['/association/stale']);
    expect(current(editPathFrom('org-1', 'members'))).toEqual(['/association/members']);
    expect(navigationOverride('/organizations/org-1', '?from=stale')).toBeNull();
  });

  it('otherwise marks the entry of the path, as the router’s NavLink does', () => {
    expect(current('/organizations/org-1/edit')).toEqual(['/organizations']);
    expect(current('/organizations')).toEqual(['/organizations']);
    expect(current('/')).toEqual(['/']);
    expect(current('/association/stale')).toEqual(['/association/stale']);
    // /matching/pairs is its own entry; /rotations/… belongs to 輪番.
    expect(current('/matching/pairs')).toEqual(['/matching/pairs']);
    expect(current('/rotations/abc/roster')).toEqual(['/rotations']);
    expect(current('/organizationsX')).toEqual([]);
  });
});
