/**
 * Demand and where discharges get stuck, per area (pure): open and recently discharged cases —
 * in all, per needed team role, per procedure and patient group — open cases with a role still
 * unfilled, open cases past their planned discharge date, and how long the stuck ones have been
 * open. These count people: every figure goes through small-group suppression, with the sums a
 * reader could subtract (area within area, subset within set) declared to it.
 */
import {
  patientGroups,
  procedures,
  teamRoles,
  type PatientGroup,
  type Procedure,
  type TeamRole,
} from '../../domain/codes.js';
import type { AreaTree } from './area-tree.js';
import { suppressedCells, type SumConstraint } from '../../domain/analytics/small-groups.js';

export type DemandInput = {
  status: string;
  areaCode: string | null;
  groups: readonly string[];
  procedures: readonly string[];
  neededRoles: readonly string[];
  filledRoles: readonly string[];
  plannedDischargeDate: string;
  createdAt: Date;
};

/** A count of people: null and `suppressed` when it could reveal a small group. */
export type Cell = { count: number | null; suppressed: boolean };

export type Demand = {
  openCases: Cell;
  recentlyDischarged: Cell;
  procedures: Record<Procedure, { open: Cell; recent: Cell }>;
  groups: Record<PatientGroup, { open: Cell; recent: Cell }>;
  roles: Record<TeamRole, { open: Cell; recent: Cell; unfilled: Cell }>;
  stuck: { openWithUnfilledRoles: Cell; pastPlannedDischarge: Cell; medianDaysOpen: number | null };
};

/** Cases whose home is in no known area (outside the city, or not located). */
export const unlocatedArea = 'unlocated';

type Facts = {
  isOpen: boolean;
  isRecent: boolean;
  needs: ReadonlySet<string>;
  unfilled: ReadonlySet<string>;
  isOverdue: boolean;
  procedures: ReadonlySet<string>;
  groups: ReadonlySet<string>;
};

type Metric = { key: string; test: (facts: Facts) => boolean; isDerived: boolean };

/** The published metrics, and for each subset the never-published rest that completes the sum. */
function metricsAndSubsets() {
  const metrics = new Map<string, Metric>();
  const subsets: { whole: string; part: string; rest: string }[] = [];
  const add = (key: string, test: Metric['test'], isDerived = false) => {
    metrics.set(key, { key, test, isDerived });
    return key;
  };
  const relate = (whole: string, part: string) => {
    const wholeTest = metrics.get(whole)?.test ?? (() => false);
    const partTest = metrics.get(part)?.test ?? (() => false);
    const rest = add(`${part}~without~${whole}`, (facts) => wholeTest(facts) && !partTest(facts), true);
    subsets.push({ whole, part, rest });
  };
  const subset = (whole: string, key: string, test: Metric['test']) => {
    const wholeTest = metrics.get(whole)?.test ?? (() => false);
    add(key, (facts) => wholeTest(facts) && test(facts));
    relate(whole, key);
    return key;
  };
  const open = add('open', (facts) => facts.isOpen);
  const recent = add('recent', (facts) => facts.isRecent);
  const stuck = subset(open, 'stuck', (facts) => facts.unfilled.size > 0);
  subset(open, 'overdue', (facts) => facts.isOverdue);
  for (const role of teamRoles) {
    const needed = subset(open, `role:${role}:open`, (facts) => facts.needs.has(role));
    subset(recent, `role:${role}:recent`, (facts) => facts.needs.has(role));
    const unfilled = subset(needed, `role:${role}:unfilled`, (facts) => facts.unfilled.has(role));
    relate(stuck, unfilled);
  }
  for (const procedure of procedures) {
    subset(open, `procedure:${procedure}:open`, (facts) => facts.procedures.has(procedure));
    subset(recent, `procedure:${procedure}:recent`, (facts) => facts.procedures.has(procedure));
  }
  for (const group of patientGroups) {
    subset(open, `group:${group}:open`, (facts) => facts.groups.has(group));
    subset(recent, `group:${group}:recent`, (facts) => facts.groups.has(group));
  }
  return { metrics: [...metrics.values()], subsets };
}

function factsOf(row: DemandInput, today: string): Facts {
  const isOpen = row.status === 'planning' || row.status === 'coordinating';
  const filled = new Set(row.filledRoles);
  const needs = new Set(row.neededRoles);
  return {
    isOpen,
    isRecent: row.status === 'discharged' || row.status === 'closed',
    needs,
    unfilled: new Set(isOpen ? [...needs].filter((role) => !filled.has(role)) : []),
    isOverdue: isOpen && row.plannedDischargeDate < today,
    procedures: new Set(row.procedures),
    groups: new Set(row.groups),
  };
}

const dayMs = 24 * 60 * 60 * 1000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return Math.round(value * 10) / 10;
}

