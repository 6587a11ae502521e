import { describe, expect, it } from 'vitest';
import ja from '../../i18n/ja/analytics.json';
import { parseCsv } from '../../../../src/domain/imports/csv';
import { teamRoles } from '../../api/case-codes';
import { organizationKinds, patientGroups, procedures } from '../../codes';
import {
  capacityKinds,
  type AcuteEventAreaSummary,
  type AcuteEventSummary,
  type AreaAnalytics,
  type AreaFigures,
  type Capacity,
  type CountCell,
} from '../../api/analytics';
import { analyticsCsv, csvField, type Translate } from './analytics-csv';

/** The Japanese texts of the page, {{values}} filled in (enough of i18next for the CSV). */
const t: Translate = (key, options = {}) => {
  let value: unknown = ja;
  for (const part of key.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
  const text = typeof value === 'string' ? value : key;
  return text.replaceAll(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const filled = options[name];
    return typeof filled === 'string' || typeof filled === 'number' ? String(filled) : '';
  });
};

const zeros = <Key extends string>(keys: readonly Key[]) =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<Key, number>;
const shown = (count: number): CountCell => ({ count, suppressed: false });
const hidden: CountCell = { count: null, suppressed: true };
const capacity: Capacity = {
  organizations: 3,
  reporting: 2,
  accepting: 1,
  limited: 0,
  full: 1,
  freeSlots: 4,
  freeSlotsFresh: 2,
  stale: 1,
  staleShare: 0.5,
};

function area(code: string, name: string, kind: string, openCases: CountCell): AreaFigures {
  const openAndRecent = { open: shown(0), recent: shown(0) };
  return {
    areaCode: code,
    areaName: name,
    fullName: kind === 'city' ? name : `岡山市${name}`,
    kind,
    parentCode: kind === 'city' ? null : '33100',
    supply: {
      organizationsByKind: { ...zeros(organizationKinds), clinic: 12 },
      capabilities: {
        homeVisitClinics: 2,
        homeCareSupportClinics: 1,
        homeVisitOnlyClinics: 0,
        available24h: 1,
        clinics24h: 1,
        visitingNursing24h: 0,
        procedures: zeros(procedures),
        groups: zeros(patientGroups),
      },
      capacity,
      capacityByKind: Object.fromEntries(capacityKinds.map((entry) => [entry, capacity])) as Record<
        (typeof capacityKinds)[number],
        Capacity
      >,
    },
    demand: {
      openCases,
      recentlyDischarged: shown(0),
      procedures: Object.fromEntries(
        procedures.map((code) => [code, openAndRecent]),
      ) as AreaFigures['demand']['procedures'],
      groups: Object.fromEntries(patientGroups.map((code) => [code, openAndRecent])) as AreaFigures['demand']['groups'],
      population: { total: 1000, aged65plus: null, aged75plus: null, careCertified: null, sources: [] },
      rates: {
        per: 10000,
        openCasesPerAged65plus: { value: null, suppressed: false },
        recentlyDischargedPerAged65plus: { value: null, suppressed: false },
        openCasesPerPopulation: openCases.suppressed
          ? { value: null, suppressed: true }
          : { value: 1.5, suppressed: false },
        recentlyDischargedPerPopulation: { value: 0, suppressed: false },
      },
    },
    stuck: { openWithUnfilledRoles: openCases, pastPlannedDischarge: shown(0), medianDaysOpen: null },
    roles: Object.fromEntries(
      teamRoles.map((role) => [
        role,
        {
          supply: { organizations: 5, accepting: 2, freeSlotsFresh: 3 },
          demand: { open: openCases, recent: shown(0) },
          unfilled: openCases,
        },
      ]),
    ) as AreaFigures['roles'],
  };
}

const data: AreaAnalytics = {
  asOf: '2026-11-27T20:09:00.000+09:00',
  recentDays: 90,
  staleAfterDays: 14,
  suppression: { threshold: 10, appliesTo: 'people', note: '' },
  population: { isAvailable: true, note: '', sources: [] },
  areaLevels: { kinds: ['city', 'ward'], hasDistricts: false, note: '' },
  unlocated: { openCases: hidden, recentlyDischarged: shown(0) },
  areas: [
    area('33100', '岡山市', 'city', shown(17)),
    area('33101', '北区', 'ward', shown(17)),
    area('33102', '中区', 'ward', shown(0)),
    area('33103', '東区', 'ward', hidden),
  ],
};

