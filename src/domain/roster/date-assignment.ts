/**
 * Puts clinics on dates. Given the counts the flow part chose (quota-flow.ts), it builds a roster
 * that keeps every hard rule and realises those counts as closely as it can:
 *
 * 1. Construction, in date order: each slot goes to an allowed clinic that still has quota of the
 *    shift, the one most behind (remaining quota ÷ remaining allowed slots of that shift); when
 *    none is allowed, an ejection chain moves a blocking duty of a clinic elsewhere (depth 2).
 *    Failing that, the construction restarts with deterministic tie-break noise (seeded by the
 *    input), a few times.
 * 2. Repair of the counts, per shift: while a clinic has more duties of shift t than its quota and
 *    another fewer, a breadth-first search looks for a chain of moves A → Y1 → … → B, each clinic
 *    giving one duty of t and receiving one, every step checked against the rules.
 * 3. Local search on the fairness objective itself (single moves and exchanges that lower F),
 *    for what the chains could not reach, then moves that keep F and even out the clinics' total
 *    weighted burden (the tie-break the quotas were chosen by).
 * All choices are deterministic for the same input. Moving a duty away never breaks a rule, and
 * every addition is checked, so the result keeps the hard rules by construction (and
 * checkRoster verifies it independently afterwards).
 */
import { objectiveDelta, type FairnessTargets } from './fairness.js';
import type { RosterSlot } from './calendar-slots.js';
import { DutyLedger } from './roster-rules.js';
import type { RosterProblem } from './roster-types.js';

export type AssignmentInput = {
  problem: RosterProblem;
  slots: readonly RosterSlot[];
  eligibility: readonly Uint8Array[];
  targets: FairnessTargets;
  quotas: readonly (readonly number[])[];
  /** Seeds the tie-break noise of restarts (derive it from the input for determinism). */
  seed: number;
  maxAttempts?: number;
};

export type AssignmentStats = { attempts: number; ejections: number; chainMoves: number; localMoves: number };

export type AssignmentResult =
  | { isComplete: true; assignment: Int32Array; counts: number[][]; stats: AssignmentStats }
  | { isComplete: false; uncoveredSlot: number; assignment: Int32Array; ledger: DutyLedger; stats: AssignmentStats };

/** A small deterministic PRNG (mulberry32). */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

class Assignment {
  readonly assignment: Int32Array;
  readonly counts: number[][];
  readonly ledger: DutyLedger;
  readonly typeOf: Int32Array;
  readonly stats: AssignmentStats = { attempts: 0, ejections: 0, chainMoves: 0, localMoves: 0 };
  private readonly clinicCount: number;
  /** Slots held per clinic (insertion-ordered, so iteration is deterministic). */
  private readonly held: Set<number>[];

  constructor(private readonly input: AssignmentInput) {
    const { problem, slots, targets } = input;
    this.clinicCount = problem.members.length;
    this.assignment = new Int32Array(slots.length).fill(-1);
    this.counts = problem.members.map(() => new Array<number>(targets.shifts.length).fill(0));
    this.held = problem.members.map(() => new Set<number>());
    this.ledger = new DutyLedger(
      problem.from,
      problem.to,
      this.clinicCount,
      problem.settings.minDaysBetweenDuties,
      problem.settings.maxDutiesPerMonth,
    );
    const position = new Map(problem.members.map((member, index) => [member.organizationId, index]));
    for (const fixed of problem.fixedDuties) {
      const index = position.get(fixed.organizationId);
      if (index !== undefined) this.ledger.add(index, fixed.date, 1);
    }
    this.typeOf = Int32Array.from(slots.map((slot) => targets.shifts.indexOf(slot.shift)));
  }

  slot(s: number): RosterSlot {
    const found = this.input.slots[s];
    if (!found) throw new Error(`slot ${s} out of range`);
    return found;
  }

  holder(s: number): number {
    return this.assignment[s] ?? -1;
  }

  count(c: number, t: number): number {
    return this.counts[c]?.[t] ?? 0;
  }

  quota(c: number, t: number): number {
    return this.input.quotas[c]?.[t] ?? 0;
  }

  isEligible(c: number, s: number): boolean {
    return (this.input.eligibility[c]?.[s] ?? 0) === 1;
  }

