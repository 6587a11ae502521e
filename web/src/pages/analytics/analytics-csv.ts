/**
 * 地域の分析 as one CSV (pure; the page downloads it): every table of the page — the breakdown of every area, not only
 * the one chosen — with the same headings, in the language shown. A count the server suppressed stays suppressed
 * (「＊非表示」, never a number or an empty cell); a figure the data lacks reads as on the page (「データなし」, 「—」).
 * The notes on what each table counts and why counts are hidden, and the 出典 lines, come last.
 * RFC 4180: comma-separated, CRLF, a field quoted when it holds a comma, a quote or a line break; the page adds the
 * UTF-8 byte-order mark so that Excel reads the Japanese. Its `t` is the page's useTranslation('analytics'), so the keys
 * below are that namespace's (i18n.test.ts checks them).
 */
import { teamRoles } from '../../api/case-codes';
import { patientGroups, procedures, type OrganizationKind } from '../../codes';
import {
  answeringRoles,
  capacityKinds,
  type AcuteEventAreaSummary,
  type AcuteEventSummary,
  type AreaAnalytics,
  type AreaFigures,
  type Capacity,
  type CountCell,
  type PopulationFigure,
  type RateCell,
} from '../../api/analytics';

/** The kinds compared between wards: those that take part in care at home. */
export const careKinds: readonly OrganizationKind[] = [...capacityKinds, 'community_support_center', 'care_service'];

export const capabilityKeys = [
  'homeVisitClinics',
  'homeCareSupportClinics',
  'homeVisitOnlyClinics',
  'available24h',
  'clinics24h',
  'visitingNursing24h',
] as const;

const populationFigures: readonly PopulationFigure[] = ['total', 'aged65plus', 'aged75plus', 'careCertified'];
const rateKeys = [
  'openCasesPerAged65plus',
  'recentlyDischargedPerAged65plus',
  'openCasesPerPopulation',
  'recentlyDischargedPerPopulation',
] as const;

export type Translate = (key: string, options?: Record<string, unknown>) => string;

export type CsvInput = {
  data: AreaAnalytics;
  /** The acute-event figures of the same period, when loaded. */
  acute: AcuteEventSummary | null;
  /** The analytics namespace's translation. */
  t: Translate;
  /** An area as a row or column heading (AreaTables.tsx areaName). */
  areaName: (area: AreaFigures) => string;
  /** A row of the acute-event table as its heading (AcuteEventTable.tsx acuteAreaName). */
  acuteAreaName: (row: AcuteEventAreaSummary) => string;
  /** When the figures were made, as the page writes it. */
  asOf: string;
  /** The acute-event period as the caption says it. */
  acutePeriod: { from: string; to: string } | null;
  /** The 出典 lines of the page (public data and population), each once. */
  sources: readonly string[];
};

type Field = string | number;