/**
 * Demand per area (and for the unlocated cases), suppressed. `rows` are the open cases and those
 * discharged within the window; `today` is the JST date.
 */
export function demandByArea(
  rows: readonly DemandInput[],
  options: { tree: AreaTree; areaCodes: readonly string[]; today: string; now: Date; threshold: number },
): { areas: Map<string, Demand>; unlocated: Pick<Demand, 'openCases' | 'recentlyDischarged'> } {
  const { tree, areaCodes } = options;
  const { metrics, subsets } = metricsAndSubsets();
  const values = new Map<string, number>();
  const cellId = (metric: string, area: string) => `${metric}|${area}`;
  const bump = (id: string) => values.set(id, (values.get(id) ?? 0) + 1);
  const daysOpen = new Map<string, number[]>();
  for (const row of rows) {
    const facts = factsOf(row, options.today);
    const areas = tree.ancestorsOf(row.areaCode);
    const places = areas.length > 0 ? areas : [unlocatedArea];
    for (const metric of metrics) {
      if (!metric.test(facts)) continue;
      // Only the totals are published for the unlocated cases.
      if (areas.length === 0 && metric.key !== 'open' && metric.key !== 'recent') continue;
      for (const place of places) bump(cellId(metric.key, place));
    }
    if (facts.unfilled.size > 0 && areas.length > 0) {
      const days = Math.floor((options.now.getTime() - row.createdAt.getTime()) / dayMs);
      for (const area of areas) daysOpen.set(area, [...(daysOpen.get(area) ?? []), days]);
    }
  }
  const derived = new Set<string>();
  const constraints: SumConstraint[] = [];
  for (const area of areaCodes) {
    for (const metric of metrics) {
      const id = cellId(metric.key, area);
      values.set(id, values.get(id) ?? 0);
      if (metric.isDerived) derived.add(id);
    }
  }
  for (const metric of metrics) {
    for (const area of areaCodes) {
      const children = tree.childrenOf(area);
      if (children.length === 0) continue;
      const parts = children.map((child) => cellId(metric.key, child));
      // Cases placed on the parent itself, in no child: a derived group, when there are any.
      const direct =
        (values.get(cellId(metric.key, area)) ?? 0) - parts.reduce((sum, id) => sum + (values.get(id) ?? 0), 0);
      if (direct > 0) {
        const id = cellId(`${metric.key}~direct`, area);
        values.set(id, direct);
        derived.add(id);
        parts.push(id);
      }
      constraints.push({ total: cellId(metric.key, area), parts });
    }
  }
  for (const area of areaCodes) {
    for (const { whole, part, rest } of subsets)
      constraints.push({ total: cellId(whole, area), parts: [cellId(part, area), cellId(rest, area)] });
  }
  for (const metric of ['open', 'recent'])
    values.set(cellId(metric, unlocatedArea), values.get(cellId(metric, unlocatedArea)) ?? 0);
  const hidden = suppressedCells({ values, derived, constraints, threshold: options.threshold });
  const cellOf = (metric: string, area: string): Cell => {
    const id = cellId(metric, area);
    return hidden.has(id) ? { count: null, suppressed: true } : { count: values.get(id) ?? 0, suppressed: false };
  };
  const areas = new Map<string, Demand>();
  for (const area of areaCodes) {
    const cell = (metric: string) => cellOf(metric, area);
    const stuck = cell('stuck');
    const stuckDays = daysOpen.get(area) ?? [];
    areas.set(area, {
      openCases: cell('open'),
      recentlyDischarged: cell('recent'),
      procedures: Object.fromEntries(
        procedures.map((code) => [
          code,
          { open: cell(`procedure:${code}:open`), recent: cell(`procedure:${code}:recent`) },
        ]),
      ) as Demand['procedures'],
      groups: Object.fromEntries(
        patientGroups.map((code) => [code, { open: cell(`group:${code}:open`), recent: cell(`group:${code}:recent`) }]),
      ) as Demand['groups'],
      roles: Object.fromEntries(
        teamRoles.map((role) => [
          role,
          {
            open: cell(`role:${role}:open`),
            recent: cell(`role:${role}:recent`),
            unfilled: cell(`role:${role}:unfilled`),
          },
        ]),
      ) as Demand['roles'],
      stuck: {
        openWithUnfilledRoles: stuck,
        pastPlannedDischarge: cell('overdue'),
        // A median of ten or more shown cases reveals nobody; none when the count is hidden.
        medianDaysOpen: stuck.count !== null && stuck.count > 0 && stuckDays.length > 0 ? median(stuckDays) : null,
      },
    });
  }
  return {
    areas,
    unlocated: { openCases: cellOf('open', unlocatedArea), recentlyDischarged: cellOf('recent', unlocatedArea) },
  };
}
