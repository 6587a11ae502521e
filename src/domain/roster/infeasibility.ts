/**
 * Why a roster cannot be made, in words an association can act on. `provenReasons` checks
 * conditions every valid roster needs — a slot some clinic may take; within any N consecutive days
 * (where a clinic can take one duty at most) enough different clinics; within each month enough
 * room under the monthly cap — each a bipartite matching, so a failure PROVES infeasibility and
 * names the dates. `searchFailure` explains a slot the generator could not fill although no such
 * proof exists (then the roster may still exist: the message says so).
 */
import { dateLabel, type RosterSlot } from './calendar-slots.js';
import { requestUnavailability, unavailabilityReason, type DutyLedger } from './roster-rules.js';
import { shiftLabels, type RosterProblem, type ShiftKind } from './roster-types.js';

export type InfeasibilityKind =
  'no_clinic' | 'spacing_window' | 'monthly_capacity' | 'total_capacity' | 'search_failed';

export type InfeasibilityReason = {
  kind: InfeasibilityKind;
  from: string;
  to: string;
  shift: ShiftKind | null;
  message: string;
  /** The values of `message`, for saying it in another language (the web client's server-text `rosterReasons.<kind>`). */
  params: Record<string, string | number>;
};

function slotLabel(slot: RosterSlot): string {
  return `${dateLabel(slot.date, slot.day.holidayName)} ${shiftLabels[slot.shift]}`;
}

/** Maximum matching of slots to clinics, each clinic taking at most capacity(c) (augmenting paths). */
function maxMatching(
  slotIds: readonly number[],
  candidates: (s: number) => readonly number[],
  capacity: (c: number) => number,
): number {
  const holders = new Map<number, number[]>();
  const tryAugment = (s: number, seen: Set<number>): boolean => {
    for (const c of candidates(s)) {
      if (seen.has(c)) continue;
      seen.add(c);
      const held = holders.get(c) ?? [];
      if (held.length < capacity(c)) {
        held.push(s);
        holders.set(c, held);
        return true;
      }
      for (let index = 0; index < held.length; index += 1) {
        const other = held[index] ?? -1;
        if (tryAugment(other, seen)) {
          held[index] = s;
          return true;
        }
      }
    }
    return false;
  };
  let size = 0;
  for (const s of slotIds) if (tryAugment(s, new Set())) size += 1;
  return size;
}

const maxReasons = 5;

/** Conditions every valid roster needs; each reason returned proves the input infeasible. */
export function provenReasons(
  problem: RosterProblem,
  slots: readonly RosterSlot[],
  eligibility: readonly Uint8Array[],
): InfeasibilityReason[] {
  const reasons: InfeasibilityReason[] = [];
  const requestDates = requestUnavailability(problem);
  const bySlot = slots.map((slot) => eligibility.flatMap((row, c) => ((row[slot.index] ?? 0) === 1 ? [c] : [])));
  const eligibleClinics = (s: number): readonly number[] => bySlot[s] ?? [];

  for (const slot of slots) {
    if (eligibleClinics(slot.index).length > 0) continue;
    const why = problem.members.map(
      (member) => `${member.name}: ${unavailabilityReason(member, slot, requestDates) ?? '—'}`,
    );
    reasons.push({
      kind: 'no_clinic',
      from: slot.date,
      to: slot.date,
      shift: slot.shift,
      params: { date: slot.date, shift: slot.shift },
      message: `${slotLabel(slot)}を担当できる診療所がありません（${why.slice(0, 8).join('、')}${why.length > 8 ? '、ほか' : ''}）。`,
    });
    if (reasons.length >= maxReasons) return reasons;
  }
  if (reasons.length > 0) return reasons;

  const { minDaysBetweenDuties: minDays, maxDutiesPerMonth: maxPerMonth } = problem.settings;
  if (minDays >= 1 && slots.length > 0) {
    const lastDay = slots[slots.length - 1]?.dayIndex ?? 0;
    let start = 0;
    let first = 0;
    while (start <= lastDay && reasons.length < maxReasons) {
      while (first < slots.length && (slots[first]?.dayIndex ?? 0) < start) first += 1;
      const window: number[] = [];
      for (let s = first; s < slots.length && (slots[s]?.dayIndex ?? 0) < start + minDays; s += 1) window.push(s);
      const matched = window.length === 0 ? 0 : maxMatching(window, eligibleClinics, () => 1);
      if (matched < window.length) {
        const firstSlot = slots[window[0] ?? 0];
        const lastSlot = slots[window[window.length - 1] ?? 0];
        if (firstSlot && lastSlot) {
          const clinics = new Set(window.flatMap((s) => eligibleClinics(s)));
          reasons.push({
            kind: 'spacing_window',
            from: firstSlot.date,
            to: lastSlot.date,
            shift: null,
            params: {
              from: firstSlot.date,
              to: lastSlot.date,
              count: window.length,
              clinics: clinics.size,
              minDays,
              matched,
            },
            message:
              `${dateLabel(firstSlot.date, firstSlot.day.holidayName)}〜${dateLabel(lastSlot.date, lastSlot.day.holidayName)}の当番${window.length}件を埋められません。` +
              `担当できる診療所は${clinics.size}か所で、1か所は${minDays}日以内に1回しか担当できないため（間隔${minDays}日の規則）、最大${matched}件までです。`,
          });
        }
        start += minDays;
      } else start += 1;
    }
  }
  if (reasons.length > 0) return reasons;

  const months = [...new Set(slots.map((slot) => slot.month))];
  for (const month of months) {
    const inMonth = slots.filter((slot) => slot.month === month).map((slot) => slot.index);
    const days = new Set(inMonth.map((s) => slots[s]?.date)).size;
    const fixedIn = (c: number) =>
      problem.fixedDuties.filter(
        (duty) => duty.organizationId === problem.members[c]?.organizationId && duty.date.startsWith(month),
      ).length;
    const spacingLimit = minDays >= 1 ? Math.floor((days - 1) / minDays) + 1 : Number.POSITIVE_INFINITY;
    const capacity = (c: number) => Math.max(0, Math.min(maxPerMonth - fixedIn(c), spacingLimit));
    const matched = maxMatching(inMonth, eligibleClinics, capacity);
    if (matched < inMonth.length) {
      const [year, monthNumber] = month.split('-').map(Number);
      reasons.push({
        kind: 'monthly_capacity',
        from: `${month}-01`,
        to: slots[inMonth[inMonth.length - 1] ?? 0]?.date ?? `${month}-01`,
        shift: null,
        params: { month, count: inMonth.length, maxPerMonth, matched },
        message:
          `${year}年${monthNumber}月の当番${inMonth.length}件に対し、各診療所の月${maxPerMonth}回までの上限と担当不可の申告では最大${matched}件しか割り当てられません。` +
          '上限を上げるか、参加する診療所を増やしてください。',
      });
      if (reasons.length >= maxReasons) break;
    }
  }
  return reasons;
}

