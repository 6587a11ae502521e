/**
 * Reliance on particular organisations (属人的): how concentrated an area's home patients are on
 * few organisations — the share of the largest one and of the largest three, and the
 * Herfindahl–Hirschman index (Σ shares², on the 0–10,000 scale: 10,000 = one organisation has
 * every patient; below 1,500 is usually read as unconcentrated, above 2,500 as highly
 * concentrated). Groups of fewer patients than the threshold are never shown: neither their count
 * nor any share or index computed from them.
 */

export type Concentration = {
  patients: number | null;
  organizations: number | null;
  top1Share: number | null;
  top3Share: number | null;
  hhi: number | null;
  isSuppressed: boolean;
};

/** Concentration of patients over organisations; `counts` = patients per organisation. */
export function concentration(counts: readonly number[], suppressBelow: number): Concentration {
  const positive = counts.filter((count) => count > 0).sort((a, b) => b - a);
  const patients = positive.reduce((sum, count) => sum + count, 0);
  if (patients < suppressBelow) {
    return { patients: null, organizations: null, top1Share: null, top3Share: null, hhi: null, isSuppressed: true };
  }
  const shares = positive.map((count) => count / patients);
  const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
  return {
    patients,
    organizations: positive.length,
    top1Share: round(shares[0] ?? 0, 3),
    top3Share: round(
      shares.slice(0, 3).reduce((sum, share) => sum + share, 0),
      3,
    ),
    hhi: Math.round(shares.reduce((sum, share) => sum + share * share, 0) * 10_000),
    isSuppressed: false,
  };
}

/**
 * Secondary suppression for areas shown beside their total: when exactly one area is hidden, the
 * total minus the shown areas would give it away, so the smallest shown area is hidden too (ties
 * by area code). Changes `areas` in place.
 */
export function hideAgainstDifferencing(areas: (Concentration & { areaCode: string })[]): void {
  if (areas.filter((area) => area.isSuppressed).length !== 1) return;
  const smallest = areas
    .filter((area) => !area.isSuppressed)
    .sort((a, b) => (a.patients ?? 0) - (b.patients ?? 0) || (a.areaCode < b.areaCode ? -1 : 1))[0];
  if (smallest) Object.assign(smallest, concentration([], Number.POSITIVE_INFINITY));
}

/** A count shown only from the threshold up. */
export function suppressedCount(count: number, suppressBelow: number): number | null {
  return count >= suppressBelow ? count : null;
}

export type Membership = {
  organizationId: string;
  areaCode: string | null;
  since: Date;
  /** When the organisation stopped caring for the patient (or the care ended); null = still. */
  until: Date | null;
};

/** Patients per organisation among the memberships active at `at`, grouped by area. */
export function countsAt(memberships: readonly Membership[], at: Date): Map<string, Map<string, number>> {
  const byArea = new Map<string, Map<string, number>>();
  const time = at.getTime();
  for (const membership of memberships) {
    if (membership.since.getTime() > time) continue;
    if (membership.until !== null && membership.until.getTime() <= time) continue;
    const area = membership.areaCode ?? 'unknown';
    let counts = byArea.get(area);
    if (!counts) {
      counts = new Map();
      byArea.set(area, counts);
    }
    counts.set(membership.organizationId, (counts.get(membership.organizationId) ?? 0) + 1);
  }
  return byArea;
}

const jstOffsetMs = 9 * 60 * 60 * 1000;

/**
 * The last `months` month ends in Asia/Tokyo up to `now` (the current month "to date" = now),
 * oldest first, as { month: 'YYYY-MM', at }.
 */
export function monthEnds(now: Date, months: number): { month: string; at: Date }[] {
  const local = new Date(now.getTime() + jstOffsetMs);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  const result: { month: string; at: Date }[] = [];
  for (let back = months - 1; back >= 0; back -= 1) {
    const first = new Date(Date.UTC(year, month - back, 1));
    const label = `${first.getUTCFullYear()}-${String(first.getUTCMonth() + 1).padStart(2, '0')}`;
    // Midnight JST starting the next month, minus 1 ms = the month's last instant.
    const nextMonthStart = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1) - jstOffsetMs;
    const at = back === 0 ? now : new Date(nextMonthStart - 1);
    result.push({ month: label, at });
  }
  return result;
}
