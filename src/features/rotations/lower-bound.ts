/**
 * The LP lower bound of the flow part, solved by HiGHS (npm `highs`: the HiGHS solver compiled to
 * WebAssembly, MIT). The model is built by src/domain/roster/lower-bound-model.ts; here it is only
 * handed to the solver (loaded once per process), with the secant windows widened until the LP
 * solution is exact (a few rounds at most). If HiGHS cannot be loaded or fails, the bound is
 * reported as null with the reason — the roster itself never depends on it.
 */
import {
  initialWindows,
  lowerBoundModel,
  widenWindows,
  type LinearModel,
} from '../../domain/roster/lower-bound-model.js';
import type { QuotaFlowProblem } from '../../domain/roster/quota-flow.js';

type HighsModule = typeof import('highs');
/** The package's typings describe a CommonJS default; at run time the ESM build exports the loader itself. */
type HighsLoader = HighsModule['default'];
type Highs = Awaited<ReturnType<HighsLoader>>;

let highsPromise: Promise<Highs> | null = null;

async function loadHighs(): Promise<Highs> {
  highsPromise ??= import('highs').then((module) => {
    const candidate = module.default as unknown;
    const loader = (
      typeof candidate === 'function' ? candidate : (candidate as { default: unknown }).default
    ) as HighsLoader;
    return loader();
  });
  try {
    return await highsPromise;
  } catch (error) {
    highsPromise = null;
    throw error;
  }
}

export type LowerBound =
  | { value: number; status: 'optimal'; rounds: number; columns: number; rows: number; solveMs: number }
  | { value: null; status: 'unavailable'; reason: string };

function solveOnce(highs: Highs, model: LinearModel): { status: number; objective: number; columnValues: number[] } {
  const infinity = highs.infinity;
  const finite = (values: number[]) =>
    Float64Array.from(values, (value) =>
      value === Number.POSITIVE_INFINITY ? infinity : value === Number.NEGATIVE_INFINITY ? -infinity : value,
    );
  return highs.withModel(
    {
      numCols: model.numCols,
      numRows: model.numRows,
      offset: model.offset,
      colCost: Float64Array.from(model.colCost),
      colLower: finite(model.colLower),
      colUpper: finite(model.colUpper),
      rowLower: finite(model.rowLower),
      rowUpper: finite(model.rowUpper),
      matrix: {
        format: 'csc',
        numRows: model.numRows,
        numCols: model.numCols,
        starts: Int32Array.from(model.matrix.starts),
        indices: Int32Array.from(model.matrix.indices),
        values: Float64Array.from(model.matrix.values),
      },
    },
    (instance) => {
      instance.options.set({ output_flag: false });
      instance.run();
      return {
        status: instance.getModelStatus(),
        objective: instance.getObjectiveValue(),
        columnValues: Array.from(instance.getSolution().colValue),
      };
    },
  );
}

/** The LP optimum of the flow part (a lower bound of the fairness objective of any roster of the period). */
export async function flowLowerBound(
  problem: QuotaFlowProblem,
  counts: readonly (readonly number[])[],
): Promise<LowerBound> {
  const started = performance.now();
  let highs: Highs;
  try {
    highs = await loadHighs();
  } catch (error) {
    return { value: null, status: 'unavailable', reason: `HiGHS を読み込めません: ${String(error)}` };
  }
  if (problem.targets.slotCounts.every((count) => count === 0)) {
    return { value: 0, status: 'optimal', rounds: 0, columns: 0, rows: 0, solveMs: 0 };
  }
  const windows = initialWindows(problem, counts);
  for (let round = 1; round <= 8; round += 1) {
    const model = lowerBoundModel(problem, windows);
    const result = solveOnce(highs, model);
    if (result.status !== highs.constants.modelStatus.optimal) {
      return { value: null, status: 'unavailable', reason: `HiGHS の状態: ${result.status}` };
    }
    if (!widenWindows(problem, windows, model, result.columnValues)) {
      return {
        value: result.objective,
        status: 'optimal',
        rounds: round,
        columns: model.numCols,
        rows: model.numRows,
        solveMs: Math.round((performance.now() - started) * 10) / 10,
      };
    }
  }
  return { value: null, status: 'unavailable', reason: 'LP の窓を広げても厳密解に達しませんでした。' };
}