/** One field, quoted when it must be. */
export function csvField(value: Field): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvText(rows: readonly (readonly Field[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

export function analyticsCsv(input: CsvInput): string {
  const { data, t } = input;
  const hidden = t('suppressed', { count: data.suppression.threshold });
  const count = (cell: CountCell): Field => (cell.suppressed || cell.count === null ? hidden : cell.count);
  const rate = (cell: RateCell): Field => (cell.suppressed ? hidden : cell.value === null ? t('none') : cell.value);
  const per = (data.areas[0]?.demand.rates.per ?? 10000).toLocaleString('ja-JP');
  const rows: Field[][] = [];
  const table = (caption: string, header: Field[], body: Field[][]) => {
    rows.push([], [caption], header, ...body);
  };

  rows.push(
    [t('csv.title')],
    [t('csv.asOf'), input.asOf],
    [t('csv.period'), t('periodOption', { count: data.recentDays })],
  );

  table(
    t('kinds.caption'),
    [t('kinds.kind'), ...data.areas.map(input.areaName)],
    careKinds.map((kind) => [
      t(`codes.kind.${kind}`),
      ...data.areas.map((area) => area.supply.organizationsByKind[kind]),
    ]),
  );
  table(
    t('capabilities.caption'),
    [t('capabilities.capability'), ...data.areas.map(input.areaName)],
    capabilityKeys.map((key) => [t(`capabilities.${key}`), ...data.areas.map((area) => area.supply.capabilities[key])]),
  );

  const capacityHeader = [
    t('capacity.organizations'),
    t('capacity.reporting'),
    t('capacity.accepting'),
    t('capacity.limited'),
    t('capacity.full'),
    t('capacity.stale'),
    t('capacity.freeSlotsFresh'),
    t('capacity.freeSlots'),
  ];
  const capacityCells = (capacity: Capacity): Field[] => [
    capacity.organizations,
    capacity.reporting,
    capacity.accepting,
    capacity.limited,
    capacity.full,
    capacity.staleShare === null
      ? capacity.stale
      : t('capacity.staleValue', { count: capacity.stale, share: percent(capacity.staleShare) }),
    capacity.freeSlotsFresh,
    capacity.freeSlots,
  ];
  table(
    t('capacity.caption'),
    [t('capacity.area'), ...capacityHeader],
    data.areas.map((area) => [input.areaName(area), ...capacityCells(area.supply.capacity)]),
  );

  table(
    t('demand.caption'),
    [
      t('demand.area'),
      t('demand.openCases'),
      t('demand.recentlyDischarged'),
      t('demand.openWithUnfilledRoles'),
      t('demand.pastPlannedDischarge'),
      t('demand.medianDaysOpen'),
    ],
    [
      ...data.areas.map((area) => [
        input.areaName(area),
        count(area.demand.openCases),
        count(area.demand.recentlyDischarged),
        count(area.stuck.openWithUnfilledRoles),
        count(area.stuck.pastPlannedDischarge),
        area.stuck.medianDaysOpen === null ? t('none') : area.stuck.medianDaysOpen,
      ]),
      [t('csv.unlocated'), count(data.unlocated.openCases), count(data.unlocated.recentlyDischarged), '', '', ''],
    ],
  );

  if (data.population.isAvailable) {
    table(
      t('population.caption'),
      [t('population.area'), ...populationFigures.map((figure) => t(`population.figure.${figure}`))],
      data.areas.map((area) => [
        input.areaName(area),
        ...populationFigures.map((figure): Field => {
          const value = area.demand.population[figure];
          if (value === null) return t('population.noData');
          const source = area.demand.population.sources.find((candidate) => candidate.figures.includes(figure));
          return source?.confidence === 'secondary' ? `${value}${t('population.secondaryMark')}` : value;
        }),
      ]),
    );
    table(
      t('rates.caption', { per }),
      [t('rates.area'), ...rateKeys.map((key) => t(`rates.${key}`))],
      data.areas.map((area) => [input.areaName(area), ...rateKeys.map((key) => rate(area.demand.rates[key]))]),
    );
  }

  const allAreas = t('csv.allAreas');
  table(
    t('roles.caption', { area: allAreas }),
    [
      t('detail.area'),
      t('roles.role'),
      t('roles.organizations'),
      t('roles.accepting'),
      t('roles.freeSlotsFresh'),
      t('roles.open'),
      t('roles.recent'),
      t('roles.unfilled'),
    ],
    data.areas.flatMap((area) =>
      teamRoles.map((role) => {
        const figures = area.roles[role];
        return [
          input.areaName(area),
          t(`teamRole.${role}`),
          figures.supply.organizations,
          figures.supply.accepting,
          figures.supply.freeSlotsFresh,
          count(figures.demand.open),
          count(figures.demand.recent),
          count(figures.unfilled),
        ];
      }),
    ),
  );
  table(
    t('capacity.captionByKind', { area: allAreas }),
    [t('detail.area'), t('capacity.kind'), ...capacityHeader],
    data.areas.flatMap((area) =>
      capacityKinds.map((kind) => [
        input.areaName(area),
        t(`codes.kind.${kind}`),
        ...capacityCells(area.supply.capacityByKind[kind]),
      ]),
    ),
  );
  table(
    t('procedures.caption', { area: allAreas }),
    [
      t('detail.area'),
      t('procedures.procedure'),
      t('procedures.organizations'),
      t('procedures.open'),
      t('procedures.recent'),
    ],
    data.areas.flatMap((area) =>
      procedures.map((code) => [
        input.areaName(area),
        t(`codes.procedure.${code}`),
        area.supply.capabilities.procedures[code],
        count(area.demand.procedures[code].open),
        count(area.demand.procedures[code].recent),
      ]),
    ),
  );
  table(
    t('groups.caption', { area: allAreas }),
    [t('detail.area'), t('groups.group'), t('groups.organizations'), t('groups.open'), t('groups.recent')],
    data.areas.flatMap((area) =>
      patientGroups.map((code) => [
        input.areaName(area),
        t(`codes.patientGroup.${code}`),
        area.supply.capabilities.groups[code],
        count(area.demand.groups[code].open),
        count(area.demand.groups[code].recent),
      ]),
    ),
  );

  if (input.acute && input.acutePeriod) {
    const acute = input.acute;
    const acuteHidden = t('suppressed', { count: acute.suppressBelow });
    const acuteCount = (value: number | null): Field => (value === null ? acuteHidden : value);
    table(
      t('acute.caption', input.acutePeriod),
      [
        t('acute.area'),
        t('acute.events'),
        t('acute.responded'),
        ...answeringRoles.map((role) => t(`acute.role.${role}`)),
        t('acute.admissions'),
        t('acute.reached119'),
        t('acute.median'),
      ],
      [...acute.areas, acute.total].map((row) => [
        input.acuteAreaName(row),
        acuteCount(row.events),
        acuteCount(row.responded),
        ...answeringRoles.map((role) => acuteCount(row.respondedBy[role])),
        acuteCount(row.admissions),
        acuteCount(row.reached119),
        row.medianMinutesToAnswer === null ? t('none') : row.medianMinutesToAnswer,
      ]),
    );
  }
  const threshold = data.suppression.threshold;
  const notes = [
    t('notes.suppression', { count: threshold, max: threshold - 1 }),
    t('notes.organizations'),
    t('notes.stale', { days: data.staleAfterDays, count: data.staleAfterDays }),
    t('kinds.note'),
    t('roles.note'),
    t('procedures.note'),
    t('groups.note'),
    ...(input.acute ? [t('acute.note')] : []),
    ...(data.population.isAvailable ? [t('rates.note', { per })] : []),
    t('source.data'),
  ];
  rows.push([], [t('csv.notes')], ...notes.map((note) => [note]));
  rows.push([], [t('csv.sources')], ...input.sources.map((line) => [line]));
  return csvText(rows);
}
