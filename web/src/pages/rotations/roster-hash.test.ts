import { describe, expect, it } from 'vitest';
import { rosterHashTarget } from './roster-hash';

const onPage =
  (...ids: string[]) =>
  (id: string) =>
    ids.includes(id);

describe('where a link into a roster lands', () => {
  it("opens a swap's notice at the request itself", () => {
    expect(rosterHashTarget('#swap-s1', onPage('swap-s1', 'swaps-title'))).toBe('swap-s1');
  });

  it('falls back to the swaps section when the request is not listed, and to nothing without one', () => {
    expect(rosterHashTarget('#swap-gone', onPage('swaps-title'))).toBe('swaps-title');
    expect(rosterHashTarget('#swap-gone', onPage())).toBeNull();
  });

  it('lands on any other element of the page, and ignores an empty or broken hash', () => {
    expect(rosterHashTarget('#fairness-title', onPage('fairness-title'))).toBe('fairness-title');
    expect(rosterHashTarget('#', onPage('swaps-title'))).toBeNull();
    expect(rosterHashTarget('#%E0%A4%A', onPage('swaps-title'))).toBeNull();
    expect(rosterHashTarget('#nothing', onPage('swaps-title'))).toBeNull();
  });
});
