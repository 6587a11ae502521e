/**
 * Reliance on particular organisations (属人的): how concentrated an area's home patients are on
 * few organisations — the share of the largest one and of the largest three, and the
 * Herfindahl–Hirschman index (Σ shares², on the 0–10,000 scale: 10,000 = one organisation has
 * every patient; below 1,500 is usually read as unconcentrated, above 2,500 as highly
 * concentrated). Groups of fewer patients than the threshold are never shown: neither their count
 * nor any share or index computed from them. An area with no patient shows 0 (an empty group describes nobody; there is
 * no share to give), unless the wards beside the city's total need it hidden: the rule of 地域の分析
 * (domain/analytics/small-groups.ts suppressedAreaCounts).
 */
import { suppressedAreaCounts } from '../analytics/small-groups.js';

export type Concentration = {
  patients: number | null;
  organizations: number | null;
  top1Share: number | null;
  top3Share: number | null;
  hhi: number | null;
  isSuppressed: boolean;
};

/** A concentration that shows nothing. */
export function suppressedConcentration(): Concentration {
  return { patients: null, organizations: null, top1Share: null, top3Share: null, hhi: null, isSuppressed: true };
}

/**
 * Concentration of patients over organisations; `counts` = patients per organisation. No patient: 0 patients and 0
 * organisations, no share or index (null, not suppressed); 1 to `suppressBelow` − 1: nothing shown.
 *
 * A share times the patients shown is a count: the largest organisation's share says how many patients it has and how
 * many the others have together. So a share is given only when both of those are 0 or at least `suppressBelow` (the
 * largest three likewise), and the HHI — from which, with few organisations, every count can be solved — only when
 * no organisation has a small count or there are at least five of them. What is withheld reads null.
 */
export function concentration(counts: readonly number[], suppressBelow: number): Concentration {
  const positive = counts.filter((count) => count > 0).sort((a, b) => b - a);
  const patients = positive.reduce((sum, count) => sum + count, 0);
  if (patients === 0)
    return { patients: 0, organizations: 0, top1Share: null, top3Share: null, hhi: null, isSuppressed: false };
  if (patients < suppressBelow) return suppressedConcentration();
  const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
  const small = (count: number) => count > 0 && count < suppressBelow;
  const shareOfLargest = (n: number) => {
    const largest = positive.slice(0, n).reduce((sum, count) => sum + count, 0);
    return small(largest) || small(patients - largest) ? null : round(largest / patients, 3);
  };
  const invertible = positive.length < 5 && positive.some(small);
  return {
    patients,
    organizations: positive.length,
    top1Share: shareOfLargest(1),
    top3Share: shareOfLargest(3),
    hhi: invertible ? null : Math.round(positive.reduce((sum, count) => sum + (count / patients) ** 2, 0) * 10_000),
    isSuppressed: false,
  };
}

/**
 * The concentration of each ward and, with `withTotal`, of everything together (the whole city: an organisation's
 * patients in different wards add up, and patients placed in no ward count in it). Beside the total, the wards are
 * suppressed as 地域の分析 suppresses them: no small ward, and no small group left between the total and the wards
 * shown (a ward, several wards together, or the patients placed in none).
 */
export function areaConcentrations(
  byArea: ReadonlyMap<string, ReadonlyMap<string, number>>,
  wardCodes: readonly string[],
  options: { suppressBelow: number; withTotal: boolean },
): { wards: Map<string, Concentration>; total: Concentration | null } {
  const countsOf = (code: string) => [...(byArea.get(code)?.values() ?? [])];
  const wards = new Map(wardCodes.map((code) => [code, concentration(countsOf(code), options.suppressBelow)]));
  if (!options.withTotal) return { wards, total: null };
  const all = new Map<string, number>();
  for (const counts of byArea.values())
    for (const [organizationId, count] of counts) all.set(organizationId, (all.get(organizationId) ?? 0) + count);
  let total = concentration([...all.values()], options.suppressBelow);
  const sum = (counts: readonly number[]) => counts.reduce((result, count) => result + count, 0);
  const hidden = suppressedAreaCounts(
    new Map(wardCodes.map((code) => [code, sum(countsOf(code))])),
    sum([...all.values()]),
    options.suppressBelow,
  );
  for (const code of hidden) if (wards.has(code)) wards.set(code, suppressedConcentration());
  if (hidden.has('total')) total = suppressedConcentration();
  return { wards, total };
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
