/**
 * 地域の分析 (/analytics; the city, and the association, the Center and the operator who may read the same figures):
 * per ward, the supply of home care (organisations by kind, acceptance status and how stale it is) against demand
 * (discharge cases per role, procedure and patient group), where discharges get stuck, and the population with its
 * 出典 and demand per 10,000 people — from GET /api/v1/analytics/areas — and the acute events at home per ward for the
 * same period (GET /api/v1/analytics/acute-events). Small groups of people are suppressed by the server; each such cell
 * shows the mark and the note says why. Every table (each area's breakdown included) downloads as one CSV, suppressed
 * counts still suppressed, with the 出典 lines.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  acutePeriodOf,
  defaultRecentDays,
  recentDaysChoices,
  useAcuteEventSummary,
  useAreaAnalytics,
  type AcuteEventSummary,
  type AreaAnalytics,
} from '../../api/analytics';
import { usePublicConfig } from '../../api/queries';
import type { DataSource } from '../../api/types';
import { formatDate, formatDateTime } from '../../format';
import { useServerText } from '../../i18n/server-text';
import { sourceLines } from '../../components/source-lines';
import { usePageTitle } from '../../usePageTitle';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { SourceLines } from '../../components/SourceLines';
import { publicDataSources } from '../../components/directory/sources';
import {
  areaName,
  CapabilitiesTable,
  CapacityByKindTable,
  CapacityTable,
  DemandTable,
  KindsTable,
  NeedsTable,
  RolesTable,
} from './AreaTables';
import { PopulationTable, RatesTable } from './PopulationTables';
import { AcuteEventTable, acuteAreaName } from './AcuteEventTable';
import { analyticsCsv } from './analytics-csv';
import './analytics.css';

function Notes({ data }: { data: AreaAnalytics }) {
  const { t } = useTranslation('analytics');
  const threshold = data.suppression.threshold;
  return (
    <section className="alert alert-info analytics-notes" aria-labelledby="notes-title">
      <h2 id="notes-title" className="sources-title">
        {t('notes.title')}
      </h2>
      <p>{t('notes.suppression', { count: threshold, max: threshold - 1 })}</p>
      <p>{t('notes.organizations')}</p>
      <p>{t('notes.stale', { days: data.staleAfterDays, count: data.staleAfterDays })}</p>
      <p>{data.areaLevels.hasDistricts ? t('notes.areaLevelsWithDistricts') : t('notes.areaLevels')}</p>
      <p>{data.population.isAvailable ? t('notes.populationAvailable') : t('notes.population')}</p>
    </section>
  );
}

/** The breakdown of one area: per team role, per kind, per procedure and per patient group. */
function AreaBreakdown({ data, areaCode }: { data: AreaAnalytics; areaCode: string }) {
  const area = data.areas.find((candidate) => candidate.areaCode === areaCode) ?? data.areas[0];
  if (!area) return null;
  const threshold = data.suppression.threshold;
  return (
    <>
      <RolesTable area={area} threshold={threshold} />
      <CapacityByKindTable area={area} />
      <NeedsTable area={area} threshold={threshold} kind="procedures" />
      <NeedsTable area={area} threshold={threshold} kind="groups" />
    </>
  );
}

