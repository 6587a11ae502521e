/**
 * The independent oracle for the batch assignment: the same model (batch-assignment.ts
 * buildCostModel) written as a linear programme and solved by HiGHS (npm `highs`, a WebAssembly
 * build). Used by the tests and benchmark W2 only — `highs` is a devDependency and is loaded with a
 * dynamic import, so production code never touches it.
 *
 * Variables: x_e ∈ [0,1] per eligible pair, y_jk ∈ [0,1] per capacity unit of organisation j,
 * z_i ∈ [0,1] "case i unassigned". Rows: Σ_e∋i x_e + z_i = 1 per case; Σ_e∋j x_e − Σ_k y_jk = 0 per
 * organisation. Objective: min Σ d_e x_e + Σ m_jk y_jk + P Σ z_i. The constraint matrix is a
 * network matrix (totally unimodular), so the LP optimum is integral and equals the integer one;
 * y_jk with increasing m_jk are filled in order, which makes the convex cost exact.
 */
import type { Highs } from 'highs';
import type { AssignmentInstance, CostModel } from './batch-assignment.js';

let highsPromise: Promise<Highs> | null = null;

/** Loads the HiGHS WebAssembly module once. */
export async function loadHighs(): Promise<Highs> {
  // Node resolves the package's ESM build (a real default export); its types describe CommonJS.
  highsPromise ??= import('highs').then((module) => (module.default as unknown as () => Promise<Highs>)());
  return highsPromise;
}

export type LpSolution = {
  /** The LP objective (real cost + penalty × unassigned). */
  objective: number;
  /** Cases served in the LP's solution. */
  served: number;
  /** Real cost part (objective − penalty × unassigned). */
  cost: number;
  /** Time of the HiGHS part alone (model hand-over and solve), in milliseconds. */
  solveMs: number;
  /** 'optimal' when HiGHS proved optimality. */
  status: string;
};

/** Column-wise (CSC) model data of the LP above. */
export function buildLp(instance: AssignmentInstance, model: CostModel) {
  const caseCount = instance.cases.length;
  const organizationCount = instance.organizations.length;
  const colCost: number[] = [];
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const pushColumn = (cost: number, entries: [number, number][]) => {
    colCost.push(cost);
    entries.sort((a, b) => a[0] - b[0]);
    for (const [row, value] of entries) {
      indices.push(row);
      values.push(value);
    }
    starts.push(indices.length);
  };
  instance.arcs.forEach((arc, index) => {
    // Arcs to organisations without capacity in the model cannot carry flow.
    if ((model.capacities[arc.organizationIndex] ?? 0) <= 0) return;
    pushColumn(model.arcCosts[index] ?? 0, [
      [arc.caseIndex, 1],
      [caseCount + arc.organizationIndex, 1],
    ]);
  });
  model.unitCosts.forEach((units, organizationIndex) => {
    for (const unit of units) pushColumn(unit, [[caseCount + organizationIndex, -1]]);
  });
  for (let index = 0; index < caseCount; index += 1) pushColumn(model.penalty, [[index, 1]]);
  const numCols = colCost.length;
  const numRows = caseCount + organizationCount;
  const rowBounds = [
    ...Array.from({ length: caseCount }, () => 1),
    ...Array.from({ length: organizationCount }, () => 0),
  ];
  return {
    numCols,
    numRows,
    colCost,
    colLower: Array.from({ length: numCols }, () => 0),
    colUpper: Array.from({ length: numCols }, () => 1),
    rowLower: rowBounds,
    rowUpper: rowBounds,
    matrix: { format: 'csc' as const, numRows, numCols, starts, indices, values },
    unassignedFrom: numCols - caseCount,
  };
}

/** Solves the model's LP with HiGHS (simplex). */
export async function solveWithHighs(instance: AssignmentInstance, model: CostModel): Promise<LpSolution> {
  const highs = await loadHighs();
  const lp = buildLp(instance, model);
  if (lp.numCols === 0) return { objective: 0, served: 0, cost: 0, solveMs: 0, status: 'empty' };
  const { unassignedFrom, ...data } = lp;
  const started = performance.now();
  return highs.withModel(data, (handle) => {
    handle.options.set({ output_flag: false, solver: 'simplex' });
    handle.run();
    const solveMs = performance.now() - started;
    const code = handle.getModelStatus();
    const status = code === highs.constants.modelStatus.optimal ? 'optimal' : `status ${code}`;
    const objective = handle.getObjectiveValue();
    const solution = handle.getSolution().colValue;
    let unassigned = 0;
    for (let column = unassignedFrom; column < lp.numCols; column += 1) unassigned += Math.round(solution[column] ?? 0);
    return {
      objective,
      served: instance.cases.length - unassigned,
      cost: objective - model.penalty * unassigned,
      solveMs,
      status,
    };
  });
}

/**
 * The lexicographic optimum without any penalty, in two LPs: (1) the maximum number of cases
 * served, (2) the least real cost among assignments serving exactly that many. Tests use it to
 * check that the penalty of the model is large enough.
 */
export async function solveTwoPhaseWithHighs(
  instance: AssignmentInstance,
  model: CostModel,
): Promise<{ served: number; cost: number }> {
  const highs = await loadHighs();
  const lp = buildLp(instance, model);
  const caseCount = instance.cases.length;
  if (caseCount === 0) return { served: 0, cost: 0 };
  const realColumns = lp.unassignedFrom;
  // Phase 1: maximise the served cases = minimise Σ z.
  const phase1 = highs.withModel(
    { ...withoutExtra(lp), colCost: lp.colCost.map((_, column) => (column >= realColumns ? 1 : 0)) },
    (handle) => {
      handle.options.set({ output_flag: false });
      handle.run();
      return Math.round(handle.getObjectiveValue());
    },
  );
  const served = caseCount - phase1;
  // Phase 2: fix Σ z = unassigned count, minimise the real cost.
  const costs = lp.colCost.map((cost, column) => (column >= realColumns ? 0 : cost));
  const upper = lp.colUpper.map((bound, column) => (column >= realColumns ? bound : bound));
  const cost = highs.withModel({ ...withoutExtra(lp), colCost: costs, colUpper: upper }, (handle) => {
    handle.options.set({ output_flag: false });
    handle.addRow(phase1, phase1, {
      indices: Array.from({ length: caseCount }, (_, index) => realColumns + index),
      values: Array.from({ length: caseCount }, () => 1),
    });
    handle.run();
    return handle.getObjectiveValue();
  });
  return { served, cost };
}

function withoutExtra(lp: ReturnType<typeof buildLp>) {
  const { unassignedFrom: _unused, ...data } = lp;
  return data;
}
