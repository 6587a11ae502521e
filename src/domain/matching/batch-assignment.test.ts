import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  assignmentCost,
  assignmentMetrics,
  buildCostModel,
  gini,
  greedyNearest,
  greedyNearestWithFixed,
  marginalLoadCost,
  solveAssignment,
  solveAssignmentWithFixed,
  type Assignment,
  type AssignmentCosts,
  type AssignmentInstance,
} from './batch-assignment.js';
import { solveTwoPhaseWithHighs, solveWithHighs } from './lp-oracle.js';
import { defaultMatchingSettings } from './matching-settings.js';
import { okayamaInstance } from '../../../bench/workloads/matching-instances.js';

const costs: AssignmentCosts = defaultMatchingSettings.assignment;

/** Random instances: up to 14 cases × 7 organisations, some without capacity, some overloaded. */
const instanceArbitrary: fc.Arbitrary<AssignmentInstance> = fc
  .record({
    caseCount: fc.integer({ min: 0, max: 14 }),
    organizations: fc.array(
      fc.record({
        capacity: fc.integer({ min: 0, max: 4 }),
        currentLoad: fc.integer({ min: 0, max: 20 }),
        declaredCapacity: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
      }),
      { maxLength: 7 },
    ),
    seed: fc.array(
      fc.record({
        isEligible: fc.boolean(),
        km: fc.integer({ min: 0, max: 300 }),
        factor: fc.constantFrom(1, 1.15, 1.5),
      }),
      { minLength: 14 * 7, maxLength: 14 * 7 },
    ),
  })
  .map(({ caseCount, organizations, seed }) => {
    const arcs: AssignmentInstance['arcs'][number][] = [];
    for (let caseIndex = 0; caseIndex < caseCount; caseIndex += 1)
      organizations.forEach((_, organizationIndex) => {
        const cell = seed[caseIndex * 7 + organizationIndex];
        if (cell?.isEligible)
          arcs.push({ caseIndex, organizationIndex, distanceKm: cell.km / 10, travelFactor: cell.factor });
      });
    return {
      cases: Array.from({ length: caseCount }, (_, index) => ({ id: `case-${index}` })),
      organizations: organizations.map((organization, index) => ({ id: `org-${index}`, ...organization })),
      arcs,
    };
  });

/** Maximum number of cases served, by plain augmenting paths (independent of the solver). */
function referenceMaxServed(instance: AssignmentInstance, capacities: readonly number[]): number {
  const holder = new Map<number, number>();
  const count = capacities.map(() => 0);
  const tryAssign = (caseIndex: number, seen: Set<number>): boolean => {
    for (const arc of instance.arcs.filter((candidate) => candidate.caseIndex === caseIndex)) {
      const organization = arc.organizationIndex;
      if (seen.has(organization)) continue;
      seen.add(organization);
      if ((count[organization] ?? 0) < (capacities[organization] ?? 0)) {
        count[organization] = (count[organization] ?? 0) + 1;
        holder.set(caseIndex, organization);
        return true;
      }
      const holders = [...holder].filter(([, at]) => at === organization).map(([other]) => other);
      for (const other of holders) {
        holder.delete(other);
        if (tryAssign(other, seen)) {
          holder.set(caseIndex, organization);
          return true;
        }
        holder.set(other, organization);
      }
    }
    return false;
  };
  let served = 0;
  instance.cases.forEach((_, caseIndex) => {
    if (tryAssign(caseIndex, new Set())) served += 1;
  });
  return served;
}

/** The bottleneck optimum by the brief's recipe: binary search on max load, max-flow check. */
function referenceBottleneck(instance: AssignmentInstance): number | null {
  const base = instance.organizations.map((organization) => organization.capacity);
  const target = referenceMaxServed(instance, base);
  if (target === 0) return null;
  let low = 0;
  let high = Math.max(
    ...instance.organizations.map((organization, index) => organization.currentLoad + (base[index] ?? 0)),
  );
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    const capped = instance.organizations.map((organization, index) =>
      Math.max(0, Math.min(base[index] ?? 0, middle - organization.currentLoad)),
    );
    if (referenceMaxServed(instance, capped) === target) high = middle;
    else low = middle + 1;
  }
  return low;
}

