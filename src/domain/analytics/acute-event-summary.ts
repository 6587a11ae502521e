/**
 * The acute-event figures per area (pure): events, events someone other than 119 answered (and which role answered
 * first), admissions, events that reached 119, the median minutes to the first answer. They count people's
 * emergencies, so they are suppressed by the rule of every figure Renkei gives the city (small-groups.ts): no count of
 * 1–9, and none that the sums would give back — an area within its parent, the total beside the areas, a part beside
 * its whole (responded, admitted, 119 and each first responder within events; the first responders within responded).
 * Every area is listed whatever it holds, 0 shown as 0, so that the presence of a row says nothing.
 */
import { suppressedCells, type SumConstraint } from './small-groups.js';

/** The roles that can answer first (119 is not an answer from the team). */
export const answeringRoles = ['primary_doctor', 'secondary_doctor', 'on_duty', 'backup_hospital'] as const;
export type AnsweringRole = (typeof answeringRoles)[number];

export type AcuteEventFacts = {
  /** The patient's area (null: outside every area or not located). */
  areaCode: string | null;
  /** Who answered first (not 119), null when nobody did. */
  responderRole: AnsweringRole | null;
  /** Minutes to that answer, when recorded. */
  answeredAfterMinutes: number | null;
  admitted: boolean;
  reached119: boolean;
};

export type SummaryArea = { code: string; name: string; kind: string; parentCode: string | null };

export type AcuteEventRow = {
  areaCode: string | null;
  areaName: string | null;
  /** Each count is null when it is suppressed; 0 is shown. */
  events: number | null;
  responded: number | null;
  respondedBy: Record<AnsweringRole, number | null>;
  admissions: number | null;
  reached119: number | null;
  /** Only from `threshold` recorded answers up, and only where the number of events is shown. */
  medianMinutesToAnswer: number | null;
  /** The number of events is suppressed. */
  isSuppressed: boolean;
};

const totalPlace = 'total';
const metrics = [
  'events',
  'responded',
  ...answeringRoles.map((role) => `by:${role}`),
  'admissions',
  'reached119',
] as const;

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? null) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Every area (the city is not listed: it is not published on its own, `total` is everything) and the total of all
 * events, the unlocated ones included; the city-level areas stay as derived sums so that nothing leaks through them.
 */
export function summariseAcuteEvents(
  events: readonly AcuteEventFacts[],
  options: { areas: readonly SummaryArea[]; threshold: number },
): { areas: AcuteEventRow[]; total: AcuteEventRow } {
  const known = new Map(options.areas.map((area) => [area.code, area]));
  const ancestorsOf = (code: string | null): string[] => {
    const chain: string[] = [];
    for (let current = code; current !== null && known.has(current) && !chain.includes(current);) {
      chain.push(current);
      current = known.get(current)?.parentCode ?? null;
    }
    return chain;
  };
  const places = [...options.areas.map((area) => area.code), totalPlace];
  const id = (metric: string, place: string) => `${metric}|${place}`;
  const values = new Map<string, number>();
  for (const metric of metrics) for (const place of places) values.set(id(metric, place), 0);
  const minutes = new Map<string, number[]>(places.map((place) => [place, []]));
  for (const event of events) {
    const tags: string[] = ['events'];
    if (event.responderRole !== null) tags.push('responded', `by:${event.responderRole}`);
    if (event.admitted) tags.push('admissions');
    if (event.reached119) tags.push('reached119');
    for (const place of [...ancestorsOf(event.areaCode), totalPlace]) {
      for (const tag of tags) values.set(id(tag, place), (values.get(id(tag, place)) ?? 0) + 1);
      if (event.responderRole !== null && event.answeredAfterMinutes !== null)
        minutes.get(place)?.push(event.answeredAfterMinutes);
    }
  }
  // The city (and any area not listed) is a sum never published on its own.
  const derived = new Set<string>();
  for (const area of options.areas)
    if (area.kind === 'city') for (const metric of metrics) derived.add(id(metric, area.code));
  const constraints: SumConstraint[] = [];
  const addDerived = (key: string, value: number) => {
    values.set(key, value);
    derived.add(key);
    return key;
  };
  const sumOf = (keys: readonly string[]) => keys.reduce((sum, key) => sum + (values.get(key) ?? 0), 0);
  const roots = options.areas.filter((area) => area.parentCode === null || !known.has(area.parentCode));
  for (const metric of metrics) {
    // An area is its children plus the events placed on it directly; the total is the top areas plus the unlocated.
    const sums: [string, string[]][] = [
      ...options.areas.map((area): [string, string[]] => [
        area.code,
        options.areas.filter((child) => child.parentCode === area.code).map((child) => child.code),
      ]),
      [totalPlace, roots.map((area) => area.code)],
    ];
    for (const [place, children] of sums) {
      if (children.length === 0) continue;
      const parts = children.map((child) => id(metric, child));
      const rest = (values.get(id(metric, place)) ?? 0) - sumOf(parts);
      if (rest > 0) parts.push(addDerived(id(`${metric}~direct`, place), rest));
      constraints.push({ total: id(metric, place), parts });
    }
  }
  for (const place of places) {
    // A part and the rest of the events (responded, admitted, 119, each first responder), and the first responders as
    // a partition of responded.
    for (const part of ['responded', 'admissions', 'reached119', ...answeringRoles.map((role) => `by:${role}`)]) {
      const rest = addDerived(
        id(`${part}~rest`, place),
        (values.get(id('events', place)) ?? 0) - (values.get(id(part, place)) ?? 0),
      );
      constraints.push({ total: id('events', place), parts: [id(part, place), rest] });
    }
    constraints.push({
      total: id('responded', place),
      parts: answeringRoles.map((role) => id(`by:${role}`, place)),
    });
  }
  const hidden = suppressedCells({ values, derived, constraints, threshold: options.threshold });
  const cell = (metric: string, place: string) =>
    hidden.has(id(metric, place)) ? null : (values.get(id(metric, place)) ?? 0);
  const rowOf = (place: string, area: SummaryArea | null): AcuteEventRow => {
    const count = cell('events', place);
    const answered = minutes.get(place) ?? [];
    return {
      areaCode: area?.code ?? null,
      areaName: area?.name ?? null,
      events: count,
      responded: cell('responded', place),
      respondedBy: Object.fromEntries(answeringRoles.map((role) => [role, cell(`by:${role}`, place)])) as Record<
        AnsweringRole,
        number | null
      >,
      admissions: cell('admissions', place),
      reached119: cell('reached119', place),
      medianMinutesToAnswer: count !== null && answered.length >= options.threshold ? median(answered) : null,
      isSuppressed: count === null,
    };
  };
  return {
    areas: options.areas.filter((area) => area.kind !== 'city').map((area) => rowOf(area.code, area)),
    total: rowOf(totalPlace, null),
  };
}