/** Hands the text to the browser as a file (UTF-8 with a byte-order mark, so that Excel reads the Japanese). */
function downloadText(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** The CSV of every table shown, with the notes and the 出典 lines (public data and population). */
function CsvDownload({
  data,
  acute,
  sources,
}: {
  data: AreaAnalytics;
  acute: AcuteEventSummary | null;
  sources: DataSource[];
}) {
  const { t, i18n } = useTranslation('analytics');
  const { t: common } = useTranslation();
  const serverText = useServerText();
  const language = i18n.language === 'en' ? 'en' : 'ja';
  const download = () => {
    const lines = sourceLines(
      [...sources, ...data.population.sources],
      language,
      serverText.dataSource,
      (key, params) => common(key, params),
    ).map((line) => line.text);
    const text = analyticsCsv({
      data,
      acute,
      t: (key, options) => t(key, options),
      areaName: (area) => areaName(area, t, i18n),
      acuteAreaName: (row) => acuteAreaName(row, t, i18n),
      asOf: formatDateTime(data.asOf, i18n.language),
      acutePeriod: acute
        ? { from: formatDate(acute.from, i18n.language), to: formatDate(acute.to, i18n.language) }
        : null,
      sources: lines,
    });
    downloadText(text, `renkei-area-analytics-${data.asOf.slice(0, 10)}-${data.recentDays}d.csv`);
  };
  return (
    <div className="analytics-csv">
      <button type="button" className="button button-secondary" onClick={download}>
        {t('csv.download')}
      </button>
      <p className="muted small">{t('csv.hint')}</p>
    </div>
  );
}

export function AreaAnalyticsPage() {
  const { t, i18n } = useTranslation('analytics');
  usePageTitle(t('title'));
  const [recentDays, setRecentDays] = useState<number>(defaultRecentDays);
  const [areaCode, setAreaCode] = useState('');
  const figures = useAreaAnalytics(recentDays);
  const config = usePublicConfig();
  const data = figures.data;
  const selectedArea = areaCode || (data?.areas[0]?.areaCode ?? '');
  const acute = useAcuteEventSummary(data && !figures.isPlaceholderData ? acutePeriodOf(data) : null);
  const sources = publicDataSources(config.data?.sources ?? []);

  return (
    <>
      <h1>{t('title')}</h1>
      <p className="lead">{t('lead')}</p>
      <div className="search-form" role="group" aria-label={t('filterLabel')}>
        <SelectField
          label={t('period')}
          value={String(recentDays)}
          onChange={(event) => setRecentDays(Number(event.target.value))}
        >
          {recentDaysChoices.map((days) => (
            <option key={days} value={days}>
              {t('periodOption', { count: days })}
            </option>
          ))}
        </SelectField>
      </div>
      <ErrorAlert error={figures.error} />
      {figures.isPending ? <p role="status">{t('common.loading')}</p> : null}
      {data ? (
        <>
          <p className="muted" role="status">
            {figures.isPlaceholderData
              ? t('updating')
              : t('asOf', { at: formatDateTime(data.asOf, i18n.language), days: data.recentDays })}
          </p>
          <Notes data={data} />
          <CsvDownload data={data} acute={acute.data ?? null} sources={sources} />

          <section className="section" aria-labelledby="supply-title">
            <h2 id="supply-title">{t('sections.supply')}</h2>
            <KindsTable areas={data.areas} />
            <CapabilitiesTable areas={data.areas} />
            <CapacityTable areas={data.areas} />
          </section>

          <section className="section" aria-labelledby="demand-title">
            <h2 id="demand-title">{t('sections.demand')}</h2>
            <DemandTable data={data} />
          </section>

          {data.population.isAvailable ? (
            <section className="section" aria-labelledby="population-title">
              <h2 id="population-title">{t('sections.population')}</h2>
              <PopulationTable data={data} />
              <RatesTable data={data} />
            </section>
          ) : null}

          <section className="section" aria-labelledby="acute-title">
            <h2 id="acute-title">{t('sections.acute')}</h2>
            <ErrorAlert error={acute.error} />
            {acute.data ? (
              <AcuteEventTable summary={acute.data} />
            ) : acute.isPending ? (
              <p role="status">{t('acute.loading')}</p>
            ) : null}
          </section>

          <section className="section" aria-labelledby="detail-title">
            <h2 id="detail-title">{t('detail.title')}</h2>
            <div className="search-form">
              <SelectField
                label={t('detail.area')}
                value={selectedArea}
                onChange={(event) => setAreaCode(event.target.value)}
              >
                {data.areas.map((area) => (
                  <option key={area.areaCode} value={area.areaCode}>
                    {areaName(area, t, i18n, 'fullName')}
                  </option>
                ))}
              </SelectField>
            </div>
            <AreaBreakdown data={data} areaCode={selectedArea} />
          </section>
        </>
      ) : null}
      <p className="muted small">{t('source.data')}</p>
      <SourceLines sources={sources} />
    </>
  );
}