const acuteRow = (areaCode: string | null, events: number | null): AcuteEventAreaSummary => ({
  areaCode,
  areaName: areaCode === null ? null : '北区',
  events,
  responded: events === null ? null : 0,
  respondedBy: { primary_doctor: null, secondary_doctor: 0, on_duty: null, backup_hospital: 0 },
  admissions: null,
  reached119: 0,
  medianMinutesToAnswer: null,
  isSuppressed: events === null,
});
const acute: AcuteEventSummary = {
  from: '2026-08-29',
  to: '2026-11-27',
  suppressBelow: 10,
  suppressionNote: '',
  areas: [acuteRow('33101', null)],
  total: acuteRow(null, null),
};

const csv = analyticsCsv({
  data,
  acute,
  t,
  areaName: (entry) => (entry.kind === 'city' ? '岡山市（全体）' : entry.areaName),
  acuteAreaName: (row) => row.areaName ?? '合計',
  asOf: '2026年11月27日(金) 20:09',
  acutePeriod: { from: '2026年8月29日(土)', to: '2026年11月27日(金)' },
  sources: [
    '出典：「コード内容別医療機関一覧表」（厚生局）を加工して作成',
    '出典：「介護保険事業状況報告」（厚生労働省）を加工して作成',
  ],
});
const rows = parseCsv(csv);
/** The body rows of the table under a caption, up to the next empty line. */
function tableUnder(caption: string): string[][] {
  const start = rows.findIndex((row) => row[0] === caption);
  expect(start, caption).toBeGreaterThan(-1);
  const end = rows.findIndex((row, index) => index > start && row.every((cell) => cell === ''));
  return rows.slice(start + 1, end === -1 ? undefined : end);
}

describe('地域の分析 as CSV', () => {
  it('quotes what must be quoted and ends lines with CRLF', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(12)).toBe('12');
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('keeps every suppressed count suppressed, and 0 as 0', () => {
    const demand = tableUnder('区ごとの需要と退院調整の滞り');
    expect(demand[0]?.[0]).toBe('地域');
    expect(demand.slice(1).map((row) => row.slice(0, 4))).toEqual([
      ['岡山市（全体）', '17', '0', '17'],
      ['北区', '17', '0', '17'],
      ['中区', '0', '0', '0'],
      ['東区', '＊非表示', '0', '＊非表示'],
      ['自宅の地域が分からないケース（市外・位置不明）', '＊非表示', '0', ''],
    ]);
    const rates = tableUnder('人口10,000人あたりの需要');
    expect(rates.find((row) => row[0] === '東区')?.[3]).toBe('＊非表示');
    // The breakdown of every area, not only the one chosen on screen.
    const roles = tableUnder('すべての地域: 役割ごとの需給');
    expect(roles).toHaveLength(1 + 4 * teamRoles.length);
    expect(roles.find((row) => row[0] === '東区' && row[1] === '主治医')).toEqual([
      '東区',
      '主治医',
      '5',
      '2',
      '3',
      '＊非表示',
      '0',
      '＊非表示',
    ]);
  });

  it('lists the acute events with their suppression and says what each table counts', () => {
    const acuteTable = tableUnder('区ごとの急変と対応（2026年8月29日(土)〜2026年11月27日(金)）');
    expect(acuteTable[1]).toEqual([
      '北区',
      '＊非表示',
      '＊非表示',
      '＊非表示',
      '0',
      '＊非表示',
      '0',
      '＊非表示',
      '0',
      '—',
    ]);
    expect(acuteTable[2]?.[0]).toBe('合計');
    const notes = tableUnder('集計について').flat();
    expect(notes.some((note) => note.startsWith('候補になる組織:'))).toBe(true);
    expect(notes.some((note) => note.includes('＊非表示'))).toBe(true);
  });

  it('ends with the 出典 lines', () => {
    expect(tableUnder('出典')).toEqual([
      ['出典：「コード内容別医療機関一覧表」（厚生局）を加工して作成'],
      ['出典：「介護保険事業状況報告」（厚生労働省）を加工して作成'],
    ]);
    expect(rows[0]).toEqual(['地域の分析（Renkei）']);
  });
});