  /** Whether clinic c may take slot s now (giving away the slots in `giving`). */
  canTake(c: number, s: number, giving: readonly number[] = []): boolean {
    if (!this.isEligible(c, s) || this.holder(s) === c) return false;
    return this.ledger.allows(
      c,
      this.slot(s).date,
      giving.map((given) => this.slot(given).date),
    );
  }

  assign(c: number, s: number): void {
    this.assignment[s] = c;
    this.held[c]?.add(s);
    this.ledger.add(c, this.slot(s).date, 1);
    const row = this.counts[c];
    const t = this.typeOf[s] ?? 0;
    if (row) row[t] = (row[t] ?? 0) + 1;
  }

  unassign(s: number): number {
    const c = this.holder(s);
    if (c < 0) return c;
    this.assignment[s] = -1;
    this.held[c]?.delete(s);
    this.ledger.add(c, this.slot(s).date, -1);
    const row = this.counts[c];
    const t = this.typeOf[s] ?? 0;
    if (row) row[t] = (row[t] ?? 0) - 1;
    return c;
  }

  clinics(): number[] {
    return Array.from({ length: this.clinicCount }, (_, index) => index);
  }

  /** Slots held by clinic c (optionally of shift t). */
  slotsOf(c: number, t = -1): number[] {
    const found: number[] = [];
    for (const s of this.held[c] ?? []) if (t < 0 || this.typeOf[s] === t) found.push(s);
    return found;
  }
}

/** Remaining allowed slots of each shift from slot s on, per clinic: urgency = remaining quota ÷ this. */
function futureEligible(input: AssignmentInput, typeOf: Int32Array): Int16Array[] {
  const typeCount = input.targets.shifts.length;
  const slotCount = input.slots.length;
  return input.eligibility.map((row) => {
    const suffix = new Int16Array((slotCount + 1) * typeCount);
    for (let s = slotCount - 1; s >= 0; s -= 1) {
      for (let t = 0; t < typeCount; t += 1) suffix[s * typeCount + t] = suffix[(s + 1) * typeCount + t] ?? 0;
      const t = typeOf[s] ?? 0;
      if ((row[s] ?? 0) === 1) suffix[s * typeCount + t] = (suffix[s * typeCount + t] ?? 0) + 1;
    }
    return suffix;
  });
}

function construct(state: Assignment, input: AssignmentInput, noise: (() => number) | null): number {
  const typeCount = input.targets.shifts.length;
  const future = futureEligible(input, state.typeOf);
  const score = (c: number, s: number): number => {
    const t = state.typeOf[s] ?? 0;
    const remaining = state.quota(c, t) - state.count(c, t);
    const left = Math.max(1, future[c]?.[s * typeCount + t] ?? 0);
    const isPreferred = input.problem.members[c]?.preferredWeekdays.includes(state.slot(s).weekday) ?? false;
    const base =
      remaining > 0
        ? 1000 + (remaining / left) * 100 + (isPreferred ? 0.5 : 0)
        : -objectiveDelta(state.counts, input.targets, c, t, 1) + (isPreferred ? 0.01 : 0);
    return base + (noise ? noise() * 0.3 : 0);
  };
  for (let s = 0; s < input.slots.length; s += 1) {
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (const c of state.clinics()) {
      if (!state.canTake(c, s)) continue;
      const value = score(c, s);
      if (value > bestScore) {
        best = c;
        bestScore = value;
      }
    }
    if (best >= 0) {
      state.assign(best, s);
      continue;
    }
    if (!eject(state, s, 2, new Set([s]), score)) return s;
  }
  return -1;
}

