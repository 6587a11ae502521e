/**
 * A draft roster adjusted by hand (one duty handed from one clinic to another by the association, the rules
 * checked again): its stored fairness report follows the duties — counts, burdens, F and its gap to the lower
 * bound — against the same targets, and lists the adjustments. F moves by the change of the two terms the duty
 * touches, so an adjustment undone gives back the F of the generated roster.
 */
import type { ShiftKind } from './roster-types.js';

export type Adjustment = { date: string; shift: ShiftKind; fromOrganizationId: string; toOrganizationId: string };

type StoredReport = Record<string, unknown>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const numberOf = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The report after `adjustment` (a copy; a report without fairness figures only gains the adjustment). */
export function adjustedReport(report: unknown, adjustment: Adjustment): StoredReport {
  const next: StoredReport = structuredClone(isRecord(report) ? report : {});
  const adjustments: unknown[] = Array.isArray(next.adjustments) ? (next.adjustments as unknown[]) : [];
  next.adjustments = [...adjustments, adjustment];
  const fairness = isRecord(next.fairness) ? next.fairness : null;
  const clinics = fairness && Array.isArray(fairness.clinics) ? fairness.clinics.filter(isRecord) : [];
  if (!fairness || clinics.length === 0) return next;
  const weight = isRecord(fairness.weights) ? numberOf(fairness.weights[adjustment.shift]) : 0;
  let objectiveChange = 0;
  const move = (organizationId: string, delta: 1 | -1) => {
    const clinic = clinics.find((entry) => entry.organizationId === organizationId);
    if (!clinic) return;
    const counts = isRecord(clinic.counts) ? clinic.counts : {};
    const targets = isRecord(clinic.targets) ? clinic.targets : {};
    const before = numberOf(counts[adjustment.shift]);
    const target = numberOf(targets[adjustment.shift]);
    const after = before + delta;
    objectiveChange += weight * ((after - target) ** 2 - (before - target) ** 2);
    clinic.counts = { ...counts, [adjustment.shift]: after };
    clinic.burden = round(numberOf(clinic.burden) + delta * weight, 2);
  };
  move(adjustment.fromOrganizationId, -1);
  move(adjustment.toOrganizationId, 1);
  const objective = round(numberOf(fairness.objective) + objectiveChange, 6);
  fairness.objective = objective;
  fairness.maxBurdenDeviation = round(
    clinics.reduce(
      (max, clinic) => Math.max(max, Math.abs(numberOf(clinic.burden) - numberOf(clinic.targetBurden))),
      0,
    ),
    2,
  );
  next.objective = objective;
  const bound = typeof next.lowerBound === 'number' ? next.lowerBound : null;
  if (bound !== null) {
    next.gap = round(objective - bound, 6);
    next.ratio = bound > 1e-9 ? round(objective / bound, 6) : objective <= 1e-9 ? 1 : null;
  }
  next.isRealised = false;
  return next;
}