describe('batch assignment (min-cost flow)', () => {
  it('never exceeds a capacity and never assigns a case to an organisation that cannot serve it', () => {
    fc.assert(
      fc.property(instanceArbitrary, (instance) => {
        const result = solveAssignment(instance, costs);
        const perOrganization = new Map<number, number>();
        const seenCases = new Set<number>();
        for (const assignment of result.assignments) {
          const arc = instance.arcs[assignment.arcIndex];
          expect(arc).toMatchObject({
            caseIndex: assignment.caseIndex,
            organizationIndex: assignment.organizationIndex,
          });
          expect(seenCases.has(assignment.caseIndex)).toBe(false);
          seenCases.add(assignment.caseIndex);
          perOrganization.set(
            assignment.organizationIndex,
            (perOrganization.get(assignment.organizationIndex) ?? 0) + 1,
          );
        }
        for (const [organizationIndex, count] of perOrganization)
          expect(count).toBeLessThanOrEqual(instance.organizations[organizationIndex]?.capacity ?? 0);
        expect(result.assignments.length + result.unassigned.length).toBe(instance.cases.length);
      }),
      { numRuns: 300 },
    );
  });

  it('serves as many cases as the maximum flow allows', () => {
    fc.assert(
      fc.property(instanceArbitrary, (instance) => {
        const result = solveAssignment(instance, costs);
        const maximum = referenceMaxServed(
          instance,
          instance.organizations.map((organization) => organization.capacity),
        );
        expect(result.assignments).toHaveLength(maximum);
        expect(result.maxServable).toBe(maximum);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the maximum load at the bottleneck optimum', () => {
    fc.assert(
      fc.property(instanceArbitrary, (instance) => {
        const result = solveAssignment(instance, costs);
        const bottleneck = referenceBottleneck(instance);
        expect(result.bottleneck).toBe(bottleneck);
        const metrics = assignmentMetrics(instance, result.assignments);
        expect(metrics.maxLoad).toBeLessThanOrEqual(bottleneck ?? 0);
      }),
      { numRuns: 200 },
    );
  });

  it('finds the same optimum as the plain successive-shortest-path reference', () => {
    fc.assert(
      fc.property(instanceArbitrary, fc.boolean(), (instance, enforceBottleneck) => {
        const options = { ...costs, enforceBottleneck };
        const fast = solveAssignment(instance, options);
        const reference = solveAssignment(instance, options, 'shortest-paths');
        expect(fast.cost.total).toBe(reference.cost.total);
        expect(fast.assignments).toHaveLength(reference.assignments.length);
      }),
      { numRuns: 300 },
    );
  });

  it('equals the HiGHS optimum of the same model as an LP (random instances)', async () => {
    await fc.assert(
      fc.asyncProperty(instanceArbitrary, fc.boolean(), async (instance, enforceBottleneck) => {
        const options = { ...costs, enforceBottleneck };
        const result = solveAssignment(instance, options);
        const model = buildCostModel(instance, options);
        const lp = await solveWithHighs(instance, model);
        expect(result.cost.total + model.penalty * result.unassigned.length).toBeCloseTo(lp.objective, 6);
        // Without any penalty: first the most cases, then the least cost — the same answer.
        const lexicographic = await solveTwoPhaseWithHighs(instance, model);
        expect(result.assignments).toHaveLength(lexicographic.served);
        expect(result.cost.total).toBeCloseTo(lexicographic.cost, 6);
      }),
      { numRuns: 120 },
    );
  }, 120_000);

  it('equals the HiGHS optimum on an instance shaped from the Okayama data (200 cases × 100 organisations)', async () => {
    const instance = okayamaInstance(200, 100);
    const result = solveAssignment(instance, costs);
    const model = buildCostModel(instance, costs);
    const lp = await solveWithHighs(instance, model);
    expect(lp.status).toBe('optimal');
    expect(result.cost.total + model.penalty * result.unassigned.length).toBeCloseTo(lp.objective, 4);
    expect(result.assignments).toHaveLength(lp.served);
    expect(assignmentMetrics(instance, result.assignments).maxLoad).toBeLessThanOrEqual(
      referenceBottleneck(instance) ?? 0,
    );
  }, 60_000);

  it('equals the HiGHS optimum on more Okayama-shaped instances (other seeds, with and without the bottleneck cap)', async () => {
    for (const [caseCount, organizationCount, seed] of [
      [60, 30, 1],
      [90, 40, 2],
      [150, 60, 3],
      [120, 25, 4],
    ] as const) {
      const instance = okayamaInstance(caseCount, organizationCount, seed);
      for (const enforceBottleneck of [true, false]) {
        const options = { ...costs, enforceBottleneck };
        const result = solveAssignment(instance, options);
        const model = buildCostModel(instance, options);
        const lp = await solveWithHighs(instance, model);
        expect(lp.status).toBe('optimal');
        expect(result.cost.total + model.penalty * result.unassigned.length).toBeCloseTo(lp.objective, 4);
        expect(result.assignments).toHaveLength(lp.served);
        expect(result.assignments).toHaveLength(
          referenceMaxServed(
            instance,
            instance.organizations.map((organization) => organization.capacity),
          ),
        );
      }
    }
  }, 120_000);

  it('with assignments fixed beforehand (pair defaults), still never exceeds a capacity and keeps them', () => {
    fc.assert(
      fc.property(instanceArbitrary, fc.array(fc.nat(), { maxLength: 6 }), (instance, picks) => {
        // Fix a feasible subset: arcs picked at random while their organisation has room.
        const room = instance.organizations.map((organization) => organization.capacity);
        const fixed: Assignment[] = [];
        const fixedCases = new Set<number>();
        for (const pick of picks) {
          if (instance.arcs.length === 0) break;
          const arcIndex = pick % instance.arcs.length;
          const arc = instance.arcs[arcIndex];
          if (!arc || fixedCases.has(arc.caseIndex) || (room[arc.organizationIndex] ?? 0) <= 0) continue;
          room[arc.organizationIndex] = (room[arc.organizationIndex] ?? 0) - 1;
          fixedCases.add(arc.caseIndex);
          fixed.push({ caseIndex: arc.caseIndex, organizationIndex: arc.organizationIndex, arcIndex });
        }
        for (const result of [
          solveAssignmentWithFixed(instance, fixed, costs),
          greedyNearestWithFixed(instance, fixed),
        ]) {
          for (const assignment of fixed) expect(result.assignments).toContainEqual(assignment);
          const count = new Map<number, number>();
          for (const assignment of result.assignments) {
            const arc = instance.arcs[assignment.arcIndex];
            expect(arc?.caseIndex).toBe(assignment.caseIndex);
            expect(arc?.organizationIndex).toBe(assignment.organizationIndex);
            count.set(assignment.organizationIndex, (count.get(assignment.organizationIndex) ?? 0) + 1);
          }
          for (const [organizationIndex, used] of count)
            expect(used).toBeLessThanOrEqual(instance.organizations[organizationIndex]?.capacity ?? 0);
          expect(new Set(result.assignments.map((assignment) => assignment.caseIndex)).size).toBe(
            result.assignments.length,
          );
          expect(result.assignments.length + result.unassigned.length).toBe(instance.cases.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same answer for the same input', () => {
    const instance = okayamaInstance(120, 60, 7);
    expect(solveAssignment(instance, costs)).toEqual(solveAssignment(instance, costs));
  });

  it('answers an empty batch, zero capacities and a role no one can fill without throwing', () => {
    const empty = solveAssignment({ cases: [], organizations: [], arcs: [] }, costs);
    expect(empty).toMatchObject({ assignments: [], unassigned: [], maxServable: 0, bottleneck: null });
    const instance: AssignmentInstance = {
      cases: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      organizations: [
        { id: 'full', capacity: 0, currentLoad: 12, declaredCapacity: 10 },
        { id: 'one', capacity: 1, currentLoad: 0, declaredCapacity: null },
      ],
      arcs: [
        { caseIndex: 0, organizationIndex: 0, distanceKm: 1, travelFactor: 1 },
        { caseIndex: 1, organizationIndex: 1, distanceKm: 2, travelFactor: 1 },
        { caseIndex: 2, organizationIndex: 1, distanceKm: 1, travelFactor: 1 },
      ],
    };
    const result = solveAssignment(instance, costs);
    expect(result.assignments).toEqual([{ caseIndex: 2, organizationIndex: 1, arcIndex: 2 }]);
    expect(result.unassigned).toEqual([
      { caseIndex: 0, reason: 'no_capacity' },
      { caseIndex: 1, reason: 'capacity_exhausted' },
    ]);
    const nobody = solveAssignment({ cases: [{ id: 'x' }], organizations: [], arcs: [] }, costs);
    expect(nobody.unassigned).toEqual([{ caseIndex: 0, reason: 'no_eligible' }]);
  });

  it('prices load convexly: a tenth patient of one clinic costs more than a first patient of another', () => {
    const options = { loadPointsPerPatient: 5, overCapacityPointsPerPatient: 50 };
    expect(marginalLoadCost(10, null, options)).toBeGreaterThan(marginalLoadCost(1, null, options));
    for (let t = 1; t < 60; t += 1)
      expect(marginalLoadCost(t + 1, 20, options)).toBeGreaterThan(marginalLoadCost(t, 20, options));
    // Two cases at the same distance from a busy and an idle clinic: one each is not enough —
    // both go to the idle one when its load stays lower.
    const instance: AssignmentInstance = {
      cases: [{ id: 'a' }, { id: 'b' }],
      organizations: [
        { id: 'busy', capacity: 5, currentLoad: 9, declaredCapacity: 20 },
        { id: 'idle', capacity: 5, currentLoad: 0, declaredCapacity: 20 },
      ],
      arcs: [
        { caseIndex: 0, organizationIndex: 0, distanceKm: 1, travelFactor: 1 },
        { caseIndex: 0, organizationIndex: 1, distanceKm: 1, travelFactor: 1 },
        { caseIndex: 1, organizationIndex: 0, distanceKm: 1, travelFactor: 1 },
        { caseIndex: 1, organizationIndex: 1, distanceKm: 1, travelFactor: 1 },
      ],
    };
    const result = solveAssignment(instance, costs);
    expect(result.assignments.map((assignment) => assignment.organizationIndex)).toEqual([1, 1]);
    expect(assignmentCost(instance, result.assignments, costs).load).toBe(5 * 1 + 5 * 2);
  });

  it('the greedy baseline takes the nearest organisation with a free place, case by case', () => {
    const instance: AssignmentInstance = {
      cases: [{ id: 'a' }, { id: 'b' }],
      organizations: [
        { id: 'near', capacity: 1, currentLoad: 30, declaredCapacity: 20 },
        { id: 'far', capacity: 1, currentLoad: 0, declaredCapacity: 20 },
      ],
      arcs: [
        { caseIndex: 0, organizationIndex: 0, distanceKm: 1, travelFactor: 1 },
        { caseIndex: 0, organizationIndex: 1, distanceKm: 3, travelFactor: 1 },
        { caseIndex: 1, organizationIndex: 0, distanceKm: 1, travelFactor: 1 },
      ],
    };
    const greedy = greedyNearest(instance);
    expect(greedy.assignments.map((assignment) => assignment.organizationIndex)).toEqual([0]);
    expect(greedy.unassigned).toEqual([{ caseIndex: 1, reason: 'capacity_exhausted' }]);
    // The optimum serves both.
    expect(solveAssignment(instance, costs).assignments).toHaveLength(2);
  });

  it('computes the Gini coefficient', () => {
    expect(gini([])).toBe(0);
    expect(gini([5, 5, 5])).toBe(0);
    expect(gini([0, 0, 0, 12])).toBeCloseTo(0.75, 10);
    expect(gini([1, 2, 3, 4])).toBeCloseTo(0.25, 10);
  });
});