/** Gives slot s to a clinic after moving one of its blocking duties elsewhere (recursively). */
function eject(
  state: Assignment,
  s: number,
  depth: number,
  busy: Set<number>,
  score: (c: number, s: number) => number,
): boolean {
  const date = state.slot(s).date;
  for (const c of state.clinics()) {
    if (!state.isEligible(c, s)) continue;
    const held = state.slotsOf(c);
    const conflictDays = new Set(state.ledger.conflictingDays(c, date));
    const blockers = held.filter((b) => conflictDays.has(state.ledger.dayOf(state.slot(b).date) ?? -1));
    // A blocking duty of a neighbouring roster cannot move.
    const movableDays = new Set(blockers.map((b) => state.ledger.dayOf(state.slot(b).date) ?? -1));
    if ([...conflictDays].some((day) => !movableDays.has(day))) continue;
    let options: number[][];
    if (blockers.length > 1) continue;
    if (
      state.ledger.allows(
        c,
        date,
        blockers.map((b) => state.slot(b).date),
      )
    )
      options = [blockers];
    else if (blockers.length === 0)
      options = held.filter((b) => state.slot(b).month === state.slot(s).month).map((b) => [b]);
    else continue;
    for (const option of options) {
      const [moved] = option;
      if (moved === undefined || busy.has(moved)) continue;
      state.unassign(moved);
      if (!state.canTake(c, s)) {
        state.assign(c, moved);
        continue;
      }
      state.assign(c, s);
      let target = -1;
      let targetScore = Number.NEGATIVE_INFINITY;
      for (const other of state.clinics()) {
        if (other === c || !state.canTake(other, moved)) continue;
        const value = score(other, moved);
        if (value > targetScore) {
          target = other;
          targetScore = value;
        }
      }
      if (target >= 0) {
        state.assign(target, moved);
        state.stats.ejections += 1;
        return true;
      }
      if (depth > 1 && eject(state, moved, depth - 1, new Set([...busy, moved]), score)) {
        state.stats.ejections += 1;
        return true;
      }
      state.unassign(s);
      state.assign(c, moved);
    }
  }
  return false;
}

/** One chain A → … → B for shift t (A above its quota, B below); applies it and returns true if found. */
function repairChain(state: Assignment, t: number, from: number): boolean {
  const parent = new Map<number, number>();
  const visitedClinics = new Set<number>([from]);
  const queue: number[] = [];
  for (const s of state.slotsOf(from, t)) {
    parent.set(s, -1);
    queue.push(s);
  }
  for (let head = 0; head < queue.length; head += 1) {
    const s = queue[head] ?? -1;
    for (const y of state.clinics()) {
      if (visitedClinics.has(y) || !state.isEligible(y, s)) continue;
      if (state.count(y, t) < state.quota(y, t) && state.canTake(y, s)) {
        applyChain(state, parent, s, y);
        return true;
      }
      const given = state.slotsOf(y, t).filter((other) => !parent.has(other) && state.canTake(y, s, [other]));
      if (given.length === 0) continue;
      visitedClinics.add(y);
      for (const other of given) {
        parent.set(other, s);
        queue.push(other);
      }
    }
  }
  return false;
}

/** Moves `last` to `receiver`, and each earlier slot of the chain to the holder of the next one. */
function applyChain(state: Assignment, parent: Map<number, number>, last: number, receiver: number): void {
  const moves: { s: number; to: number }[] = [{ s: last, to: receiver }];
  let current = last;
  for (let previous = parent.get(current) ?? -1; previous >= 0; previous = parent.get(current) ?? -1) {
    moves.push({ s: previous, to: state.holder(current) });
    current = previous;
  }
  for (const move of moves) state.unassign(move.s);
  for (const move of moves) state.assign(move.to, move.s);
  state.stats.chainMoves += moves.length;
}

function repairCounts(state: Assignment, typeCount: number): void {
  for (let t = 0; t < typeCount; t += 1) {
    for (let guard = 0; guard < 10_000; guard += 1) {
      const overs = state.clinics().filter((c) => state.count(c, t) > state.quota(c, t));
      if (!overs.some((c) => repairChain(state, t, c))) break;
    }
  }
}

function isAtQuotas(state: Assignment, typeCount: number): boolean {
  return state
    .clinics()
    .every((c) => Array.from({ length: typeCount }, (_, t) => t).every((t) => state.count(c, t) === state.quota(c, t)));
}

