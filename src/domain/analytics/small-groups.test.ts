/** Small-group suppression: no count of 1–9 is shown, and none can be recovered from the sums. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isSmallCount, suppressedAreaCounts, suppressedCells, type SumConstraint } from './small-groups.js';

const threshold = 10;

/** A city of wards for one metric, and a subset metric ("stuck" ⊂ "open") with its derived complement. */
function table(open: number[], stuck: number[]) {
  const values = new Map<string, number>();
  const derived = new Set<string>();
  const constraints: SumConstraint[] = [];
  const wards = open.map((_, index) => `w${index}`);
  wards.forEach((ward, index) => {
    const openCount = open[index] ?? 0;
    const stuckCount = Math.min(stuck[index] ?? 0, openCount);
    values.set(`open|${ward}`, openCount);
    values.set(`stuck|${ward}`, stuckCount);
    values.set(`rest|${ward}`, openCount - stuckCount);
    derived.add(`rest|${ward}`);
    constraints.push({ total: `open|${ward}`, parts: [`stuck|${ward}`, `rest|${ward}`] });
  });
  for (const metric of ['open', 'stuck', 'rest']) {
    values.set(
      `${metric}|city`,
      wards.reduce((sum, ward) => sum + (values.get(`${metric}|${ward}`) ?? 0), 0),
    );
    constraints.push({ total: `${metric}|city`, parts: wards.map((ward) => `${metric}|${ward}`) });
  }
  derived.add('rest|city');
  constraints.push({ total: 'open|city', parts: ['stuck|city', 'rest|city'] });
  return { values, derived, constraints, threshold };
}

describe('small-group suppression', () => {
  it('hides 1–9 and shows 0 and 10 or more', () => {
    expect([0, 1, 9, 10].map((count) => isSmallCount(count, threshold))).toEqual([false, true, true, false]);
  });

  it('hides a second ward when the city total would reveal the only hidden one', () => {
    // city 40 = 20 + 12 + 5 + 3 → 5 and 3 hidden hold 8 < 10: 12 must go too.
    const input = table([20, 12, 5, 3], [0, 0, 0, 0]);
    const hidden = suppressedCells(input);
    expect([...hidden].filter((id) => id.startsWith('open|')).sort()).toEqual(['open|w1', 'open|w2', 'open|w3']);
    expect(hidden.has('open|city')).toBe(false);
    // city 30 = 20 + 7 + 3 → two hidden wards with 10 together: nothing more.
    expect([...suppressedCells(table([20, 7, 3], [0, 0, 0]))].filter((id) => id.startsWith('open|'))).toEqual([
      'open|w1',
      'open|w2',
    ]);
  });

  it('hides a subset whose complement would be a small group', () => {
    // 15 open, 12 stuck → 3 open without an unfilled role could be told by subtraction.
    const hidden = suppressedCells(table([15, 40], [12, 40]));
    expect(hidden.has('stuck|w0')).toBe(true);
    expect(hidden.has('open|w0')).toBe(false);
  });

  it('never shows a small count, and leaves no sum that reveals a hidden one (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(40), fc.nat(40)), { minLength: 1, maxLength: 6 }), (rows) => {
        const input = table(
          rows.map(([open]) => open),
          rows.map(([, stuck]) => stuck),
        );
        const hidden = suppressedCells(input);
        const value = (id: string) => input.values.get(id) ?? 0;
        // An attacker's view, worked out here independently: what is shown, then every sum with one unknown.
        const known = new Set([...input.values.keys()].filter((id) => !hidden.has(id) && !input.derived.has(id)));
        for (let changed = true; changed;) {
          changed = false;
          for (const constraint of input.constraints) {
            const unknown = [constraint.total, ...constraint.parts].filter((id) => !known.has(id));
            if (unknown.length === 1) {
              known.add(unknown[0] ?? '');
              changed = true;
            }
          }
        }
        for (const id of known) expect(isSmallCount(value(id), threshold), id).toBe(false);
        for (const constraint of input.constraints) {
          if (!known.has(constraint.total)) continue;
          const rest = constraint.parts.filter((id) => !known.has(id)).reduce((sum, id) => sum + value(id), 0);
          expect(isSmallCount(rest, threshold), constraint.total).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('areas beside their total (suppressedAreaCounts)', () => {
  const hide = (areas: Record<string, number>, total: number) =>
    [...suppressedAreaCounts(new Map(Object.entries(areas)), total, threshold)].sort();

  it('shows 0 and 10 or more, hides 1–9', () => {
    expect(hide({ a: 30, b: 0, c: 12 }, 42)).toEqual([]);
  });

  it('hides a shown area too when the total minus the shown ones would give a small one back', () => {
    // 19 − 14 = 5 would be b's count: a (the smallest shown) goes too; 0s stay 0.
    expect(hide({ a: 14, b: 5, c: 0, d: 0 }, 19)).toEqual(['a', 'b']);
    // Two small ones that together make 10 or more reveal no small group.
    expect(hide({ a: 30, b: 5, c: 6 }, 41)).toEqual(['b', 'c']);
  });

  it('never lets the people outside every area be worked out when they are few', () => {
    // 23 in all, 20 in the areas: the 3 elsewhere would show; the smallest shown area is hidden.
    expect(hide({ a: 10, b: 10 }, 23)).toEqual(['a']);
    expect(hide({ a: 10, b: 10 }, 35)).toEqual([]);
  });

  it('never reveals a small group, whatever the counts (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(25), { minLength: 1, maxLength: 6 }), fc.nat(12), (counts, outside) => {
        const areas = new Map(counts.map((count, index) => [`w${index}`, count]));
        const total = counts.reduce((sum, count) => sum + count, 0) + outside;
        const hidden = suppressedAreaCounts(areas, total, threshold);
        const shown = [...areas].filter(([code]) => !hidden.has(code));
        for (const [, count] of shown) expect(isSmallCount(count, threshold)).toBe(false);
        if (hidden.has('total')) return;
        const unknown = total - shown.reduce((sum, [, count]) => sum + count, 0);
        expect(isSmallCount(unknown, threshold)).toBe(false);
      }),
    );
  });
});
