/**
 * Small-group suppression for every figure Renkei gives the city (pure; no I/O): 地域の分析, the reliance view and the
 * acute-event summary use this one rule. A count of people from 1 to 9 is
 * never shown (primary suppression); 0 is shown — an empty group describes nobody. Published
 * figures add up (a city is the sum of its wards; open cases are those with an unfilled role plus
 * those without), so a hidden count could come back by subtraction. Secondary suppression hides
 * more cells until nothing small can be worked out from what is shown: no small group — published
 * or derived (the complement of a subset, never published itself) — can be computed exactly from
 * the sums, and wherever a sum's total is known, the cells left unknown hold either nobody or at
 * least the threshold together.
 */

/** `total = parts[0] + parts[1] + …` over cell ids. */
export type SumConstraint = { total: string; parts: readonly string[] };

export type SuppressionInput = {
  /** Every cell's true count, published and derived. */
  values: ReadonlyMap<string, number>;
  /** Cells never published (derived groups such as the complement of a subset). */
  derived: ReadonlySet<string>;
  constraints: readonly SumConstraint[];
  threshold: number;
};

/** True when the count describes a small group of people (1 … threshold − 1). */
export function isSmallCount(count: number, threshold: number): boolean {
  return count > 0 && count < threshold;
}

/** How a reader knows a cell: it is shown, or it follows from one sum (the constraint's index). */
type Provenance = 'shown' | number;

/**
 * What a reader can work out from the shown cells: every cell that is shown or follows by
 * subtraction from a sum with exactly one unknown cell, repeatedly.
 */
export function knownCells(input: SuppressionInput, hidden: ReadonlySet<string>): Map<string, Provenance> {
  const known = new Map<string, Provenance>();
  for (const id of input.values.keys()) if (!input.derived.has(id) && !hidden.has(id)) known.set(id, 'shown');
  for (let changed = true; changed;) {
    changed = false;
    input.constraints.forEach((constraint, index) => {
      const unknown = [constraint.total, ...constraint.parts].filter((id) => !known.has(id));
      if (unknown.length === 1 && unknown[0] !== undefined) {
        known.set(unknown[0], index);
        changed = true;
      }
    });
  }
  return known;
}

/** The index of a sum through which something small can be worked out, or null. */
function leakingConstraint(input: SuppressionInput, known: ReadonlyMap<string, Provenance>): number | null {
  const value = (id: string) => input.values.get(id) ?? 0;
  for (const [id, provenance] of known) {
    if (provenance !== 'shown' && isSmallCount(value(id), input.threshold)) return provenance;
  }
  for (const [index, constraint] of input.constraints.entries()) {
    if (!known.has(constraint.total)) continue;
    const unknownSum = constraint.parts.filter((id) => !known.has(id)).reduce((sum, id) => sum + value(id), 0);
    if (isSmallCount(unknownSum, input.threshold)) return index;
  }
  return null;
}

/**
 * The shown cell to hide so that a leaking sum stops leaking: its smallest known non-zero part
 * (the total only when no part will do); a part known only by subtraction is hidden at its source.
 */
function cellToHide(
  input: SuppressionInput,
  known: ReadonlyMap<string, Provenance>,
  index: number,
  visited: Set<number>,
): string | null {
  const constraint = input.constraints[index];
  if (!constraint || visited.has(index)) return null;
  visited.add(index);
  const value = (id: string) => input.values.get(id) ?? 0;
  const byValue = (ids: readonly string[]) =>
    ids
      .filter((id) => known.has(id) && known.get(id) !== index && value(id) > 0)
      .sort((a, b) => value(a) - value(b) || a.localeCompare(b));
  for (const id of [...byValue(constraint.parts), ...byValue([constraint.total])]) {
    const provenance = known.get(id);
    if (provenance === 'shown') return id;
    if (provenance !== undefined) {
      const source = cellToHide(input, known, provenance, visited);
      if (source !== null) return source;
    }
  }
  return null;
}

/**
 * The published cells to hide: every small one, and as few more as the greedy choice needs (the
 * smallest non-zero cell of a leaking sum). It ends because every round hides one more cell.
 */
export function suppressedCells(input: SuppressionInput): Set<string> {
  const hidden = new Set<string>();
  for (const [id, count] of input.values) {
    if (!input.derived.has(id) && isSmallCount(count, input.threshold)) hidden.add(id);
  }
  for (;;) {
    const known = knownCells(input, hidden);
    const leaking = leakingConstraint(input, known);
    if (leaking === null) return hidden;
    const id = cellToHide(input, known, leaking, new Set());
    if (id === null) {
      // Not expected (a leaking sum always has a known non-zero cell); if it happens, hide everything.
      for (const cell of input.values.keys()) if (!input.derived.has(cell)) hidden.add(cell);
      return hidden;
    }
    hidden.add(id);
  }
}

/**
 * Areas shown beside their total (the wards beside the whole city), one count each: which to hide. The total holds
 * `outside` more than the areas together (people placed in no area: outside the city, not located), which is never
 * published. Every small area is hidden, and more until neither a hidden area nor the hidden ones together (nor the
 * ones outside) can be worked out as a small group from the total — the same rule as 地域の分析. 0 is shown.
 * Returns the hidden area codes, and `total` when the total itself must be hidden.
 */
export function suppressedAreaCounts(
  areas: ReadonlyMap<string, number>,
  total: number,
  threshold: number,
): Set<string> {
  const values = new Map<string, number>(areas);
  const totalId = 'total';
  const outsideId = 'outside';
  values.set(totalId, total);
  const parts = [...areas.keys()];
  const outside = total - [...areas.values()].reduce((sum, count) => sum + count, 0);
  const derived = new Set<string>();
  if (outside > 0) {
    values.set(outsideId, outside);
    derived.add(outsideId);
    parts.push(outsideId);
  }
  const hidden = suppressedCells({ values, derived, constraints: [{ total: totalId, parts }], threshold });
  return hidden;
}