/** Single moves and pairwise exchanges that lower F, until none is left (or the budget ends). */
function localSearch(state: Assignment, input: AssignmentInput): void {
  const { targets } = input;
  const slotCount = input.slots.length;
  for (let pass = 0; pass < 50; pass += 1) {
    let isImproved = false;
    for (let s = 0; s < slotCount; s += 1) {
      const a = state.holder(s);
      const t = state.typeOf[s] ?? 0;
      if (a < 0) continue;
      for (const b of state.clinics()) {
        if (b === a || !state.isEligible(b, s)) continue;
        const gain = objectiveDelta(state.counts, targets, a, t, -1) + objectiveDelta(state.counts, targets, b, t, 1);
        if (gain < -1e-9 && state.canTake(b, s)) {
          state.unassign(s);
          state.assign(b, s);
          state.stats.localMoves += 1;
          isImproved = true;
          break;
        }
        if (gain >= -1e-9 && objectiveDelta(state.counts, targets, a, t, -1) >= 0) continue;
        // Exchange: b gives one of its slots of another shift to a.
        for (const other of state.slotsOf(b)) {
          const u = state.typeOf[other] ?? 0;
          if (u === t || !state.isEligible(a, other)) continue;
          const delta =
            objectiveDelta(state.counts, targets, a, t, -1) +
            objectiveDelta(state.counts, targets, b, t, 1) +
            objectiveDelta(state.counts, targets, b, u, -1) +
            objectiveDelta(state.counts, targets, a, u, 1);
          if (delta >= -1e-9 || !state.canTake(b, s, [other]) || !state.canTake(a, other, [s])) continue;
          state.unassign(s);
          state.unassign(other);
          state.assign(b, s);
          state.assign(a, other);
          state.stats.localMoves += 1;
          isImproved = true;
          break;
        }
        if (state.holder(s) !== a) break;
      }
    }
    if (!isImproved) break;
  }
}

/** Σ_t w(t) (x(c,t) − τ(c,t)): how far clinic c's weighted burden is above (+) or below (−) its target. */
function burdenGap(state: Assignment, targets: FairnessTargets, c: number): number {
  return targets.weights.reduce(
    (sum, weight, t) => sum + weight * ((state.counts[c]?.[t] ?? 0) - (targets.targets[c]?.[t] ?? 0)),
    0,
  );
}

/**
 * The tie-break of F on dates: single moves that leave F unchanged (F is per shift, so it does not
 * care which clinic takes the odd short share of each shift) and bring the two clinics' weighted
 * burdens closer to their targets — for the counts the repair could not bring to the quotas, whose
 * burden quota-flow.ts balanced already. Never changes F; every move is checked against the rules.
 */
function balanceBurdenOnDates(state: Assignment, input: AssignmentInput): void {
  const { targets } = input;
  const slotCount = input.slots.length;
  for (let pass = 0; pass < 20; pass += 1) {
    let isImproved = false;
    for (let s = 0; s < slotCount; s += 1) {
      const a = state.holder(s);
      const t = state.typeOf[s] ?? 0;
      if (a < 0) continue;
      const weight = targets.weights[t] ?? 0;
      for (const b of state.clinics()) {
        if (b === a || !state.isEligible(b, s)) continue;
        const gain = objectiveDelta(state.counts, targets, a, t, -1) + objectiveDelta(state.counts, targets, b, t, 1);
        if (Math.abs(gain) > 1e-9) continue;
        // (ga − w)² + (gb + w)² < ga² + gb²  ⇔  ga − gb > w.
        if (burdenGap(state, targets, a) - burdenGap(state, targets, b) <= weight + 1e-9) continue;
        if (!state.canTake(b, s)) continue;
        state.unassign(s);
        state.assign(b, s);
        state.stats.localMoves += 1;
        isImproved = true;
        break;
      }
    }
    if (!isImproved) break;
  }
}

export function assignDates(input: AssignmentInput): AssignmentResult {
  const typeCount = input.targets.shifts.length;
  const attempts = input.maxAttempts ?? 8;
  let last: { state: Assignment; uncovered: number } | null = null;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const state = new Assignment(input);
    state.stats.attempts = attempt + 1;
    const uncovered = construct(state, input, attempt === 0 ? null : randomSource(input.seed + attempt));
    if (uncovered >= 0) {
      last = { state, uncovered };
      continue;
    }
    repairCounts(state, typeCount);
    if (!isAtQuotas(state, typeCount)) {
      localSearch(state, input);
      balanceBurdenOnDates(state, input);
    }
    return { isComplete: true, assignment: state.assignment, counts: state.counts, stats: state.stats };
  }
  if (!last) throw new Error('no attempt ran');
  return {
    isComplete: false,
    uncoveredSlot: last.uncovered,
    assignment: last.state.assignment,
    ledger: last.state.ledger,
    stats: last.state.stats,
  };
}
