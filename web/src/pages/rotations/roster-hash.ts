/** Where a link into a roster page lands (a swap's notices link to the request, where 引き受ける / 承認する are). */

/**
 * The id of the element a link into the roster names: `#swap-<id>` (the request; else the swaps section, when the
 * request is no longer listed), or any other element of the page (`#fairness-title`). Null when there is none.
 */
export function rosterHashTarget(hash: string, exists: (id: string) => boolean): string | null {
  let target: string;
  try {
    target = decodeURIComponent(hash.replace(/^#/, ''));
  } catch {
    return null;
  }
  if (!target) return null;
  if (exists(target)) return target;
  if (target.startsWith('swap-')) return exists('swaps-title') ? 'swaps-title' : null;
  return null;
}