/** The total duties the clinics can take is below the number of slots (flow part infeasible). */
export function totalCapacityReason(problem: RosterProblem, slotCount: number, shortfall: number): InfeasibilityReason {
  return {
    kind: 'total_capacity',
    from: problem.from,
    to: problem.to,
    shift: null,
    params: {
      count: slotCount,
      shortfall,
      minDays: problem.settings.minDaysBetweenDuties,
      maxPerMonth: problem.settings.maxDutiesPerMonth,
    },
    message:
      `期間中の当番${slotCount}件のうち${shortfall}件は、間隔${problem.settings.minDaysBetweenDuties}日・月${problem.settings.maxDutiesPerMonth}回の上限と担当不可の申告のもとでは` +
      'どの診療所にも割り当てられません。上限を緩めるか、参加する診療所を増やしてください。',
  };
}

/** The generator could not fill `slot`: who could have taken it and what blocked each. */
export function searchFailure(
  problem: RosterProblem,
  slot: RosterSlot,
  eligibility: readonly Uint8Array[],
  ledger: DutyLedger,
  /** Whether an exhaustive search proved that no roster exists (small problems). */
  options: { isProven: boolean } = { isProven: false },
): InfeasibilityReason {
  const blocked = problem.members.flatMap((member, c) => {
    if ((eligibility[c]?.[slot.index] ?? 0) !== 1) return [];
    const conflicts = ledger.conflictingDays(c, slot.date).map((day) => ledger.dateOfDay(day));
    if (conflicts.length > 0) return [`${member.name}（${conflicts.join('・')}に当番）`];
    if (ledger.monthCount(c, slot.date) >= problem.settings.maxDutiesPerMonth)
      return [`${member.name}（${slot.month}は既に${problem.settings.maxDutiesPerMonth}回）`];
    return [member.name];
  });
  return {
    kind: 'search_failed',
    from: slot.date,
    to: slot.date,
    shift: slot.shift,
    params: {
      date: slot.date,
      shift: slot.shift,
      minDays: problem.settings.minDaysBetweenDuties,
      maxPerMonth: problem.settings.maxDutiesPerMonth,
      variant: options.isProven ? 'proven' : 'open',
    },
    message:
      `${slotLabel(slot)}を埋められませんでした。担当できる診療所はいずれも間隔${problem.settings.minDaysBetweenDuties}日または月${problem.settings.maxDutiesPerMonth}回の上限に当たっています` +
      `（${blocked.slice(0, 6).join('、')}${blocked.length > 6 ? '、ほか' : ''}）。` +
      (options.isProven
        ? 'すべての組み合わせを調べましたが、条件を満たす輪番表はありません。上限・間隔・不可日を見直してください。'
        : '条件を満たす輪番表が存在しないとは証明できていません。上限や不可日を見直すと作成できる可能性があります。'),
  };
}
