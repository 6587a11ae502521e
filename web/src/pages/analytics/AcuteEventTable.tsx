/**
 * 在宅患者の急変 on 地域の分析: per ward (every ward, with or without events) and in total, the acute events recorded on
 * the cases, who answered first, admissions and calls that came to 119, from GET /api/v1/analytics/acute-events for the
 * period of the page. The server suppresses small counts (null); each shows the mark, 0 shows as 0.
 */
import { useTranslation } from 'react-i18next';
import type { i18n as I18n, TFunction } from 'i18next';
import { answeringRoles, countCellOf, type AcuteEventAreaSummary, type AcuteEventSummary } from '../../api/analytics';
import { DataTable } from '../../components/DataTable';
import { wardNameIn } from '../../components/public/ward-names';
import { formatDate } from '../../format';
import { CountCell, NumberCell } from './CountValue';

const tableClass = 'data-table stack-on-phone analytics-table';

/** A row's heading: the ward in the language shown, or the total. */
export function acuteAreaName(row: AcuteEventAreaSummary, t: TFunction<'analytics'>, i18n: I18n): string {
  if (row.areaCode === null) return t('acute.total');
  const name = row.areaName ?? row.areaCode;
  return wardNameIn(i18n, { code: row.areaCode, name, fullName: name });
}

/** The columns of the table, in order: heading key and the count of a row. */
export const acuteColumns: readonly { key: string; count: (row: AcuteEventAreaSummary) => number | null }[] = [
  { key: 'acute.events', count: (row) => row.events },
  { key: 'acute.responded', count: (row) => row.responded },
  ...answeringRoles.map((role) => ({
    key: `acute.role.${role}`,
    count: (row: AcuteEventAreaSummary) => row.respondedBy[role],
  })),
  { key: 'acute.admissions', count: (row) => row.admissions },
  { key: 'acute.reached119', count: (row) => row.reached119 },
];

export function AcuteEventTable({ summary }: { summary: AcuteEventSummary }) {
  const { t, i18n } = useTranslation('analytics');
  const threshold = summary.suppressBelow;
  const rows = [...summary.areas, summary.total];
  return (
    <>
      <DataTable
        id="acute-caption"
        caption={t('acute.caption', {
          from: formatDate(summary.from, i18n.language),
          to: formatDate(summary.to, i18n.language),
        })}
        className={tableClass}
      >
        <thead>
          <tr>
            <th scope="col">{t('acute.area')}</th>
            {acuteColumns.map((column) => (
              <th scope="col" key={column.key}>
                {t(column.key)}
              </th>
            ))}
            <th scope="col">{t('acute.median')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.areaCode ?? 'total'}>
              <th scope="row">{acuteAreaName(row, t, i18n)}</th>
              {acuteColumns.map((column) => (
                <CountCell
                  key={column.key}
                  label={t(column.key)}
                  cell={countCellOf(column.count(row))}
                  threshold={threshold}
                />
              ))}
              <NumberCell
                label={t('acute.median')}
                value={
                  row.medianMinutesToAnswer === null
                    ? t('none')
                    : t('acute.minutes', { count: row.medianMinutesToAnswer })
                }
              />
            </tr>
          ))}
        </tbody>
      </DataTable>
      <p className="muted small">{t('acute.note')}</p>
    </>
  );
}
