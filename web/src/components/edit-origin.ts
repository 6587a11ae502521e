/**
 * The list an organisation's edit page was opened from (`?from=`): the association's 受入状況が古い会員 or 会員の情報.
 * The page then offers the way back to it (above the title and after a save), and the main menu marks that list —
 * not 組織一覧, which the page's path alone would suggest.
 */

export const editOrigins = {
  stale: { path: '/association/stale', backKey: 'edit.backToStale' },
  members: { path: '/association/members', backKey: 'edit.backToMembers' },
} as const;

export type EditOrigin = keyof typeof editOrigins;

const isEditOrigin = (value: string | null): value is EditOrigin => value !== null && Object.hasOwn(editOrigins, value);

/** The list named by `?from=` of the edit page (anything else is ignored). */
export function editOriginOf(search: string): EditOrigin | null {
  const from = new URLSearchParams(search).get('from');
  return isEditOrigin(from) ? from : null;
}

/** The filters of the lists that are carried to the edit page and back (nothing else is). */
const listKeys = ['sort', 'kind', 'area', 'availability', 'q'] as const;

function listQuery(search: string): string {
  const given = new URLSearchParams(search);
  const kept = new URLSearchParams();
  for (const key of listKeys) {
    const value = given.get(key);
    if (value) kept.set(key, value);
  }
  return kept.toString();
}

/** The edit page of an organisation, opened from a list (shown with the filters in `listSearch`). */
export function editPathFrom(organizationId: string, origin: EditOrigin, listSearch = ''): string {
  const params = new URLSearchParams({ from: origin });
  const list = listQuery(listSearch);
  if (list) params.set('list', list);
  return `/organizations/${organizationId}/edit?${params.toString()}`;
}

/** The way back from the edit page to the list it was opened from. */
export type BackLink = { path: string; labelKey: string };

/** The list the edit page was opened from, with its filters as they were; null without one. */
export function backLinkOf(search: string): BackLink | null {
  const origin = editOriginOf(search);
  if (!origin) return null;
  const list = listQuery(new URLSearchParams(search).get('list') ?? '');
  const { path, backKey } = editOrigins[origin];
  return { path: list ? `${path}?${list}` : path, labelKey: backKey };
}

const editPathPattern = /^\/organizations\/[^/]+\/edit\/?$/;

/**
 * The menu entry the current page belongs to when the path alone does not say it: an organisation's edit page
 * opened from one of the association's lists. Null elsewhere (the menu follows the path).
 */
export function navigationOverride(pathname: string, search: string): string | null {
  if (!editPathPattern.test(pathname)) return null;
  const origin = editOriginOf(search);
  return origin ? editOrigins[origin].path : null;
}

/**
 * Whether a menu entry is the current page, as the router's NavLink decides it (its own path, or one under it
 * unless `end`), unless the page says which entry it belongs to.
 */
export function isCurrentEntry(
  entry: { to: string },
  location: { pathname: string; search: string },
  isEnd: boolean,
): boolean {
  const override = navigationOverride(location.pathname, location.search);
  if (override !== null) return entry.to === override;
  const path = location.pathname.length > 1 ? location.pathname.replace(/\/$/, '') : location.pathname;
  if (path === entry.to) return true;
  return !isEnd && path.startsWith(entry.to === '/' ? '/' : `${entry.to}/`);
}
