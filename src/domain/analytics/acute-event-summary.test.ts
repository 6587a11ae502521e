import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { answeringRoles, summariseAcuteEvents, type AcuteEventFacts, type SummaryArea } from './acute-event-summary.js';

const areas: SummaryArea[] = [
  { code: '33100', name: '岡山市', kind: 'city', parentCode: null },
  { code: '33101', name: '北区', kind: 'ward', parentCode: '33100' },
  { code: '33102', name: '中区', kind: 'ward', parentCode: '33100' },
  { code: '33103', name: '東区', kind: 'ward', parentCode: '33100' },
  { code: '33104', name: '南区', kind: 'ward', parentCode: '33100' },
];

function event(areaCode: string | null, values: Partial<AcuteEventFacts> = {}): AcuteEventFacts {
  return {
    areaCode,
    responderRole: 'primary_doctor',
    answeredAfterMinutes: 10,
    admitted: false,
    reached119: false,
    ...values,
  };
}

const many = (count: number, areaCode: string | null, values: Partial<AcuteEventFacts> = {}) =>
  Array.from({ length: count }, () => event(areaCode, values));

describe('acute-event figures per area', () => {
  it('lists every ward, whatever it holds: one event in 北区 tells nothing by its row', () => {
    const result = summariseAcuteEvents([event('33101')], { areas, threshold: 10 });
    expect(result.areas.map((row) => [row.areaCode, row.events, row.isSuppressed])).toEqual([
      ['33101', null, true],
      ['33102', 0, false],
      ['33103', 0, false],
      ['33104', 0, false],
    ]);
    // The total would be 北区's 1 again: hidden too.
    expect(result.total).toMatchObject({ areaCode: null, events: null, isSuppressed: true });
  });

  it('hides a ward that the total minus the shown wards would give back', () => {
    const result = summariseAcuteEvents([...many(12, '33101'), ...many(3, '33102')], { areas, threshold: 10 });
    const events = Object.fromEntries(result.areas.map((row) => [row.areaCode, row.events]));
    expect(events).toEqual({ '33101': null, '33102': null, '33103': 0, '33104': 0 });
    expect(result.total.events).toBe(15);
  });

  it('hides a part whose rest would be a small group, and the first responders that would give one back', () => {
    // 北区: 20 events, 18 answered by the primary doctor, 2 by nobody → 18 would tell that 2 went unanswered.
    const rows = [...many(18, '33101'), ...many(2, '33101', { responderRole: null, answeredAfterMinutes: null })];
    const result = summariseAcuteEvents(rows, { areas, threshold: 10 });
    const kita = result.areas[0];
    expect(kita?.events).toBe(20);
    expect(kita?.responded).toBeNull();
    expect(kita?.respondedBy.primary_doctor).toBeNull();
    expect(kita?.respondedBy.on_duty).toBe(0);
    // 10 answered by the primary doctor of 12: the other 2 would show.
    const twelve = summariseAcuteEvents([...many(10, '33101'), ...many(2, '33101', { responderRole: 'on_duty' })], {
      areas,
      threshold: 10,
    }).areas[0];
    expect(twelve).toMatchObject({ events: 12, responded: 12 });
    expect(twelve?.respondedBy).toMatchObject({ primary_doctor: null, on_duty: null, secondary_doctor: 0 });
    expect(kita?.medianMinutesToAnswer).toBe(10);
  });

  it('counts the events of no ward in the total only, never recoverable when few', () => {
    const result = summariseAcuteEvents([...many(10, '33101'), ...many(10, '33102'), ...many(2, null)], {
      areas,
      threshold: 10,
    });
    const shown = result.areas.filter((row) => row.events !== null).reduce((sum, row) => sum + (row.events ?? 0), 0);
    expect(result.total.events === null || result.total.events - shown === 0 || result.total.events - shown >= 10).toBe(
      true,
    );
  });

  it('never shows 1–9 and leaves no small group between the total and the wards (property)', () => {
    const facts = fc.record({
      areaCode: fc.constantFrom('33101', '33102', '33103', '33104', null),
      responderRole: fc.constantFrom(...answeringRoles, null),
      answeredAfterMinutes: fc.constant(5),
      admitted: fc.boolean(),
      reached119: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 80 }), (events) => {
        const result = summariseAcuteEvents(events, { areas, threshold: 10 });
        for (const row of [...result.areas, result.total]) {
          const counts = [row.events, row.responded, row.admissions, row.reached119, ...Object.values(row.respondedBy)];
          for (const count of counts) if (count !== null) expect(count === 0 || count >= 10).toBe(true);
          // With the events shown, a part shown beside it leaves a rest of nobody or of 10 or more.
          if (row.events !== null)
            for (const part of [row.responded, row.admissions, row.reached119, ...Object.values(row.respondedBy)])
              if (part !== null) expect(row.events - part === 0 || row.events - part >= 10).toBe(true);
        }
        if (result.total.events !== null) {
          const wards = result.areas.map((row) => row.events);
          const rest = result.total.events - wards.reduce<number>((sum, count) => sum + (count ?? 0), 0);
          expect(rest === 0 || rest >= 10).toBe(true);
        }
      }),
    );
  });
});
